"""The 18 Régions by INSEE code (COG), and a Région found from its code or its name as typed."""

from __future__ import annotations

import unicodedata

from graph_model.errors import OpcomapError

REGIONS: tuple[tuple[str, str], ...] = (
    ("01", "Guadeloupe"), ("02", "Martinique"), ("03", "Guyane"), ("04", "La Réunion"), ("06", "Mayotte"),
    ("11", "Île-de-France"), ("24", "Centre-Val de Loire"), ("27", "Bourgogne-Franche-Comté"),
    ("28", "Normandie"), ("32", "Hauts-de-France"), ("44", "Grand Est"), ("52", "Pays de la Loire"),
    ("53", "Bretagne"), ("75", "Nouvelle-Aquitaine"), ("76", "Occitanie"),
    ("84", "Auvergne-Rhône-Alpes"), ("93", "Provence-Alpes-Côte d'Azur"), ("94", "Corse"),
)
NAMES: dict[str, str] = dict(REGIONS)


def _plain(text: str) -> str:
    # Case, accents, hyphens and apostrophes aside: "ile de france" is Île-de-France.
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in letters).split())


_BY_NAME = {_plain(name): code for code, name in REGIONS}


def region_code_of(text: str) -> str | None:
    """The INSEE code of the Région ``text`` names (its code, with or without a leading zero, or
    its name in any case, with or without accents, "Région" before it or not); None when no
    Région answers.

    >>> region_code_of("Bretagne"), region_code_of("ile-de-france"), region_code_of("1"), region_code_of("Bretagn")
    ('53', '11', '01', None)
    """
    wanted = _plain(text)
    if wanted not in _BY_NAME:
        wanted = wanted.removeprefix("region ")
    if wanted.isdigit() and len(wanted) <= 2 and wanted.zfill(2) in NAMES:
        return wanted.zfill(2)
    return _BY_NAME.get(wanted)


def region_or_id(text: str) -> str:
    """What a named question's ``region`` parameter receives: the code of the Région named, or
    an actor id (``reg-53``) as typed; raises ValueError for anything else.

    >>> region_or_id("Région Bretagne"), region_or_id("ile-de-france"), region_or_id("reg-53")
    ('53', '11', 'reg-53')
    """
    from graph_model.models import SLUG  # here: the CLI's --help must not import pydantic

    value = text.strip()
    # An id keeps its own meaning (the Région actor's own ties), even one that holds a code.
    if SLUG.match(value) and "-" in value and any(c.isdigit() for c in value):
        return value
    code = region_code_of(value)
    if code is not None:
        return code
    raise ValueError(text)


def region_label(code: str) -> str:
    """A Région's code with its name beside it, for a table a person reads.

    >>> region_label("53"), region_label("99")
    ('53 Bretagne', '99')
    """
    name = NAMES.get(code)
    return f"{code} {name}" if name else code


def known_regions() -> str:
    """Every Région as "code name", for a message naming the known ones."""
    return ", ".join(region_label(code) for code, _ in REGIONS)


def checked_region(text: str | None) -> str | None:
    """The INSEE code of the Région typed; an unknown one is refused, naming the known ones."""
    if text is None or not text.strip():
        return None
    code = region_code_of(text)
    if code is None:
        raise OpcomapError("cli.unknown_region", text=text, known=known_regions())
    return code
