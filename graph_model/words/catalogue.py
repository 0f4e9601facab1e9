"""The catalogue: every section's words merged, and the one lookup, :func:`t`.

Each section (app, problems, cli, edit, reconcile, store, files, auth) is a module holding
``WORDS``, a dict of key -> (French, English). A key lives in one section only.
"""

from __future__ import annotations

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


def t(key: str, lang: str = "fr", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in.

    >>> t("counts", "fr", n=3, m=2)
    '3 acteurs, 2 relations'
    >>> t("counts", "en", n=3, m=2)
    '3 actors, 2 relationships'
    """
    fr, en = STRINGS[key]
    text = en if lang == "en" else fr
    return text.format(**values) if values else text


def normalise_lang(value: object) -> str:
    """``en`` or ``fr`` (the default) from whatever a URL carried.

    >>> normalise_lang("EN"), normalise_lang(None), normalise_lang("de")
    ('en', 'fr', 'fr')
    """
    text = str(value or "").lower()
    return text if text in LANGS else "fr"
