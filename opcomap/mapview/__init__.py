"""The interactive map: a view of the graph → one self-contained, offline HTML page.

Used by the app (inside ``st.components.v1.html``) and by ``opcomap export
--format html``. Positions are computed server-side (:mod:`opcomap.drawing.layout`),
physics is off, very large views are aggregated (:mod:`.aggregate`).

Typical use::

    html = build_map_html(graph, schema, lang="fr", link_template="?page=acteur&id={id}")
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence

import networkx as nx

from graph_model.schema import Schema
from opcomap.drawing.layout import DEFAULT_SEED, Algorithm, Positions, compute_layout
from opcomap.mapview.aggregate import DEFAULT_CAP, Aggregation, aggregate
from opcomap.mapview.page import render_page
from opcomap.mapview.payload import MapPayload, build_payload
from opcomap.mapview.story import story_view

__all__ = [
    "DEFAULT_CAP", "Aggregation", "MapPayload", "aggregate", "build_map_html", "map_payload",
]


def map_payload(
    graph: nx.MultiDiGraph,
    schema: Schema,
    *,
    lang: str = "fr",
    layout: Algorithm = "force",
    seed: int = DEFAULT_SEED,
    positions: Positions | None = None,
    sizes: Mapping[Hashable, float] | None = None,
    metric_name: str | None = None,
    path: Sequence[Hashable] | None = None,
    link_template: str | None = None,
    cap: int = DEFAULT_CAP,
    details: Callable[[nx.MultiDiGraph], nx.MultiDiGraph] | None = None,
    keep_frame: bool = False,
    importance: Mapping[Hashable, float] | None = None,
    metrics: Mapping[str, Mapping[Hashable, float]] | None = None,
    colour: str = "kind",
    communities: Mapping[Hashable, int] | None = None,
    story: bool = False,
) -> MapPayload:
    """Nodes, edges, legend entries and counts of a view, aggregated above ``cap`` nodes.

    ``positions`` (unit box, from :func:`opcomap.drawing.layout.compute_layout` on the
    graph *after* aggregation) lets a caller cache the layout; without it the
    layout is computed here. ``positions`` may cover more actors than the view (every
    date's): each actor then keeps its place, and ``keep_frame`` keeps the map's frame.
    ``details``, for a view read without descriptions, notes and sources, returns the
    graph drawn (after aggregation) with them, so tooltips and the inspector show them
    for the ties and actors the map holds only. ``story`` draws the schema's first view
    (:mod:`.story`) when the view has actors of its centre kind, the rest held back
    for expansion; ``importance``, ``metrics``, ``colour`` and ``communities`` are
    :func:`~opcomap.mapview.payload.build_payload`'s.

    >>> from graph_model.schema import default_schema
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", kind="OPCO", name="OPCO A", short_name="A")
    >>> g.add_node("b", kind="BRANCH", name="Branche B")
    >>> _ = g.add_edge("b", "a", key="b|ATTACHED_TO|a|", type="ATTACHED_TO", sources=[])
    >>> p = map_payload(g, default_schema())
    >>> [n["label"] for n in p.nodes], p.types, p.aggregation is None
    (['A', 'Branche B'], ['ATTACHED_TO'], True)
    """
    shown, aggregation = aggregate(graph, schema, cap=cap, lang=lang)
    if details is not None:
        shown = details(shown)
    first = story_view(shown, schema, lang) if story else None
    if first is not None:
        positions = first.positions
    elif positions is None or any(node not in positions for node in shown):
        positions = compute_layout(shown, schema, layout, seed)
    return build_payload(
        shown, schema, positions, lang=lang, sizes=sizes, metric_name=metric_name, path=path,
        link_template=link_template, aggregation=aggregation, keep_frame=keep_frame,
        importance=importance, metrics=metrics, colour=colour, communities=communities, story=first,
    )


def build_map_html(
    graph: nx.MultiDiGraph,
    schema: Schema,
    *,
    lang: str = "fr",
    layout: Algorithm = "force",
    seed: int = DEFAULT_SEED,
    positions: Positions | None = None,
    sizes: Mapping[Hashable, float] | None = None,
    metric_name: str | None = None,
    path: Sequence[Hashable] | None = None,
    link_template: str | None = None,
    cap: int = DEFAULT_CAP,
    title: str | None = None,
    height: str = "100vh",
    search: bool = True,
    details: Callable[[nx.MultiDiGraph], nx.MultiDiGraph] | None = None,
    story: bool = False,
) -> str:
    """A complete HTML page drawing the view; no request leaves it (vis-network is inlined).

    ``sizes`` maps node ids to a metric (node area follows it; ``metric_name``
    labels it in tooltips). ``path`` is a list of node ids drawn thicker and
    coloured. ``link_template`` (``{id}`` is replaced by the URL-quoted actor
    id) is opened in the top window when an actor is clicked. ``height`` is
    a CSS length (``"750px"`` inside the app). ``search`` adds a find-an-actor box.
    ``details``: as in :func:`map_payload`. ``story`` opens on the schema's first view (:mod:`.story`).
    """
    payload = map_payload(
        graph, schema, lang=lang, layout=layout, seed=seed, positions=positions, sizes=sizes,
        metric_name=metric_name, path=path, link_template=link_template, cap=cap, details=details,
        story=story,
    )
    return render_page(payload, schema, lang=lang, title=title, height=height, search=search)
