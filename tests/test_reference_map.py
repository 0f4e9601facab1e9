"""The bundled reference map: it loads cleanly and respects the domain's rules.

Each test is an invariant a strategist relies on when reading the map
("every OPCO is run jointly by unions and employers", "one CREFOP per
Région"...). They run on the files in data/reference through the same
loaders a user's own files go through.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from graph_model import Dataset, default_schema
from graph_model.graph import relationship_attributes
from loaders import load_dataset
from opcomap.analysis.filters import is_weak
from loaders.bundled import reference_dir

REGION_CODES = {
    "84": "Auvergne-Rhône-Alpes", "27": "Bourgogne-Franche-Comté", "53": "Bretagne", "24": "Centre-Val de Loire",
    "94": "Corse", "44": "Grand Est", "32": "Hauts-de-France", "11": "Île-de-France", "28": "Normandie",
    "75": "Nouvelle-Aquitaine", "76": "Occitanie", "52": "Pays de la Loire", "93": "Provence-Alpes-Côte d'Azur",
    "01": "Guadeloupe", "02": "Martinique", "03": "Guyane", "04": "La Réunion", "06": "Mayotte",
}
REPRESENTATIVE_UNIONS = {"cfdt", "cgt", "cgt-fo", "cfe-cgc", "cftc"}
OPCO_REFORM = dt.date(2019, 4, 1)
CURATED_ON = dt.date(2026, 12, 7)
# Régions created on 1 January 2016 by the loi n° 2015-29 (regrouping of former régions).
MERGED_REGIONS = {"84", "27", "44", "32", "28", "75", "76"}
# Kinds and types that only the registry imports bring (opcomap import rncp | npec).
REGISTRY_ONLY_KINDS = {"CERTIFICATION", "CERTIFIER"}
REGISTRY_ONLY_TYPES = {"CERTIFIES", "COVERS_BRANCH", "FUNDING_LEVEL"}
WEAK_MARK = "⚠ Source faible"


@pytest.fixture(scope="module")
def ref() -> Dataset:
    return load_dataset([reference_dir()], default_schema())


@pytest.fixture(scope="module")
def kind(ref: Dataset) -> dict[str, str]:
    return {a.id: a.kind for a in ref.actors}


def ids_of(ref: Dataset, wanted_kind: str) -> set[str]:
    return {a.id for a in ref.actors if a.kind == wanted_kind}


def ties(ref: Dataset, rel_type: str):
    return [r for r in ref.relationships if r.type == rel_type]


# -- the files themselves -------------------------------------------------------
def test_reference_files_are_where_the_app_looks_for_them():
    names = {p.name for p in Path(reference_dir()).iterdir()}
    assert {"actors.csv", "relationships.csv", "sources.csv", "README.md"} <= names


def test_reference_map_validates_and_has_the_announced_size(ref: Dataset):
    # load_dataset raises ValidationFailed with every problem if anything is wrong.
    assert 300 <= len(ref.actors) <= 450
    assert 1000 <= len(ref.relationships) <= 1400


def test_readme_counts_match_the_files(ref: Dataset):
    """The README states the size of the map; keep it honest."""
    readme = (Path(reference_dir()) / "README.md").read_text(encoding="utf-8")
    with open(Path(reference_dir()) / "sources.csv", encoding="utf-8-sig", newline="") as handle:
        n_sources = sum(1 for _ in csv.DictReader(handle))
    n_illustrative = sum(r.illustrative for r in ref.relationships)
    assert f"| {len(ref.actors)} actors" in readme
    assert f"| {len(ref.relationships):,} relationships" in readme
    assert f"| {n_sources} public sources" in readme
    assert f"{n_illustrative} of the {len(ref.relationships):,} ties" in readme


def test_actor_ids_and_relationship_keys_are_unique(ref: Dataset):
    assert len({a.id for a in ref.actors}) == len(ref.actors)
    duplicate_keys = [k for k, n in Counter(r.key for r in ref.relationships).items() if n > 1]
    assert duplicate_keys == []


def test_every_relationship_has_a_checkable_source(ref: Dataset):
    unsourced = [r.key for r in ref.relationships if not r.sources]
    without_url = [r.key for r in ref.relationships if not any(s.url for s in r.sources)]
    assert unsourced == [] and without_url == []


def test_every_listed_source_is_cited_and_is_a_web_page():
    folder = Path(reference_dir())
    with open(folder / "sources.csv", encoding="utf-8-sig", newline="") as handle:
        listed = {row["source_id"]: row for row in csv.DictReader(handle)}
    with open(folder / "relationships.csv", encoding="utf-8-sig", newline="") as handle:
        cited = {sid for row in csv.DictReader(handle) for sid in row["sources"].split("|")}
    assert set(listed) == cited
    assert all(row["url"].startswith(("http://", "https://")) and row["title"] for row in listed.values())


def test_every_kind_and_relationship_type_of_the_schema_is_used(ref: Dataset):
    """Every kind and type is on the map, except those only the registry imports bring."""
    schema = default_schema()
    assert {a.kind for a in ref.actors} == set(schema.kinds) - REGISTRY_ONLY_KINDS
    assert {r.type for r in ref.relationships} == set(schema.relationship_types) - REGISTRY_ONLY_TYPES


def _sources_table() -> dict[str, dict[str, str]]:
    with open(Path(reference_dir()) / "sources.csv", encoding="utf-8-sig", newline="") as handle:
        return {row["source_id"]: row for row in csv.DictReader(handle)}


def test_confidence_follows_the_kind_of_source():
    """Legal text 0.95, official pages 0.85-0.9, trade press 0.7, secondary copies 0.5 (README)."""
    table = _sources_table()
    assert all(row["confidence"] for row in table.values())
    legifrance = [row for row in table.values() if "legifrance.gouv.fr" in row["url"]]
    assert len(legifrance) >= 5 and all(float(row["confidence"]) == 0.95 for row in legifrance)
    copies = [row for row in table.values() if "copie" in row["publisher"].lower()]
    assert copies and all(float(row["confidence"]) <= 0.5 for row in copies)
    assert all(float(row["confidence"]) < 0.95 for row in table.values() if "legifrance.gouv.fr" not in row["url"])
    for row in table.values():
        if row["consulted"]:
            assert dt.date.fromisoformat(row["consulted"]) <= CURATED_ON, row["source_id"]


def test_ties_resting_only_on_weak_sources_are_flagged(ref: Dataset):
    """A tie whose best source is below 0.6 (the app's own rule) says so at the start of its note; no other tie does."""
    assert all(s.confidence is not None for r in ref.relationships for s in r.sources)  # so the rule can judge each
    for r in ref.relationships:
        flagged = (r.note or "").startswith(WEAK_MARK)
        assert flagged == is_weak(relationship_attributes(r)), (r.key, max(s.confidence for s in r.sources))


def test_illustrative_ties_are_flagged_and_explained_as_examples(ref: Dataset):
    illustrative = [r for r in ref.relationships if r.illustrative]
    assert 0 < len(illustrative) < len(ref.relationships)
    # Sample actors with made-up generic names must say they are examples.
    for actor in ref.actors:
        if "(exemple)" in actor.name:
            assert "exemple illustratif" in actor.tags, actor.id
            assert all(r.illustrative for r in ref.relationships if actor.id in (r.source, r.target)), actor.id


# -- OPCO and paritarian management ---------------------------------------------
def test_there_are_eleven_opco_with_official_names_sectors_and_start_date(ref: Dataset):
    opcos = [a for a in ref.actors if a.kind == "OPCO"]
    assert len(opcos) == 11
    for opco in opcos:
        assert opco.official_name and opco.official_name.startswith("Opco"), opco.id
        assert opco.sectors, opco.id
        assert opco.since == OPCO_REFORM, opco.id
    interprofessional = {a.id for a in opcos if "interprofessionnel" in a.tags}
    assert interprofessional == {"opco-ep", "opco-akto"}


def test_each_opco_is_co_managed_by_both_colleges(ref: Dataset, kind: dict[str, str]):
    colleges: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in ties(ref, "CO_MANAGES"):
        colleges[r.target].add((kind[r.source], r.properties["college"]))
    for opco in ids_of(ref, "OPCO"):
        assert ("EMPLOYEE_UNION", "salariés") in colleges[opco], opco
        assert ("EMPLOYER_ORG", "employeurs") in colleges[opco], opco


def test_opco_ep_board_follows_its_founding_agreement(ref: Dataset):
    seats = {r.source: (r.properties["college"], r.properties.get("seats"))
             for r in ties(ref, "CO_MANAGES") if r.target == "opco-ep"}
    assert seats["u2p"] == ("employeurs", 15) and seats["cpme"] == ("employeurs", 15)
    assert {u: seats[u] for u in REPRESENTATIVE_UNIONS} == {u: ("salariés", 6) for u in REPRESENTATIVE_UNIONS}
    assert sum(s for _, s in seats.values()) == 60


def test_representative_unions_and_interprofessional_employers_are_present(ref: Dataset):
    assert REPRESENTATIVE_UNIONS <= ids_of(ref, "EMPLOYEE_UNION")
    assert {"medef", "cpme", "u2p", "fnsea", "unapl", "udes", "uimm", "ania", "fehap", "fhp", "nexem",
            "croix-rouge-francaise"} <= ids_of(ref, "EMPLOYER_ORG")


def test_each_predecessor_opca_ends_the_day_before_its_opco_starts(ref: Dataset, kind: dict[str, str]):
    actors = ref.actor_index()
    successions = [r for r in ties(ref, "SUCCEEDED_BY") if kind[r.source] == "OPCA"]
    assert {r.source for r in successions} == ids_of(ref, "OPCA")
    for r in successions:
        assert kind[r.target] == "OPCO"
        assert r.since == OPCO_REFORM
        assert actors[r.source].until == dt.date(2019, 3, 31)


def test_the_twenty_opca_and_one_succession_chain_per_opco(ref: Dataset, kind: dict[str, str]):
    """The 20 OPCA of 2012-2018 are all on the map; every OPCO descends from at least one of them."""
    assert len(ids_of(ref, "OPCA")) == 20
    predecessors = defaultdict(set)
    for r in ties(ref, "SUCCEEDED_BY"):
        if kind[r.source] == "OPCA":
            predecessors[r.target].add(r.source)
    assert set(predecessors) == ids_of(ref, "OPCO")
    assert {"opca-fafih", "opca-faftt", "opca-intergros"} <= predecessors["opco-akto"]
    assert {"opca-anfa", "opca-transports-services"} <= predecessors["opco-mobilites"]
    assert predecessors["opco-constructys"] == {"opca-constructys"}


def test_successions_join_the_end_of_one_actor_to_the_start_of_the_next(ref: Dataset):
    actors = ref.actor_index()
    for r in ties(ref, "SUCCEEDED_BY"):
        old, new = actors[r.source], actors[r.target]
        assert r.since is not None, r.key
        if old.until:
            assert old.until < r.since, r.key
        if new.since:
            assert new.since <= r.since, r.key


def test_colleges_match_the_kind_of_social_partner(ref: Dataset, kind: dict[str, str]):
    """A union sits in the employees' college, an employer organisation in the employers'."""
    expected = {"EMPLOYEE_UNION": "salariés", "EMPLOYER_ORG": "employeurs"}
    for r in ties(ref, "CO_MANAGES") + ties(ref, "SITS_ON"):
        college = r.properties.get("college")
        if kind[r.source] in expected and college in expected.values():
            assert college == expected[kind[r.source]], r.key
    assert all(r.properties["college"] == expected[kind[r.source]] for r in ties(ref, "CO_MANAGES"))


def test_documented_ties_rest_on_a_source_the_curator_read():
    """A tie not flagged illustrative cites at least one source with a `consulted` date (README, Confidence)."""
    table = _sources_table()
    with open(Path(reference_dir()) / "relationships.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    unread = [(row["source"], row["target"], row["type"]) for row in rows
              if row["illustrative"] == "false" and not any(table[sid]["consulted"] for sid in row["sources"].split("|"))]
    assert unread == []


def test_founding_facts_name_their_people_only_with_a_source(ref: Dataset):
    """First presidents and vice-presidents appear in notes of documented (non-illustrative) ties."""
    notes = {(r.source, r.target): r for r in ties(ref, "CO_MANAGES") if r.note and "président" in r.note}
    assert ("uimm", "opco-2i") in notes and ("cgt-fo", "opco-ep") in notes and ("cgt-fo", "opco-mobilites") in notes
    assert {("cgt-fo", "opco-akto"), ("cfdt", "opco-commerce"), ("cgt", "opco-uniformation"), ("cgt", "opco-constructys")} <= set(notes)
    assert all(not r.illustrative and r.sources for r in notes.values())


# -- branches ---------------------------------------------------------------------
@pytest.mark.parametrize("day", [dt.date(2020, 1, 1), dt.date(2023, 6, 1), dt.date(2025, 1, 1), CURATED_ON])
def test_every_branch_is_attached_to_exactly_one_current_opco(ref: Dataset, kind: dict[str, str], day: dt.date):
    current: dict[str, list[str]] = defaultdict(list)
    for r in ties(ref, "ATTACHED_TO"):
        if kind[r.target] == "OPCO" and r.active_on(day):
            current[r.source].append(r.target)
    alive = [a for a in ref.actors if a.kind == "BRANCH" and a.active_on(day)]
    late = {"branche-ferroviaire", "branche-manutention-ferroviaire"}  # taken over by OPCO Mobilités on 2019-07-01
    for branch in alive:
        if day < dt.date(2019, 7, 1) and branch.id in late:
            continue
        assert len(current[branch.id]) == 1, (branch.id, day, current[branch.id])


def test_every_branch_has_a_unique_four_digit_idcc_and_at_least_sixty_are_mapped(ref: Dataset):
    branches = [a for a in ref.actors if a.kind == "BRANCH"]
    codes = [a.idcc for a in branches]
    assert all(code and len(code) == 4 and code.isdigit() for code in codes), [a.id for a in branches if not a.idcc]
    assert len(codes) == len(set(codes))
    attached = {r.source for r in ties(ref, "ATTACHED_TO") if r.target.startswith("opco-") and not r.illustrative}
    assert len(attached) >= 60


def test_branch_attachments_cite_a_source_that_names_the_branch():
    """The OPCO approval announcements and the page on France compétences' tables name no branch."""
    generic = {"opco-agrement-centre-inffo", "opco-agrement-gref", "tables-idcc-opco"}
    citing = {tie: srcs for tie, srcs in _attachment_source_ids().items() if generic & set(srcs)}
    assert citing == {}


def _attachment_source_ids() -> dict[str, list[str]]:
    with open(Path(reference_dir()) / "relationships.csv", encoding="utf-8-sig", newline="") as handle:
        return {f"{row['source']}>{row['target']}": row["sources"].split("|") for row in csv.DictReader(handle)
                if row["type"] == "ATTACHED_TO"}


def test_branch_idcc_follow_the_ministry_table(ref: Dataset):
    opco_of = {r.source: r.target for r in ties(ref, "ATTACHED_TO") if r.target.startswith("opco-")}
    idcc = {a.idcc: opco_of[a.id] for a in ref.actors if a.kind == "BRANCH" and a.idcc}
    assert idcc["1486"] == "opco-atlas"
    assert idcc["1979"] == "opco-akto"
    assert idcc["0044"] == "opco-2i"
    assert idcc["1597"] == "opco-constructys"
    assert idcc["0016"] == "opco-mobilites"
    assert idcc["2596"] == "opco-ep"
    assert idcc["3248"] == "opco-2i"
    assert idcc["1413"] == idcc["2378"] == "opco-akto"  # travail temporaire: permanent staff, temps
    assert idcc["7024"] == "opco-ocapiat"  # production agricole et CUMA, from 2021-04-01
    assert all(len(code) == 4 and code.isdigit() for code in idcc)


def test_branches_flagged_uncertain_in_the_facts_now_rest_on_legal_texts(ref: Dataset):
    """Coiffure (2596) and métallurgie (3248) were ⚠ in the facts; Légifrance now documents both."""
    for r in ties(ref, "ATTACHED_TO"):
        if r.source in {"branche-coiffure", "branche-metallurgie"} and r.target.startswith("opco-"):
            assert not r.illustrative, r.key
            assert any(s.url and "legifrance.gouv.fr" in s.url for s in r.sources), r.key


def test_the_metallurgy_single_agreement_applies_from_2024(ref: Dataset):
    """IDCC 3248 did not exist in 2019: the conventions it replaced carry the metallurgy until 2023."""
    actors = ref.actor_index()
    assert actors["branche-metallurgie"].since == dt.date(2024, 1, 1)
    predecessors = {r.source: r.since for r in ties(ref, "SUCCEEDED_BY") if r.target == "branche-metallurgie"}
    assert predecessors == {"branche-metallurgie-cadres": dt.date(2024, 1, 1),
                            "branche-metallurgie-region-parisienne": dt.date(2024, 1, 1)}
    for old in predecessors:
        assert actors[old].until == dt.date(2023, 12, 31)


# -- France compétences ----------------------------------------------------------------
def test_france_competences_funds_and_regulates_every_opco(ref: Dataset):
    opcos = ids_of(ref, "OPCO")
    funded = {r.target for r in ties(ref, "FUNDS") if r.source == "france-competences"}
    regulated = {r.target for r in ties(ref, "REGULATES") if r.source == "france-competences"}
    assert opcos <= funded and opcos <= regulated


def test_france_competences_replaced_four_bodies_on_1_january_2019(ref: Dataset):
    preds = {r.source: r.since for r in ties(ref, "SUCCEEDED_BY") if r.target == "france-competences"}
    assert preds == {p: dt.date(2019, 1, 1) for p in ("cnefop", "copanef", "cncp", "fpspp")}
    assert ref.actor_index()["france-competences"].since == dt.date(2019, 1, 1)


def test_amounts_appear_only_on_sourced_national_flows(ref: Dataset):
    with_amount = [r for r in ties(ref, "FUNDS") if "amount_eur" in r.properties]
    assert with_amount, "some flows carry a sourced amount"
    for r in with_amount:
        assert not r.illustrative and "year" in r.properties, r.key
    # national envelopes shared between OPCO are not split into invented per-OPCO amounts
    assert not any("amount_eur" in r.properties for r in ties(ref, "FUNDS") if r.target.startswith("opco-"))
    cpf_2024 = [r for r in with_amount if r.target == "caisse-des-depots" and r.properties["year"] == 2024]
    assert cpf_2024 and cpf_2024[0].properties["amount_eur"] == 1_551_000_000


def test_france_competences_board_has_fifteen_seats_and_the_state_45_votes(ref: Dataset):
    board = [r for r in ties(ref, "SITS_ON") if r.target == "france-competences"]
    seats = Counter()
    for r in board:
        seats[r.properties["college"]] += r.properties["seats"]
    assert seats == {"État": 3, "salariés": 5, "employeurs": 3, "Régions": 2}  # + 2 qualified persons
    assert sum(r.properties.get("votes", 0) for r in board if r.properties["college"] == "État") == 45


def test_urssaf_and_msa_collect_for_france_competences_since_2022(ref: Dataset):
    collectors = {r.source: r.since for r in ties(ref, "COLLECTS_FOR") if r.target == "france-competences"
                  and r.active_on(dt.date(2024, 6, 1))}
    assert collectors == {"urssaf": dt.date(2022, 1, 1), "msa": dt.date(2022, 1, 1)}
    # before the transfer the OPCO collected; nothing of that survives 2021
    opco_collection = [r for r in ties(ref, "COLLECTS_FOR") if r.source.startswith("opco-")]
    assert len(opco_collection) == 11 and all(r.until == dt.date(2021, 12, 31) for r in opco_collection)


# -- time: successions ---------------------------------------------------------------------
def test_pole_emploi_became_france_travail_on_1_january_2024(ref: Dataset):
    actors = ref.actor_index()
    [succession] = [r for r in ties(ref, "SUCCEEDED_BY") if r.source == "pole-emploi"]
    assert succession.target == "france-travail" and succession.since == dt.date(2024, 1, 1)
    assert actors["pole-emploi"].until == dt.date(2023, 12, 31)
    assert actors["france-travail"].since == dt.date(2024, 1, 1)


def test_nothing_about_pole_emploi_is_valid_after_2023(ref: Dataset):
    after = dt.date(2024, 1, 1)
    for r in ref.relationships:
        if "pole-emploi" in (r.source, r.target) and r.type != "SUCCEEDED_BY":
            assert r.until is not None and r.until < after, r.key
            assert not r.active_on(after)


@pytest.mark.parametrize(("old", "new", "day"), [
    ("direccte", "dreets", dt.date(2021, 4, 1)),
    ("ffp", "acteurs-de-la-competence", dt.date(2021, 3, 31)),
    ("fongecif-84", "transitions-pro-84", dt.date(2020, 1, 1)),
    ("afpa-association", "afpa", dt.date(2017, 1, 1)),
])
def test_dated_successions(ref: Dataset, old: str, new: str, day: dt.date):
    actors = ref.actor_index()
    assert any(r.source == old and r.target == new and r.since == day for r in ties(ref, "SUCCEEDED_BY"))
    assert actors[old].until is not None and actors[old].until < day
    assert actors[new].since == day


def test_ties_live_within_the_lifetime_of_the_actors_they_join(ref: Dataset):
    """A tie starts no earlier and ends no later than both of its actors.

    Successions are the exception by nature: they start the day one actor ends.
    """
    actors = ref.actor_index()
    for r in ref.relationships:
        if r.type == "SUCCEEDED_BY":
            continue
        for end in (actors[r.source], actors[r.target]):
            if end.since:
                assert r.since is not None and r.since >= end.since, (r.key, end.id)
            if end.until:
                assert r.until is not None and r.until <= end.until, (r.key, end.id)
            if r.since and end.until:
                assert r.since <= end.until, (r.key, end.id)


# -- territory ------------------------------------------------------------------------------
def test_all_eighteen_regions_with_their_insee_codes(ref: Dataset):
    regions = {a.region_code: a.region_name for a in ref.actors if a.kind == "REGION"}
    assert regions == REGION_CODES


def test_every_region_has_exactly_one_crefop_located_in_it_with_the_same_code(ref: Dataset, kind: dict[str, str]):
    actors = ref.actor_index()
    crefops = [a for a in ref.actors if a.kind == "GOVERNANCE_BODY" and a.id.startswith("crefop-")]
    located = defaultdict(list)
    for r in ties(ref, "LOCATED_IN"):
        if r.source.startswith("crefop-"):
            located[r.source].append(r.target)
    per_region = Counter()
    for crefop in crefops:
        assert len(located[crefop.id]) == 1, (crefop.id, located[crefop.id])  # exactly one Région
        region = located[crefop.id][0]
        assert kind[region] == "REGION"
        assert actors[region].region_code == crefop.region_code
        per_region[region] += 1
    assert per_region == {f"region-{code}": 1 for code in REGION_CODES}


def test_each_crefop_is_co_chaired_and_hosts_the_social_partners(ref: Dataset):
    seats = defaultdict(dict)
    for r in ties(ref, "SITS_ON"):
        if r.target.startswith("crefop-") and r.active_on(dt.date(2024, 6, 1)):
            seats[r.target][r.source] = r.properties["role"]
    for code in REGION_CODES:
        crefop = seats[f"crefop-{code}"]
        assert crefop[f"region-{code}"] == "co-président"
        assert crefop["prefets-de-region"] == "co-président"
        assert crefop["france-travail"] == "consultatif"
        assert REPRESENTATIVE_UNIONS | {"medef", "cpme", "u2p"} <= set(crefop)


def test_ccrefp_was_succeeded_by_the_crefop(ref: Dataset):
    """Decree n° 2014-1055 in force on 19 September 2014; merged Régions' CREFOP from 1 January 2016."""
    targets = {r.target: r.since for r in ties(ref, "SUCCEEDED_BY") if r.source == "ccrefp"}
    assert targets == {f"crefop-{code}": dt.date(2016, 1, 1) if code in MERGED_REGIONS else dt.date(2014, 9, 19)
                       for code in REGION_CODES}


def test_merged_regions_and_their_crefop_start_in_2016(ref: Dataset):
    actors = ref.actor_index()
    for code in REGION_CODES:
        expected = dt.date(2016, 1, 1) if code in MERGED_REGIONS else None
        assert actors[f"region-{code}"].since == expected, code
        assert actors[f"crefop-{code}"].since == (expected or dt.date(2014, 9, 19)), code


def test_plein_emploi_law_regional_governance(ref: Dataset):
    """Loi n° 2023-1196: Comité national and comités territoriaux pour l'emploi; CDEI replaced in July 2024."""
    actors = ref.actor_index()
    assert actors["comite-national-pour-l-emploi"].since == dt.date(2024, 4, 11)
    assert actors["comites-regionaux-pour-l-emploi"].since == dt.date(2024, 7, 1)
    seats = {r.source: r.properties["role"] for r in ties(ref, "SITS_ON") if r.target == "comites-regionaux-pour-l-emploi"}
    assert seats["prefets-de-region"] == "co-président" and seats["france-travail"] == "consultatif"
    assert REPRESENTATIVE_UNIONS | {"medef", "cpme", "u2p"} <= set(seats)
    national = {r.source: r.properties["role"] for r in ties(ref, "SITS_ON") if r.target == "comite-national-pour-l-emploi"}
    assert national["ministere-travail"] == "président" and {"france-travail", "unml", "regions-de-france"} <= set(national)
    [cdei] = [r for r in ties(ref, "SUCCEEDED_BY") if r.source == "cdei"]
    assert cdei.target == "comites-departementaux-pour-l-emploi" and cdei.since == dt.date(2024, 7, 1)
    members = {r.source for r in ties(ref, "MEMBER_OF") if r.target == "reseau-pour-l-emploi"}
    assert {"comite-national-pour-l-emploi", "comites-regionaux-pour-l-emploi"} <= members
    assert {"comites-departementaux-pour-l-emploi", "comites-locaux-pour-l-emploi"} <= members
    assert actors["comites-locaux-pour-l-emploi"].since == dt.date(2024, 7, 1)


def test_real_cfa_networks_are_on_the_map(ref: Dataset, kind: dict[str, str]):
    networks = {a.id for a in ref.actors if a.kind == "NETWORK" and "réseau de CFA" in a.tags}
    assert {"cma-france", "ccca-btp", "poles-formation-uimm", "unmfreo", "aprefa"} <= networks
    members = [r for r in ties(ref, "MEMBER_OF") if r.target in networks and kind[r.source] == "CFA"]
    assert len(members) >= 5
    actors = ref.actor_index()
    assert all("(exemple)" not in actors[r.source].name and not r.illustrative for r in members)


def test_samples_stay_flagged(ref: Dataset):
    samples = {a.id for a in ref.actors if "(exemple)" in a.name}
    assert samples and all("exemple illustratif" in ref.actor_index()[a].tags for a in samples)
    assert all(r.illustrative for r in ref.relationships if r.source in samples or r.target in samples)


def test_regional_actors_are_located_in_their_own_region(ref: Dataset):
    actors = ref.actor_index()
    for r in ties(ref, "LOCATED_IN"):
        source, region = actors[r.source], actors[r.target]
        if source.region_code:
            assert source.region_code == region.region_code, r.key


def test_networks_gather_their_members(ref: Dataset):
    members = defaultdict(set)
    for r in ties(ref, "MEMBER_OF"):
        members[r.target].add(r.source)
    assert {a for a in members["rco"]} == {a.id for a in ref.actors if "Carif-Oref" in a.tags}
    assert ids_of(ref, "PARITARIAN_BODY") >= members["certif-pro"] and len(members["certif-pro"]) == 13
    assert {"france-travail", "unml", "cap-emploi"} <= members["reseau-pour-l-emploi"]
    assert "cap-emploi" in members["cheops"]
    assert {"arml-84", "mission-locale-chablais"} <= members["unml"]


def test_insertion_structure_types_are_all_present(ref: Dataset):
    short_names = {a.short_name for a in ref.actors if a.kind == "INSERTION_ACTOR" and "SIAE" in a.tags}
    assert short_names == {"ACI", "EI", "ETTI", "AI", "EITI"}


def test_centre_inffo_organises_the_winter_university(ref: Dataset):
    organised = {r.target for r in ties(ref, "ORGANISES") if r.source == "centre-inffo"}
    assert organised == {"uhfp-2020", "uhfp-2023"}


# -- the ten interaction modes of the seed text ----------------------------------------------
def _touches(ref: Dataset, kind: dict[str, str], types: set[str], a_kinds: set[str], b_kinds: set[str]) -> bool:
    for r in ref.relationships:
        if r.type in types:
            ends = {kind[r.source], kind[r.target]}
            if ends & a_kinds and ends & b_kinds and (kind[r.source] in a_kinds or kind[r.target] in a_kinds):
                return True
    return False


OPCO_SIDE = {"OPCO", "OPCA"}
MODES = {
    "1 dialogue avec les partenaires sociaux": ({"CO_MANAGES"}, {"OPCO"}, {"EMPLOYEE_UNION", "EMPLOYER_ORG"}),
    "2 organismes de formation": ({"FUNDS", "PARTNERS_WITH"}, {"OPCO"}, {"TRAINING_ORG"}),
    "3 entreprises": ({"SERVES", "FUNDS"}, {"OPCO"}, {"COMPANY"}),
    "4 institutions publiques": ({"PARTNERS_WITH"}, OPCO_SIDE, {"PUBLIC_INSTITUTION", "REGION"}),
    "5 coordination par France compétences": ({"FUNDS", "REGULATES"}, {"OPCO"}, {"PUBLIC_INSTITUTION"}),
    "6 instances de gouvernance": ({"SITS_ON"}, {"OPCO"}, {"GOVERNANCE_BODY"}),
    "7 CFA": ({"FUNDS"}, {"OPCO"}, {"CFA"}),
    "8 salariés": ({"SERVES"}, {"OPCO"}, {"EMPLOYEE_GROUP"}),
    "9 acteurs de l'insertion": ({"FUNDS", "PARTNERS_WITH"}, {"OPCO"}, {"INSERTION_ACTOR"}),
    "10 réseaux et événements": ({"ORGANISES", "PARTICIPATES_IN", "PARTNERS_WITH", "MEMBER_OF"}, OPCO_SIDE, {"EVENT", "NETWORK"}),
}


@pytest.mark.parametrize("mode", list(MODES))
def test_each_interaction_mode_of_the_seed_is_on_the_map(ref: Dataset, kind: dict[str, str], mode: str):
    types, opco_kinds, other_kinds = MODES[mode]
    assert _touches(ref, kind, types, opco_kinds, other_kinds), mode


def test_governance_mode_includes_the_ccrefp_named_in_the_seed(ref: Dataset):
    names = {a.short_name or a.name for a in ref.actors if a.kind == "GOVERNANCE_BODY"}
    assert "CCREFP" in names or any("CCREFP" in n for n in names)


# -- in a real Neo4j ------------------------------------------------------------------------------
@pytest.mark.neo4j
def test_reference_map_loads_into_neo4j_with_the_same_invariants(ref: Dataset, empty_db, neo4j_settings):
    from opcomap.store.writer import write_dataset

    database = neo4j_settings.neo4j_database
    write_dataset(empty_db, ref, default_schema(), dataset_name="reference", database=database)
    records, _, _ = empty_db.execute_query(
        "MATCH (a:Actor) WITH count(a) AS actors "
        "MATCH (:Actor)-[r]->(:Actor) RETURN actors, count(r) AS rels, "
        "sum(CASE WHEN size(r.source_ids) > 0 AND EXISTS { MATCH (s:Source {id: r.source_ids[0]}) "
        "WHERE s.url STARTS WITH 'http' } THEN 1 ELSE 0 END) AS sourced",
        database_=database,
    )
    n_actors, n_rels = len(ref.actors), len(ref.relationships)
    assert (records[0]["actors"], records[0]["rels"], records[0]["sourced"]) == (n_actors, n_rels, n_rels)
    # every OPCO carries its kind as a second label and is co-managed by both colleges
    records, _, _ = empty_db.execute_query(
        "MATCH (o:Actor:OPCO) "
        "OPTIONAL MATCH (:EMPLOYEE_UNION)-[u:CO_MANAGES {college: 'salariés'}]->(o) "
        "OPTIONAL MATCH (:EMPLOYER_ORG)-[e:CO_MANAGES {college: 'employeurs'}]->(o) "
        "RETURN o.id AS id, count(DISTINCT u) AS unions, count(DISTINCT e) AS employers",
        database_=database,
    )
    assert len(records) == 11
    assert all(r["unions"] > 0 and r["employers"] > 0 for r in records)
    # Pôle emploi's ties all ended before France Travail started
    expected = sum(1 for r in ref.relationships if "pole-emploi" in (r.source, r.target) and r.type != "SUCCEEDED_BY")
    records, _, _ = empty_db.execute_query(
        "MATCH (p:Actor {id: 'pole-emploi'})-[r]-() WHERE type(r) <> 'SUCCEEDED_BY' "
        "RETURN count(r) AS ties, sum(CASE WHEN r.until < date('2024-01-01') THEN 1 ELSE 0 END) AS closed",
        database_=database,
    )
    assert records[0]["ties"] == records[0]["closed"] == expected > 0


@pytest.mark.parametrize("day", ["2018-06-01", "2024-06-01"])
def test_a_dated_view_shows_no_actor_that_had_ended(ref: Dataset, day: str):
    """The CCREFP ended in 2014: a view of 2018 or 2024 must not show it (nor any other ended actor)."""
    from graph_model.graph import to_networkx
    from opcomap.analysis.filters import ViewFilters, apply_filters

    view = apply_filters(to_networkx(ref), ViewFilters(as_of=day), default_schema())
    ended = sorted(n for n, a in view.nodes(data=True) if a.get("until") and str(a["until"]) < day)
    assert "ccrefp" not in view and ended == []


def test_the_opca_have_ties_of_their_own_before_2019(ref: Dataset, kind: dict[str, str]):
    """Like with like across 2019: as each OPCO collects for France compétences, each OPCA collected
    for the FPSPP, and the State's approval of the OPCA is on the map where a source names it."""
    day = dt.date(2018, 6, 1)
    current = [r for r in ref.relationships
               if (r.since is None or r.since <= day) and (r.until is None or day <= r.until)]
    collecting = {r.source for r in current if r.type == "COLLECTS_FOR" and r.target == "fpspp"}
    assert collecting == {a for a, k in kind.items() if k == "OPCA"}
    regulated = {r.target for r in current if r.type == "REGULATES" and kind.get(r.target) == "OPCA"}
    assert {"opca-agefos-pme", "opca-opcaim", "opca-defi"} <= regulated
