"""igraph draws from one process-wide random generator: seeded work in two threads (two app
sessions) must give what it gives alone, so every seeded use of that generator shares one lock."""

from __future__ import annotations

import threading
import time

import igraph
import networkx as nx

from opcomap.analysis import structure
from opcomap.drawing.layout import compute_layout

ROUNDS = 60


def _partition(graph: nx.Graph) -> list[list[int]]:
    return sorted(sorted(group) for group in structure.communities(graph, seed=3).groups)


def test_seeded_layouts_and_communities_in_two_threads_give_what_they_give_alone(monkeypatch):
    # Many partitions of near-equal modularity: Louvain's answer depends on every random draw.
    graph = nx.gnm_random_graph(60, 130, seed=5)
    alone_partition = _partition(graph)
    alone_layout = compute_layout(graph, seed=11)

    real = igraph.set_random_number_generator

    def set_then_pause(generator) -> None:
        # Widen the gap between choosing the generator and drawing from it, where the
        # other thread can slip in unless both hold the same lock.
        real(generator)
        time.sleep(0.001)

    monkeypatch.setattr(igraph, "set_random_number_generator", set_then_pause)
    seen: dict[str, list] = {"partition": [], "layout": []}
    start = threading.Barrier(2)

    def communities() -> None:
        start.wait()
        for _ in range(ROUNDS):
            seen["partition"].append(_partition(graph))

    def layouts() -> None:
        start.wait()
        for _ in range(ROUNDS):
            seen["layout"].append(compute_layout(graph, seed=11))

    threads = [threading.Thread(target=communities), threading.Thread(target=layouts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen["partition"]) == len(seen["layout"]) == ROUNDS
    assert all(p == alone_partition for p in seen["partition"]), "a partition drew from the layout's generator"
    assert all(pos == alone_layout for pos in seen["layout"]), "a layout drew from the partition's generator"
