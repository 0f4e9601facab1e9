"""`opcomap import` as a user runs it: a loader folder, or nothing; the download; into Neo4j."""

from __future__ import annotations

import csv
import http.server
import json
import socket
import threading
from pathlib import Path

import pytest

from graph_model import default_schema
from loaders import load_dataset
from loaders.registries import read_manifest
from loaders.bundled import reference_dir
from tests.test_cli_data import neo4j_env, run

# A SIRO file as France compétences publishes it: pipe-separated, IDCC without leading zeros,
# the same OPCO in two spellings, the pseudo-IDCC 9999 and a branch the reference map lacks.
SIRO = """SIRET|IDCC|OPCO_PROPRIETAIRE|OPCO_GESTION
00012345600017|16|OPCO MOBILITES|OPCO MOBILITES
00012345600025|16|OPCO MOBILITES|OPCO MOBILITES
31234567800014|1486|ATLAS|ATLAS
31234567800022|1486|OPCO ATLAS|OPCO ATLAS
41234567800011|9999|AKTO|AKTO
51234567800018|2205|OCAPIAT|OCAPIAT
"""


def branch_of(idcc: str) -> str:
    """The reference map's branch for an IDCC, or the one an import makes (the map grows)."""
    reference = load_dataset([reference_dir()], default_schema())
    return next((a.id for a in reference.actors if a.kind == "BRANCH" and a.idcc == idcc), f"idcc-{idcc}")


@pytest.fixture
def siro(tmp_path: Path) -> Path:
    path = tmp_path / "siro-202611.csv"
    path.write_text(SIRO, encoding="utf-8")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_import_writes_a_folder_that_validates_alone_and_with_the_map(siro, tmp_path):
    out = tmp_path / "siro"
    result = run("import", "siro", siro, "--output", out)
    assert result.returncode == 0, result.stderr
    assert "6 lignes lues" in result.stdout and "IDCC 9999" in result.stdout
    ties = {(r["source"], r["target"]): r for r in read_csv(out / "relationships.csv")}
    # Reference ids reused: 0016 is the map's road-haulage branch, ATLAS and OPCO ATLAS one OPCO.
    assert ties[("branche-transports-routiers", "opco-mobilites")]["establishments"] == "2"
    assert ties[("branche-syntec", "opco-atlas")]["establishments"] == "2"
    assert (branch_of("2205"), "opco-ocapiat") in ties
    assert not any("9999" in source for source, _ in ties)
    (source,) = read_csv(out / "sources.csv")
    assert source["publisher"] == "France compétences" and source["consulted"] == "2026-11-01"
    assert source["url"].startswith("https://www.data.gouv.fr/")
    manifest = read_manifest(out)
    assert manifest["registry"] == "siro" and manifest["rows"] == 6 and manifest["sirets"] == 0
    assert any("9999" in reason for reason in manifest["skipped"]) and isinstance(manifest["notes"], list)
    assert run("validate", out).returncode == 0
    both = run("validate", "data/reference", out)
    assert both.returncode == 0, both.stderr


def test_the_summary_speaks_the_users_language_and_the_manifest_stays_french(siro, tmp_path):
    out = tmp_path / "siro"
    result = run("import", "siro", siro, "--output", out, "--siret-list", _sirets(tmp_path), env={"OPCOMAP_LANG": "en"})
    assert result.returncode == 0, result.stderr
    assert "1 row without an actor: IDCC 9999 (no collective agreement): not a branch" in result.stdout
    assert "1 requested SIRET missing from the SIRET-OPCO table." in result.stdout
    assert "pas une branche" not in result.stdout and "absent" not in result.stdout
    manifest = read_manifest(out)
    assert manifest["skipped"] == {"IDCC 9999 (sans convention collective) : pas une branche": 1}
    assert manifest["notes"] == ["1 SIRET demandé absent de la table SIRET-OPCO."]


