"""The view options, declared once: which map a command reads and which part of it.

``@view_options`` adds ``--data``, ``--schema`` and the filters (``--kinds``,
``--types``, ``--region``, ``--opco``, ``--as-of``, ``--dataset``,
``--no-illustrative``, ``--no-weak``) to a command, which receives them as one
``view: ViewOptions`` argument (the model is sqlite-utils' ``output_options``).
``analyze``, its questions and ``export`` share them, so a filter means the same
everywhere, as in the app's links.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from graph_model.errors import OpcomapError
from graph_model.regions import checked_region
from opcomap.cli.common import DataOption, SchemaOption
from opcomap.cli.output import words

if TYPE_CHECKING:
    import networkx as nx

    from graph_model.columns import MapColumns
    from graph_model.schema import Schema
    from opcomap.analysis.selection import ViewFilters

@dataclass(frozen=True)
class ViewOptions:
    """The map and the filters a command was given."""

    data: list[Path] | None = None
    schema: Path | None = None
    kinds: list[str] | None = None
    types: list[str] | None = None
    region: str | None = None
    opco: str | None = None
    as_of: str | None = None
    dataset: str | None = None
    no_illustrative: bool = False
    no_weak: bool = False

    def under(self, group: ViewOptions | None) -> ViewOptions:
        """These options, completed by those given to the group (``analyze --data X gaps``)."""
        if group is None:
            return self
        return replace(self, **{f.name: getattr(self, f.name) or getattr(group, f.name) for f in fields(self)})

    def filtering(self) -> list[str]:
        """The filter options given (not ``--data`` or ``--schema``), as typed on the command line."""
        return [_flag(f.name) for f in fields(self) if f.name not in ("data", "schema") and getattr(self, f.name)]

    def filters(self, schema: Schema, **more: Any) -> ViewFilters:
        from opcomap.analysis.selection import ViewFilters

        """The selection these options describe, names checked against the schema."""
        return ViewFilters(
            kinds=kind_names(self.kinds, schema),
            types=type_names(self.types, schema),
            region=checked_region(self.region),
            opco=self.opco,
            as_of=day(self.as_of, "--as-of"),
            dataset=self.dataset,
            include_illustrative=not self.no_illustrative,
            include_weak=not self.no_weak,
            **more,
        )


def open_view(view: ViewOptions, details: bool = True, **more: Any) -> tuple[nx.MultiDiGraph, Schema, ViewFilters]:
    """The schema, the filters and the filtered map the options describe (``more``: focus, depth;
    ``details=False``: no descriptions, notes or sources, which analysis does not read)."""
    from graph_model.schema import load_schema
    from opcomap.settings import get_settings
    from opcomap.store.graph_source import open_graph

    schema = load_schema(view.schema)
    filters = view.filters(schema, **more)
    with _opco_checked(view, schema):
        return open_graph(get_settings(), schema, view.data, filters, details=details), schema, filters


def open_table_view(view: ViewOptions) -> tuple[nx.MultiDiGraph | MapColumns, Schema, ViewFilters]:
    """What :func:`open_view` gives without details, held as columns when the map comes from files
    (``--data``, or the bundled map without Neo4j): the metrics table reads no more of it."""
    from graph_model.columns import fits
    from graph_model.schema import load_schema

    schema = load_schema(view.schema)
    filters = view.filters(schema)
    if fits(schema) and (view.data or not _uses_neo4j()):
        from opcomap.store.graph_source import open_columns

        with _opco_checked(view, schema):
            return open_columns(schema, view.data, filters), schema, filters
    return open_view(view, details=False)


@contextlib.contextmanager
def _opco_checked(view: ViewOptions, schema: Schema) -> Iterator[None]:
    """An ``--opco`` the map does not hold is refused naming the OPCO it does hold (read only
    then: a typo is rare, and the map is read whole again to list them); one the map holds but a
    date or dataset removes keeps the error that names that filter."""
    from graph_model.errors import NotFound

    try:
        yield
    except NotFound as exc:
        if not view.opco or exc.params.get("id") != view.opco:
            raise
        from opcomap.analysis.selection import ViewFilters
        from opcomap.settings import get_settings
        from opcomap.store.graph_source import open_graph

        kind = "OPCO" if "OPCO" in schema.kinds else None
        graph = open_graph(get_settings(), schema, view.data, ViewFilters(kinds=(kind,) if kind else None),
                           details=False)
        if view.opco in graph:
            raise  # on the map, but not in this view: the error says which filter removed it
        known = sorted(f"{n} ({name})" for n, name in graph.nodes(data="name") if graph.nodes[n].get("kind") == kind)
        raise OpcomapError("cli.unknown_opco", id=view.opco, known=", ".join(known) or words("cli.none")) from exc


def _uses_neo4j() -> bool:
    # Only asked when no --data is given: files alone never wait for pydantic-settings.
    from opcomap.settings import get_settings

    return get_settings().uses_neo4j


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


_DECLARED: dict[str, tuple[Any, Any]] = {
    "data": (DataOption, None),
    "schema": (SchemaOption, None),
    "kinds": (Annotated[list[str] | None, typer.Option("--kinds", help="cli.opt.kinds")], None),
    "types": (Annotated[list[str] | None, typer.Option("--types", help="cli.opt.types")], None),
    "region": (Annotated[str | None, typer.Option("--region", help="cli.opt.region")], None),
    "opco": (Annotated[str | None, typer.Option("--opco", help="cli.opt.opco")], None),
    "as_of": (Annotated[str | None, typer.Option("--as-of", help="cli.opt.as_of")], None),
    "dataset": (Annotated[str | None, typer.Option("--dataset", help="cli.opt.dataset")], None),
    "no_illustrative": (Annotated[bool, typer.Option("--no-illustrative", help="cli.opt.no_illustrative")], False),
    "no_weak": (Annotated[bool, typer.Option("--no-weak", help="cli.opt.no_weak")], False),
}


def view_options(func: Callable[..., Any] | None = None, *, without: Iterable[str] = ()) -> Any:
    """Add the view options to a Typer command; it receives them as ``view: ViewOptions``.

    ``without`` leaves options out (``diff`` compares two dates and takes no ``--as-of``).
    """
    left_out = frozenset(without)

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "view"]
        added = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
            for name, (annotation, default) in _DECLARED.items() if name not in left_out
        ]

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            given = {name: kwargs.pop(name) for name in _DECLARED if name in kwargs}
            return command(*args, view=ViewOptions(**given), **kwargs)

        parameters = own + added
        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        del run.__wrapped__  # Typer reads the signature above, not the command's own
        return run

    return decorate(func) if func is not None else decorate


# -- reading what was typed ----------------------------------------------------------------
def split_names(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """Names given repeated or separated by commas, in capitals.

    >>> split_names(["opco,cfa", " branch "]), split_names("FUNDS"), split_names(None)
    (('OPCO', 'CFA', 'BRANCH'), ('FUNDS',), ())
    """
    if isinstance(values, str):
        values = [values]
    return tuple(p.strip().upper() for v in values or () for p in v.split(",") if p.strip())


def _checked(values: Iterable[str] | str | None, known: Any, suggest: Callable[[str], str | None],
             key: str) -> tuple[str, ...] | None:
    names = split_names(values)
    if not names:
        return None
    unknown = [n for n in names if n not in known]
    if unknown:
        hints = [words("cli.did_you_mean", name=n, hint=suggest(n)) if suggest(n) else n for n in unknown]
        raise OpcomapError(key, names=", ".join(hints), count=len(hints), known=", ".join(sorted(known)))
    return names


def kind_names(values: Iterable[str] | str | None, schema: Schema) -> tuple[str, ...] | None:
    """Actor kinds of the schema; an unknown one is refused with the nearest known one."""
    return _checked(values, schema.kinds, schema.suggest_kind, "cli.unknown_kinds")


def type_names(values: Iterable[str] | str | None, schema: Schema) -> tuple[str, ...] | None:
    """Relationship types of the schema; an unknown one is refused with the nearest known one."""
    return _checked(values, schema.relationship_types, schema.suggest_type, "cli.unknown_types")


def day(text: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD date typed for ``option``."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise OpcomapError("cli.bad_date", option=option, text=text) from exc
