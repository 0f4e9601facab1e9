"""Every named query's answer, on a real Neo4j.

Two maps are used:

* a small hand-made map (``FIXTURE``) whose answers are written out literally
  below, so a mistake shared by a query and its Python check still shows;
* the bundled reference map, loaded with the real loader and writer, where each
  answer is compared with one computed independently in Python from the same
  validated dataset (the ``expected_*`` functions, which never use Neo4j).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph_model.errors import QueryFailed
from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model.schema import default_schema
from loaders.bundled import reference_dir
from opcomap.store.named_queries import load_queries
from opcomap.store.runner import QueryResult, ReadOnlyRunner
from opcomap.store.writer import write_dataset

pytestmark = pytest.mark.neo4j

QUERIES = load_queries()
D = dt.date.fromisoformat


def A(id_: str, kind: str, name: str, **fields: Any) -> Actor:
    return Actor(id=id_, kind=kind, name=name, **fields)


def R(source: str, type_: str, target: str, **fields: Any) -> Relationship:
    props = {k: fields.pop(k) for k in ("college", "role", "seats", "votes", "amount_eur", "year", "scheme", "scope")
             if k in fields}
    return Relationship(source=source, target=target, type=type_, properties=props, **fields)


REPORT = Source(id="rapport-fc-2024", title="Rapport annuel", url="https://example.org/rapport", publisher="FC",
                consulted=D("2024-05-01"), confidence=0.9)
ACCORD = Source(title="Accord constitutif")

FIXTURE = Dataset(
    actors=[
        A("opco-a", "OPCO", "OPCO Alpha", aliases=["Alpha Compétences"], since=D("2019-04-01")),
        A("opco-b", "OPCO", "OPCO Beta", since=D("2019-04-01")),
        A("opca-x", "OPCA", "OPCA Xylo", since=D("2000-01-01"), until=D("2019-03-31")),
        A("opca-y", "OPCA", "OPCA Ypsilon", until=D("2019-03-31")),
        A("opca-z", "OPCA", "Fonds Zeta", until=D("1999-12-31")),
        A("opco-merged", "OPCO", "OPCO Fusion"),
        A("union-c", "EMPLOYEE_UNION", "Syndicat C"),
        A("employer-m", "EMPLOYER_ORG", "Patronat M"),
        A("fc", "PUBLIC_INSTITUTION", "France compétences (test)", short_name="FC"),
        A("crefop-53", "GOVERNANCE_BODY", "CREFOP Bretagne"),
        A("reg-53", "REGION", "Bretagne", region_code="53"),
        A("reg-84", "REGION", "Auvergne-Rhône-Alpes", region_code="84"),
        A("reg-11", "REGION", "Île-de-France", region_code="11"),
        A("cfa-rennes", "CFA", "CFA de Rennes", region_code="53"),
        A("cfa-lyon", "CFA", "CFA de Lyon", region_code="84"),
        A("cfa-brest", "CFA", "CFA de Brest"),  # its Région comes from LOCATED_IN only
        A("of-paris", "TRAINING_ORG", "Organisme (C++) Paris", region_code="11"),
        A("br-syntec", "BRANCH", "Bureaux d'études", idcc="1486"),
        A("br-transport", "BRANCH", "Transports routiers", idcc="16"),
        A("net-1", "NETWORK", "Réseau test"),
    ],
    relationships=[
        R("union-c", "CO_MANAGES", "opco-a", college="salariés", sources=[ACCORD, REPORT]),
        R("employer-m", "CO_MANAGES", "opco-a", college="employeurs"),
        R("employer-m", "CO_MANAGES", "opco-b", college="employeurs"),
        R("union-c", "SITS_ON", "fc", role="titulaire", college="salariés", seats=1, votes=4),
        R("employer-m", "SITS_ON", "fc", role="titulaire", votes=7),
        R("union-c", "SITS_ON", "crefop-53", role="membre"),
        R("employer-m", "SITS_ON", "crefop-53", role="membre", since=D("2015-01-01"), until=D("2018-12-31")),
        R("fc", "FUNDS", "opco-a", amount_eur=1_000_000.0, year=2023, sources=[REPORT]),
        R("fc", "FUNDS", "opco-a", amount_eur=1_500_000.0, year=2024, since=D("2024-01-01")),
        R("fc", "FUNDS", "opco-b", amount_eur=500.0, year=2023),
        R("opco-a", "FUNDS", "cfa-rennes", amount_eur=20_000.0, since=D("2023-01-01"), scheme="apprentissage"),
        R("opco-a", "FUNDS", "cfa-rennes", amount_eur=25_000.0, year=2024, since=D("2024-01-01")),
        R("opco-a", "FUNDS", "cfa-brest", since=D("2022-09-01"), illustrative=True),
        R("opco-a", "FUNDS", "cfa-lyon", amount_eur=7_000.0, year=2023),
        R("opco-b", "FUNDS", "cfa-lyon", amount_eur=3_000.0, year=2023),
        R("opco-a", "PARTNERS_WITH", "of-paris", since=D("2020-01-01"), until=D("2021-12-31"), scope="numérique"),
        R("union-c", "PARTNERS_WITH", "cfa-lyon", since=D("2022-01-01")),
        R("cfa-brest", "LOCATED_IN", "reg-53"),
        R("br-syntec", "ATTACHED_TO", "opca-x", since=D("2010-01-01"), until=D("2019-03-31")),
        R("br-syntec", "ATTACHED_TO", "opco-a", since=D("2019-04-01")),
        R("br-transport", "ATTACHED_TO", "opco-b", since=D("2019-04-01")),
        R("opco-a", "MEMBER_OF", "net-1", role="fondateur", since=D("2019-04-01")),
        R("cfa-rennes", "MEMBER_OF", "net-1", until=D("2020-12-31")),
        R("fc", "MEMBER_OF", "net-1"),
        R("opca-z", "SUCCEEDED_BY", "opca-x", since=D("2000-01-01")),
        R("opca-x", "SUCCEEDED_BY", "opco-a", since=D("2019-04-01")),
        R("opca-y", "SUCCEEDED_BY", "opco-a", since=D("2019-04-01")),
        R("opco-a", "SUCCEEDED_BY", "opco-merged", since=D("2031-01-01"), illustrative=True),
    ],
)


def _empty(driver, database: str) -> None:
    # An auto-commit run: CALL … IN TRANSACTIONS cannot run inside execute_query's transaction.
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


_LOADED: dict[str, str | None] = {"map": None}


def _load(driver, database: str, name: str, dataset: Dataset) -> None:
    """Put ``dataset`` alone in the database, unless it is already the one loaded."""
    if _LOADED["map"] != name:
        _empty(driver, database)
        write_dataset(driver, dataset, default_schema(), dataset_name=name, database=database)
        _LOADED["map"] = name


@pytest.fixture(scope="module", autouse=True)
def _leave_the_database_empty(neo4j_driver, neo4j_settings):
    yield
    _empty(neo4j_driver, neo4j_settings.neo4j_database)
    _LOADED["map"] = None


@pytest.fixture
def fixture_runner(neo4j_driver, neo4j_settings):
    database = neo4j_settings.neo4j_database
    _load(neo4j_driver, database, "fixture", FIXTURE)
    return ReadOnlyRunner(neo4j_driver, database, timeout_s=20, row_cap=100_000)


@pytest.fixture(scope="module")
def reference() -> Dataset:
    from loaders import load_dataset

    return load_dataset([reference_dir()], default_schema())


@pytest.fixture
def reference_runner(neo4j_driver, neo4j_settings, reference):
    database = neo4j_settings.neo4j_database
    _load(neo4j_driver, database, "reference", reference)
    return ReadOnlyRunner(neo4j_driver, database, timeout_s=30, row_cap=100_000)


def ask(runner: ReadOnlyRunner, name: str, **params: Any) -> QueryResult:
    return runner.run_named(QUERIES[name], params)  # what the app calls


def rows(result: QueryResult, *columns: str) -> list[tuple]:
    index = [result.columns.index(c) for c in columns]
    return [tuple(_hashable(row[i]) for i in index) for row in result.rows]


def _hashable(value: Any) -> Any:
    return tuple(_hashable(v) for v in value) if isinstance(value, list) else value


# -- independent answers, computed in Python from a Dataset ------------------------------


def _active(rel: Relationship, day: dt.date | None) -> bool:
    return day is None or rel.active_on(day)


def _region_of(ds: Dataset) -> dict[str, set[str]]:
    """For each actor, the region codes and Région ids it is located in (code or LOCATED_IN)."""
    actors = ds.actor_index()
    found: dict[str, set[str]] = defaultdict(set)
    for actor in ds.actors:
        if actor.region_code:
            found[actor.id].add(actor.region_code)
    for rel in ds.relationships:
        region = actors[rel.target]
        if rel.type == "LOCATED_IN" and region.kind == "REGION":
            found[rel.source].add(region.id)
            if region.region_code:
                found[rel.source].add(region.region_code)
    return found


def expected_partners(ds: Dataset, actor_id: str, as_of=None, include_illustrative=True) -> dict:
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rel in ds.relationships:
        if actor_id not in (rel.source, rel.target) or not _active(rel, as_of):
            continue
        if rel.illustrative and not include_illustrative:
            continue
        other = rel.target if rel.source == actor_id else rel.source
        direction = "both" if rel.type == "PARTNERS_WITH" else ("out" if rel.source == actor_id else "in")
        groups[(rel.type, direction)].add(other)
    return {key: sorted(ids) for key, ids in groups.items()}


def partners_answer(result: QueryResult) -> dict:
    return {(t, d): sorted(ids) for t, d, ids in rows(result, "type", "direction", "partner_ids")}


def expected_governance(ds: Dataset, body_id=None, as_of=None) -> set[tuple]:
    return {
        (r.target, r.source, r.properties.get("role"), r.properties.get("college"),
         r.properties.get("seats"), r.properties.get("votes"))
        for r in ds.relationships
        if r.type == "SITS_ON" and (body_id is None or r.target == body_id) and _active(r, as_of)
    }


def expected_funding(ds: Dataset, actor_id: str) -> dict:
    flows: dict[tuple, list[Relationship]] = defaultdict(list)
    for r in ds.relationships:
        if r.type != "FUNDS" or actor_id not in (r.source, r.target):
            continue
        direction, other = ("out", r.target) if r.source == actor_id else ("in", r.source)
        year = r.properties.get("year") or (r.since.year if r.since else None)
        flows[(direction, year, other)].append(r)
    answer = {}
    for key, rels in flows.items():
        amounts = [r.properties["amount_eur"] for r in rels if "amount_eur" in r.properties]
        answer[key] = (pytest.approx(sum(amounts)) if amounts else None, len(rels))
    return answer


def expected_shortest_paths(ds: Dataset, from_id: str, to_id: str, max_hops: int = 8) -> list[tuple]:
    graph = nx.MultiGraph()
    graph.add_nodes_from(a.id for a in ds.actors)
    for r in ds.relationships:
        graph.add_edge(r.source, r.target, type=r.type)
    if from_id == to_id or not nx.has_path(graph, from_id, to_id):
        return []
    found = []
    for nodes in nx.all_shortest_paths(graph, from_id, to_id):
        if len(nodes) - 1 > max_hops:
            return []
        choices = [[d["type"] for d in graph.get_edge_data(u, v).values()] for u, v in itertools.pairwise(nodes)]
        found += [(tuple(nodes), types) for types in itertools.product(*choices)]
    return sorted(found)


def expected_shared(ds: Dataset, a: str, b: str) -> dict:
    sides: dict[str, dict[str, set[str]]] = {a: defaultdict(set), b: defaultdict(set)}
    for r in ds.relationships:
        for end, other in ((r.source, r.target), (r.target, r.source)):
            if end in sides:
                sides[end][other].add(r.type)
    shared = (set(sides[a]) & set(sides[b])) - {a, b}
    return {x: (tuple(sorted(sides[a][x])), tuple(sorted(sides[b][x]))) for x in shared}


def expected_cfa_in_region(ds: Dataset, opco_id: str, region: str) -> dict:
    actors, regions = ds.actor_index(), _region_of(ds)
    found: dict[str, list[Relationship]] = defaultdict(list)
    for r in ds.relationships:
        if r.type == "FUNDS" and r.source == opco_id and actors[r.target].kind == "CFA" and region in regions[r.target]:
            found[r.target].append(r)
    answer = {}
    for cfa, rels in found.items():
        amounts = [r.properties["amount_eur"] for r in rels if "amount_eur" in r.properties]
        years = {r.properties.get("year") or (r.since.year if r.since else None) for r in rels} - {None}
        answer[cfa] = (len(rels), pytest.approx(sum(amounts)) if amounts else None, tuple(sorted(years)))
    return answer


def expected_regions_without_partner(ds: Dataset, opco_id: str, as_of=None) -> set[str]:
    actors = ds.actor_index()
    covered: set[str] = set()
    for r in ds.relationships:
        if r.type not in ("FUNDS", "PARTNERS_WITH") or opco_id not in (r.source, r.target) or not _active(r, as_of):
            continue
        other = r.target if r.source == opco_id else r.source
        if actors[other].kind not in ("CFA", "TRAINING_ORG"):
            continue
        for reg in (a for a in ds.actors if a.kind == "REGION"):
            if (reg.region_code and actors[other].region_code == reg.region_code) or any(
                x.type == "LOCATED_IN" and x.source == other and x.target == reg.id for x in ds.relationships
            ):
                covered.add(reg.id)
    if opco_id not in actors:
        return set()
    return {a.id for a in ds.actors if a.kind == "REGION"} - covered


def expected_changes(ds: Dataset, start: dt.date, end: dt.date) -> list[tuple]:
    changes = []
    for r in ds.relationships:
        if r.since and start <= r.since <= end:
            changes.append((r.since.isoformat(), "started", r.type, r.source, r.target))
        if r.until and start <= r.until <= end:
            changes.append((r.until.isoformat(), "ended", r.type, r.source, r.target))
    # date, then "started" before "ended", then type, source, target
    return sorted(changes, key=lambda c: (c[0], c[1] != "started", c[2], c[3], c[4]))


def expected_members(ds: Dataset, network_id: str, as_of=None) -> set[tuple]:
    return {
        (r.source, r.properties.get("role"), r.since and r.since.isoformat(), r.until and r.until.isoformat())
        for r in ds.relationships
        if r.type == "MEMBER_OF" and r.target == network_id and _active(r, as_of)
    }


def expected_succession(ds: Dataset, actor_id: str) -> dict[str, int]:
    graph = nx.DiGraph()
    graph.add_node(actor_id)
    graph.add_edges_from((r.source, r.target) for r in ds.relationships if r.type == "SUCCEEDED_BY")
    after = nx.single_source_shortest_path_length(graph, actor_id, cutoff=20)
    before = nx.single_source_shortest_path_length(graph.reverse(), actor_id, cutoff=20)
    steps = {x: d for x, d in after.items()}
    steps.update({x: -d for x, d in before.items() if x != actor_id})
    return steps


def expected_tie_sources(ds: Dataset, actor_id: str) -> list[tuple]:
    found = []
    for r in ds.relationships:
        if actor_id in (r.source, r.target):
            other = r.target if r.source == actor_id else r.source
            titles = [s.title for s in r.sources] or [None]
            found += [(r.type, other, t) for t in titles]
    return sorted(found, key=lambda x: (x[0], x[1], x[2] or ""))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def explains_hit(actor: Actor, term: str) -> bool:
    """True if a word of the actor's names or aliases starts with a word of the term."""
    names = [actor.name, actor.short_name or "", actor.official_name or "", *actor.aliases]
    words = {w for n in names for w in _words(n)}
    return any(w.startswith(t) for w in words for t in _words(term))


