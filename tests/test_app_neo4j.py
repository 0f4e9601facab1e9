"""The app in Neo4j mode, against a real server: same views as embedded mode, Cypher console,
and what happens when the server stops answering (a TCP relay in front of it is cut).
"""

from __future__ import annotations

import re
import socket
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph_model.schema import default_schema
from loaders.bundled import reference_dir
from opcomap.ui.context import DATA_ENV, SCHEMA_ENV
from tests.conftest import wipe

pytestmark = pytest.mark.neo4j

APP = str(Path(__file__).resolve().parent.parent / "app.py")


class Relay:
    """A TCP relay to the Neo4j server: cutting it looks, to the app, like a server going down."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self.open:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self) -> None:
        self.open = False
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        except OSError:
            pass
        self.listener.close()
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass


@pytest.fixture(scope="module")
def loaded(neo4j_driver, neo4j_settings):
    """The reference map loaded into an emptied database."""
    from loaders import load_dataset
    from opcomap.store.writer import write_dataset

    wipe(neo4j_driver, neo4j_settings.neo4j_database)
    dataset = load_dataset([reference_dir()], default_schema())
    write_dataset(neo4j_driver, dataset, default_schema(), dataset_name="reference",
                  database=neo4j_settings.neo4j_database)
    return dataset


@pytest.fixture
def neo4j_env(monkeypatch, neo4j_settings, loaded):
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.delenv(SCHEMA_ENV, raising=False)
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.neo4j_database)
    monkeypatch.setenv("NEO4J_CONNECT_TIMEOUT", "2")
    return loaded


def open_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def counts(at: AppTest) -> tuple[int, int]:
    from tests.test_app_pages import counts as read_counts

    return read_counts(at)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_map_page_shows_the_database_map(neo4j_env):
    at = open_app(page="carte")
    assert_clean(at)
    assert any("Neo4j" in c.value for c in at.sidebar.caption)
    assert counts(at) == (len(neo4j_env.actors), len(neo4j_env.relationships))


def test_the_first_view_read_from_neo4j_is_the_embedded_one(neo4j_env, monkeypatch):
    """The OPCO and their partners, labelled and grouped the same way, with the inspector's sources."""
    from tests.test_app_pages import _map_args

    data = _map_args(open_app(page="carte"))["data"]
    monkeypatch.delenv("NEO4J_URI")
    embedded = _map_args(open_app(page="carte"))["data"]

    def story(found: dict) -> tuple:
        opco = sorted(n["id"] for n in found["nodes"] if n.get("kind") == "OPCO")
        titles = sorted(n["label"] for n in found["nodes"] if n.get("heading"))
        named = sorted(n["id"] for n in found["nodes"] if n.get("rank", found["labels"]) < found["labels"])
        return opco, titles, named, len(found["sources"])

    assert story(data) == story(embedded)
    assert len(story(data)[0]) == 11 and len(story(data)[1]) == 10


def test_filters_are_applied_by_the_server_as_in_embedded_mode(neo4j_env, monkeypatch):
    at = open_app(page="carte", kinds="OPCO,EMPLOYEE_UNION,EMPLOYER_ORG", illustrative="0")
    assert_clean(at)
    from_neo4j = counts(at)
    monkeypatch.delenv("NEO4J_URI")
    embedded = counts(open_app(page="carte", kinds="OPCO,EMPLOYEE_UNION,EMPLOYER_ORG", illustrative="0"))
    assert from_neo4j == embedded


@pytest.mark.parametrize("page", ["acteur", "chemins", "analyse", "comparer", "donnees", "sources"])
def test_every_page_works_on_neo4j(neo4j_env, page):
    at = open_app(page=page, id="opco-atlas", src="opco-atlas", dst="france-competences")
    assert_clean(at)
    assert at.title
    assert "w_engine" not in [r.key for r in at.radio]  # a server without GDS: igraph only, no choice


def test_cypher_console_runs_a_named_question(neo4j_env):
    at = open_app(page="cypher", named="partners")
    assert_clean(at)
    at.text_input(key="w_param_partners_actor_id").set_value("opco-atlas")
    at.button(key="run_named").click().run()
    assert_clean(at)
    table = at.dataframe[0].value
    assert len(table) > 0
    at.run()  # any other interaction reruns the page: the result stays
    assert len(at.dataframe[0].value) == len(table)


