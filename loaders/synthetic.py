"""A synthetic national-scale map with the real ecosystem's shape, for load tests.

The shape follows the public facts (11 OPCO, about 330 professional branches
each attached to one OPCO, 18 Régions each with a CREFOP, a Transitions Pro
and a Carif-Oref, thousands of CFA, tens of thousands of training
organisations and companies), but every name is invented ("OPCO synthétique
03") and every tie is marked illustrative, so a generated file can never be
mistaken for the reference map. The same seed always gives the same files.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from graph_model.errors import InvalidValue
from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model.regions import REGIONS

MIN_ACTORS = 300
YEARS = tuple(range(2019, 2026))
SERVICES = ("diagnostic RH", "appui au plan de développement des compétences", "alternance", "information")
SEAT_ROLES = ("titulaire", "suppléant")


class _Builder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.actors: list[Actor] = []
        self.rels: list[Relationship] = []
        self.keys: set[str] = set()
        self.source = Source(title=f"Jeu de données synthétique opcomap (graine {seed})", publisher="opcomap generate")

    def actor(self, prefix: str, number: int, name: str, kind: str, region: tuple[str, str] | None = None,
              **fields: object) -> str:
        actor_id = f"{prefix}-{number:05d}"
        if region:
            fields.update(region_code=region[0], region_name=region[1])
        self.actors.append(Actor(id=actor_id, name=name, kind=kind, **fields))  # type: ignore[arg-type]
        return actor_id

    def tie(self, source: str, target: str, rel_type: str, since: dt.date | None = None, **properties: object) -> bool:
        """Add a relationship unless the same one (same key) exists; True if added."""
        key = f"{source}|{rel_type}|{target}|{since.isoformat() if since else ''}"
        if key in self.keys or source == target:
            return False
        self.keys.add(key)
        self.rels.append(Relationship(
            source=source, target=target, type=rel_type, since=since, illustrative=True,
            sources=[self.source], properties=properties,  # type: ignore[arg-type]
        ))
        return True


def generate(actors: int, relationships: int | None = None, seed: int = 0) -> Dataset:
    """A deterministic synthetic dataset valid against the default schema.

    >>> ds = generate(400, 4000, seed=1)
    >>> len(ds.actors), len(ds.relationships)
    (400, 4000)
    >>> sorted({a.kind for a in ds.actors if a.kind == "OPCO"}), sum(a.kind == "OPCO" for a in ds.actors)
    (['OPCO'], 11)
    """
    if actors < MIN_ACTORS:
        raise InvalidValue("problems.synthetic_too_few", n=MIN_ACTORS)
    target = 10 * actors if relationships is None else relationships
    b = _Builder(seed)
    rng = b.rng
    region_ids = [b.actor("region", i, f"Région {name}", "REGION", (code, name)) for i, (code, name) in
                  enumerate(REGIONS, 1)]
    by_region = dict(zip(region_ids, REGIONS))
    opcos = [b.actor("opco", i, f"OPCO synthétique {i:02d}", "OPCO", since=dt.date(2019, 4, 1)) for i in range(1, 12)]
    opcas = [b.actor("opca", i, f"OPCA synthétique {i:02d}", "OPCA", until=dt.date(2019, 3, 31)) for i in range(1, 21)]
    unions = [b.actor("union", i, f"Syndicat de salariés {i}", "EMPLOYEE_UNION") for i in range(1, 6)]
    interpro = [b.actor("employer", i, f"Organisation interprofessionnelle {i}", "EMPLOYER_ORG") for i in range(1, 4)]
    institutions = [b.actor("public", i, f"Institution publique {i}", "PUBLIC_INSTITUTION") for i in range(1, 7)]
    regulator, collector = institutions[0], institutions[1]
    crefops, transitions, carifs = [], [], []
    for i, rid in enumerate(region_ids, 1):
        region = by_region[rid]
        crefops.append(b.actor("crefop", i, f"CREFOP {region[1]}", "GOVERNANCE_BODY", region))
        transitions.append(b.actor("transitions", i, f"Transitions Pro {region[1]} (synthétique)", "PARITARIAN_BODY", region))
        carifs.append(b.actor("carif", i, f"Carif-Oref {region[1]} (synthétique)", "RESOURCE_CENTRE", region))
    networks = [b.actor("network", i, f"Réseau synthétique {i}", "NETWORK") for i in range(1, 11)]
    events = [b.actor("event", i, f"Événement synthétique {i}", "EVENT") for i in range(1, 21)]
    groups = [b.actor("group", i, f"Public de salariés {i}", "EMPLOYEE_GROUP") for i in range(1, 6)]

    remaining = actors - len(b.actors)
    n_branches = max(11, min(330, remaining // 300))
    n_sector = max(3, remaining // 2000)
    n_insertion = max(5, remaining // 500)
    n_cfa = max(10, remaining * 3 // 100)
    n_orgs = max(10, (remaining - n_branches - n_sector - n_insertion - n_cfa) * 47 // 100)
    n_certifiers, n_certifications = 3, 12  # what the RNCP and NPEC imports add, on a small scale
    n_companies = remaining - n_branches - n_sector - n_insertion - n_cfa - n_orgs - n_certifiers - n_certifications
    branches = [b.actor("branch", i, f"Branche synthétique {i:03d}", "BRANCH", idcc=str(1000 + i)) for i in range(1, n_branches + 1)]
    sector = [b.actor("employer", 10 + i, f"Fédération professionnelle {i}", "EMPLOYER_ORG") for i in range(1, n_sector + 1)]

    def regional(prefix: str, count: int, label: str, kind: str) -> list[str]:
        return [b.actor(prefix, i, f"{label} {i:05d}", kind, REGIONS[rng.randrange(len(REGIONS))])
                for i in range(1, count + 1)]

    insertion = regional("insertion", n_insertion, "Structure d'insertion", "INSERTION_ACTOR")
    cfas = regional("cfa", n_cfa, "CFA synthétique", "CFA")
    orgs = regional("of", n_orgs, "Organisme de formation", "TRAINING_ORG")
    companies = regional("company", n_companies, "Entreprise synthétique", "COMPANY")
    certifiers = [b.actor("certifier", i, f"Certificateur synthétique {i}", "CERTIFIER") for i in range(1, n_certifiers + 1)]
    certifications = [b.actor("certification", i, f"Certification synthétique {i:02d}", "CERTIFICATION")
                      for i in range(1, n_certifications + 1)]
    region_of_code = {code: rid for rid, (code, _) in by_region.items()}

    # -- structural ties: every type appears, the way the real map is built ------------
    for opco in opcos:
        for union in unions:
            b.tie(union, opco, "CO_MANAGES", college="salariés", seats=2)
        for employer in interpro:
            b.tie(employer, opco, "CO_MANAGES", college="employeurs", seats=3)
        b.tie(regulator, opco, "REGULATES", scope="agrément et contrôle")
        b.tie(opco, collector, "COLLECTS_FOR", levy="contribution conventionnelle")
        b.tie(regulator, opco, "SITS_ON", role="commissaire du gouvernement")
        for year in YEARS:
            b.tie(regulator, opco, "FUNDS", dt.date(year, 1, 1), amount_eur=float(rng.randrange(50, 900)) * 1e6, year=year)
    b.tie(collector, regulator, "COLLECTS_FOR", levy="contribution unique à la formation professionnelle et à l'alternance")
    for i, opca in enumerate(opcas):
        b.tie(opca, opcos[i % len(opcos)], "SUCCEEDED_BY", dt.date(2019, 4, 1))
    for i, employer in enumerate(sector):
        b.tie(employer, opcos[i % len(opcos)], "CO_MANAGES", college="employeurs")
    for i, branch in enumerate(branches):
        b.tie(branch, opcos[i % len(opcos)], "ATTACHED_TO", dt.date(2019, 4, 1))
        b.tie(opcos[i % len(opcos)], branch, "SERVES", service="appui technique à la branche")
    for crefop, body, carif, rid in zip(crefops, transitions, carifs, region_ids):
        for member in (rid, unions[0], unions[1], interpro[0], institutions[2]):
            b.tie(member, crefop, "SITS_ON", role=rng.choice(SEAT_ROLES))
        for union in unions:
            b.tie(union, body, "CO_MANAGES", college="salariés")
        b.tie(interpro[0], body, "CO_MANAGES", college="employeurs")
        b.tie(regulator, body, "FUNDS", dt.date(2024, 1, 1), year=2024)
        b.tie(rid, carif, "FUNDS", dt.date(2024, 1, 1), year=2024)
        b.tie(body, groups[0], "SERVES", service="projet de transition professionnelle")
        for actor_id in (crefop, body, carif):
            b.tie(actor_id, rid, "LOCATED_IN")
    for net in networks:
        b.tie(net, events[rng.randrange(len(events))], "ORGANISES")
    for i, certification in enumerate(certifications):
        branch = branches[i % len(branches)]
        b.tie(certifiers[i % len(certifiers)], certification, "CERTIFIES")
        b.tie(certification, branch, "COVERS_BRANCH")
        b.tie(branch, certification, "FUNDING_LEVEL", dt.date(2024, 9, 1),
              npec_eur=float(rng.randrange(4_000, 12_000)), cpne=f"CPNE de la branche {i % len(branches) + 1:03d}")
    index = {a.id: a for a in b.actors}
    for actor_id in insertion + cfas + orgs + companies:
        b.tie(actor_id, region_of_code[index[actor_id].region_code or "11"], "LOCATED_IN")
    for ins in insertion:
        b.tie(ins, groups[rng.randrange(len(groups))], "SERVES", service="accompagnement vers l'emploi")
        b.tie(institutions[3], ins, "FUNDS", dt.date(2024, 1, 1), year=2024)

    # -- the bulk: ties whose number grows with the map, until the target is met ---------
    # Candidate pools built once: rng.choice on a list is O(1), building one per call is not.
    funded = cfas + orgs[:len(cfas)]
    trainers = cfas + orgs
    members = orgs + cfas + companies
    visitors = companies + orgs

    def opco_serves_company() -> bool:
        return b.tie(rng.choice(opcos), rng.choice(companies), "SERVES", dt.date(rng.choice(YEARS), 1, 1),
                     service=rng.choice(SERVICES))

    def opco_funds_training() -> bool:
        year = rng.choice(YEARS)
        return b.tie(rng.choice(opcos), rng.choice(funded), "FUNDS", dt.date(year, 1, 1),
                     amount_eur=float(rng.randrange(1_000, 2_000_000)), year=year, scheme="contrat d'apprentissage")

    def region_funds_cfa() -> bool:
        year = rng.choice(YEARS)
        return b.tie(rng.choice(region_ids), rng.choice(cfas), "FUNDS", dt.date(year, 1, 1),
                     amount_eur=float(rng.randrange(10_000, 5_000_000)), year=year)

    def partnership() -> bool:
        return b.tie(rng.choice(trainers), rng.choice(companies), "PARTNERS_WITH", scope="alternance")

    def membership() -> bool:
        return b.tie(rng.choice(members), rng.choice(networks), "MEMBER_OF", role="adhérent")

    def participation() -> bool:
        return b.tie(rng.choice(visitors), rng.choice(events), "PARTICIPATES_IN", role="participant")

    bulk: list[tuple[int, Callable[[], bool]]] = [
        (30, opco_serves_company), (25, opco_funds_training), (5, region_funds_cfa),
        (25, partnership), (10, membership), (5, participation),
    ]
    makers = [maker for weight, maker in bulk for _ in range(weight)]
    misses = 0
    while len(b.rels) < target:
        if rng.choice(makers)():
            misses = 0
        else:
            misses += 1
            if misses > 10_000:
                raise InvalidValue("problems.synthetic_too_many", ties=target, actors=actors)
    return Dataset.model_construct(actors=b.actors, relationships=b.rels[:target])
