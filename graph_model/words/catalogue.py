"""The catalogue: every section's words merged, and the one lookup, :func:`t`.

Each section (app, problems, cli, edit, reconcile, store, files, auth) is a module holding
``WORDS``, a dict of key -> (French, English). A key lives in one section only.

A word that agrees with a count is written ``{n:singular|plural}`` beside the count's own
``{n}``: ``"{n} {n:lien illustratif|liens illustratifs}"``. The count keeps the formatting it
came with; only the choice of form reads it. A form may hold the count itself,
``{n:la relation cite|les {n} relations citent}``. French takes the singular below two
(0, 1 and 1,5), English for exactly one.

A name after French « de » is written ``{opco:de}``: ``de Constructys``, but ``d'AKTO``.
"""

from __future__ import annotations

import functools
import re
import string
from typing import Any

from graph_model.words import app, auth, cli, edit, files, problems, reconcile, store

LANGS = ("fr", "en")


def _merge(*sections: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for section in sections:
        twice = merged.keys() & section.keys()
        if twice:
            raise ValueError(f"keys defined in two sections of the catalogue: {sorted(twice)}")
        merged.update(section)
    return merged


STRINGS: dict[str, tuple[str, str]] = _merge(
    app.WORDS, problems.WORDS, cli.WORDS, edit.WORDS, reconcile.WORDS, store.WORDS, files.WORDS, auth.WORDS
)


# Hand-written rather than gettext/Babel: ngettext would move every sentence into .po files
# keyed by their English; two forms chosen by one comparison keep the catalogue's (French,
# English) pairs as they are. The rules are CLDR's for whole counts and French decimals.
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def count_of(value: Any, lang: str) -> float | None:
    """The number a placeholder holds, whether given as a number or already written by
    :mod:`graph_model.words.formats` (``"1\\u202f234"``, ``"1,5"`` in French, ``"1,234"`` in English).

    >>> count_of("1\\u202f234", "fr"), count_of("1,5", "fr"), count_of("1,234", "en"), count_of("{n}", "fr")
    (1234.0, 1.5, 1234.0, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    written = _SPACES.sub("", str(value))
    written = written.replace(",", "") if lang == "en" else written.replace(",", ".")
    try:
        return float(written)
    except ValueError:
        return None


def is_singular(value: Any, lang: str) -> bool:
    """True when a word agreeing with ``value`` takes its singular form in ``lang``.

    French takes the singular below two (« le pluriel commence à deux » : 1,5 million), English for one only.

    >>> [is_singular(n, "fr") for n in (0, 1, 2, 1.5)], [is_singular(n, "en") for n in (0, 1, 2, 1.5)]
    ([True, True, False, True], [False, True, False, False])
    """
    count = count_of(value, lang)
    if count is None:
        return False
    return count == 1 if lang == "en" else abs(count) < 2


# Elision before a written vowel only: names starting with h are left whole (« de Hauts-de-France »).
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüÿæœ")


def of(value: Any) -> str:
    """French « de » before a name, elided before a vowel.

    >>> of("AKTO"), of("Constructys"), of("Île-de-France"), of("Hauts-de-France"), of("")
    ("d'AKTO", 'de Constructys', "d'Île-de-France", 'de Hauts-de-France', 'de ')
    """
    text = str(value)
    return f"d'{text}" if text[:1].lower() in _VOWELS else f"de {text}"


class _Words(string.Formatter):
    """``str.format`` plus ``{n:singular|plural}`` (the form agreeing with ``n``) and ``{name:de}``."""

    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec:
            singular, plural = format_spec.split("|", 1)
            return singular if is_singular(value, self.lang) else plural
        if format_spec == "de":
            return of(value)
        return super().format_field(value, format_spec)


_FORMATTERS = {lang: _Words(lang) for lang in LANGS}
_CHOICE = re.compile(r"\{\w+:")
_COUNTED = re.compile(r"\{(\w+):[^{}|]*(?:\{\w+\}[^{}|]*)*\|")  # a placeholder with a plural form


@functools.lru_cache(maxsize=2048)
def _counts_in(text: str) -> frozenset[str]:
    """The placeholders some word agrees with: counts, never a year, a port or an id."""
    return frozenset(_COUNTED.findall(text))


def _written(values: dict[str, Any], counts: frozenset[str], lang: str) -> dict[str, Any]:
    """Whole counts of four digits and more written the language's way (``1 258``, ``1,258``)."""
    big = [name for name in counts if type(values.get(name)) is int and abs(values[name]) >= 1000]
    if not big:
        return values
    from graph_model.words.formats import number  # Babel: imported by the first big count, not at start-up

    return {**values, **{name: number(values[name], lang) for name in big}}


def t(key: str, lang: str = "fr", /, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in and words agreeing with
    their counts.

    >>> t("counts", "fr", n=3, m=1)
    '3 acteurs, 1 relation'
    >>> t("counts", "en", n=0, m=1)
    '0 actors, 1 relationship'
    >>> t("counts", "fr", n=0, m="1\\u202f234")
    '0 acteur, 1\\u202f234 relations'
    >>> t("counts", "fr", n=381, m=1258) == "381 acteurs, 1\\u202f258 relations", t("counts", "en", n=381, m=1258)
    (True, '381 actors, 1,258 relationships')
    """
    fr, en = STRINGS[key]
    lang = "en" if lang == "en" else "fr"
    text = en if lang == "en" else fr
    if not values:
        return text
    if _CHOICE.search(text) is None:  # str.format is the fast path: a table says a sentence per row
        return text.format(**values)
    return _FORMATTERS[lang].format(text, **_written(values, _counts_in(text), lang))


def normalise_lang(value: object) -> str:
    """``en`` or ``fr`` (the default) from whatever a URL carried.

    >>> normalise_lang("EN"), normalise_lang(None), normalise_lang("de")
    ('en', 'fr', 'fr')
    """
    text = str(value or "").lower()
    return text if text in LANGS else "fr"