def expected_actors_in_region(ds: Dataset, region: str, kind=None) -> dict[str, list[str]]:
    regions = _region_of(ds)
    groups: dict[str, list[str]] = defaultdict(list)
    for a in sorted(ds.actors, key=lambda a: (a.name, a.id)):
        if a.kind != "REGION" and (kind is None or a.kind == kind) and region in regions[a.id]:
            groups[a.kind].append(a.id)
    return dict(groups)


def expected_branch_opco(ds: Dataset, branch: str) -> set[tuple]:
    actors = ds.actor_index()

    def matches(b: Actor) -> bool:
        return b.id == branch or (b.idcc is not None and (b.idcc == branch or (branch.isdigit() and int(b.idcc) == int(branch))))

    return {
        (r.source, r.target, r.since and r.since.isoformat(), r.until and r.until.isoformat(), r.until is None)
        for r in ds.relationships
        if r.type == "ATTACHED_TO" and actors[r.source].kind == "BRANCH" and matches(actors[r.source])
    }


# -- the hand-made map: literal answers, and the Python check agrees -----------------------


def test_partners_grouped_by_type(fixture_runner):
    result = ask(fixture_runner, "partners", actor_id="opco-a")
    answer = partners_answer(result)
    assert answer == {
        ("ATTACHED_TO", "in"): ["br-syntec"],
        ("CO_MANAGES", "in"): ["employer-m", "union-c"],
        ("FUNDS", "in"): ["fc"],
        ("FUNDS", "out"): ["cfa-brest", "cfa-lyon", "cfa-rennes"],
        ("MEMBER_OF", "out"): ["net-1"],
        ("PARTNERS_WITH", "both"): ["of-paris"],
        ("SUCCEEDED_BY", "in"): ["opca-x", "opca-y"],
        ("SUCCEEDED_BY", "out"): ["opco-merged"],
    }
    assert answer == expected_partners(FIXTURE, "opco-a")
    assert result.column("count")[result.column("type").index("CO_MANAGES")] == 2
    names = rows(result, "type", "direction", "partner_names")
    assert ("FUNDS", "out", ("CFA de Brest", "CFA de Lyon", "CFA de Rennes")) in names


