"""The words a cell, a form, a link or a command line may use for yes, no and nothing.

One set, read the same way by the file parser, the edit forms, the URL state and
the CLI; ``yes_no`` writes them back in the user's language.
"""

from __future__ import annotations

import datetime as dt
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


def yes_no(value: bool, lang: str = "fr") -> str:
    """Yes or no in the user's language.

    >>> yes_no(True), yes_no(False, "en")
    ('oui', 'no')
    """
    if lang == "en":
        return "yes" if value else "no"
    return "oui" if value else "non"
