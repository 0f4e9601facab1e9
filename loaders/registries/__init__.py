"""Importers of the State's open registries, each in its publisher's own layout.

Typical use::

    dataset, summary = import_registry("siro", Path("siro.csv"), default_schema())
    write_import(dataset, summary, registry_info("siro"), ImportOptions(), Path("siro-import"))

Each module (``siro``, ``oflist``, ``rncp``, ``npec``) exposes ``INFO`` (a
:class:`RegistryInfo`) and ``read(path, builder, progress)``, which feeds an
:class:`ImportBuilder`. Modules are imported on demand: ``opcomap --help`` pays
for none of them.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from graph_model.models import Dataset
from graph_model.rules import actor_findings, relationship_findings
from graph_model.schema import Schema
from loaders.registries.core import (
    MANIFEST,
    Anchors,
    ImportBuilder,
    ImportOptions,
    ImportSummary,
    Progress,
    RegistryInfo,
    read_manifest,
    write_import,
)
from graph_model.errors import OpcomapError, Problem, ValidationFailed

# REGISTRY argument -> module of loaders.registries
MODULES = {"siro": "siro", "of-list": "oflist", "rncp": "rncp", "npec": "npec"}


def registry_module(name: str) -> ModuleType:
    if name not in MODULES:
        raise OpcomapError("problems.registry_unknown", name=name, known=", ".join(MODULES))
    return importlib.import_module(f"loaders.registries.{MODULES[name]}")


def registry_info(name: str) -> RegistryInfo:
    info: RegistryInfo = registry_module(name).INFO
    return info


def reference_anchors(schema: Schema, against: Dataset | None = None) -> Anchors:
    """The actors an import ties to: those of ``against``, else of the bundled reference map."""
    if against is None:
        from loaders import load_dataset
        from loaders.bundled import reference_dir

        against = load_dataset([reference_dir()], schema)
    return Anchors(against)


def import_registry(
    name: str, path: Path, schema: Schema, *, options: ImportOptions | None = None,
    anchors: Anchors | None = None, progress: Progress | None = None,
) -> tuple[Dataset, ImportSummary]:
    """Read one registry file into a dataset that validates on its own.

    Raises :class:`ValidationFailed` with every problem (file, row, column) when the file
    is not in the publisher's layout or a row cannot be read: nothing is returned half-done.
    """
    module = registry_module(name)
    options = options or ImportOptions()
    if not path.is_file():
        raise ValidationFailed([Problem(str(path), None, None, "problems.file_not_found")])
    builder = ImportBuilder(module.INFO, path, anchors or reference_anchors(schema), options)
    module.read(path, builder, progress)
    dataset = builder.dataset()
    problems = builder.all_problems() or _schema_problems(dataset, schema, str(path))
    if problems:
        raise ValidationFailed(problems)
    builder.summary.actors, builder.summary.relationships = len(dataset.actors), len(dataset.relationships)
    return dataset, builder.summary


def _schema_problems(dataset: Dataset, schema: Schema, file: str) -> list[Problem]:
    """The loaders' own rules on what an importer made (a second lock: importers are tested)."""
    kind_of = {actor.id: actor.kind for actor in dataset.actors}
    found = [Problem(file, None, column, "problems.actor_finding", {"id": actor.id, "what": message})
             for actor in dataset.actors for column, message in actor_findings(actor, schema)]
    found += [Problem(file, None, column, "problems.tie_finding",
                      {"source": rel.source, "type": rel.type, "target": rel.target, "what": message})
              for rel in dataset.relationships for column, message in relationship_findings(rel, schema, kind_of)]
    return found


__all__ = [
    "MANIFEST",
    "MODULES",
    "Anchors",
    "ImportBuilder",
    "ImportOptions",
    "ImportSummary",
    "RegistryInfo",
    "import_registry",
    "read_manifest",
    "reference_anchors",
    "registry_info",
    "registry_module",
    "write_import",
]