def test_partners_on_a_day_and_without_illustrative_ties(fixture_runner):
    on_day = partners_answer(ask(fixture_runner, "partners", actor_id="opco-a", as_of="2020-06-01"))
    assert ("PARTNERS_WITH", "both") in on_day and ("FUNDS", "out") in on_day
    assert on_day[("FUNDS", "out")] == ["cfa-lyon"]  # the others start later
    assert on_day == expected_partners(FIXTURE, "opco-a", as_of=D("2020-06-01"))
    firm = partners_answer(ask(fixture_runner, "partners", actor_id="opco-a", include_illustrative="non"))
    assert "cfa-brest" not in firm[("FUNDS", "out")] and ("SUCCEEDED_BY", "out") not in firm
    assert firm == expected_partners(FIXTURE, "opco-a", include_illustrative=False)


def test_governance_matrix(fixture_runner):
    result = ask(fixture_runner, "governance_matrix")
    got = set(rows(result, "body_id", "organisation_id", "role", "college", "seats", "votes"))
    assert ("fc", "union-c", "titulaire", "salariés", 1, 4) in got
    assert ("fc", "employer-m", "titulaire", None, None, 7) in got
    assert len(result.rows) == 4
    assert got == expected_governance(FIXTURE)
    assert result.column("body") == sorted(result.column("body"))  # grouped by body
    today = set(rows(ask(fixture_runner, "governance_matrix", body_id="crefop-53", as_of="2024-01-01"),
                     "body_id", "organisation_id", "role", "college", "seats", "votes"))
    assert today == {("crefop-53", "union-c", "membre", None, None, None)}
    assert today == expected_governance(FIXTURE, "crefop-53", D("2024-01-01"))


