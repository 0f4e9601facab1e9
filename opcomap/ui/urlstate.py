"""The view in the address bar: ViewFilters to and from URL query parameters.

A shared link must reopen the same view, so everything a user chooses
(filters, focus, page, language) is written to the URL. Values a user may have
mangled in a link are dropped one by one with a reason, never fatal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from graph_model.schema import Schema
from graph_model.words.values import truth
from opcomap.analysis.selection import ViewFilters

# Query parameters owned by ViewFilters; pages add their own (id, src, dst...).
FILTER_KEYS = ("kinds", "types", "region", "opco", "as_of", "dataset", "illustrative", "weak", "focus", "depth")


def to_query_params(filters: ViewFilters) -> dict[str, str]:
    """The non-default filters as URL parameters (lists joined by commas).

    >>> to_query_params(ViewFilters(kinds=("OPCO", "CFA"), include_illustrative=False))
    {'kinds': 'OPCO,CFA', 'illustrative': '0'}
    >>> to_query_params(ViewFilters())
    {}
    """
    params: dict[str, str] = {}
    if filters.kinds is not None:
        params["kinds"] = ",".join(filters.kinds)
    if filters.types is not None:
        params["types"] = ",".join(filters.types)
    for name in ("region", "opco", "dataset", "focus"):
        value = getattr(filters, name)
        if value:
            params[name] = value
    if filters.as_of:
        params["as_of"] = filters.as_of.isoformat()
    if not filters.include_illustrative:
        params["illustrative"] = "0"
    if not filters.include_weak:
        params["weak"] = "0"
    if filters.focus and filters.depth != 1:
        params["depth"] = str(filters.depth)
    return params


def from_query_params(
    params: Mapping[str, str], schema: Schema | None = None
) -> tuple[ViewFilters, list[str]]:
    """Filters read from URL parameters, and a note for each value that was dropped.

    With a schema, kinds and types it does not know are dropped.

    >>> f, notes = from_query_params({"kinds": "OPCO", "depth": "2", "focus": "akto", "as_of": "2024-13-01"})
    >>> f.kinds, f.focus, f.depth, f.as_of, notes
    (('OPCO',), 'akto', 2, None, ['as_of=2024-13-01'])
    """
    notes: list[str] = []
    values: dict[str, object] = {}
    for name, known in (("kinds", schema.kinds if schema else None),
                        ("types", schema.relationship_types if schema else None)):
        raw = params.get(name)
        if raw is None:
            continue
        items = [item.strip() for item in str(raw).split(",") if item.strip()]
        if known is not None:
            notes += [f"{name}={item}" for item in items if item not in known]
            items = [item for item in items if item in known]
        values[name] = tuple(items)
    for name in ("region", "opco", "dataset", "focus"):
        raw = str(params.get(name) or "").strip()
        if raw:
            values[name] = raw
    raw = params.get("as_of")
    if raw:
        try:
            values["as_of"] = dt.date.fromisoformat(str(raw))
        except ValueError:
            notes.append(f"as_of={raw}")
    for name in ("illustrative", "weak"):
        raw = params.get(name)
        if raw is not None:
            flag = truth(raw)
            if flag is not None:
                values[f"include_{name}"] = flag
            else:
                notes.append(f"{name}={raw}")
    raw = params.get("depth")
    if raw is not None:
        try:
            depth = int(str(raw))
            if not 1 <= depth <= 3:
                raise ValueError
            values["depth"] = depth
        except ValueError:
            notes.append(f"depth={raw}")
    return ViewFilters.model_validate(values), notes


def merge_params(current: Mapping[str, str], filters: ViewFilters, **extra: str | None) -> dict[str, str]:
    """``current`` with its filter keys replaced by ``filters`` and ``extra`` set (None removes).

    >>> merge_params({"page": "carte", "kinds": "OPCO", "id": "x"}, ViewFilters(), id=None, lang="en")
    {'page': 'carte', 'lang': 'en'}
    """
    merged = {k: str(v) for k, v in current.items() if k not in FILTER_KEYS}
    merged.update(to_query_params(filters))
    for key, value in extra.items():
        if value is None or value == "":
            merged.pop(key, None)
        else:
            merged[key] = str(value)
    return merged
