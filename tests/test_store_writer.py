"""The Neo4j writer on a real server: idempotent, updating, pruning, convergent after a crash."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import re
from pathlib import Path

import neo4j
import pytest

from graph_model import Actor, Dataset, default_schema
from loaders import canonical, load_dataset
from loaders.synthetic import generate
from graph_model.errors import StoreUnavailable, StoreWriteFailed
from opcomap.store import connect
from opcomap.store.codec import actor_row, content_hash, relationship_row
from opcomap.store.reader import read_dataset
from opcomap.store.statements import update_actors
from opcomap.store.writer import plan_dataset, write_dataset

pytestmark = pytest.mark.neo4j
GOOD = Path(__file__).parent / "fixtures" / "good"
SCHEMA = default_schema()


class Crash(Exception):
    """Stands for the process dying between two batches."""


@pytest.fixture
def db(empty_db):
    """The driver on an emptied database (conftest's empty_db)."""
    return empty_db


@pytest.fixture(scope="module")
def good():
    return load_dataset([GOOD], SCHEMA)


@pytest.fixture(scope="module")
def synthetic():
    return generate(300, 2000, seed=11)


def counts(driver, database: str) -> tuple[int, int, int]:
    """Actors, relationships and distinct relationship keys in the database."""
    records, _, _ = driver.execute_query(
        "MATCH (n:Actor) WITH count(n) AS nodes "
        "OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS rels, count(DISTINCT r.key) AS keys",
        database_=database,
    )
    return records[0]["nodes"], records[0]["rels"], records[0]["keys"]


def load(driver, settings, dataset, name="test", **kwargs):
    return write_dataset(driver, dataset, SCHEMA, dataset_name=name, database=settings.neo4j_database, **kwargs)


def test_loading_twice_changes_nothing(db, neo4j_settings, good):
    first = load(db, neo4j_settings, good)
    assert (first.actors.created, first.relationships.created) == (len(good.actors), len(good.relationships))
    after_first = counts(db, neo4j_settings.neo4j_database)
    second = load(db, neo4j_settings, good)
    assert (second.actors.created, second.actors.updated, second.actors.unchanged) == (0, 0, len(good.actors))
    assert (second.relationships.created, second.relationships.updated, second.relationships.unchanged) == (
        0, 0, len(good.relationships))
    assert counts(db, neo4j_settings.neo4j_database) == after_first == (
        len(good.actors), len(good.relationships), len(good.relationships))


def test_mapping_labels_dates_lists_sources_and_bookkeeping(db, neo4j_settings, good):
    load(db, neo4j_settings, good, name="reference-test")
    records, _, _ = db.execute_query(
        "MATCH (a:Actor {id: 'opco-atlas'}) RETURN labels(a) AS labels, a.since AS since, a.aliases AS aliases, "
        "a.aliases_text AS text, a.dataset AS dataset, a.loaded_at IS NOT NULL AS stamped",
        database_=neo4j_settings.neo4j_database,
    )
    row = records[0]
    assert sorted(row["labels"]) == ["Actor", "OPCO"]
    assert row["since"].iso_format() == "2019-04-01"  # a Neo4j date, not a string
    assert row["aliases"] == ["Atlas", "OPCO Atlas"] and row["text"] == "Atlas | OPCO Atlas"
    assert row["dataset"] == "reference-test" and row["stamped"]
    records, _, _ = db.execute_query(
        "MATCH (:Actor {id: 'public-fc'})-[r:FUNDS]->(:Actor {id: 'opco-atlas'}) RETURN r",
        database_=neo4j_settings.neo4j_database,
    )
    rel = records[0]["r"]
    assert rel["amount_eur"] == 1234567.5 and rel["year"] == 2024
    assert rel["source_ids"] == ["code-travail", "arrete-2019"] and rel["dataset"] == "reference-test"
    stored_names = rel.keys()  # only the ids: no field of a source is repeated on its ties
    assert [name for name in stored_names if name.startswith("source")] == ["source_ids"]
    records, _, _ = db.execute_query("MATCH (s:Source {id: 'arrete-2019'}) RETURN s",
                                     database_=neo4j_settings.neo4j_database)
    source = records[0]["s"]
    assert source["title"] == "Arrêtés d'agrément des opérateurs de compétences" and "confidence" not in source
    assert source["consulted"].iso_format() == "2025-11-20" and "derived" not in source
    assert rel["key"] == "public-fc|FUNDS|opco-atlas|2024-01-01" and rel["loaded_at"] is not None


def source_nodes(driver, database: str) -> dict[str, dict]:
    """Every Source node's properties, by id."""
    records, _, _ = driver.execute_query("MATCH (s:Source) RETURN s.id AS id, properties(s) AS props",
                                         database_=database)
    return {r["id"]: r["props"] for r in records}


def cited_keys(dataset: Dataset) -> set[str]:
    return {s.key for r in dataset.relationships for s in r.sources}


def test_a_map_read_back_keeps_its_curated_source_ids_and_every_source_field(db, neo4j_settings, good, tmp_path):
    from loaders.exporters import write_csv_folder

    load(db, neo4j_settings, good)
    back = read_dataset(db, neo4j_settings.neo4j_database)
    assert canonical(back) == canonical(good)  # every field of every source, in each tie's order
    ids = {s.id for r in back.relationships for s in r.sources}
    assert {"code-travail", "arrete-2019", "s-yaml"} <= ids  # the curated ids, not hashes
    funds = next(r for r in back.relationships if r.key == "public-fc|FUNDS|opco-atlas|2024-01-01")
    assert [s.model_dump(exclude_none=True) for s in funds.sources] == [
        {"title": "Code du travail, article L6332-1", "id": "code-travail",
         "url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038951821", "publisher": "Légifrance",
         "consulted": dt.date(2025, 11, 20), "confidence": 0.95},
        {"title": "Arrêtés d'agrément des opérateurs de compétences", "id": "arrete-2019",
         "url": "https://centre-inffo.fr/site-centre-inffo/le-ministere-du-travail-agree-onze-operateurs-de-competences",
         "publisher": "Centre Inffo", "consulted": dt.date(2025, 11, 20)},
    ]
    inline = {s.title: s for r in back.relationships for s in r.sources}["Source en ligne"]
    assert inline.id is None  # a source written on its tie has no curated id, and gets none
    # and an export of what Neo4j holds names the sources by those same ids
    rows = (write_csv_folder(back, tmp_path / "out") / "sources.csv").read_text(encoding="utf-8").splitlines()
    exported = {line.split(",")[0] for line in rows[1:]}
    assert {"code-travail", "arrete-2019", "s-yaml", inline.key} == exported
    assert canonical(load_dataset([tmp_path / "out"], SCHEMA)) == canonical(good)


def test_a_source_cited_by_many_ties_is_one_node_and_a_reload_rewrites_none(db, neo4j_settings, good):
    database = neo4j_settings.neo4j_database
    first = load(db, neo4j_settings, good)
    nodes = source_nodes(db, database)
    assert set(nodes) == cited_keys(good) and first.sources.created == len(nodes)
    records, _, _ = db.execute_query("MATCH ()-[r]->() WHERE 'arrete-2019' IN r.source_ids RETURN count(r) AS n",
                                     database_=database)
    assert records[0]["n"] == 5  # five ties, one node
    second = load(db, neo4j_settings, good)
    assert (second.sources.created, second.sources.updated, second.sources.unchanged) == (0, 0, len(nodes))
    assert source_nodes(db, database) == nodes  # not even loaded_at moved


def test_a_changed_source_is_rewritten_once_for_every_tie_citing_it(db, neo4j_settings, good):
    load(db, neo4j_settings, good)
    renamed = [r.model_copy(update={"sources": [s.model_copy(update={"title": "Arrêtés (2019)"})
                                                if s.id == "arrete-2019" else s for s in r.sources]})
               for r in good.relationships]
    report = load(db, neo4j_settings, good.model_copy(update={"relationships": renamed}))
    assert (report.sources.updated, report.relationships.updated) == (1, 0)  # the ties cite the same id
    back = read_dataset(db, neo4j_settings.neo4j_database)
    titles = {s.title for r in back.relationships for s in r.sources if s.id == "arrete-2019"}
    assert titles == {"Arrêtés (2019)"}


def test_prune_deletes_the_sources_no_tie_cites_any_more_whoever_loaded_them(db, neo4j_settings, good):
    from opcomap.store.writer import remove_dataset

    database = neo4j_settings.neo4j_database
    load(db, neo4j_settings, good)
    code = next(s for r in good.relationships for s in r.sources if s.id == "code-travail")
    other = Dataset(actors=[Actor(id="x-a", name="A", kind="OPCO"), Actor(id="x-b", name="B", kind="CFA")],
                    relationships=[good.relationships[0].model_copy(update={
                        "source": "x-b", "target": "x-a", "type": "PARTNERS_WITH", "properties": {},
                        "sources": [code]})])
    load(db, neo4j_settings, other, name="other")
    # the files drop every tie citing arrete-2019: its node goes, code-travail (also cited by "other") stays
    fewer = good.model_copy(update={"relationships": [
        r for r in good.relationships if "arrete-2019" not in {s.id for s in r.sources}]})
    assert cited_keys(fewer) == cited_keys(good) - {"arrete-2019"}
    without = load(db, neo4j_settings, fewer)
    assert "arrete-2019" in source_nodes(db, database) and without.sources.pruned == 0  # left until a prune
    plan = plan_dataset(db, fewer, SCHEMA, dataset_name="test", database=database, prune=True)
    report = load(db, neo4j_settings, fewer, prune=True)
    assert plan.sources.pruned == report.sources.pruned == 1
    assert set(source_nodes(db, database)) == cited_keys(fewer) | cited_keys(other)
    removed = remove_dataset(db, "test", database)
    assert removed.sources == len(cited_keys(fewer) - {"code-travail"})
    assert set(source_nodes(db, database)) == {"code-travail"}
    assert read_dataset(db, database, dataset="other").relationships[0].sources == [code]


def test_changed_properties_and_kind_are_updated(db, neo4j_settings, good):
    load(db, neo4j_settings, good)
    actors = [a.model_copy(update={"name": "Opco Atlas (renommé)"}) if a.id == "opco-atlas" else a for a in good.actors]
    actors = [a.model_copy(update={"kind": "TRAINING_ORG"}) if a.id == "cfa-a" else a for a in actors]
    changed = good.model_copy(update={"actors": actors})
    report = load(db, neo4j_settings, changed)
    assert (report.actors.created, report.actors.updated) == (0, 2)
    assert report.actors.unchanged == len(good.actors) - 2
    records, _, _ = db.execute_query(
        "MATCH (a:Actor) WHERE a.id IN ['opco-atlas', 'cfa-a'] RETURN a.id AS id, a.name AS name, labels(a) AS labels "
        "ORDER BY id", database_=neo4j_settings.neo4j_database)
    assert [(r["id"], sorted(r["labels"])) for r in records] == [("cfa-a", ["Actor", "TRAINING_ORG"]),
                                                                 ("opco-atlas", ["Actor", "OPCO"])]
    assert records[1]["name"] == "Opco Atlas (renommé)"


def test_prune_removes_only_what_this_dataset_no_longer_holds(db, neo4j_settings, good, synthetic):
    load(db, neo4j_settings, synthetic, name="other")
    load(db, neo4j_settings, good)
    dropped_actor = "cfa-a"
    smaller = good.model_copy(update={
        "actors": [a for a in good.actors if a.id != dropped_actor],
        "relationships": [r for r in good.relationships if dropped_actor not in (r.source, r.target)
                          and r.type != "SUCCEEDED_BY"],
    })
    without_prune = load(db, neo4j_settings, smaller)
    assert without_prune.actors.pruned == 0 and counts(db, neo4j_settings.neo4j_database)[0] == (
        len(good.actors) + len(synthetic.actors))
    report = load(db, neo4j_settings, smaller, prune=True)
    assert report.actors.pruned == 1
    assert report.relationships.pruned == len(good.relationships) - len(smaller.relationships) == 3
    back = read_dataset(db, neo4j_settings.neo4j_database, dataset="test")
    assert canonical(back) == canonical(smaller)
    assert canonical(read_dataset(db, neo4j_settings.neo4j_database, dataset="other")) == canonical(synthetic)


def test_prune_keeps_an_actor_that_ties_of_other_datasets_still_use(db, neo4j_settings, good):
    """A tie added in the app (dataset "modifications") to an actor later dropped from the files
    must survive a --prune of those files, and so must the actor."""
    database = neo4j_settings.neo4j_database
    load(db, neo4j_settings, good)
    dropped, other = "cfa-a", next(a.id for a in good.actors if a.id != "cfa-a")
    db.execute_query(
        "MATCH (a:Actor {id: $a}), (b:Actor {id: $b}) "
        "CREATE (a)-[:PARTNERS_WITH {key: 'edit-1', dataset: 'modifications'}]->(b)",
        a=other, b=dropped, database_=database)
    smaller = good.model_copy(update={
        "actors": [a for a in good.actors if a.id != dropped],
        "relationships": [r for r in good.relationships if dropped not in (r.source, r.target)
                          and r.type != "SUCCEEDED_BY"],
    })
    plan = plan_dataset(db, smaller, SCHEMA, dataset_name="test", database=database, prune=True)
    report = load(db, neo4j_settings, smaller, prune=True)
    assert (plan.actors.pruned, plan.kept_actors) == (report.actors.pruned, report.kept_actors) == (0, 1)
    records, _, _ = db.execute_query(
        "MATCH (:Actor {id: $a})-[r {key: 'edit-1'}]->(:Actor {id: $b}) RETURN count(r) AS n",
        a=other, b=dropped, database_=database)
    assert records[0]["n"] == 1


def test_prune_counts_each_removed_relationship(db, neo4j_settings, good):
    load(db, neo4j_settings, good)
    fewer = good.model_copy(update={"relationships": [r for r in good.relationships if r.type != "CO_MANAGES"]})
    report = load(db, neo4j_settings, fewer, prune=True)
    removed = len(good.relationships) - len(fewer.relationships)
    assert removed == 3
    assert (report.relationships.pruned, report.actors.pruned, report.relationships.unchanged) == (
        removed, 0, len(fewer.relationships))


def test_dry_run_plans_without_writing(db, neo4j_settings, good):
    plan = plan_dataset(db, good, SCHEMA, dataset_name="test", database=neo4j_settings.neo4j_database)
    assert (plan.actors.created, plan.relationships.created) == (len(good.actors), len(good.relationships))
    assert counts(db, neo4j_settings.neo4j_database) == (0, 0, 0)
    load(db, neo4j_settings, good)
    again = plan_dataset(db, good, SCHEMA, dataset_name="test", database=neo4j_settings.neo4j_database)
    assert (again.actors.unchanged, again.relationships.unchanged) == (len(good.actors), len(good.relationships))


def test_dry_run_on_ties_without_their_key_index(db, neo4j_settings, good):
    """Ties added in the app before any load have no key index (only a load creates it).
    A dry run creates nothing, so its lookups carry an index hint Neo4j cannot follow:
    Neo4j only warns (hints are not errors by default) and the plan must still be right."""
    database = neo4j_settings.neo4j_database
    load(db, neo4j_settings, good)
    for rel_type in SCHEMA.relationship_types:
        db.execute_query(f"DROP CONSTRAINT rel_key_{rel_type.lower()} IF EXISTS", database_=database)
    try:
        plan = plan_dataset(db, good, SCHEMA, dataset_name="test", database=database)
    finally:
        load(db, neo4j_settings, good)  # puts the constraints back for the other tests
    assert (plan.relationships.unchanged, plan.relationships.created) == (len(good.relationships), 0)
    assert plan.actors.unchanged == len(good.actors)


def test_a_load_killed_half_way_converges_when_re_run(db, neo4j_settings, synthetic):
    batches = 0

    def die_after_five(_rows: int) -> None:
        nonlocal batches
        batches += 1
        if batches == 5:
            raise Crash()

    with pytest.raises(Crash):
        load(db, neo4j_settings, synthetic, batch_size=100, on_batch=die_after_five)
    assert gc.isenabled()  # the load pauses the cycle collector; a crash must not leave it off
    nodes, rels, _ = counts(db, neo4j_settings.neo4j_database)
    assert 0 < nodes + rels < len(synthetic.actors) + len(synthetic.relationships)  # really half-way
    report = load(db, neo4j_settings, synthetic, batch_size=100)
    assert report.actors.created + report.relationships.created == (
        len(synthetic.actors) + len(synthetic.relationships) - nodes - rels)
    assert counts(db, neo4j_settings.neo4j_database) == (
        len(synthetic.actors), len(synthetic.relationships), len(synthetic.relationships))  # no duplicates
    assert canonical(read_dataset(db, neo4j_settings.neo4j_database)) == canonical(synthetic)


def test_losing_the_connection_mid_load_says_so_and_re_running_completes(db, neo4j_settings, synthetic):
    from tests.test_app_neo4j import Relay

    # The connection goes through a relay that is cut mid-load, as a network or a server would drop it.
    relay = Relay(int(neo4j_settings.uri.rsplit(":", 1)[1]))
    doomed = connect(neo4j_settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{relay.port}"}))
    seen = written = 0

    def cut_connection(rows: int) -> None:
        nonlocal seen, written
        seen += 1
        written += rows
        if seen == 3:
            relay.cut()

    with pytest.raises((StoreUnavailable, StoreWriteFailed)) as caught:
        write_dataset(doomed, synthetic, SCHEMA, dataset_name="test", database=neo4j_settings.neo4j_database,
                      batch_size=100, on_batch=cut_connection)
    said = str(caught.value)
    assert "relancez la même commande" in said
    # Two writers: the figure is what was confirmed committed when a writer saw the failure.
    reported = int(re.search(r"après (\d+) lignes?", said)[1])
    assert 0 < reported <= written
    load(db, neo4j_settings, synthetic, batch_size=100)
    assert counts(db, neo4j_settings.neo4j_database) == (
        len(synthetic.actors), len(synthetic.relationships), len(synthetic.relationships))


def test_labels_come_from_the_schema_only():
    query = update_actors("OPCO", SCHEMA.kinds)
    assert "SET a:`OPCO`" in query and "REMOVE a:`BRANCH`" in query and "$rows" in query
    tampered = Actor.model_construct(id="x", name="x", kind="OPCO`) DETACH DELETE (a")
    dataset = load_dataset([GOOD], SCHEMA).model_copy(update={"actors": [tampered]})
    with pytest.raises(Exception, match="absents du schéma"):
        write_dataset(None, dataset, SCHEMA, dataset_name="x")  # refused before any driver call


def test_one_load_creates_new_ties_and_updates_changed_ones(db, neo4j_settings, good):
    load(db, neo4j_settings, good)
    funds = next(r for r in good.relationships if r.key == "public-fc|FUNDS|opco-atlas|2024-01-01")
    raised = funds.model_copy(update={"properties": {**funds.properties, "amount_eur": 2000000.0}})
    added = funds.model_copy(update={"since": funds.since.replace(year=2025), "until": None})
    rels = [raised if r.key == funds.key else r for r in good.relationships] + [added]
    changed = good.model_copy(update={"relationships": rels})
    plan = plan_dataset(db, changed, SCHEMA, dataset_name="test", database=neo4j_settings.neo4j_database)
    report = load(db, neo4j_settings, changed)
    for counts_ in (plan.relationships, report.relationships):
        assert (counts_.created, counts_.updated, counts_.unchanged) == (1, 1, len(good.relationships) - 1)
    records, _, _ = db.execute_query(
        "MATCH (:Actor {id: 'public-fc'})-[r:FUNDS]->(:Actor {id: 'opco-atlas'}) RETURN r.key AS key, r.amount_eur AS eur "
        "ORDER BY key", database_=neo4j_settings.neo4j_database)
    assert [(r["key"], r["eur"]) for r in records] == [(funds.key, 2000000.0), (added.key, 1234567.5)]
    assert counts(db, neo4j_settings.neo4j_database)[1:] == (len(rels), len(rels))


def test_neo4j_refuses_a_second_tie_with_the_same_key(db, neo4j_settings, good):
    """What keeps a racing second load (which CREATEs ties it did not find) from duplicating them."""
    load(db, neo4j_settings, good)
    with pytest.raises(neo4j.exceptions.ConstraintError):
        db.execute_query(
            "MATCH (s:Actor {id: 'public-fc'}), (t:Actor {id: 'opco-atlas'}) "
            "CREATE (s)-[:FUNDS {key: 'public-fc|FUNDS|opco-atlas|2024-01-01'}]->(t)",
            database_=neo4j_settings.neo4j_database)


def test_a_database_with_the_old_key_indexes_is_migrated(db, neo4j_settings, good):
    database = neo4j_settings.neo4j_database
    load(db, neo4j_settings, good)
    for rel_type in SCHEMA.relationship_types:  # what versions before the constraints left
        name = f"rel_key_{rel_type.lower()}"
        db.execute_query(f"DROP CONSTRAINT {name} IF EXISTS", database_=database)
        db.execute_query(f"CREATE INDEX {name} FOR ()-[r:`{rel_type}`]-() ON (r.key)", database_=database)
    report = load(db, neo4j_settings, good)
    assert report.relationships.unchanged == len(good.relationships)
    records, _, _ = db.execute_query(
        "SHOW CONSTRAINTS YIELD name, type WHERE name STARTS WITH 'rel_key_' RETURN name, type", database_=database)
    assert {(r["name"], r["type"]) for r in records} == {
        (f"rel_key_{t.lower()}", "RELATIONSHIP_UNIQUENESS") for t in SCHEMA.relationship_types}
    load(db, neo4j_settings, good)  # and again: nothing left to migrate


def test_content_hash_is_the_sha1_of_the_sorted_json_as_before(good, synthetic):
    """Maps loaded by earlier versions keep matching: a different fingerprint would make the
    next load of unchanged files rewrite (and report as updated) every actor and tie."""
    def reference(props):
        text = json.dumps(props, sort_keys=True, ensure_ascii=False, default=str)
        return int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "big", signed=True)

    rows = [relationship_row(r, "test") for r in good.relationships + synthetic.relationships]
    rows += [actor_row(a, "test") for a in good.actors + synthetic.actors]
    odd = {"é": "ÿ\u2028\n\"\\", "d": dt.date(2020, 1, 2), "t": dt.datetime(2020, 1, 2, 3, 4, tzinfo=dt.UTC),
           "f": 1e16, "g": -0.0, "i": 2**70, "l": ["", "x", 1.5], "b": True, "z": {"y": [1, {"q": None}]}}
    for props in [row["props"] for row in rows] + [odd]:
        assert content_hash(props) == reference(props)
    assert content_hash({"key": "a", "amount_eur": 1.5}) == 129838005664532141  # pinned: never changes


def test_a_load_restores_the_cycle_collector(db, neo4j_settings, synthetic):
    assert gc.isenabled()
    load(db, neo4j_settings, synthetic)
    plan_dataset(db, synthetic, SCHEMA, dataset_name="test", database=neo4j_settings.neo4j_database)
    assert gc.isenabled()
    gc.disable()
    try:
        load(db, neo4j_settings, synthetic)
        assert not gc.isenabled()  # a caller that had paused it keeps it paused
    finally:
        gc.enable()


def test_a_registry_import_refers_to_the_maps_actors_without_taking_them_over(db, neo4j_settings, good):
    """A registry import carries the OPCO it ties to as anchors. Loaded after the map, it leaves
    them as the map wrote them and its prune never removes them; loaded first, into an empty
    database, the map that defines them later takes them over (a stale copy never wins)."""
    database = neo4j_settings.neo4j_database
    shared = good.actors[0]
    stale = shared.model_copy(update={"name": "Ancien nom"})
    newcomer = Actor(id="idcc-9001", name="Branche d'un registre", kind="BRANCH", idcc="9001")
    registry = Dataset(actors=[stale, newcomer], anchors=[shared.id])

    def owner_and_name():
        records, _, _ = db.execute_query("MATCH (a:Actor {id: $id}) RETURN a.dataset AS d, a.name AS n, a.anchor AS x",
                                         id=shared.id, database_=database)
        return records[0]["d"], records[0]["n"], records[0]["x"]

    first = load(db, neo4j_settings, registry, name="registre-siro")
    assert first.actors.created == 2 and owner_and_name() == ("registre-siro", "Ancien nom", True)
    taken = load(db, neo4j_settings, good, name="reference")
    assert taken.actors.updated == 1 and owner_and_name() == ("reference", shared.name, None)
    again = load(db, neo4j_settings, registry, name="registre-siro")
    assert (again.actors.updated, again.actors.shared) == (0, 1) and owner_and_name()[0] == "reference"
    pruned = load(db, neo4j_settings, Dataset(), name="registre-siro", prune=True)
    assert pruned.actors.pruned == 1  # its own branch only
    assert canonical(read_dataset(db, database, dataset="reference")) == canonical(good)
