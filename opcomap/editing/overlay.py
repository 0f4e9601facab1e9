"""Uploaded datasets on the map: checked against the map shown, kept as removable units.

An upload (a user's own files in the loaders' format, or a public registry file in
its publisher's layout) is validated *together with the map on screen*: it may cite
the map's actors and sources by id and repeat an actor word for word; an actor
defined otherwise, or a tie the map already has, is a problem on the user's own row.
Only what the map did not have is kept, as one named dataset:

* embedded and ``--data`` modes: one sub-folder of the workspace per dataset
  (``uploads/<name>/``: actors.csv, relationships.csv, sources.csv, upload.toml),
  which the app reads together with the map's own folders (:func:`map_paths`).
  The loaders read a folder's files, not its sub-folders, so the edit workspace and
  ``opcomap load <workspace>`` never see them. Removing a dataset removes its folder.
* Neo4j mode: the app writes it with :func:`opcomap.store.writer.write_dataset`
  and takes it away with :func:`opcomap.store.writer.remove_dataset`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import shutil
import tempfile
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import networkx as nx

from graph_model.graph import EDGE_FIELDS
from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model.schema import Schema
from loaders.conventions import Conventions, conventions_of
from loaders.parser import is_empty, parse_tables, split_list, text
from loaders.readers import data_files, read_path
from loaders.registries.core import ImportSummary, toml_string
from loaders.tables import ACTOR_COLUMNS, SOURCE_COLUMNS, Table
from opcomap.editing.embedded import MANIFEST, UPLOADS, UPLOADS_OVER_DATA, upload_folders  # noqa: F401 (re-exported)
from opcomap.editing.workspace import locked_folder
from graph_model.errors import EditRefused, OpcomapError, Problem, ValidationFailed

if TYPE_CHECKING:
    from loaders.registries import Anchors, ImportOptions

LOCK = ".lock"
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
# Records of the app's own edits in Neo4j (opcomap.store.edits.EDIT_DATASET): undone one by one, not as a dataset.
RESERVED = frozenset({"modifications"})
CONTEXT = "carte affichée"  # the file name the parser gives the map's records
MAX_PROBLEMS = 200
_SAFE_FILE = re.compile(r"[^A-Za-z0-9._-]+")
# Parser problems naming where a record was first defined: on the map, say so without a row.
_ON_MAP = {"problems.source_twice", "problems.anchor_kind_differs", "problems.id_twice",
           "problems.id_twice_differs", "problems.tie_twice"}


class Sent(Protocol):
    """A file as the browser sent it (Streamlit's UploadedFile)."""

    name: str

    def getvalue(self) -> bytes: ...


@dataclass
class Checked:
    """What an upload would add to the map, or why it cannot."""

    dataset: Dataset = field(default_factory=Dataset)  # only what the map does not hold yet
    problems: list[Problem] = field(default_factory=list)
    cited: int = 0  # actors of the map the upload ties to or repeats
    summary: ImportSummary | None = None  # a registry import's rows left aside and remarks, for the user
    conventions: list[Conventions] = field(default_factory=list)  # how each sent file was written

    @property
    def ok(self) -> bool:
        return not self.problems


# -- the map on screen, as an upload may cite it ------------------------------------------

class CurrentMap:
    """The map the user sees (a graph of any mode), and the source ids its files declare."""

    def __init__(self, graph: nx.MultiDiGraph, sources: dict[str, dict[str, Any]] | None = None):
        self.graph = graph
        self._sources = dict(sources or {})

    @classmethod
    def of(cls, graph: nx.MultiDiGraph, source_files: Iterable[Path]) -> CurrentMap:
        """The map, citable sources read from the ``sources`` tables of its files."""
        return cls(graph, declared_sources(source_files))

    def actor(self, actor_id: str) -> Actor | None:
        if actor_id not in self.graph:
            return None
        return _node_actor(actor_id, self.graph.nodes[actor_id])

    def anchors(self) -> Anchors:
        """What a registry import ties to: this map's actors (its OPCO, Régions and branches)."""
        from loaders.registries import Anchors

        actors = [a for a in (_node_actor(n, attrs) for n, attrs in self.graph.nodes(data=True)) if a is not None]
        return Anchors(Dataset(actors=actors))

    def tables_for(self, upload: list[Table]) -> tuple[list[Table], set[str], set[str]]:
        """The map's records the upload concerns, as tables read before it; with their actor
        ids and tie keys. The parser then accepts a word-for-word repeat and names the
        upload's row for anything that contradicts the map."""
        defined, cited, cited_sources = _ids_in(upload)
        ids = {i for i in defined | cited if i in self.graph}
        actor_rows = [(n, _actor_record(i, self.graph.nodes[i])) for n, i in enumerate(sorted(ids), 1)]
        keys: set[str] = set()
        tie_rows: list[tuple[int, dict[str, Any]]] = []
        for source, target, key, attrs in self.graph.out_edges(sorted(ids), keys=True, data=True):
            if target in ids:
                keys.add(key)
                tie_rows.append((len(tie_rows) + 1, {"source": source, "target": target, **attrs}))
        source_rows = [(n, row) for n, row in enumerate(self._source_rows(cited_sources), 1)]
        tables = [Table(CONTEXT, "sources", None, source_rows), Table(CONTEXT, "actors", None, actor_rows),
                  Table(CONTEXT, "relationships", None, tie_rows)]
        return tables, ids, keys

    def _source_rows(self, cited: set[str]) -> list[dict[str, Any]]:
        """Every source the map's files declare (a problem then lists them), and any other
        cited id found among the sources of the map's ties."""
        rows = [{"source_id": i, **self._sources[i]} for i in sorted(self._sources)]
        missing = cited - self._sources.keys()
        if missing:
            # Ids as `opcomap export --format csv` writes them (from each source's content).
            from loaders.exporters import source_id

            for *_, attrs in self.graph.edges(data=True):
                for item in attrs.get("sources") or []:
                    try:
                        sid = source_id(Source.model_validate(item))
                    except ValueError:
                        continue
                    if sid in missing:
                        missing.discard(sid)
                        rows.append({"source_id": sid, **item})
                if not missing:
                    break
        return rows

    def own_part(self, dataset: Dataset, file: str) -> tuple[Dataset, list[Problem], int]:
        """A registry import without what the map already holds word for word; a record the
        map holds otherwise is a problem (the import reuses the map's actors as they are)."""
        actors, problems, cited = [], [], 0
        for actor in dataset.actors:
            known = self.actor(actor.id)
            if known is None:
                actors.append(actor)
            elif known == actor:
                cited += 1
            else:
                changed = ", ".join(sorted(n for n in Actor.model_fields if getattr(known, n) != getattr(actor, n)))
                problems.append(Problem(file, None, "id", "problems.upload_actor_differs",
                                        {"id": actor.id, "fields": changed}))
        rels = []
        for rel in dataset.relationships:
            attrs = self.graph.get_edge_data(rel.source, rel.target, rel.key)
            if attrs is None:
                rels.append(rel)
            elif _edge_relationship(rel.source, rel.target, attrs) != rel:
                problems.append(Problem(file, None, "since", "problems.upload_tie_differs",
                                        {"source": rel.source, "type": rel.type, "target": rel.target}))
        return Dataset(actors=actors, relationships=rels), _capped(problems), cited


def declared_sources(paths: Iterable[Path]) -> dict[str, dict[str, Any]]:
    """Source id -> fields, from the ``sources`` tables of data files and folders.

    Only CSV files whose header names ``source_id`` are read: a registry import's
    relationships.csv may hold millions of rows.
    """
    found: dict[str, dict[str, Any]] = {}
    for path in paths:
        for file in data_files(Path(path)) if Path(path).exists() else []:
            if file.suffix.lower() == ".csv" and not _declares_sources(file):
                continue
            tables, _ = read_path(file)
            for table in tables:
                if table.role != "sources":
                    continue
                for _, values in table.records():
                    sid = text(values.get("source_id") or "")
                    if sid:
                        found.setdefault(sid, {k: values.get(k) for k in SOURCE_COLUMNS
                                               if k != "source_id" and not is_empty(values.get(k))})
    return found


def _declares_sources(file: Path) -> bool:
    try:
        with file.open("rb") as handle:
            head = handle.readline(8192).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    cells = re.split(r"[;,]", head.replace('"', ""))
    return "source_id" in {c.strip().lower() for c in cells}


def _ids_in(tables: list[Table]) -> tuple[set[str], set[str], set[str]]:
    """Actor ids the tables define, actor ids they cite, source ids they cite."""
    defined: set[str] = set()
    cited: set[str] = set()
    cited_sources: set[str] = set()
    for table in tables:
        for _, values in table.records():
            if table.role == "actors" and not is_empty(values.get("id")):
                defined.add(text(values["id"]))
            elif table.role == "relationships":
                cited.update(text(values[end]) for end in ("source", "target") if not is_empty(values.get(end)))
                raw = values.get("sources")
                items = [] if is_empty(raw) else (raw if isinstance(raw, list) else split_list(raw))
                cited_sources.update(text(i) for i in items if not isinstance(i, dict) and not is_empty(i))
    return defined, cited, cited_sources


def _actor_record(actor_id: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {"id": actor_id, **{k: v for k, v in attrs.items() if k in ACTOR_COLUMNS and k != "id"}}


def _node_actor(actor_id: str, attrs: dict[str, Any]) -> Actor | None:
    try:
        return Actor.model_validate(_actor_record(actor_id, attrs))
    except ValueError:
        return None


def _edge_relationship(source: str, target: str, attrs: dict[str, Any]) -> Relationship:
    fields = {name: attrs[name] for name in EDGE_FIELDS if name in attrs}
    fields["sources"] = [Source.model_validate(s) for s in fields.get("sources") or []]
    properties = {k: v for k, v in attrs.items() if k not in EDGE_FIELDS}
    return Relationship(source=source, target=target, properties=properties, **fields)


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    extra = len(problems) - MAX_PROBLEMS
    return problems[:MAX_PROBLEMS] + [Problem(problems[0].file, None, None, "problems.more", {"n": extra})]


def _on_map(problem: Problem) -> Problem:
    """A parser problem citing the map's own records ("déjà défini dans carte affichée, ligne 12")
    said as "sur la carte affichée": the map has no rows the user could look up."""
    if problem.message not in _ON_MAP or problem.params.get("file") != CONTEXT:
        return problem
    params = {k: v for k, v in problem.params.items() if k not in ("file", "row")}
    return replace(problem, message=problem.message + "_on_map", params=params)


# -- checking an upload ----------------------------------------------------------------------

@contextlib.contextmanager
def saved(files: Sequence[Sent]) -> Iterator[tuple[list[Path], dict[str, str]]]:
    """The sent files in a temporary folder under their own names (a registry's date is
    read from its name); and each copy's path -> the name the user sent."""
    with tempfile.TemporaryDirectory(prefix="opcomap-upload-") as folder:
        paths, shown = [], {}
        for index, sent in enumerate(files):
            own = Path(sent.name).name
            path = Path(folder) / f"{index:02d}" / (_SAFE_FILE.sub("_", own) or "fichier")
            path.parent.mkdir()
            path.write_bytes(sent.getvalue())
            paths.append(path)
            shown[str(path)] = own
        yield paths, shown


def _renamed(problems: Iterable[Problem], shown: dict[str, str]) -> list[Problem]:
    """Problems under the names the user sent (also "x.xlsx [feuille acteurs]", "x.json › actors")."""
    out = []
    for problem in problems:
        label = problem.file
        for path, own in shown.items():
            if label.startswith(path):
                label = own + label[len(path):]
                break
        out.append(replace(problem, file=label))
    return out


def check_files(files: Sequence[Sent], schema: Schema, current: CurrentMap | None = None) -> Checked:
    """Files in the loaders' format, validated with the map (or alone when ``current`` is None)."""
    with saved(files) as (paths, shown):
        tables: list[Table] = []
        problems: list[Problem] = []
        for path in paths:
            found, trouble = read_path(path)
            tables += found
            problems += trouble
        context, ids, keys = current.tables_for(tables) if current else ([], set(), set())
        dataset, row_problems = parse_tables(context + tables, schema)
        mine = [_on_map(p) for p in problems + row_problems if p.file != CONTEXT]
        problems = sorted(_renamed(mine, shown), key=lambda p: (p.file, p.row or 0))
        heard = [replace(c, file=_renamed([Problem(c.file, None, None, "")], shown)[0].file,
                         notices=_renamed(c.notices, shown)) for c in conventions_of(tables)]
    if problems:
        return Checked(problems=problems, conventions=heard)
    own = Dataset(actors=[a for a in dataset.actors if a.id not in ids],
                  relationships=[r for r in dataset.relationships if r.key not in keys])
    return Checked(dataset=own, cited=len(ids), conventions=heard)


def check_registry(registry: str, sent: Sent, schema: Schema, current: CurrentMap | None = None,
                   options: ImportOptions | None = None) -> Checked:
    """A registry file in its publisher's layout, read by its importer against the map's anchors."""
    from loaders.registries import ImportOptions, import_registry

    with saved([sent]) as (paths, shown):
        try:
            dataset, summary = import_registry(registry, paths[0], schema, options=options or ImportOptions(),
                                               anchors=current.anchors() if current else None)
        except ValidationFailed as exc:
            return Checked(problems=_renamed(exc.problems, shown))
        except ImportError:
            return Checked(problems=[Problem(shown[str(paths[0])], None, None, "problems.importer_missing",
                                             {"registry": registry})])
        except OpcomapError as exc:
            return Checked(problems=[Problem(shown[str(paths[0])], None, None, exc.key, exc.params)])
    label = shown[str(paths[0])]
    own, problems, cited = current.own_part(dataset, label) if current else (dataset, [], 0)
    return Checked(dataset=own, problems=problems, cited=cited, summary=summary)


def default_name(file_names: Sequence[str]) -> str:
    """A dataset name from the first file's name.

    >>> default_name(["Partenaires Bretagne.csv", "liens.csv"]), default_name(["siro-202606.csv"]), default_name([])
    ('partenaires-bretagne', 'siro-202606', 'mon-jeu')
    """
    from loaders.registries.core import slug

    stem = Path(file_names[0]).stem if file_names else ""
    name = slug(stem)[:60].strip("-_") if stem else ""
    return name if name and name != "x" and NAME.match(name) else "mon-jeu"


def check_name(raw: str, taken: Iterable[str]) -> str:
    """The dataset name, or EditRefused saying what a name may be.

    >>> check_name(" partenaires-53 ", taken=["reference"])
    'partenaires-53'
    >>> check_name("reference", taken=["reference"])
    Traceback (most recent call last):
    graph_model.errors.EditRefused: un jeu de données « reference » est déjà sur la carte : ...
    """
    name = (raw or "").strip()
    if not NAME.match(name):
        raise EditRefused("problems.dataset_name_invalid", name=name)
    if name in RESERVED:
        raise EditRefused("problems.dataset_name_reserved", name=name)
    if name in set(taken):
        raise EditRefused("problems.dataset_taken", name=name)
    return name


# -- datasets kept as folders (embedded and --data modes) ----------------------------------

@dataclass(frozen=True)
class Upload:
    """One uploaded dataset kept in the workspace."""

    name: str
    folder: Path
    files: tuple[str, ...] = ()
    registry: str | None = None
    added_at: str = ""
    actors: int = 0
    relationships: int = 0


def uploads_root(workspace: Path, data: Sequence[str] = ()) -> Path:
    """Where the uploads over a map live. Over ``--data`` files they are kept per set of
    folders, so an upload checked against one map never shows over another."""
    workspace = Path(workspace).expanduser()
    if not data:
        return workspace / UPLOADS
    paths = "\n".join(sorted(str(Path(p).expanduser().resolve()) for p in data))
    return workspace / UPLOADS_OVER_DATA / hashlib.sha1(paths.encode("utf-8")).hexdigest()[:12]


def map_paths(base: Sequence[Path], root: Path) -> list[Path]:
    """What the app reads: the map's own folders, then each uploaded dataset."""
    return [*base, *upload_folders(root)]


class Uploads:
    """The datasets uploaded over one map, one folder each, written and removed whole."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def datasets(self) -> list[Upload]:
        return [_read_manifest(folder) for folder in upload_folders(self.root)]

    def names(self) -> list[str]:
        return [folder.name for folder in upload_folders(self.root)]

    def add(self, name: str, dataset: Dataset, *, files: Sequence[str] = (), registry: str | None = None,
            over: Sequence[str] = ()) -> Upload:
        """Write the dataset as the folder ``name``, complete or not at all."""
        from loaders.exporters import write_csv_folder

        with self._locked():
            name = check_name(name, self.names())
            staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=self.root))
            try:
                write_csv_folder(dataset, staging)
                upload = Upload(name, self.root / name, tuple(files), registry,
                                dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                                len(dataset.actors), len(dataset.relationships))
                (staging / MANIFEST).write_text(_manifest_text(upload, over), encoding="utf-8")
                staging.rename(upload.folder)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        return upload

    def remove(self, name: str) -> Upload:
        """Take the folder away at once (renamed aside, then deleted); EditRefused if there is none."""
        with self._locked():
            folder = self.root / name
            if name.startswith(".") or Path(name).name != name or not (folder / MANIFEST).is_file():
                raise EditRefused("problems.dataset_missing", name=name, folder=str(self.root))
            upload = _read_manifest(folder)
            gone = Path(tempfile.mkdtemp(prefix=f".removed-{name}.", dir=self.root))
            folder.rename(gone / name)
            shutil.rmtree(gone, ignore_errors=True)
        return upload

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return locked_folder(self.root, LOCK)


def add_to_map(uploads: Uploads, name: str, dataset: Dataset, *, base: Sequence[Path], schema: Schema,
               files: Sequence[str] = (), registry: str | None = None, over: Sequence[str] = ()) -> Upload:
    """Keep the dataset, then read the whole map as the app will; if the map no longer
    validates (it changed since the check), the dataset is taken away again and the
    problems raised. The map read here is the one the app's next view finds in the cache."""
    from opcomap.store.graph_source import file_graph

    upload = uploads.add(name, dataset, files=files, registry=registry, over=over)
    try:
        file_graph(map_paths(base, uploads.root), schema)
    except ValidationFailed:
        uploads.remove(upload.name)
        raise
    return upload


def _manifest_text(upload: Upload, over: Sequence[str]) -> str:
    quoted = toml_string
    lines = [
        "# Written by the app's Données page: one uploaded dataset, removable as a whole.",
        f"name = {quoted(upload.name)}",
        f"files = [{', '.join(quoted(f) for f in upload.files)}]",
        f"added_at = {quoted(upload.added_at)}",
        f"actors = {upload.actors}",
        f"relationships = {upload.relationships}",
    ]
    if upload.registry:
        lines.append(f"registry = {quoted(upload.registry)}")
    if over:
        lines.append(f"over = [{', '.join(quoted(p) for p in over)}]")
    return "\n".join(lines) + "\n"


def _read_manifest(folder: Path) -> Upload:
    try:
        data = tomllib.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        data = {}
    return Upload(
        name=folder.name, folder=folder, files=tuple(str(f) for f in data.get("files", [])),
        registry=data.get("registry"), added_at=str(data.get("added_at", "")),
        actors=int(data.get("actors", 0)), relationships=int(data.get("relationships", 0)),
    )