def test_a_cut_console_result_says_so_and_more_rows_can_be_asked_for(neo4j_env, monkeypatch):
    monkeypatch.setenv("OPCOMAP_ROW_CAP", "5")
    at = open_app(page="cypher")
    at.text_area(key="w_query").set_value("UNWIND range(1, 40) AS i RETURN i")
    at.button(key="run_console").click().run()
    assert_clean(at)
    assert len(at.dataframe[-1].value) == 5  # the console's table (the first lists the named questions)
    assert any("5 premières lignes sur au moins 6" in w.value for w in at.warning), [w.value for w in at.warning]
    at.number_input(key="w_row_cap").set_value(100).run()
    at.button(key="run_console").click().run()
    assert_clean(at)
    assert len(at.dataframe[-1].value) == 40 and not at.warning


def test_cypher_console_refuses_a_write(neo4j_env, neo4j_driver):
    before = neo4j_driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    at = open_app(page="cypher")
    at.text_area(key="w_query").set_value("CREATE (:Actor {id: 'intrus', name: 'Intrus'})")
    at.button(key="run_console").click().run()
    assert not at.exception
    assert not at.error  # a refusal is the guard doing its job, not a broken page
    assert len(at.warning) == 1 and "refus" in at.warning[0].value  # one sentence saying it was refused
    after = neo4j_driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    assert after == before



def test_a_refused_console_user_is_a_message_naming_its_settings(neo4j_env, monkeypatch):
    monkeypatch.setenv("NEO4J_CONSOLE_USER", "opcomap_console_inconnu")
    monkeypatch.setenv("NEO4J_CONSOLE_PASSWORD", "pas-le-bon-mot")
    at = open_app(page="cypher")
    at.text_area(key="w_query").set_value("RETURN 1 AS n")
    at.button(key="run_console").click().run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert "NEO4J_CONSOLE_USER" in message and "NEO4J_CONSOLE_PASSWORD" in message and "pas-le-bon-mot" not in message

def test_neo4j_going_down_keeps_the_last_map_with_a_banner(neo4j_env, neo4j_settings, monkeypatch):
    relay = Relay(neo4j_settings.bolt_port)
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{relay.port}")
    at = open_app(page="carte")
    assert_clean(at)
    whole = counts(at)
    assert not at.warning
    relay.cut()
    # A view never asked before: the app cannot have it cached, and Neo4j no longer answers.
    at = open_app(page="carte", kinds="OPCO")
    assert not at.exception
    assert any("dernière obtenue" in w.value for w in at.warning), (
        [w.value for w in at.warning], [e.value for e in at.error], [m.value for m in at.markdown][:5])
    assert counts(at)[0] == 11
    at = open_app(page="carte")
    assert counts(at) == whole


def test_cypher_results_are_drawn_with_their_sources(neo4j_env, neo4j_driver, neo4j_settings):
    query = "MATCH (o:OPCO {id: 'opco-atlas'})<-[r:CO_MANAGES]-(u:Actor) RETURN o, r, u"
    at = open_app(page="cypher")
    at.text_area(key="w_query").set_value(query)
    at.button(key="run_console").click().run()
    assert_clean(at)
    assert any(re.search(r"\b[1-9][\d\u202f]* relations? dessinés\.$", c.value)
               for c in at.caption), [c.value for c in at.caption] + [w.value for w in at.warning]
    from opcomap.store.runner import ReadOnlyRunner
    from opcomap.ui.pages.cypher import result_graph

    graph = result_graph(ReadOnlyRunner.from_settings(neo4j_driver, neo4j_settings).run(query),
                         neo4j_driver, neo4j_settings.neo4j_database)
    assert "opco-atlas" in graph
    ties = list(graph.edges(data=True))
    assert ties and all(d["type"] == "CO_MANAGES" and d["sources"] and d["sources"][0]["title"] for *_, d in ties)


def test_a_profile_shows_its_ties_sources_and_notes_from_neo4j(neo4j_env):
    from tests.test_app_pages import texts

    at = open_app(page="acteur", id="opco-atlas")
    assert_clean(at)
    body = texts(at).replace("\\", "")
    ties = [r for r in neo4j_env.relationships if "opco-atlas" in (r.source, r.target)]
    titles = {s.title for r in ties for s in r.sources}
    assert titles and all(title.replace("\\", "") in body for title in titles if "[" not in title), (
        sorted(t for t in titles if t not in body)[:5])
    notes = [r.note for r in ties if r.note and "*" not in r.note and "_" not in r.note]
    assert not notes or any(note in body for note in notes)


