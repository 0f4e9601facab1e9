"""Analysis speed: the panel on 10,000 actors / 50,000 ties, and the Neo4j projection of 1,000,000 ties.

Run from the repository root::

    .venv/bin/python benchmarks/analysis_benchmark.py            # in-memory panel only
    NEO4J_URI=bolt://127.0.0.1:7698 NEO4J_PASSWORD=benchpassword1 .venv/bin/opcomap neo4j start
    NEO4J_URI=bolt://127.0.0.1:7698 NEO4J_PASSWORD=benchpassword1 \\
        .venv/bin/python benchmarks/analysis_benchmark.py --projection
    NEO4J_URI=bolt://127.0.0.1:7698 NEO4J_PASSWORD=benchpassword1 .venv/bin/opcomap neo4j stop

The panel is what the app's analysis page computes: PageRank, sampled
betweenness (200 pivots), Louvain communities and connected components, from
a fresh graph (views and igraph conversion included). Plain NetworkX is timed
for PageRank and the same sampled betweenness only (its Louvain takes ~17 s).

The projection part writes its own synthetic map (dataset ``bench-projection``,
``UNWIND ... CREATE``, shaped like the store writer's output) unless the
database already holds it, then times ``project()`` against a plain fetch of
the same rows through the driver.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import time
from collections.abc import Callable

import networkx as nx

from graph_model.schema import default_schema
from opcomap import analysis
from opcomap.analysis.selection import ViewFilters

SEED = 20240601


def synthetic_map(actors: int = 10_000, ties: int = 50_000, seed: int = SEED) -> nx.MultiDiGraph:
    """A seeded random map with the schema's kinds and types; FUNDS ties carry amounts."""
    schema = default_schema()
    rng = random.Random(seed)
    kinds, types = list(schema.kinds), list(schema.relationship_types)
    base = nx.gnm_random_graph(actors, ties, seed=seed, directed=True)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((f"a{n}", {"name": f"Acteur {n}", "kind": rng.choice(kinds)}) for n in base)
    for u, v in base.edges():
        rel_type = rng.choice(types)
        attrs = {"type": rel_type, "illustrative": True, "sources": []}
        if rel_type == "FUNDS":
            attrs["amount_eur"] = float(rng.randrange(10_000, 10_000_000))
        graph.add_edge(f"a{u}", f"a{v}", key=f"a{u}|{rel_type}|a{v}|", **attrs)
    return graph


CPU: dict[str, float] = {}  # CPU seconds of the last timed step, a check when the machine is busy


def timed(step: Callable[[], object]) -> tuple[float, object]:
    started, cpu = time.perf_counter(), time.process_time()
    value = step()
    CPU["last"] = time.process_time() - cpu
    return time.perf_counter() - started, value


