"""Numbering of the sources behind the ties a diagram draws."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx


def number_sources(
    graph: nx.MultiDiGraph,
) -> tuple[list[dict[str, Any]], dict[tuple[Hashable, Hashable, Hashable], list[int]]]:
    """Distinct sources in a stable order, and the numbers each edge cites.

    Edges are visited in key order, so the same view numbers its sources the
    same way every time; a source cited by several ties gets one number.

    >>> g = nx.MultiDiGraph()
    >>> s1, s2 = {"title": "Arrêté"}, {"title": "Accord", "url": "https://x.fr"}
    >>> _ = g.add_edge("a", "b", key="k2", sources=[s1])
    >>> _ = g.add_edge("b", "c", key="k1", sources=[s2, s1])
    >>> listed, cited = number_sources(g)
    >>> [s["title"] for s in listed], cited[("a", "b", "k2")], cited[("b", "c", "k1")]
    (['Accord', 'Arrêté'], [2], [1, 2])
    """
    listed: list[dict[str, Any]] = []
    index: dict[tuple[str, str], int] = {}
    cited: dict[tuple[Hashable, Hashable, Hashable], list[int]] = {}
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda item: str(item[2])):
        numbers = []
        for source in data.get("sources") or []:
            mark = (str(source.get("title", "")), str(source.get("url") or ""))
            if mark not in index:
                listed.append(source)
                index[mark] = len(listed)
            if index[mark] not in numbers:
                numbers.append(index[mark])
        cited[(u, v, key)] = sorted(numbers)
    return listed, cited


def compact_numbers(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` → ``"1-3, 7"``: short edge labels.

    >>> compact_numbers([1, 2, 3, 7, 9, 10])
    '1-3, 7, 9-10'
    """
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs]
    return ", ".join(parts)