def test_a_load_from_the_command_line_shows_up_without_waiting_for_the_cache(neo4j_env, neo4j_driver, neo4j_settings):
    """The app keeps each view per data version: a new load is a new version, seen at the next
    page run once the version's few seconds are up, not after the two minutes a view lives."""
    import time

    from graph_model.models import Actor, Dataset, Relationship, Source
    from opcomap.store.writer import write_dataset
    from opcomap.ui.caches import NEO4J_TTL_SECONDS, VERSION_TTL_SECONDS

    before = counts(open_app(page="carte"))
    extra = Dataset(actors=[Actor(id="cfa-nouveau", name="CFA nouveau", kind="CFA", region_code="53")],
                    relationships=[Relationship(source="opco-atlas", target="cfa-nouveau", type="FUNDS",
                                                sources=[Source(title="Test de chargement")])])
    started = time.monotonic()
    write_dataset(neo4j_driver, extra, default_schema(), dataset_name="extra", database=neo4j_settings.neo4j_database)
    try:
        time.sleep(VERSION_TTL_SECONDS + 0.5)
        after = counts(open_app(page="carte"))
        assert time.monotonic() - started < NEO4J_TTL_SECONDS
        assert after == (before[0] + 1, before[1] + 1)
    finally:
        neo4j_driver.execute_query("MATCH (a:Actor {dataset: 'extra'}) DETACH DELETE a",
                                   database_=neo4j_settings.neo4j_database)
        neo4j_driver.execute_query("MATCH (s:Source {title: 'Test de chargement'}) DELETE s",
                                   database_=neo4j_settings.neo4j_database)


def test_serve_prepares_the_map_held_in_neo4j_before_saying_ready(neo4j_env, monkeypatch):
    """The default map is read and drawn from Neo4j by the warm-up, not by the first visitor."""
    from opcomap.ui.warm import warm_up

    done = warm_up()
    assert done is not None
    monkeypatch.setattr("opcomap.ui.data._open",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError("the first visit read Neo4j's map")))
    at = open_app()
    assert_clean(at)
    assert counts(at) == (done.actors, done.relationships)


# -- a view is read lean; what is shown gets its descriptions, notes and sources ------------------

def _map_data(at: AppTest) -> dict:
    """What the map component was given to draw: nodes and ties with their tooltips."""
    import json

    (frame,) = at.get("component_instance")
    sent = {arg.key: arg.bytes for arg in frame.proto.special_args}
    return {**json.loads(sent["data"]), "reserve": json.loads(sent["reserve"])}


class _Queries:
    """Every statement the app sends, with its parameters (sessions and transactions alike)."""

    def __init__(self, monkeypatch):
        import neo4j

        self.seen: list[tuple[str, dict]] = []
        for owner in (neo4j.Session, neo4j.ManagedTransaction):
            monkeypatch.setattr(owner, "run", self._spy(owner.run))

    def _spy(self, run):
        def spied(this, query, parameters=None, **kwargs):
            self.seen.append((str(query), {**(parameters or {}), **kwargs}))
            return run(this, query, parameters, **kwargs)
        return spied

    def returning(self, alias: str) -> list[tuple[str, dict]]:
        return [(q, p) for q, p in self.seen if q.endswith(f"AS {alias}")]


def _opened_fresh(monkeypatch, **params: str) -> tuple[AppTest, _Queries]:
    """The app on a page, every cache emptied first, with the statements it sent."""
    from opcomap.ui import caches

    queries = _Queries(monkeypatch)
    caches.forget()
    caches.forget_connection()
    return open_app(**params), queries


def test_the_maps_view_is_read_without_descriptions_notes_or_sources(neo4j_env, monkeypatch):
    from opcomap.store import statements

    at, queries = _opened_fresh(monkeypatch, page="carte", focus="opco-atlas")
    assert_clean(at)
    actors, ties = queries.returning("actors"), queries.returning("ties")
    assert actors and all("description" not in p["fields"] for _, p in actors)
    returned = [q[q.index(" RETURN "):] for q, _ in ties]
    assert ties and not any("r.note" in r or "r.source_ids" in r for r in returned), returned[:1]
    assert not any({"note", "sources", "source_ids"} & set(p["columns"]) for _, p in ties)
    # The details come after, by key, for exactly the ties and actors the map holds:
    # those it draws and those held back for expansion (the inspector shows both).
    data = _map_data(at)
    held = data["nodes"] + data.get("reserve", {}).get("nodes", [])
    held_ties = data["edges"] + data.get("reserve", {}).get("edges", [])
    asked = [key for q, p in queries.seen if q.startswith("UNWIND $keys") for key in p["keys"]]
    assert sorted(asked) == sorted({r.key for r in neo4j_env.relationships
                                    if {r.source, r.target} <= {n["id"] for n in held}})
    assert len(asked) == len(held_ties)
    described = [i for q, p in queries.seen if q == statements.ACTOR_DETAILS for i in p["ids"]]
    actors_held = {n["id"] for n in held} & {a.id for a in neo4j_env.actors}
    assert sorted(described) == sorted(actors_held)