def test_funding_flows_by_year(fixture_runner):
    result = ask(fixture_runner, "funding_flows", actor_id="opco-a")
    got = {(d, y, c): (amount, ties) for d, y, c, amount, ties in
           rows(result, "direction", "year", "counterpart_id", "amount_eur", "ties")}
    assert got[("in", 2023, "fc")] == (1_000_000.0, 1)
    assert got[("in", 2024, "fc")] == (1_500_000.0, 1)
    assert got[("out", 2023, "cfa-rennes")] == (20_000.0, 1)  # year taken from the start date
    assert got[("out", 2022, "cfa-brest")] == (None, 1)  # no amount known: empty, not 0
    assert got == expected_funding(FIXTURE, "opco-a")
    assert result.column("direction") == sorted(result.column("direction"))


def test_shortest_paths_with_types(fixture_runner):
    result = ask(fixture_runner, "shortest_paths", from_id="union-c", to_id="opco-b")
    got = rows(result, "actor_ids", "types")
    assert got == [
        (("union-c", "cfa-lyon", "opco-b"), ("PARTNERS_WITH", "FUNDS")),
        (("union-c", "fc", "opco-b"), ("SITS_ON", "FUNDS")),
    ]
    assert sorted(got) == expected_shortest_paths(FIXTURE, "union-c", "opco-b")
    assert result.column("hops") == [2, 2]
    assert result.rows[0][result.columns.index("actor_names")] == ["Syndicat C", "CFA de Lyon", "OPCO Beta"]
    # The paths come with their nodes and relationships, for drawing.
    assert {n.actor_id for n in result.nodes.values()} == {"union-c", "cfa-lyon", "fc", "opco-b"}
    assert len(result.relationships) == 4
    assert ask(fixture_runner, "shortest_paths", from_id="union-c", to_id="union-c").rows == []