def panel(graph: nx.MultiDiGraph, schema) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds of each panel step on a graph seen for the first time (nothing cached)."""
    steps: dict[str, Callable[[], object]] = {
        "views + igraph conversion": lambda: (
            analysis.engine.undirected_igraph(graph),
            analysis.engine.directed_igraph(graph, schema),
        ),
        "PageRank": lambda: analysis.pagerank(graph, schema),
        "betweenness (k=200)": lambda: analysis.betweenness(graph, exact_limit=2500, k=200, seed=1),
        "Louvain": lambda: analysis.communities(graph, seed=1),
        "components": lambda: analysis.components(graph),
    }
    times: dict[str, tuple[float, float]] = {}
    for name, step in steps.items():
        wall, _ = timed(step)
        times[name] = (wall, CPU["last"])
    times["panel total"] = (sum(w for w, _ in times.values()), sum(c for _, c in times.values()))
    return times


def networkx_reference(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    simple_directed = nx.DiGraph(graph)
    simple = nx.Graph(simple_directed.to_undirected())
    times: dict[str, tuple[float, float]] = {}
    try:
        import scipy  # noqa: F401  networkx's PageRank needs it; opcomap does not install it

        name, step = "PageRank (networkx)", lambda: nx.pagerank(simple_directed)
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        name, step = "PageRank (networkx, pure Python)", lambda: _pagerank_python(simple_directed)
    wall, _ = timed(step)
    times[name] = (wall, CPU["last"])
    wall, _ = timed(lambda: nx.betweenness_centrality(simple, k=200, seed=1))
    times["betweenness k=200 (networkx)"] = (wall, CPU["last"])
    return times


# -- projection ----------------------------------------------------------------------
BENCH_DATASET = "bench-projection"
BENCH_SOURCE = {"id": "bench-synthetic", "title": "Jeu synthétique", "publisher": "opcomap", "confidence": 0.5}


def ensure_projection_data(driver, database: str, relationships: int, actors: int, seed: int = SEED) -> None:
    """Write the benchmark map with UNWIND CREATE unless it is already there."""
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() WHERE r.dataset = $d RETURN count(r) AS n", d=BENCH_DATASET, database_=database)
    if records[0]["n"] == relationships:
        print(f"  data already there ({relationships} relationships)", flush=True)
        return
    schema = default_schema()
    print("  emptying the database…", flush=True)
    while True:
        records, _, _ = driver.execute_query(
            "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n", database_=database)
        if records[0]["n"] == 0:
            break
    from opcomap.store import ensure_schema

    ensure_schema(driver, schema, database)
    rng = random.Random(seed)
    kinds = list(schema.kinds)
    loaded_at = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    by_kind: dict[str, list[dict]] = {}
    for n in range(actors):
        kind = rng.choice(kinds)
        props = {"id": f"b{n}", "name": f"Acteur synthétique {n}", "kind": kind, "dataset": BENCH_DATASET,
                 "region_code": rng.choice(["11", "84", "93", "76"]) if rng.random() < 0.5 else None}
        by_kind.setdefault(kind, []).append({k: v for k, v in props.items() if v is not None})
    for kind, rows in by_kind.items():
        # kind comes from the schema (IDENTIFIER-checked), never from input
        for i in range(0, len(rows), 20_000):
            driver.execute_query(
                f"UNWIND $rows AS row CREATE (a:Actor:`{kind}`) SET a = row, a.loaded_at = $at",
                rows=rows[i:i + 20_000], at=loaded_at, database_=database)
    # every tie cites the one synthetic source, stored once as a Source node (see the store's codec)
    driver.execute_query("CREATE (s:Source) SET s = $props", props=BENCH_SOURCE, database_=database)
    types = list(schema.relationship_types)
    batch: dict[str, list[dict]] = {}

    def flush(rel_type: str) -> None:
        driver.execute_query(
            "UNWIND $rows AS row MATCH (s:Actor {id: row.s}) MATCH (t:Actor {id: row.t}) "
            f"CREATE (s)-[r:`{rel_type}`]->(t) SET r = row.props, r.loaded_at = $at",
            rows=batch.pop(rel_type), at=loaded_at, database_=database)

    made: set[str] = set()
    while len(made) < relationships:
        s, t = rng.randrange(actors), rng.randrange(actors)
        if s == t:
            t = (t + 1) % actors
        rel_type = rng.choice(types)
        since = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2000))
        props = {
            # the store's key (Relationship.key), which the projection makes again from these fields
            "key": f"b{s}|{rel_type}|b{t}|{since.isoformat()}", "since": since, "illustrative": rng.random() < 0.1,
            "source_ids": [BENCH_SOURCE["id"]], "dataset": BENCH_DATASET,
        }
        if rel_type == "FUNDS":
            props["amount_eur"] = float(rng.randrange(10_000, 10_000_000))
            props["year"] = since.year
        if props["key"] in made:  # a key is one tie: draw again
            continue
        made.add(props["key"])
        batch.setdefault(rel_type, []).append({"s": f"b{s}", "t": f"b{t}", "props": props})
        if len(batch[rel_type]) >= 20_000:
            flush(rel_type)
    for rel_type in list(batch):
        flush(rel_type)
    print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)


def plain_fetch(driver, database: str) -> int:
    """The statements project() runs (actors, then the ties of each type), fetched through the
    driver and thrown away: what the projection costs beyond reading its answers."""
    from opcomap.store import projection as p

    schema = default_schema()
    params = p.parameters(ViewFilters())
    count = 0
    with driver.session(database=database, default_access_mode="READ", fetch_size=p.FETCH_SIZE,
                        notifications_min_severity="OFF") as session:
        actors = session.run(p.nodes_query(None, None, False), {**params, "fields": list(p.ACTOR_FIELDS)})
        count += len(actors.single(strict=True)["actors"])
        for rel_type, spec in schema.relationship_types.items():
            ties = session.run(p.ties_query(None, rel_type, False, True), {**params, "columns": list(spec.properties)})
            count += len(ties.single(strict=True)["ties"])
    return count


def projection_benchmark(relationships: int, actors: int, repeats: int, warm_up: bool = True) -> dict[str, float]:
    from opcomap.settings import Settings
    from opcomap.store import connect
    from opcomap.store.projection import project

    settings = Settings()
    driver = connect(settings)
    database = settings.neo4j_database
    try:
        ensure_projection_data(driver, database, relationships, actors)
        schema = default_schema()
        if warm_up:
            print(f"  warm-up fetch: {timed(lambda: plain_fetch(driver, database))[0]:.1f} s", flush=True)
        fetches, projections = [], []
        for round_ in range(1, repeats + 1):
            seconds, rows = timed(lambda: plain_fetch(driver, database))
            fetches.append(seconds)
            print(f"  round {round_}: plain fetch of {rows} rows {seconds:.1f} s (CPU {CPU['last']:.1f} s)", flush=True)
            seconds, graph = timed(lambda: project(driver, database, schema))
            projections.append(seconds)
            print(f"  round {round_}: project() {seconds:.1f} s (CPU {CPU['last']:.1f} s)", flush=True)
            assert graph.number_of_edges() == relationships, graph.number_of_edges()
            del graph
    finally:
        driver.close()
    fetch, projected = statistics.median(fetches), statistics.median(projections)
    return {"plain fetch (median)": fetch, "project() (median)": projected, "ratio": projected / fetch}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import igraph
    import neo4j

    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, networkx {nx.__version__}, "
            f"igraph {igraph.__version__}, neo4j driver {neo4j.__version__}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projection", action="store_true", help="also time the Neo4j projection (NEO4J_URI)")
    parser.add_argument("--relationships", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-networkx", action="store_true")
    parser.add_argument("--skip-panel", action="store_true")
    parser.add_argument("--no-warm-up", action="store_true", help="skip the first fetch that fills the caches")
    args = parser.parse_args()
    print(machine())
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    schema = default_schema()
    graph = synthetic_map()
    if args.skip_panel:
        args.skip_networkx = True
    else:
        print_panel(graph, schema)
    if not args.skip_networkx:
        for name, (wall, cpu) in networkx_reference(graph).items():
            print(f"  {name:<40} {wall:7.3f} s {cpu:7.3f} s")
    if args.projection:
        print(f"Projection of {args.relationships} relationships / {args.actors} actors from Neo4j:")
        for name, value in projection_benchmark(
                args.relationships, args.actors, args.repeats, warm_up=not args.no_warm_up).items():
            print(f"  {name:<40} {value:7.3f}{'' if name == 'ratio' else ' s'}")


def print_panel(graph: nx.MultiDiGraph, schema) -> None:
    print(f"Panel on {graph.number_of_nodes()} actors / {graph.number_of_edges()} ties (seed {SEED}):")
    print(f"  {'step':<40} {'wall':>9} {'CPU':>9}")
    for name, (wall, cpu) in panel(graph, schema).items():
        print(f"  {name:<40} {wall:7.3f} s {cpu:7.3f} s")


if __name__ == "__main__":
    main()