def test_map_tooltips_from_neo4j_show_each_ties_sources_and_note_and_the_actors_description(neo4j_env):
    at = open_app(page="carte", focus="opco-atlas")
    assert_clean(at)
    drawn = _map_data(at)
    by_ends: dict[tuple, list[str]] = {}
    for edge in drawn["edges"]:  # what the page builds the tie's tooltip from, as text
        info = edge["info"]
        told = [row[1] for row in info["rows"]] + [drawn["sources"][i]["text"] for i in info.get("sources", [])]
        by_ends.setdefault((edge["from"], edge["to"], edge["type"]), []).append("\n".join(told))
    ties = [r for r in neo4j_env.relationships if r.source == "opco-atlas"]
    checked = 0
    for tie in ties:
        titles = by_ends.get((tie.source, tie.target, tie.type), [])
        if len(titles) != 1:
            continue  # two ties of one type between the same actors: not told apart by the payload
        checked += 1
        assert tie.sources and all(s.title in titles[0] for s in tie.sources), titles[0]
        assert not tie.note or tie.note in titles[0]
    assert checked >= 5
    (atlas,) = [n for n in drawn["nodes"] if n["id"] == "opco-atlas"]
    description = next(a.description for a in neo4j_env.actors if a.id == "opco-atlas")
    assert description and atlas["info"]["description"].startswith(description[:120])


def test_a_lean_views_details_are_the_curated_sources_of_each_tie(neo4j_env):
    from opcomap.analysis.selection import ViewFilters
    from opcomap.ui.context import build_context
    from opcomap.ui.data import actor_details, export_graph, tie_details, view_graph

    ctx = build_context("fr")
    view = view_graph(ctx, ViewFilters(focus="opco-atlas"))
    assert view.lean and view.version is not None
    assert not any({"note", "sources"} & set(d) for *_, d in view.graph.edges(data=True))
    assert not any("description" in a for _, a in view.graph.nodes(data=True))
    ties = [r for r in neo4j_env.relationships if "opco-atlas" in (r.source, r.target)]
    found = tie_details(ctx, view, [(r.type, r.key) for r in ties])
    assert {key: [s.get("id") for s in d["sources"]] for key, d in found.items()} == {
        r.key: [s.id for s in r.sources] for r in ties}
    assert all(s.id for r in ties for s in r.sources)  # the reference map's sources are curated
    assert {key: d.get("note") for key, d in found.items()} == {r.key: r.note for r in ties}
    atlas = next(a for a in neo4j_env.actors if a.id == "opco-atlas")
    assert actor_details(ctx, view, ["opco-atlas"]) == {"opco-atlas": {"description": atlas.description}}
    # Read from files, a view carries them already: nothing is asked.
    assert tie_details(ctx, type(view)(view.graph), [(r.type, r.key) for r in ties]) == {}
    # An export reads the view again with every source, when it is made.
    exported = export_graph(ctx, view, ViewFilters(focus="opco-atlas"))()
    assert sorted(exported.edges(keys=True)) == sorted(view.graph.edges(keys=True))
    assert {k: [s.get("id") for s in d["sources"]] for *_, k, d in exported.edges(keys=True, data=True)
            if k in found} == {key: [s.get("id") for s in d["sources"]] for key, d in found.items()}


def test_a_profile_from_neo4j_shows_the_actors_description(neo4j_env):
    from tests.test_app_pages import texts

    at = open_app(page="acteur", id="opco-atlas")
    assert_clean(at)
    description = next(a.description for a in neo4j_env.actors if a.id == "opco-atlas")
    assert description[:80] in texts(at).replace("\\", "")


def test_paths_from_neo4j_cite_each_ties_sources(neo4j_env):
    from tests.test_app_pages import texts

    at = open_app(page="chemins", src="opco-atlas", dst="france-competences")
    assert_clean(at)
    body = texts(at).replace("\\", "")
    direct = [r for r in neo4j_env.relationships if {r.source, r.target} == {"opco-atlas", "france-competences"}]
    titles = {s.title for r in direct for s in r.sources if "[" not in s.title}
    assert titles and all(title in body for title in titles), sorted(t for t in titles if t not in body)


def test_the_sources_page_from_neo4j_lists_what_embedded_mode_lists(neo4j_env, monkeypatch):
    def rows(at: AppTest) -> set[tuple]:
        assert_clean(at)
        return {tuple(map(str, row)) for row in at.dataframe[0].value.itertuples(index=False)}

    from_neo4j = rows(open_app(page="sources"))
    monkeypatch.delenv("NEO4J_URI")
    embedded = rows(open_app(page="sources"))
    assert len(from_neo4j) > 100 and from_neo4j == embedded
