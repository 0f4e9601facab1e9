"""The words a cell, a form, a link or a command line may use for yes, no and nothing,
and the ways French Excel writes days and numbers.

One set, read the same way by the file parser, the edit forms, the URL state and
the CLI; ``yes_no`` writes them back in the user's language.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

TRUE_WORDS = frozenset({"true", "vrai", "oui", "yes", "1", "on"})
FALSE_WORDS = frozenset({"false", "faux", "non", "no", "0", "off"})
BLANK_WORDS = frozenset({"", "-", "—", "n/a", "na", "null", "none"})


def is_blank(value: Any) -> bool:
    """True for a missing value: None, an empty or blank cell, or a placeholder word.

    >>> is_blank(None), is_blank("  "), is_blank("N/A"), is_blank("0")
    (True, True, True, False)
    """
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN from a spreadsheet
        return True
    return isinstance(value, str) and value.strip().lower() in BLANK_WORDS


def truth(value: Any) -> bool | None:
    """``True``/``False`` for a yes/no word in either language, ``None`` when it is not one.

    >>> truth("Oui"), truth("no"), truth(True), truth("peut-être")
    (True, False, True, None)
    """
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def iso_day(value: Any) -> dt.date | None:
    """A date from ISO text or a spreadsheet's date; ``None`` when it is not one.

    >>> iso_day("2024-01-01"), iso_day("2023-02-30")
    (datetime.date(2024, 1, 1), None)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


# A day as French Excel writes it in CSV: JJ/MM/AAAA.
FRENCH_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# What French Excel puts between thousands: a space, a no-break space or a narrow no-break space.
THOUSANDS_SPACES = " \u00a0\u202f"


def french_day(value: Any) -> dt.date | None:
    """A day written JJ/MM/AAAA (day first, as in France); ``None`` when it is not one.

    >>> french_day("01/04/2019"), french_day("31/02/2020"), french_day("2019-04-01")
    (datetime.date(2019, 4, 1), None, None)
    """
    found = FRENCH_DAY.fullmatch(str(value).strip())
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def looks_french_day(value: Any) -> bool:
    """Written JJ/MM/AAAA, a real day or not (so a problem can name the format the user wrote)."""
    return isinstance(value, str) and FRENCH_DAY.fullmatch(value.strip()) is not None


def other_reading(value: Any) -> dt.date | None:
    """The day a JJ/MM/AAAA cell would be if read month first, when that is another real day:
    the cell is ambiguous and the French reading is worth saying.

    >>> other_reading("03/04/2020"), other_reading("13/04/2020"), other_reading("04/04/2020")
    (datetime.date(2020, 3, 4), None, None)
    """
    read = french_day(value)
    if read is None or read.day > 12 or read.day == read.month:
        return None
    return dt.date(read.year, read.day, read.month)


def cell_day(value: Any) -> dt.date | None:
    """A day from ISO text, JJ/MM/AAAA text or a spreadsheet's date; ``None`` when it is not one.

    >>> cell_day("2019-04-01") == cell_day("01/04/2019") == dt.date(2019, 4, 1)
    True
    """
    found = iso_day(value)
    return found if found is not None or not isinstance(value, str) else french_day(value)


def number_text(value: str) -> str:
    """A number as Python reads it: thousands spaces dropped, a decimal comma made a point.

    >>> number_text("23\u00a0510\u202f000"), number_text("1 234,5")
    ('23510000', '1234.5')
    """
    for space in THOUSANDS_SPACES:
        value = value.replace(space, "")
    return value.replace(",", ".")


def yes_no(value: bool, lang: str = "fr") -> str:
    """Yes or no in the user's language.

    >>> yes_no(True), yes_no(False, "en")
    ('oui', 'no')
    """
    if lang == "en":
        return "yes" if value else "no"
    return "oui" if value else "non"