def _sirets(folder: Path) -> Path:
    """Every SIRET of the SIRO fixture, and one the table lacks."""
    path = folder / "sirets.txt"
    rows = [line.split("|")[0] for line in SIRO.splitlines()[1:]]
    path.write_text("\n".join([*rows, "99999999999999"]) + "\n", encoding="utf-8")
    return path


def test_a_file_in_another_layout_writes_nothing_and_keeps_the_previous_import(siro, tmp_path):
    out = tmp_path / "siro"
    assert run("import", "siro", siro, "--output", out).returncode == 0
    before = (out / "relationships.csv").read_text(encoding="utf-8")
    wrong = tmp_path / "siro-comma.csv"
    wrong.write_text(SIRO.replace("|", ","), encoding="utf-8")
    result = run("import", "siro", wrong, "--output", out)
    assert result.returncode == 1
    assert "siro-comma.csv, ligne 1" in result.stderr and "Traceback" not in result.stderr
    assert (out / "relationships.csv").read_text(encoding="utf-8") == before


def test_import_never_replaces_a_folder_it_did_not_write(siro, tmp_path):
    mine = tmp_path / "mes-donnees"
    mine.mkdir()
    (mine / "partenaires.csv").write_text("id,name,kind\n", encoding="utf-8")
    result = run("import", "siro", siro, "--output", mine)
    assert result.returncode == 1 and "n'est pas un dossier écrit par" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["partenaires.csv"]


def test_unknown_registry_and_missing_output_are_one_sentence(siro):
    unknown = run("import", "sirene", siro, "--output", "x")
    assert unknown.returncode == 1 and "registres lus : siro, of-list, rncp, npec" in unknown.stderr
    nowhere = run("import", "siro", siro)
    assert nowhere.returncode == 1 and "--output" in nowhere.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def catalogue():
    """A local server speaking data.gouv.fr's catalogue API: an old and a new monthly file."""
    files = {"/files/siro-202610.csv": SIRO.replace("|2205|", "|2216|"), "/files/siro-202611.csv": SIRO}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    listing = {"resources": [
        {"title": "siro-202610.csv", "url": f"{base}/files/siro-202610.csv", "last_modified": "2026-10-02T08:00:00"},
        {"title": "Dictionnaire des données", "url": f"{base}/files/dico.pdf", "last_modified": "2026-11-20T08:00:00"},
        {"title": "siro-202611.csv", "url": f"{base}/files/siro-202611.csv", "last_modified": "2026-11-03T08:00:00"},
    ]}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/api/1/datasets/table-siret-opco/":
                body = json.dumps(listing).encode()
            elif self.path in files:
                body = files[self.path].encode()
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"{base}/api/1"
    server.shutdown()


def test_download_fetches_the_newest_file_and_dates_the_import_by_it(catalogue, tmp_path):
    out, saved = tmp_path / "siro", tmp_path / "telechargements" / "siro.csv"
    result = run("import", "siro", saved, "--download", "--output", out, env={"OPCOMAP_DATAGOUV_API": catalogue})
    assert result.returncode == 0, result.stderr
    assert "Fichier du 03/11/2026" in result.stdout and saved.read_text(encoding="utf-8") == SIRO
    (source,) = read_csv(out / "sources.csv")
    assert source["consulted"] == "2026-11-03"
    assert not list(saved.parent.glob(".*"))  # no partial file left behind


def test_download_offline_says_so_and_where_to_get_the_file(tmp_path):
    closed = f"http://127.0.0.1:{_free_port()}/api/1"
    result = run("import", "siro", "--download", "--output", tmp_path / "siro", env={"OPCOMAP_DATAGOUV_API": closed})
    assert result.returncode == 1
    assert "Téléchargement impossible" in result.stderr and "en ligne" in result.stderr
    assert "https://www.data.gouv.fr/datasets/table-siret-opco" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "siro").exists()