def test_actors_two_opcos_share(fixture_runner):
    result = ask(fixture_runner, "shared_actors", opco_a="opco-a", opco_b="opco-b")
    got = {x: (ta, tb) for x, ta, tb in rows(result, "actor_id", "types_with_a", "types_with_b")}
    assert got == {
        "cfa-lyon": (("FUNDS",), ("FUNDS",)),
        "employer-m": (("CO_MANAGES",), ("CO_MANAGES",)),
        "fc": (("FUNDS",), ("FUNDS",)),
    }
    assert got == expected_shared(FIXTURE, "opco-a", "opco-b")
    # Sharing a network is not a tie to each other's actors: net-1 is not listed.
    assert "net-1" not in got


def test_cfa_an_opco_funds_in_a_region(fixture_runner):
    by_code = ask(fixture_runner, "opco_cfa_in_region", opco_id="opco-a", region="53")
    got = {c: (t, a, y) for c, t, a, y in rows(by_code, "cfa_id", "ties", "amount_eur", "years")}
    assert got == {"cfa-brest": (1, None, (2022,)), "cfa-rennes": (2, 45_000.0, (2023, 2024))}
    assert got == expected_cfa_in_region(FIXTURE, "opco-a", "53")
    by_id = ask(fixture_runner, "opco_cfa_in_region", opco_id="opco-a", region="reg-53")
    assert by_id.column("cfa_id") == ["cfa-brest"]  # only LOCATED_IN names the Région actor
    assert ask(fixture_runner, "opco_cfa_in_region", opco_id="opco-b", region="53").rows == []


def test_regions_where_an_opco_has_no_training_partner(fixture_runner):
    opco_b = ask(fixture_runner, "regions_without_training_partner", opco_id="opco-b")
    assert opco_b.column("region") == ["Bretagne", "Île-de-France"]
    assert set(opco_b.column("region_id")) == expected_regions_without_partner(FIXTURE, "opco-b")
    opco_a = ask(fixture_runner, "regions_without_training_partner", opco_id="opco-a")
    assert opco_a.rows == []  # funds CFA in 53 and 84, partnered an organisation in 11
    later = ask(fixture_runner, "regions_without_training_partner", opco_id="opco-a", as_of="2023-06-01")
    assert later.column("region_id") == ["reg-11"]  # the Paris partnership ended in 2021
    assert set(later.column("region_id")) == expected_regions_without_partner(FIXTURE, "opco-a", D("2023-06-01"))


def test_what_changed_between_two_dates(fixture_runner):
    result = ask(fixture_runner, "changes_between", start="2019-01-01", end="2019-12-31")
    got = rows(result, "date", "change", "type", "source_id", "target_id")
    assert got == [
        ("2019-03-31", "ended", "ATTACHED_TO", "br-syntec", "opca-x"),
        ("2019-04-01", "started", "ATTACHED_TO", "br-syntec", "opco-a"),
        ("2019-04-01", "started", "ATTACHED_TO", "br-transport", "opco-b"),
        ("2019-04-01", "started", "MEMBER_OF", "opco-a", "net-1"),
        ("2019-04-01", "started", "SUCCEEDED_BY", "opca-x", "opco-a"),
        ("2019-04-01", "started", "SUCCEEDED_BY", "opca-y", "opco-a"),
    ]
    assert got == expected_changes(FIXTURE, D("2019-01-01"), D("2019-12-31"))
    span = ask(fixture_runner, "changes_between", start="2020-01-01", end="2021-12-31")
    assert rows(span, "date", "change", "source_id") == [
        ("2020-01-01", "started", "opco-a"), ("2020-12-31", "ended", "cfa-rennes"), ("2021-12-31", "ended", "opco-a"),
    ]


def test_members_of_a_network(fixture_runner):
    result = ask(fixture_runner, "network_members", network_id="net-1")
    got = set(rows(result, "member_id", "role", "since", "until"))
    assert got == {
        ("opco-a", "fondateur", "2019-04-01", None),
        ("cfa-rennes", None, None, "2020-12-31"),
        ("fc", None, None, None),
    }
    assert got == expected_members(FIXTURE, "net-1")
    assert result.column("member") == sorted(result.column("member"))
    today = ask(fixture_runner, "network_members", network_id="net-1", as_of="2024-01-01")
    assert set(today.column("member_id")) == {"opco-a", "fc"}


def test_succession_history_both_ways(fixture_runner):
    result = ask(fixture_runner, "succession_history", actor_id="opco-a")
    got = rows(result, "step", "relation", "actor_id", "succession_date")
    assert got == [
        (-2, "predecessor", "opca-z", "2000-01-01"),
        (-1, "predecessor", "opca-x", "2019-04-01"),
        (-1, "predecessor", "opca-y", "2019-04-01"),
        (0, "self", "opco-a", None),
        (1, "successor", "opco-merged", "2031-01-01"),
    ]
    assert {a: s for s, _, a, _ in got} == expected_succession(FIXTURE, "opco-a")
    middle = rows(ask(fixture_runner, "succession_history", actor_id="opca-x"), "step", "actor_id")
    assert middle == [(-1, "opca-z"), (0, "opca-x"), (1, "opco-a"), (2, "opco-merged")]
    alone = rows(ask(fixture_runner, "succession_history", actor_id="union-c"), "step", "actor_id")
    assert alone == [(0, "union-c")]


