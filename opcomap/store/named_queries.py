"""The library of named questions: ``.cypher`` files whose comment header describes them.

A named query is a Cypher file in ``queries/`` that starts with a header of
``//`` comment lines::

    // name: partners
    // title.fr: Partenaires d'un acteur, par type de relation
    // title.en: An actor's partners, by relationship type
    // description: Tous les acteurs liés à l'acteur donné, regroupés par type.
    // param: actor_id: str -- identifiant de l'acteur (ex. opco-atlas)
    // param: as_of: date = null -- ne garder que les liens valides ce jour-là
    // example: actor_id=opco-atlas

Header keys: ``name`` (required, a slug), ``title.fr`` (required), ``title.en``,
``description`` (may repeat; lines are joined), ``param`` (repeatable) and
``example`` (repeatable ``key=value`` lists, shown in ``--help`` and the README).

A parameter line reads ``NAME: TYPE [= DEFAULT] [-- help]``. Types:
``str``, ``int``, ``float``, ``bool``, ``date`` (ISO ``AAAA-MM-JJ``) and
``fulltext`` (a user's search words: Lucene special characters are escaped
here, in Python, so the words are searched literally). A parameter without a
default is required; ``= null`` makes it optional (``None`` in Cypher).

Values always travel as Cypher parameters; the query text never changes.
The queries are written for the default schema (they name its kinds and types).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field

from graph_model.errors import NotFound, Problem, QueryFailed, ValidationFailed
from graph_model.regions import known_regions, region_or_id
from graph_model.words.values import is_blank, iso_day, truth
from loaders.bundled import queries_dir

ParamType = Literal["str", "int", "float", "bool", "date", "fulltext", "region"]
PARAM_TYPES: tuple[str, ...] = ("str", "int", "float", "bool", "date", "fulltext", "region")

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_HEADER_LINE = re.compile(r"^//\s*([a-z]+(?:\.[a-z]+)?)\s*:\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[a-z][a-z0-9_]*)\s*:\s*(?P<type>[a-z]+)\s*(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<help>.*))?$"
)
# Characters the Lucene query parser treats as syntax (see Lucene's QueryParser.escape).
_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QueryParam(_Strict):
    """One parameter of a named query, as its header declares it."""

    name: str
    type: ParamType
    required: bool = True
    default: Any = None
    help: str = ""

    def coerce(self, value: Any) -> Any:
        """Turn a value (often a string from the command line or a URL) into the declared type.

        >>> QueryParam(name="limit", type="int").coerce("12")
        12
        >>> QueryParam(name="day", type="date").coerce("2019-04-01")
        datetime.date(2019, 4, 1)
        >>> QueryParam(name="flag", type="bool").coerce("oui")
        True
        """
        if value is None:
            return None
        try:
            return _COERCERS[self.type](value)
        except (TypeError, ValueError) as exc:
            raise QueryFailed(_EXPECTS[self.type], name=self.name, value=repr(value), known=known_regions()) from exc

    def signature(self) -> str:
        """``name: type = default`` as written in the header (for help texts)."""
        text = f"{self.name}: {self.type}"
        if not self.required:
            text += f" = {_header_value(self.default)}"
        return text


def _header_value(value: Any) -> str:
    """A default as the header spells it: null, true/false, ISO dates."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class NamedQuery(_Strict):
    """A question from the library: its header and its Cypher text."""

    name: str
    title_fr: str
    title_en: str | None = None
    description: str = ""
    params: tuple[QueryParam, ...] = ()
    examples: tuple[str, ...] = ()
    cypher: str = Field(description="The whole file, header included (comments are valid Cypher).")
    path: str = ""

    def title(self, lang: str = "fr") -> str:
        return (self.title_en or self.title_fr) if lang == "en" else self.title_fr

    def param(self, name: str) -> QueryParam:
        for param in self.params:
            if param.name == name:
                return param
        raise self._unknown(name)

    def bind(self, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The Cypher parameters for ``values``: typed, defaults filled in, every
        missing parameter named, unknown ones refused.

        >>> q = parse_query('// name: q\\n// title.fr: Q\\n// param: actor_id: str\\n'
        ...                 '// param: limit: int = 5\\nRETURN $actor_id, $limit')
        >>> q.bind({"actor_id": "afdas"})
        {'actor_id': 'afdas', 'limit': 5}
        >>> q.bind({})
        Traceback (most recent call last):
        ...
        graph_model.errors.QueryFailed: La requête « q » attend le paramètre manquant : actor_id (str).
        """
        values = dict(values or {})
        for key in values:
            if not any(p.name == key for p in self.params):
                raise self._unknown(key)
        missing = [p for p in self.params if p.required and is_blank(values.get(p.name))]
        if missing:
            names = ", ".join(f"{p.name} ({p.type})" for p in missing)
            raise QueryFailed("store.param_missing_one" if len(missing) == 1 else "store.param_missing_many",
                              query=self.name, names=names)
        bound: dict[str, Any] = {}
        for param in self.params:
            raw = values.get(param.name)
            bound[param.name] = param.default if is_blank(raw) else param.coerce(raw)
        return bound

    def _unknown(self, key: str) -> QueryFailed:
        known = ", ".join(p.name for p in self.params)
        return QueryFailed("store.param_unknown" if known else "store.param_unknown_none",
                           query=self.name, param=key, known=known)


def _to_bool(value: Any) -> bool:
    answer = truth(value)
    if answer is None:
        raise ValueError(value)
    return answer


def _to_date(value: Any) -> dt.date:
    day = iso_day(value)
    if day is None:
        raise ValueError(value)
    return day


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError(value)  # True is not a number here
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(value)
    return int(str(value).strip()) if isinstance(value, str) else int(value)


def escape_lucene(term: str) -> str:
    """Escape every character the Lucene query syntax gives a meaning to.

    >>> escape_lucene('C++ (Paris)')
    'C\\\\+\\\\+ \\\\(Paris\\\\)'
    """
    return "".join("\\" + ch if ch in _LUCENE_SPECIAL else ch for ch in term)


def fulltext_query(term: Any) -> str:
    """A Lucene query matching the user's words literally, each also as a prefix.

    Words are lower-cased because Lucene does not analyse prefix terms, and
    the index stores lower-cased words; AND/OR/NOT lose their operator meaning.

    >>> fulltext_query('Opco  Atl')
    '(opco OR opco*) (atl OR atl*)'
    >>> fulltext_query('a:b OR c')
    '(a\\\\:b OR a\\\\:b*) (or OR or*) (c OR c*)'
    """
    words = [escape_lucene(word.lower()) for word in str(term).split()]
    if not words:
        raise ValueError(term)
    return " ".join(f"({word} OR {word}*)" for word in words)


_COERCERS = {
    "str": lambda v: str(v).strip(),
    "int": _to_int,
    "float": lambda v: float(str(v).strip().replace(",", ".")) if isinstance(v, str) else float(v),
    "bool": _to_bool,
    "date": _to_date,
    "fulltext": fulltext_query,
    "region": lambda v: region_or_id(str(v)),
}
# What a value of each type must look like, said by catalogue key.
_EXPECTS = {ptype: f"store.param_expects_{ptype}" for ptype in PARAM_TYPES}


def parse_query(text: str, source: str = "<texte>") -> NamedQuery:
    """Read a named query from the text of a ``.cypher`` file.

    Raises ValidationFailed naming the file and line of every header problem.
    """
    fields: dict[str, Any] = {"description": [], "params": [], "examples": []}
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("//"):
            break  # the header ends at the first line of Cypher
        match = _HEADER_LINE.match(line)
        if not match:
            continue  # an ordinary comment
        key, value = match.group(1), match.group(2).strip()
        problem = _read_header_field(fields, key, value)
        if problem:
            problems.append(Problem(source, number, key, *problem))
    for key in ("name", "title.fr"):
        if not fields.get(key):
            problems.append(Problem(source, None, key, "store.header_missing", {"field": key}))
    names = [p.name for p in fields["params"]]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem(source, None, "param", "store.header_twice", {"name": dup}))
    if problems:
        raise ValidationFailed(problems)
    return NamedQuery(
        name=fields["name"],
        title_fr=fields["title.fr"],
        title_en=fields.get("title.en"),
        description=" ".join(fields["description"]),
        params=tuple(fields["params"]),
        examples=tuple(fields["examples"]),
        cypher=text,
        path=source,
    )


# A problem with a header line: its catalogue key and parameters.
HeaderProblem = tuple[str, dict[str, Any]]


def _read_header_field(fields: dict[str, Any], key: str, value: str) -> HeaderProblem | None:
    """Store one header field; return a problem or None."""
    if key == "name":
        if not _NAME.match(value):
            return "store.header_name", {}
        fields["name"] = value
    elif key in ("title.fr", "title.en"):
        fields[key] = value
    elif key == "description":
        fields["description"].append(value)
    elif key == "example":
        fields["examples"].append(value)
    elif key == "param":
        param, problem = _parse_param(value)
        if problem:
            return problem
        fields["params"].append(param)
    return None


def _parse_param(value: str) -> tuple[QueryParam | None, HeaderProblem | None]:
    match = _PARAM.match(value)
    if not match:
        return None, ("store.header_param", {})
    name, ptype = match.group("name"), cast(ParamType, match.group("type"))
    if ptype not in PARAM_TYPES:
        return None, ("store.header_param_type", {"type": ptype, "types": ", ".join(PARAM_TYPES)})
    help_text = (match.group("help") or "").strip()
    default_text = match.group("default")
    if default_text is None:
        return QueryParam(name=name, type=ptype, help=help_text), None
    spec = QueryParam(name=name, type=ptype, required=False, help=help_text)
    if default_text.strip() == "null":
        return spec, None
    try:
        default = spec.coerce(default_text.strip())
    except QueryFailed as exc:
        return None, ("store.header_default", {"detail": str(exc)})
    return spec.model_copy(update={"default": default}), None


def load_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query of ``folder`` (default: the bundled library), by name, sorted.

    Raises ValidationFailed with the problems of every file at once.
    """
    folder = folder or queries_dir()
    queries: dict[str, NamedQuery] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.cypher")):
        try:
            query = parse_query(path.read_text(encoding="utf-8-sig"), path.name)
        except ValidationFailed as exc:
            problems.extend(exc.problems)
            continue
        if query.name in queries:
            problems.append(Problem(path.name, None, "name", "store.query_name_taken",
                                    {"name": query.name, "path": queries[query.name].path}))
            continue
        queries[query.name] = query
    if problems:
        raise ValidationFailed(problems)
    return dict(sorted(queries.items()))


def get_query(name: str, folder: Path | None = None) -> NamedQuery:
    """The named query ``name``; NotFound (with the closest names) otherwise."""
    queries = load_queries(folder)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3)
    if close:
        raise NotFound("store.query_unknown_close", name=name, close=", ".join(close))
    raise NotFound("store.query_unknown", name=name)


def parse_assignments(pairs: list[str] | None) -> dict[str, str]:
    """``["key=value", ...]`` from the command line into a dict.

    >>> parse_assignments(["actor_id=afdas", "term=a=b"])
    {'actor_id': 'afdas', 'term': 'a=b'}
    """
    values: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryFailed("store.param_unreadable", pair=pair)
        values[key.strip()] = value
    return values
