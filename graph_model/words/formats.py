"""Numbers, amounts and dates written the way each language reads them.

Babel carries the CLDR rules (French groups thousands with a narrow no-break
space and writes ``23 510 000 €``), so nothing here formats by hand.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

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
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def money(value: float | int, lang: str = "fr") -> str:
    """An amount in euros, without cents.

    >>> money(23510000) == "23\\u202f510\\u202f000\\u00a0€", money(23510000, "en")
    (True, '€23,510,000')
    """
    return format_currency(value, "EUR", format="#,##0\u00a0¤" if lang != "en" else "¤#,##0",
                           currency_digits=False, locale=_locale(lang))


def day(value: dt.date, lang: str = "fr") -> str:
    """A date: ``07/12/2026`` in French, ISO ``2026-12-07`` in English (unambiguous abroad).

    >>> day(dt.date(2026, 12, 7)), day(dt.date(2026, 12, 7), "en")
    ('07/12/2026', '2026-12-07')
    """
    if lang == "en":
        return format_date(value, "yyyy-MM-dd", locale=_locale(lang))
    return format_date(value, "short", locale=_locale(lang))