def test_full_text_search_over_names_and_aliases(fixture_runner):
    assert ask(fixture_runner, "search_actors", term="alpha").column("actor_id")[0] == "opco-a"
    # An alias, by the beginning of a word, whatever the case.
    assert "opco-a" in ask(fixture_runner, "search_actors", term="COMPÉT").column("actor_id")
    assert ask(fixture_runner, "search_actors", term="FC").column("actor_id") == ["fc"]  # short name
    cfa = ask(fixture_runner, "search_actors", term="cfa", limit="2")
    assert len(cfa.rows) == 2 and all(a.startswith("cfa-") for a in cfa.column("actor_id"))
    # Lucene syntax typed by a user is searched literally instead of breaking the query.
    for term in ["C++", "(C++) Paris", 'cfa"', "a:b", "*", "cfa AND", "OR", "\\", "~1", "[x TO y]"]:
        ask(fixture_runner, "search_actors", term=term)
    assert "of-paris" in ask(fixture_runner, "search_actors", term="(C++) Paris").column("actor_id")
    assert ask(fixture_runner, "search_actors", term="inexistant").rows == []


def test_sources_behind_an_actors_ties(fixture_runner):
    result = ask(fixture_runner, "tie_sources", actor_id="union-c")
    got = sorted(rows(result, "type", "other_id", "title"), key=lambda x: (x[0], x[1], x[2] or ""))
    assert got == [
        ("CO_MANAGES", "opco-a", "Accord constitutif"),
        ("CO_MANAGES", "opco-a", "Rapport annuel"),
        ("PARTNERS_WITH", "cfa-lyon", None),  # an unsourced tie shows up
        ("SITS_ON", "crefop-53", None),
        ("SITS_ON", "fc", None),
    ]
    assert got == expected_tie_sources(FIXTURE, "union-c")
    detail = {r[0]: r for r in rows(result, "title", "url", "publisher", "consulted", "confidence") if r[0]}
    assert detail["Rapport annuel"] == ("Rapport annuel", "https://example.org/rapport", "FC", "2024-05-01", "0.9")
    assert detail["Accord constitutif"][1:] == (None, None, None, None)
    # the curated id of a source file's source; none for a source written on its tie
    ids = {r[0]: r[1] for r in rows(result, "title", "source_id") if r[0]}
    assert ids == {"Rapport annuel": "rapport-fc-2024", "Accord constitutif": None}


def test_actors_in_a_region_by_kind(fixture_runner):
    result = ask(fixture_runner, "actors_in_region", region="53")
    got = {k: list(ids) for k, ids in rows(result, "kind", "actor_ids")}
    assert got == {"CFA": ["cfa-brest", "cfa-rennes"]}
    assert got == expected_actors_in_region(FIXTURE, "53")
    assert result.column("count") == [2]
    only = ask(fixture_runner, "actors_in_region", region="11", kind="TRAINING_ORG")
    assert rows(only, "kind", "actor_ids") == [("TRAINING_ORG", ("of-paris",))]
    assert ask(fixture_runner, "actors_in_region", region="11", kind="CFA").rows == []


def test_the_opco_of_a_branch_by_idcc(fixture_runner):
    syntec = ask(fixture_runner, "branch_opco", branch="1486")
    got = rows(syntec, "branch_id", "operator_id", "since", "until", "current")
    assert got == [
        ("br-syntec", "opco-a", "2019-04-01", None, True),  # the current attachment first
        ("br-syntec", "opca-x", "2010-01-01", "2019-03-31", False),
    ]
    assert set(got) == expected_branch_opco(FIXTURE, "1486")
    for spelling in ("16", "0016", "br-transport"):
        assert ask(fixture_runner, "branch_opco", branch=spelling).column("operator_id") == ["opco-b"]


def test_every_query_of_the_library_is_tested_here():
    tested = {name for name in QUERIES if f'"{name}"' in Path(__file__).read_text(encoding="utf-8")}
    assert tested == set(QUERIES)


INJECTIONS = ["x' OR 1=1 //", "}) DETACH DELETE n //", "opco-a'}) MATCH (m) DETACH DELETE m //"]
WITH_TEXT_PARAMETERS = sorted(n for n, q in QUERIES.items() if any(p.type in ("str", "fulltext") for p in q.params))


def test_injection_cases_cover_the_library():
    # changes_between takes only dates: nothing a user types reaches it as text.
    assert set(QUERIES) - set(WITH_TEXT_PARAMETERS) == {"changes_between"}