@pytest.mark.neo4j
def test_into_neo4j_joins_the_reference_map_without_taking_over_its_actors(siro, tmp_path, neo4j_settings,
                                                                          empty_db):
    env = neo4j_env(neo4j_settings)
    assert run("load", "data/reference", "--dataset", "reference", env=env).returncode == 0
    first = run("import", "siro", siro, "--into-neo4j", env=env)
    assert first.returncode == 0, first.stderr
    assert "partagés et laissés tels quels" in first.stdout
    records, _, _ = empty_db.execute_query(
        "MATCH (b:Actor)-[r:ATTACHED_TO]->(o:Actor) WHERE r.dataset = 'registre-siro' "
        "RETURN b.id AS b, o.id AS o, o.dataset AS owner, r.establishments AS n, "
        "COLLECT { MATCH (s:Source) WHERE s.id IN r.source_ids RETURN s.publisher } AS pub ORDER BY b",
        database_=neo4j_settings.neo4j_database)
    assert [(r["b"], r["o"], r["owner"], r["n"]) for r in records] == sorted([
        ("branche-syntec", "opco-atlas", "reference", 2),
        ("branche-transports-routiers", "opco-mobilites", "reference", 2),
        (branch_of("2205"), "opco-ocapiat", "reference", 1),
    ])
    assert all(r["pub"] == ["France compétences"] for r in records)
    again = run("import", "siro", siro, "--into-neo4j", env=env)
    assert again.returncode == 0 and "créés" in again.stdout
    reloaded = run("load", "data/reference", "--dataset", "reference", "--prune", env=env)
    assert reloaded.returncode == 0, reloaded.stderr
    count, _, _ = empty_db.execute_query("MATCH ()-[r {dataset: 'registre-siro'}]->() RETURN count(r) AS n",
                                         database_=neo4j_settings.neo4j_database)
    assert count[0]["n"] == 3
    # the reference map's prune leaves the Source node the import's ties still cite
    cited, _, _ = empty_db.execute_query(
        "MATCH ()-[r {dataset: 'registre-siro'}]->() UNWIND r.source_ids AS i "
        "OPTIONAL MATCH (s:Source {id: i}) RETURN collect(DISTINCT s.publisher) AS pub",
        database_=neo4j_settings.neo4j_database)
    assert cited[0]["pub"] == ["France compétences"]


REGISTRIES = Path(__file__).parent / "fixtures" / "registries"


def test_four_registries_in_four_commands_make_one_map_with_the_reference(tmp_path):
    """The issue's promise: the four real files, four commands, one map that validates with
    the reference map; the NPEC's funding levels reach the RNCP's certifications."""
    out = {name: tmp_path / name for name in ("rncp", "npec", "siro", "of")}
    # The RNCP names the branches it links certifications to: the others reuse them.
    commands = [
        ("rncp", REGISTRIES / "rncp" / "export-fiches-csv-2026-11-30.zip", out["rncp"], []),
        ("npec", REGISTRIES / "npec" / "Referentiel-des-NPEC-01.09.2026_vMAJ-15.09.2026.xlsx", out["npec"],
         ["--against", out["rncp"]]),
        ("siro", REGISTRIES / "siro" / "siro-202606.csv", out["siro"], ["--against", out["rncp"]]),
        ("of-list", REGISTRIES / "of-list" / "liste-publique-of.csv", out["of"], []),
    ]
    for registry, file, folder, extra in commands:
        result = run("import", registry, file, "--output", folder, *extra)
        assert result.returncode == 0, f"{registry}: {result.stderr}"
    together = run("validate", "data/reference", *out.values())
    assert together.returncode == 0, together.stderr
    certifications = {r["id"] for r in read_csv(out["rncp"] / "actors.csv") if r["kind"] == "CERTIFICATION"}
    funded = {r["target"] for r in read_csv(out["npec"] / "relationships.csv") if r["type"] == "FUNDING_LEVEL"}
    assert funded and funded & certifications
    # Without --against, the npec import defines the certifications its own way: refused together.
    alone = tmp_path / "npec-seul"
    assert run("import", "npec", commands[1][1], "--output", alone).returncode == 0
    clash = run("validate", "data/reference", out["rncp"], alone)
    assert clash.returncode == 1 and "les deux définitions diffèrent" in clash.stderr
