"""Numbers, amounts and dates written the way each language reads them.

Babel carries the CLDR rules (French groups thousands with a narrow no-break
space and writes ``23 510 000 €``), so nothing here formats by hand. A
:class:`Said` is a catalogue sentence whose numbers, dates and lists are written
this way only when it is shown, so one result serves the French and the English user.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.numbers import NumberPattern, format_currency, format_decimal, format_percent, parse_pattern

from graph_model.errors import Phrase

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, "fr_FR")


def number(value: float | int, lang: str = "fr", decimals: int | None = None) -> str:
    """A number with the language's grouping and decimal mark.

    >>> number(1234567.5) == "1\\u202f234\\u202f567,5", number(1234567.5, "en")
    (True, '1,234,567.5')
    >>> number(0.123456, "fr", decimals=2)
    '0,12'
    """
    if decimals is None:
        return format_decimal(value, locale=_locale(lang))
    return _parsed("#,##0" + ("." + "0" * decimals if decimals else "")).apply(value, _locale_of(lang))


# format_decimal parses its pattern and looks its locale up on every call: once each is enough
# when a table writes a number per actor of a national map.
@functools.lru_cache(maxsize=64)
def _parsed(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


@functools.lru_cache(maxsize=8)
def _locale_of(lang: str) -> Locale:
    return Locale.parse(_locale(lang))


def significant(value: float, lang: str = "fr", digits: int = 3) -> str:
    """A measure with ``digits`` significant digits (centralities, scores).

    >>> significant(0.0012345), significant(0.51234, "en")
    ('0,00123', '0.512')
    """
    return format_decimal(value, format="@" + "#" * (digits - 1), locale=_locale(lang))


def percent(value: float, lang: str = "fr", signed: bool = False) -> str:
    """A share as a percentage with one decimal; ``signed`` writes the + of a rise.

    >>> percent(0.125) == "12,5\u00a0%", percent(-0.125, "en", signed=True), percent(0.5, "en", signed=True)
    (True, '-12.5%', '+50.0%')
    """
    # The language's own pattern (French puts a narrow no-break space before %), one decimal.
    head, _, tail = Locale.parse(_locale(lang)).percent_formats[None].pattern.rpartition("0")
    pattern = f"{head}0.0{tail}"
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return format_percent(value, format=pattern, locale=_locale(lang))


def money(value: float | int, lang: str = "fr") -> str:
    """An amount in euros, without cents.

    >>> money(23510000) == "23\\u202f510\\u202f000\\u00a0€", money(23510000, "en")
    (True, '€23,510,000')
    """
    return format_currency(value, "EUR", format="#,##0\u00a0¤" if lang != "en" else "¤#,##0",
                           currency_digits=False, locale=_locale(lang))


def d3_locale(lang: str = "fr") -> dict[str, Any]:
    """The number locale a Vega-Lite chart formats with (its ``config.locale.number``), taken from
    Babel, so a chart's axis writes ``23 510 000 €`` exactly as :func:`money` does.

    >>> fr = d3_locale("fr")
    >>> fr["decimal"], fr["thousands"] == "\\u202f", fr["currency"] == ["", "\\u00a0€"]
    (',', True, True)
    >>> d3_locale("en")["currency"]
    ['€', '']
    """
    symbols = _locale_of(lang).number_symbols["latn"]
    prefix, _, suffix = money(0, lang).partition("0")
    return {"decimal": symbols["decimal"], "thousands": symbols["group"], "grouping": [3],
            "currency": [prefix, suffix], "minus": symbols["minusSign"]}


def day(value: dt.date, lang: str = "fr") -> str:
    """A date: ``07/12/2026`` in French, ISO ``2026-12-07`` in English (unambiguous abroad).

    >>> day(dt.date(2026, 12, 7)), day(dt.date(2026, 12, 7), "en")
    ('07/12/2026', '2026-12-07')
    """
    from babel.dates import format_date  # babel.dates reads the time zones: only when a date is shown

    if lang == "en":
        return format_date(value, "yyyy-MM-dd", locale=_locale(lang))
    return format_date(value, "short", locale=_locale(lang))


# -- sentences whose parameters are numbers, dates and lists ------------------------------

@dataclass(frozen=True)
class Listed:
    """Parameters shown one after the other: OPCO joined by `` + ``, categories by ``, ``."""

    items: tuple[Any, ...]
    separator: str = ", "


class Said(Phrase):
    """A catalogue sentence whose numbers, dates and lists are shown the way the language writes them.

    >>> Said("reconcile.says.establishments", {"n": 48210}).text("en")
    '48,210 establishments'
    >>> Said("reconcile.says.npec", {"certification": "Cuisinier", "amount": 6800.5}).text("en")
    'Cuisinier: NPEC €6,800.50'
    """

    def text(self, lang: str = "fr") -> str:
        return Phrase(self.key, {name: shown(value, lang) for name, value in self.params.items()}).text(lang)


def said(key: str, **params: Any) -> Said:
    return Said(key, params)


def shown(value: Any, lang: str) -> Any:
    """A parameter as ``lang`` writes it; a whole number without decimals, another with two.

    >>> shown(1250, "en"), shown(0.5, "en"), shown(dt.date(2026, 11, 3), "fr"), shown(Listed(("a", "b"), " + "), "fr")
    ('1,250', '0.50', '03/11/2026', 'a + b')
    """
    if isinstance(value, Phrase):
        return value.text(lang)
    if isinstance(value, Listed):
        return value.separator.join(str(shown(item, lang)) for item in value.items)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return number(value, lang)
    if isinstance(value, float):
        return number(value, lang, decimals=0 if value.is_integer() else 2)
    if isinstance(value, dt.date):
        return day(value, lang)
    return value
