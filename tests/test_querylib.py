"""The library of named questions: headers, parameters, and the bundled .cypher files."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from graph_model.schema import default_schema
from graph_model.errors import NotFound, QueryFailed, ValidationFailed
from loaders.bundled import queries_dir
from opcomap.store.named_queries import (
    escape_lucene,
    fulltext_query,
    get_query,
    load_queries,
    parse_assignments,
    parse_query,
)

HEADER = """\
// name: sample
// title.fr: Exemple
// title.en: Sample
// description: Première ligne,
// description: seconde ligne.
// param: actor_id: str -- identifiant
// param: limit: int = 5
// param: day: date = null -- un jour
// param: strict: bool = false
// example: actor_id=afdas
// an ordinary comment is ignored
MATCH (a:Actor {id: $actor_id}) RETURN a LIMIT $limit
"""


def test_header_fields_are_read():
    query = parse_query(HEADER, "sample.cypher")
    assert query.name == "sample"
    assert query.title("fr") == "Exemple" and query.title("en") == "Sample"
    assert query.description == "Première ligne, seconde ligne."
    assert [p.signature() for p in query.params] == [
        "actor_id: str", "limit: int = 5", "day: date = null", "strict: bool = false",
    ]
    assert query.params[0].help == "identifiant"
    assert query.examples == ("actor_id=afdas",)
    assert query.cypher == HEADER  # the header stays: comments are valid Cypher


def test_bind_types_values_and_fills_defaults():
    query = parse_query(HEADER)
    bound = query.bind({"actor_id": " afdas ", "day": "2024-01-01", "strict": "oui"})
    assert bound == {"actor_id": "afdas", "limit": 5, "day": dt.date(2024, 1, 1), "strict": True}


def test_missing_parameter_is_named():
    query = parse_query(HEADER)
    with pytest.raises(QueryFailed, match=r"paramètre manquant : actor_id \(str\)"):
        query.bind({"limit": "3"})
    with pytest.raises(QueryFailed, match="actor_id"):
        query.bind({"actor_id": "   "})  # blank counts as missing


def test_unknown_and_mistyped_parameters_are_refused_with_their_name():
    query = parse_query(HEADER)
    with pytest.raises(QueryFailed, match="pas de paramètre « actorid »"):
        query.bind({"actorid": "afdas"})
    with pytest.raises(QueryFailed, match="« limit » attend un nombre entier"):
        query.bind({"actor_id": "a", "limit": "beaucoup"})
    with pytest.raises(QueryFailed, match="« day » attend une date"):
        query.bind({"actor_id": "a", "day": "31/12/2024"})


def test_header_problems_name_file_and_line():
    text = "// name: Bad Name\n// title.en: only english\n// param: x: colour\nRETURN 1"
    with pytest.raises(ValidationFailed) as caught:
        parse_query(text, "bad.cypher")
    found = {(p.file, p.row, p.column) for p in caught.value.problems}
    assert ("bad.cypher", 1, "name") in found
    assert ("bad.cypher", 3, "param") in found
    assert ("bad.cypher", None, "title.fr") in found
    assert any("colour" in p.text() for p in caught.value.problems)


def test_folder_with_a_broken_file_reports_it(tmp_path):
    (tmp_path / "good.cypher").write_text(HEADER, encoding="utf-8")
    (tmp_path / "twin.cypher").write_text(HEADER, encoding="utf-8")
    with pytest.raises(ValidationFailed, match="1 problème"):
        load_queries(tmp_path)


def test_unknown_query_suggests_close_names():
    with pytest.raises(NotFound, match="partners"):
        get_query("partner")


def test_lucene_syntax_is_neutralised():
    assert escape_lucene('a+b (c) "d" e:f \\ g/h') == 'a\\+b \\(c\\) \\"d\\" e\\:f \\\\ g\\/h'
    assert fulltext_query("Pôle  EMPLOI") == "(pôle OR pôle*) (emploi OR emploi*)"
    assert fulltext_query("x AND y") == "(x OR x*) (and OR and*) (y OR y*)"
    with pytest.raises(ValueError):
        fulltext_query("   ")


def test_command_line_assignments():
    assert parse_assignments(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(QueryFailed, match="nom=valeur"):
        parse_assignments(["oops"])


# -- the bundled library ---------------------------------------------------------

LIBRARY = load_queries()
REQUIRED_QUESTIONS = {
    "partners", "governance_matrix", "funding_flows", "shortest_paths", "shared_actors",
    "opco_cfa_in_region", "regions_without_training_partner", "changes_between",
    "network_members", "succession_history", "search_actors",
}


def test_library_has_the_questions_of_the_issue():
    assert len(LIBRARY) >= 12
    assert REQUIRED_QUESTIONS <= set(LIBRARY)
    assert not [p for p in queries_dir().iterdir() if p.suffix != ".cypher"], "queries/ holds only .cypher files"


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_is_documented_in_both_languages(name):
    query = LIBRARY[name]
    assert query.title_fr and query.title_en and query.description
    assert query.path == f"{name}.cypher"
    assert query.examples, "an example lets the README and --describe show a working call"
    for param in query.params:
        assert param.help, f"{name}: parameter {param.name} needs a help text"


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_declared_parameters_match_the_cypher(name):
    query = LIBRARY[name]
    body = "\n".join(line for line in query.cypher.splitlines() if not line.lstrip().startswith("//"))
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", body))
    assert used == {p.name for p in query.params}
    # Every example binds: the README's calls are valid.
    for example in query.examples:
        query.bind(parse_assignments(example.split()))


def _label_names(cypher: str) -> set[str]:
    """Upper-case names after ':' or '|' in the Cypher body (labels and relationship types)."""
    body = "\n".join(line for line in cypher.splitlines() if not line.lstrip().startswith("//"))
    body = re.sub(r"'[^']*'", "''", body)  # string literals are not labels
    names = set(re.findall(r"[:|]\s*([A-Za-z_][A-Za-z0-9_]*)\b", body))
    return {n for n in names if n == "Actor" or n.upper() == n}


def test_label_detector_sees_labels_and_types():
    assert _label_names("MATCH (a:Actor:OPCO)-[:FUNDS|NOPE]->(b:CFA {id: 'x:Y'}) RETURN a") == {
        "Actor", "OPCO", "FUNDS", "NOPE", "CFA"}


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_labels_and_types_come_from_the_default_schema(name):
    schema = default_schema()
    known = set(schema.kinds) | set(schema.relationship_types) | {"Actor"}
    names = _label_names(LIBRARY[name].cypher)
    assert names <= known, f"{name} names unknown labels/types: {names - known}"