@pytest.mark.parametrize("name", WITH_TEXT_PARAMETERS)
def test_injection_through_every_parameter_finds_nothing_and_changes_nothing(name, fixture_runner, neo4j_driver,
                                                                            neo4j_settings):
    query = QUERIES[name]
    database = neo4j_settings.neo4j_database

    def count() -> tuple[int, int]:
        record = neo4j_driver.execute_query(
            "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r", database_=database
        ).records[0]
        return record["n"], record["r"]

    before = count()
    for value in INJECTIONS:
        params = {p.name: value for p in query.params if p.type in ("str", "fulltext")}
        for region in (p.name for p in query.params if p.type == "region"):
            # A Région is refused before any Cypher runs unless it is one; the text goes to the others.
            with pytest.raises(QueryFailed):
                query.bind({**params, region: value})
            params[region] = "53"
        result = fixture_runner.run(query.cypher, query.bind(params))
        if name == "search_actors":
            # The words are searched literally ("n" legitimately prefixes names): each hit is explained.
            actors = FIXTURE.actor_index()
            assert all(explains_hit(actors[a], value) for a in result.column("actor_id"))
        else:
            assert result.rows == []
    assert count() == before


# -- the reference map, loaded with the real loader and writer -----------------------------


def _ids(ds: Dataset, kind: str) -> list[str]:
    return sorted(a.id for a in ds.actors if a.kind == kind)


def test_reference_examples_all_answer(reference_runner):
    """Each example shown in --describe and the README gives a non-empty answer."""
    for name, query in QUERIES.items():
        for example in query.examples:
            result = reference_runner.run(query.cypher, query.bind(dict(p.split("=", 1) for p in example.split())))
            assert result.rows, f"{name} {example} answers nothing on the reference map"


def test_reference_partners(reference_runner, reference):
    for actor_id in [*_ids(reference, "OPCO"), "france-competences", "cfdt", "region-53", "pole-emploi"]:
        got = partners_answer(ask(reference_runner, "partners", actor_id=actor_id))
        assert got == expected_partners(reference, actor_id), actor_id
    day = D("2020-06-01")
    got = partners_answer(ask(reference_runner, "partners", actor_id="france-competences", as_of="2020-06-01",
                              include_illustrative="false"))
    assert got == expected_partners(reference, "france-competences", day, include_illustrative=False)


def test_reference_governance_matrix(reference_runner, reference):
    got = set(rows(ask(reference_runner, "governance_matrix"),
                   "body_id", "organisation_id", "role", "college", "seats", "votes"))
    assert got == expected_governance(reference) and got
    for body in {r.target for r in reference.relationships if r.type == "SITS_ON"}:
        got = set(rows(ask(reference_runner, "governance_matrix", body_id=body, as_of="2024-06-01"),
                       "body_id", "organisation_id", "role", "college", "seats", "votes"))
        assert got == expected_governance(reference, body, D("2024-06-01")), body


def test_reference_funding_flows(reference_runner, reference):
    funded = {r.source for r in reference.relationships if r.type == "FUNDS"}
    for actor_id in sorted(funded | set(_ids(reference, "OPCO"))):
        result = ask(reference_runner, "funding_flows", actor_id=actor_id)
        got = {(d, y, c): (amount, ties) for d, y, c, amount, ties in
               rows(result, "direction", "year", "counterpart_id", "amount_eur", "ties")}
        assert got == expected_funding(reference, actor_id), actor_id


@pytest.mark.parametrize("pair", [
    ("cfdt", "france-competences"), ("cfdt", "france-travail"), ("opco-ep", "cfa-exemple-84"),
    ("branche-banque", "region-53"), ("u2p", "dreets"), ("opca-fafiec", "opco-akto"),
])
def test_reference_shortest_paths(pair, reference_runner, reference):
    result = ask(reference_runner, "shortest_paths", from_id=pair[0], to_id=pair[1], limit="100000")
    got = sorted(rows(result, "actor_ids", "types"))
    expected = expected_shortest_paths(reference, *pair)
    assert got == expected and got
    assert set(result.column("hops")) == {len(expected[0][0]) - 1}


def test_reference_shared_actors(reference_runner, reference):
    opcos = _ids(reference, "OPCO")
    for a, b in itertools.combinations(opcos, 2):
        got = {x: (ta, tb) for x, ta, tb in rows(ask(reference_runner, "shared_actors", opco_a=a, opco_b=b),
                                                 "actor_id", "types_with_a", "types_with_b")}
        assert got == expected_shared(reference, a, b), (a, b)


def test_reference_cfa_an_opco_funds_in_a_region(reference_runner, reference):
    # Codes for every Région; the Région actor's id for a few (it only matches LOCATED_IN ties).
    regions = sorted({a.region_code for a in reference.actors if a.kind == "REGION"}) + ["region-84", "region-11"]
    seen = 0
    for opco in _ids(reference, "OPCO"):
        for region in regions:
            got = {c: (t, a, y) for c, t, a, y in rows(
                ask(reference_runner, "opco_cfa_in_region", opco_id=opco, region=region),
                "cfa_id", "ties", "amount_eur", "years")}
            assert got == expected_cfa_in_region(reference, opco, region), (opco, region)
            seen += len(got)
    assert seen, "the reference map has OPCO funding CFA"


def test_reference_regions_without_training_partner(reference_runner, reference):
    for opco in _ids(reference, "OPCO"):
        for as_of in (None, D("2019-06-01")):
            result = ask(reference_runner, "regions_without_training_partner", opco_id=opco, as_of=as_of)
            assert set(result.column("region_id")) == expected_regions_without_partner(reference, opco, as_of), opco


