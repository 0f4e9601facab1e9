"""The in-memory form of a map: a NetworkX MultiDiGraph.

Analysis, diagrams and the app all work on this graph, whichever way it was
obtained (bundled files, user files, Neo4j). Nodes are actor ids; each edge's
key is the relationship's stable key. Dates are ISO strings, so the graph
serialises to node-link JSON, GraphML and GEXF without conversion.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph_model.models import Actor, Dataset, Relationship, Source

EDGE_FIELDS = ("type", "since", "until", "illustrative", "sources", "note")


def actor_attributes(actor: Actor) -> dict[str, Any]:
    data = actor.model_dump(mode="json", exclude_none=True)
    return {k: v for k, v in data.items() if v != []}


def relationship_attributes(rel: Relationship, dumped: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """A tie's edge attributes; ``dumped`` keeps each source's dump by identity, for a source many ties share."""
    data: dict[str, Any] = {"type": rel.type, "illustrative": rel.illustrative}
    if rel.since:
        data["since"] = rel.since.isoformat()
    if rel.until:
        data["until"] = rel.until.isoformat()
    if rel.note:
        data["note"] = rel.note
    data["sources"] = [dict(_source_dump(s, dumped)) for s in rel.sources]  # each tie its own copy
    data.update(rel.properties)
    return data


def _source_dump(source: Source, dumped: dict[int, dict[str, Any]] | None) -> dict[str, Any]:
    if dumped is None:
        return source.model_dump(mode="json", exclude_none=True)
    found = dumped.get(id(source))
    if found is None:
        found = dumped[id(source)] = source.model_dump(mode="json", exclude_none=True)
    return found


def to_networkx(dataset: Dataset) -> nx.MultiDiGraph:
    """Build the canonical graph of a dataset.

    >>> from graph_model import Actor, Dataset, Relationship
    >>> ds = Dataset(actors=[Actor(id="a", name="A", kind="X"), Actor(id="b", name="B", kind="X")],
    ...              relationships=[Relationship(source="a", target="b", type="T")])
    >>> g = to_networkx(ds)
    >>> g.nodes["a"]["name"], list(g.edges(keys=True))
    ('A', [('a', 'b', 'a|T|b|')])
    """
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((actor.id, actor_attributes(actor)) for actor in dataset.actors)
    # The parser gives the ties of one source the same Source object: dumped once
    # (by identity, which holds while the dataset lives: the models are not hashable).
    dumped: dict[int, dict[str, Any]] = {}
    for rel in dataset.relationships:
        graph.add_edge(rel.source, rel.target, key=rel.key, **relationship_attributes(rel, dumped))
    return graph


def from_networkx(graph: nx.Graph) -> Dataset:
    """Inverse of :func:`to_networkx` (used by exports that round-trip)."""
    actors = [Actor.model_validate({"id": node, **_clean(attrs)}) for node, attrs in graph.nodes(data=True)]
    rels = []
    edges = graph.edges(data=True, keys=True) if graph.is_multigraph() else ((u, v, None, d) for u, v, d in graph.edges(data=True))
    for u, v, _key, attrs in edges:
        attrs = dict(attrs)
        fields = {name: attrs.pop(name) for name in EDGE_FIELDS if name in attrs}
        fields["sources"] = [Source.model_validate(s) for s in fields.get("sources", [])]
        for drop in ("source", "target", "key"):
            attrs.pop(drop, None)
        rels.append(Relationship(source=u, target=v, properties=attrs, **fields))
    return Dataset(actors=actors, relationships=rels)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if k != "id"}
