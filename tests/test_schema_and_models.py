"""Models and schema: what a user may write in a file or a form, and what is refused.

Good and bad cases for the strict models (Actor, Relationship, Source), for the
default schema of the French training ecosystem and for a user's own YAML
schema, and for the rules that join the two (graph_model.rules).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from graph_model import Actor, Relationship, Source, default_schema, load_schema
from graph_model.rules import actor_findings, coerce_property, relationship_findings
from graph_model.schema import PropertySpec, parse_schema
from graph_model.errors import SchemaError

MINIMAL_YAML = """\
kinds:
  FAMILY:
    label: {fr: Famille, en: Family}
relationship_types:
  MARRIAGE:
    label: {fr: Mariage, en: Marriage}
    directed: false
    endpoints: [[FAMILY, FAMILY]]
"""


@pytest.fixture(scope="module")
def schema():
    return default_schema()


@pytest.fixture
def family_schema(tmp_path: Path):
    path = tmp_path / "families.yaml"
    path.write_text(MINIMAL_YAML, encoding="utf-8")
    return load_schema(path)


def messages(findings):
    return " | ".join(str(message) for _column, message in findings)


def said(findings, lang="fr"):
    """Findings as (column, sentence) in ``lang``."""
    return [(column, message.text(lang)) for column, message in findings]


# -- the default schema ------------------------------------------------------------
def test_default_schema_is_the_french_training_ecosystem(schema):
    assert len(schema.kinds) == 19 and len(schema.relationship_types) == 16
    assert "OPCO" in schema.kinds
    assert schema.kind_label("OPCO") == "Opérateur de compétences (OPCO)"
    assert schema.kind_label("OPCO", "en") == "Skills operator (OPCO)"
    core = {"CO_MANAGES", "FUNDS", "PARTNERS_WITH", "SITS_ON", "MEMBER_OF"}
    assert core <= set(schema.relationship_types)
    assert schema.type_label("SUCCEEDED_BY") == "Remplacé par"


def test_default_schema_requires_a_college_for_paritarian_management(schema):
    assert schema.relationship_types["CO_MANAGES"].required_properties() == ["college"]
    assert schema.relationship_types["SITS_ON"].required_properties() == ["role"]


def test_partnership_is_the_only_undirected_type(schema):
    undirected = {name for name in schema.relationship_types if not schema.is_directed(name)}
    assert undirected == {"PARTNERS_WITH"}


def test_layers_group_types_for_analysis(schema):
    layers = schema.layers()
    assert set(layers["funding"]) == {"FUNDS", "COLLECTS_FOR", "FUNDING_LEVEL"}
    assert "SITS_ON" in layers["governance"] and "CO_MANAGES" in layers["governance"]
    assert sorted(t for types in layers.values() for t in types) == sorted(schema.relationship_types)


@pytest.mark.parametrize(("rel_type", "source", "target", "allowed"), [
    ("CO_MANAGES", "EMPLOYEE_UNION", "OPCO", True),
    ("CO_MANAGES", "OPCO", "EMPLOYEE_UNION", False),   # directed: unions manage OPCO, not the reverse
    ("CO_MANAGES", "REGION", "OPCO", False),
    ("FUNDS", "PUBLIC_INSTITUTION", "OPCO", True),
    ("FUNDS", "OPCO", "CFA", True),
    ("FUNDS", "CFA", "OPCO", False),
    ("PARTNERS_WITH", "CFA", "REGION", True),          # "*" on both ends
    ("SITS_ON", "OPCO", "GOVERNANCE_BODY", True),
    ("SITS_ON", "GOVERNANCE_BODY", "REGION", False),
    ("MEMBER_OF", "RESOURCE_CENTRE", "NETWORK", True),
    ("ATTACHED_TO", "BRANCH", "OPCO", True),
    ("ATTACHED_TO", "COMPANY", "OPCO", True),  # an establishment and its OPCO (SIRET-OPCO table)
    ("ATTACHED_TO", "COMPANY", "BRANCH", False),
])
def test_allowed_endpoint_pairs(schema, rel_type, source, target, allowed):
    assert schema.relationship_types[rel_type].allows(source, target) is allowed


# -- a user's own schema ---------------------------------------------------------------
def test_minimal_custom_yaml_schema_loads(family_schema):
    assert family_schema.name == "families"  # named after the file
    assert list(family_schema.kinds) == ["FAMILY"]
    assert family_schema.kind_label("FAMILY", "en") == "Family"
    assert family_schema.type_label("MARRIAGE") == "Mariage"
    assert not family_schema.is_directed("MARRIAGE")
    # no colour given: a stable palette colour is chosen
    assert family_schema.kind_color("FAMILY").startswith("#")
    assert family_schema.kind_color("FAMILY") == family_schema.kind_color("FAMILY")


def test_custom_schema_drives_the_rules(family_schema):
    kind_of = {"capulet": "FAMILY", "montague": "FAMILY"}
    marriage = Relationship(sources=CITED, source="montague", target="capulet", type="MARRIAGE")
    assert relationship_findings(marriage, family_schema, kind_of) == []
    # kinds of the default schema mean nothing in this one
    assert actor_findings(Actor(id="opco-atlas", name="OPCO Atlas", kind="OPCO"), family_schema)
    funding = Relationship(sources=CITED, source="montague", target="capulet", type="FUNDS")
    assert "type de relation inconnu « FUNDS »" in messages(relationship_findings(funding, family_schema, kind_of))


def test_label_without_english_falls_back_to_french():
    schema = parse_schema({
        "kinds": {"CLUB": {"label": {"fr": "Club"}}},
        "relationship_types": {"RIVAL_OF": {"label": {"fr": "Rival"}, "endpoints": [["CLUB", "CLUB"]]}},
    })
    assert schema.kind_label("CLUB", "en") == "Club"
    assert schema.is_directed("RIVAL_OF")  # directed unless said otherwise


@pytest.mark.parametrize(("text", "expected"), [
    (MINIMAL_YAML.replace("[[FAMILY, FAMILY]]", "[[FAMILY, CLAN]]"), "genre inconnu « CLAN »"),
    (MINIMAL_YAML.replace("FAMILY:", "family:"), "« family » n'est pas un nom valide"),
    (MINIMAL_YAML.replace("MARRIAGE:", "MARRIAGE; DROP:"), "n'est pas un nom valide"),
    (MINIMAL_YAML.replace("directed: false", "directed: false\n    colour: red"), "colour"),
    (MINIMAL_YAML.replace("[[FAMILY, FAMILY]]", "[]"), "endpoints"),
    ("kinds: [FAMILY]\n", "kinds : Input should be a valid dictionary"),
    ("- just\n- a list\n", "le schéma doit être un objet YAML"),
    ("kinds: {FAMILY: {label: {fr: Famille}}\n", "YAML invalide"),
])
def test_bad_custom_schemas_are_refused_with_a_message(tmp_path, text, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_schema(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)  # the message names the file


def test_missing_schema_file_is_a_schema_error(tmp_path):
    with pytest.raises(SchemaError, match="lecture impossible"):
        load_schema(tmp_path / "absent.yaml")


def test_schema_property_types_are_checked():
    with pytest.raises(SchemaError, match="properties"):
        parse_schema({
            "kinds": {"A": {"label": {"fr": "A"}}},
            "relationship_types": {"T": {"label": {"fr": "T"}, "endpoints": [["A", "A"]],
                                         "properties": {"when": {"type": "datetime"}}}},
        })


# -- actors -----------------------------------------------------------------------------
def test_a_complete_actor_is_accepted():
    actor = Actor(id="branche-hcr", name="Hôtels, cafés, restaurants", kind="BRANCH", idcc="1979",
                  aliases=["HCR"], region_code="11", since="2019-04-01", siret="123 456 789 00012")
    assert actor.since == dt.date(2019, 4, 1)
    assert actor.siret == "12345678900012"
    assert actor.active_on(dt.date(2024, 1, 1)) and not actor.active_on(dt.date(2019, 3, 31))


@pytest.mark.parametrize("bad_id", ["OPCO Atlas", "opco atlas", "Opco-atlas", "-opco", "opco-", "opco--atlas", "opcö", ""])
def test_actor_ids_are_strict_slugs(bad_id):
    with pytest.raises(ValidationError, match="slug"):
        Actor(id=bad_id, name="X", kind="OPCO")


@pytest.mark.parametrize("good_id", ["opco-atlas", "region-84", "crefop-06", "a.b_c", "cfdt"])
def test_slug_ids_accepted(good_id):
    assert Actor(id=good_id, name="X", kind="OPCO").id == good_id


def test_unknown_actor_fields_are_refused():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Actor(id="cfdt", name="CFDT", kind="EMPLOYEE_UNION", colour="orange")


@pytest.mark.parametrize(("field", "value"), [("since", "2019-02-30"), ("until", "31/03/2019"), ("since", "demain")])
def test_impossible_actor_dates_are_refused(field, value):
    with pytest.raises(ValidationError) as caught:
        Actor(id="opca-forco", name="Forco", kind="OPCA", **{field: value})
    assert caught.value.errors()[0]["loc"] == (field,)


def test_actor_end_before_start_is_refused():
    with pytest.raises(ValidationError, match="précède la date de début"):
        Actor(id="pole-emploi", name="Pôle emploi", kind="PUBLIC_INSTITUTION", since="2024-01-01", until="2023-12-31")


@pytest.mark.parametrize(("raw", "stored"), [("29", "0029"), ("1486", "1486"), ("", None)])
def test_idcc_is_padded_to_four_digits(raw, stored):
    assert Actor(id="b", name="B", kind="BRANCH", idcc=raw).idcc == stored


@pytest.mark.parametrize(("field", "value", "message"), [
    ("idcc", "12345", "IDCC"), ("idcc", "12a", "IDCC"), ("siret", "1234", "SIRET"),
])
def test_bad_identifiers_are_refused(field, value, message):
    with pytest.raises(ValidationError, match=message):
        Actor(id="b", name="B", kind="BRANCH", **{field: value})


def test_unknown_kind_suggests_the_closest(schema):
    findings = actor_findings(Actor(id="x", name="X", kind="OPCOO"), schema)
    assert said(findings) == [("kind", "genre inconnu « OPCOO » (vouliez-vous dire OPCO ?)")]
    assert said(findings, "en") == [("kind", "unknown kind “OPCOO” (did you mean OPCO?)")]
    assert "vouliez-vous dire REGION" in messages(actor_findings(Actor(id="y", name="Y", kind="REGON"), schema))


def test_unknown_kind_without_a_close_match_lists_the_known_kinds(schema):
    message = messages(actor_findings(Actor(id="x", name="X", kind="SPACESHIP"), schema))
    assert "genres connus" in message and "OPCO" in message and "vouliez-vous" not in message


def test_known_kind_has_no_finding(schema):
    assert actor_findings(Actor(id="cfdt", name="CFDT", kind="EMPLOYEE_UNION"), schema) == []


# -- sources --------------------------------------------------------------------------
def test_source_accepts_a_web_page_with_its_provenance():
    source = Source(title="Onze Opco agréés", url="https://gref-bretagne.com/x", publisher="GREF Bretagne",
                    consulted="2025-11-26", confidence=0.9)
    assert source.consulted == dt.date(2025, 11, 26)


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": "T", "url": "ftp://example.org/x"}, "http"),
    ({"title": "T", "url": "www.example.org"}, "http"),
    ({"title": "T", "confidence": 1.5}, "less than or equal"),
    ({"title": "T", "confidence": -0.1}, "greater than or equal"),
    ({"title": ""}, "at least 1 character"),
    ({"title": "T", "consulted": "2025-13-01"}, "date"),
    ({"title": "T", "author": "someone"}, "Extra inputs are not permitted"),
])
def test_bad_sources_are_refused(fields, message):
    with pytest.raises(ValidationError, match=message):
        Source(**fields)


# -- relationships ---------------------------------------------------------------------
# Every tie cites a source; the rules' other checks are tested on sourced ties.
CITED = [Source(title="Accord constitutif", url="https://example.org/accord")]
KIND_OF = {"cfdt": "EMPLOYEE_UNION", "medef": "EMPLOYER_ORG", "opco-atlas": "OPCO", "region-84": "REGION",
           "crefop-84": "GOVERNANCE_BODY", "france-competences": "PUBLIC_INSTITUTION", "cfa-x": "CFA"}


def test_a_relationship_without_a_source_is_refused_on_its_sources(schema):
    rel = Relationship(source="cfa-x", target="region-84", type="PARTNERS_WITH")
    assert [column for column, _ in relationship_findings(rel, schema, KIND_OF)] == ["sources"]


def test_a_sourced_relationship_is_accepted(schema):
    rel = Relationship(source="cfdt", target="opco-atlas", type="CO_MANAGES", since="2019-04-01",
                       properties={"college": "salariés", "seats": 6},
                       sources=[Source(title="Accord constitutif", url="https://example.org/accord")])
    assert relationship_findings(rel, schema, KIND_OF) == []
    assert rel.key == "cfdt|CO_MANAGES|opco-atlas|2019-04-01"
    assert rel.active_on(dt.date(2020, 1, 1)) and not rel.active_on(dt.date(2019, 3, 31))


def test_endpoint_kinds_not_allowed_are_refused_naming_the_type_and_allowed_pairs(schema):
    rel = Relationship(sources=CITED, source="region-84", target="opco-atlas", type="CO_MANAGES", properties={"college": "salariés"})
    [(column, message)] = said(relationship_findings(rel, schema, KIND_OF))
    assert column == "type"
    assert "CO_MANAGES ne peut pas relier REGION → OPCO" in message
    assert "paires autorisées : EMPLOYEE_UNION → OPCO, EMPLOYER_ORG → OPCO" in message


def test_reversed_direction_is_refused_for_a_directed_type(schema):
    rel = Relationship(sources=CITED, source="opco-atlas", target="france-competences", type="FUNDS")
    assert "FUNDS ne peut pas relier OPCO → PUBLIC_INSTITUTION" in messages(relationship_findings(rel, schema, KIND_OF))


def test_undirected_partnership_accepts_either_order(schema):
    for a, b in (("cfa-x", "region-84"), ("region-84", "cfa-x")):
        assert relationship_findings(Relationship(sources=CITED, source=a, target=b, type="PARTNERS_WITH"), schema, KIND_OF) == []


def test_unknown_type_suggests_the_closest(schema):
    rel = Relationship(sources=CITED, source="france-competences", target="opco-atlas", type="FUNDZ")
    assert messages(relationship_findings(rel, schema, KIND_OF)) == "type de relation inconnu « FUNDZ » (vouliez-vous dire FUNDS ?)"


def test_missing_actors_are_named(schema):
    rel = Relationship(sources=CITED, source="cfdt", target="opco-inconnu", type="CO_MANAGES", properties={"college": "salariés"})
    assert said(relationship_findings(rel, schema, KIND_OF)) == [("target", "l'acteur « opco-inconnu » n'existe pas")]
    assert said(relationship_findings(rel, schema, KIND_OF), "en") == [("target", "actor “opco-inconnu” does not exist")]


@pytest.mark.parametrize(("properties", "column", "expected"), [
    ({}, "college", "propriété obligatoire pour CO_MANAGES manquante"),
    ({"college": "patronat"}, "college", "valeurs admises : salariés, employeurs"),
    ({"college": "salariés", "seats": "six"}, "seats", "devrait être de type int"),
    ({"college": "salariés", "seats": True}, "seats", "n'est pas un nombre"),
    ({"college": "salariés", "amount_eur": 10.0}, "amount_eur", "propriétés admises : college, seats"),
])
def test_property_problems_name_the_column(schema, properties, column, expected):
    rel = Relationship(sources=CITED, source="medef", target="opco-atlas", type="CO_MANAGES", properties=properties)
    findings = relationship_findings(rel, schema, KIND_OF)
    assert [c for c, _ in findings] == [column]
    assert expected in str(findings[0][1])


def test_sits_on_role_must_be_a_known_role(schema):
    good = Relationship(sources=CITED, source="region-84", target="crefop-84", type="SITS_ON", properties={"role": "co-président"})
    bad = Relationship(sources=CITED, source="region-84", target="crefop-84", type="SITS_ON", properties={"role": "chef"})
    assert relationship_findings(good, schema, KIND_OF) == []
    assert "valeurs admises" in messages(relationship_findings(bad, schema, KIND_OF))


def test_unknown_relationship_fields_are_refused():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Relationship(source="a", target="b", type="FUNDS", amount=3)


@pytest.mark.parametrize(("since", "until", "message"), [
    ("2024-01-01", "2023-12-31", "précède la date de début"),
    ("2024-02-30", None, "date"),
    ("hier", None, "date"),
])
def test_impossible_relationship_dates_are_refused(since, until, message):
    with pytest.raises(ValidationError, match=message):
        Relationship(source="a", target="b", type="FUNDS", since=since, until=until)


def test_a_relationship_joins_two_different_actors():
    with pytest.raises(ValidationError, match="deux acteurs différents"):
        Relationship(source="cfdt", target="cfdt", type="PARTNERS_WITH")


# -- cell values coerced to the schema's property types ---------------------------------
@pytest.mark.parametrize(("raw", "ptype", "value"), [
    ("15", "int", 15), ("1 551 000 000", "int", 1551000000), ("7,5", "float", 7.5),
    ("oui", "bool", True), ("Non", "bool", False), ("2024-01-01", "date", dt.date(2024, 1, 1)),
    (" titulaire ", "str", "titulaire"),
])
def test_cells_are_coerced_to_the_property_type(raw, ptype, value):
    assert coerce_property(raw, PropertySpec(type=ptype)) == value


@pytest.mark.parametrize(("raw", "ptype", "message"), [
    ("quinze", "int", "n'est pas un nombre entier"), ("7.5.1", "float", "n'est pas un nombre"),
    ("peut-être", "bool", "n'est pas oui/non"), ("2024-13-01", "date", "n'est pas une date AAAA-MM-JJ valide"),
])
def test_bad_cells_give_a_plain_message(raw, ptype, message):
    with pytest.raises(ValueError, match=message):
        coerce_property(raw, PropertySpec(type=ptype))


def test_date_properties_of_a_custom_schema_must_be_real_dates():
    """A date property set directly on a model (app forms) is checked like a file cell."""
    schema = parse_schema({
        "kinds": {"FAMILY": {"label": {"fr": "Famille"}}},
        "relationship_types": {"MARRIAGE": {"label": {"fr": "Mariage"}, "directed": False,
                                            "endpoints": [["FAMILY", "FAMILY"]],
                                            "properties": {"day": {"type": "date", "required": True}}}},
    })
    kind_of = {"a": "FAMILY", "b": "FAMILY"}

    def check(day):
        return said(relationship_findings(Relationship(sources=CITED, source="a", target="b", type="MARRIAGE", properties={"day": day}),
                                          schema, kind_of))

    assert check("1597-06-15") == []
    assert check("1597-02-30") == [("day", "« 1597-02-30 » n'est pas une date AAAA-MM-JJ valide")]
    assert check("la Saint-Jean") == [("day", "« la Saint-Jean » n'est pas une date AAAA-MM-JJ valide")]


def test_ties_citing_one_source_each_get_their_own_copy_of_it():
    from graph_model import Dataset
    from graph_model.graph import to_networkx

    cited = Source(title="Journal officiel", id="jo", confidence=0.95)
    actors = [Actor(id=n, name=n.upper(), kind="OPCO") for n in ("a", "b", "c")]
    ties = [Relationship(source="a", target="b", type="T", sources=[cited]),
            Relationship(source="b", target="c", type="T", sources=[cited])]
    first, second = (data["sources"][0] for *_, data in to_networkx(Dataset(actors=actors, relationships=ties))
                     .edges(keys=True, data=True))
    assert first == second == {"title": "Journal officiel", "id": "jo", "confidence": 0.95}
    first["title"] = "changed in one tie"
    assert second["title"] == "Journal officiel"