@pytest.mark.parametrize("window", [("2019-01-01", "2019-12-31"), ("2014-01-01", "2024-12-31"),
                                    ("2024-01-01", "2024-01-01"), ("1990-01-01", "1990-12-31")])
def test_reference_changes_between(window, reference_runner, reference):
    result = ask(reference_runner, "changes_between", start=window[0], end=window[1])
    got = rows(result, "date", "change", "type", "source_id", "target_id")
    assert got == expected_changes(reference, D(window[0]), D(window[1]))


def test_reference_network_members(reference_runner, reference):
    for network in _ids(reference, "NETWORK"):
        got = set(rows(ask(reference_runner, "network_members", network_id=network),
                       "member_id", "role", "since", "until"))
        assert got == expected_members(reference, network), network


def test_reference_succession_history(reference_runner, reference):
    involved = {x for r in reference.relationships if r.type == "SUCCEEDED_BY" for x in (r.source, r.target)}
    for actor_id in sorted(involved):
        got = {a: step for step, a in rows(ask(reference_runner, "succession_history", actor_id=actor_id),
                                           "step", "actor_id")}
        assert got == expected_succession(reference, actor_id), actor_id


def test_reference_search_finds_every_actor_by_its_name(reference_runner, reference):
    for actor in reference.actors:
        result = ask(reference_runner, "search_actors", term=actor.name, limit="1000")
        found = result.column("actor_id")
        assert actor.id in found, actor.name
        index = reference.actor_index()
        assert all(explains_hit(index[a], actor.name) for a in found), actor.name
        assert result.column("score") == sorted(result.column("score"), reverse=True)


def test_reference_tie_sources(reference_runner, reference):
    for actor_id in [*_ids(reference, "OPCO"), "france-competences", "cfdt"]:
        got = sorted(rows(ask(reference_runner, "tie_sources", actor_id=actor_id), "type", "other_id", "title"),
                     key=lambda x: (x[0], x[1], x[2] or ""))
        assert got == expected_tie_sources(reference, actor_id), actor_id


def test_source_ties_are_the_ties_citing_a_source_by_its_curated_id(fixture_runner):
    got = sorted(rows(ask(fixture_runner, "source_ties", source_id="rapport-fc-2024"), "title", "type", "from_id", "to_id"))
    expected = sorted(("Rapport annuel", r.type, r.source, r.target) for r in FIXTURE.relationships
                      if REPORT in r.sources)
    assert got == expected and len(got) >= 2
    assert ask(fixture_runner, "source_ties", source_id="no-such-source").rows == []


def test_reference_source_ties(reference_runner, reference):
    cited = {s.id for r in reference.relationships for s in r.sources if s.id}
    assert len(cited) >= 5  # the reference map's sources keep their curated ids
    for source_id in sorted(cited)[:5]:
        found = rows(ask(reference_runner, "source_ties", source_id=source_id), "type", "from_id", "to_id", "since")
        assert found, source_id
        assert sorted(found, key=lambda x: (x[0], x[1], x[2], x[3] or "")) == sorted(
            ((r.type, r.source, r.target, r.since.isoformat() if r.since else None) for r in reference.relationships
             if source_id in {s.id for s in r.sources}), key=lambda x: (x[0], x[1], x[2], x[3] or "")), source_id


def test_reference_actors_in_region(reference_runner, reference):
    for region in reference.actors:
        if region.kind != "REGION":
            continue
        for key in (region.region_code, region.id):
            got = {k: list(ids) for k, ids in rows(ask(reference_runner, "actors_in_region", region=key),
                                                    "kind", "actor_ids")}
            assert got == expected_actors_in_region(reference, key), key
        cfa = ask(reference_runner, "actors_in_region", region=region.region_code, kind="CFA")
        assert {k: list(v) for k, v in rows(cfa, "kind", "actor_ids")} == \
            expected_actors_in_region(reference, region.region_code, "CFA")


def test_reference_branch_opco(reference_runner, reference):
    for branch in (a for a in reference.actors if a.kind == "BRANCH"):
        for key in filter(None, (branch.id, branch.idcc, branch.idcc and str(int(branch.idcc)))):
            got = set(rows(ask(reference_runner, "branch_opco", branch=key),
                           "branch_id", "operator_id", "since", "until", "current"))
            assert got == expected_branch_opco(reference, key) and got, key


def test_reference_answers_match_the_domain_facts(reference_runner):
    """A few answers a strategist knows by heart (shared/domain/ecosystem-facts.md)."""
    history = rows(ask(reference_runner, "succession_history", actor_id="france-competences"),
                   "step", "actor_id", "succession_date")
    assert {(-1, a, "2019-01-01") for a in ("cnefop", "copanef", "cncp", "fpspp")} <= set(history)
    assert (-1, "pole-emploi", "2024-01-01") in rows(
        ask(reference_runner, "succession_history", actor_id="france-travail"), "step", "actor_id", "succession_date")
    transport = ask(reference_runner, "branch_opco", branch="16")
    assert rows(transport, "operator_id", "current")[0] == ("opco-mobilites", True)
    predecessors = rows(ask(reference_runner, "succession_history", actor_id="opco-atlas"), "step", "actor_id")
    assert {(-1, "opca-opcabaia"), (-1, "opca-fafiec")} <= set(predecessors)
    found = ask(reference_runner, "search_actors", term="pôle emploi").column("actor_id")
    assert found[0] == "pole-emploi"
