"""What a Cypher text calls: its functions, its procedures and its LOAD CSV, at any nesting.

Neo4j's plan shows a subquery nested in an expression (``COLLECT { … }``,
``EXISTS { … }``, ``COUNT { … }``) only as rendered text, and a function call
only inside an operator's details; so the guard reads the query text itself,
through this small lexer (strings, comments, backtick names and parameters are
understood, which no regular expression over the raw text does). Its errors
lean towards seeing code: a comment ends at any line break Unicode knows.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

_LINE_BREAKS = "\n\r\u0085\u2028\u2029"
# Words that may stand before "(" without being a function: clauses, operators and
# path patterns. Any other name before "(" is taken as a function call.
_NOT_FUNCTIONS = frozenset("""
    match optional create merge where and or xor not return with unwind in call exists case when then else
    distinct by skip limit set delete detach remove foreach union all any shortest shortestpath allshortestpaths
    paths path groups on is contains starts ends use yield order asc desc ascending descending as of
    repeatable different elements relationships walk trail acyclic insert finish let filter next
""".split())


@dataclass(frozen=True)
class Token:
    kind: str  # "name", "quoted" (a backtick name), "string", "number", "param", "symbol"
    text: str

    def word(self, *words: str) -> bool:
        """True for an unquoted name equal to one of ``words`` (Cypher keywords ignore case)."""
        return self.kind == "name" and self.text.lower() in words


@dataclass
class Calls:
    """The qualified names a query calls, as written."""

    functions: set[str] = field(default_factory=set)
    procedures: set[str] = field(default_factory=set)
    load_csv: bool = False


def tokens(text: str) -> list[Token]:
    """Cypher's tokens, comments and spaces left out."""
    found: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("//", i):
            i = _until_any(text, i, _LINE_BREAKS)
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c in "'\"":
            end = _string_end(text, i)
            found.append(Token("string", text[i + 1:end - 1]))
            i = end
        elif c == "`":
            end, name = _backtick(text, i)
            found.append(Token("quoted", name))
            i = end
        elif c == "$":
            j = i + 1
            if j < n and text[j] == "`":
                j, _ = _backtick(text, j)
            else:
                j = _word_end(text, j)
            found.append(Token("param", text[i:j]))
            i = j
        elif c.isdigit():
            j = _word_end(text, i)
            while j + 1 < n and text[j] == "." and text[j + 1].isdigit():
                j = _word_end(text, j + 1)
            found.append(Token("number", text[i:j]))
            i = j
        elif _name_char(c) and not c.isdigit():
            j = _word_end(text, i)
            found.append(Token("name", text[i:j]))
            i = j
        else:
            found.append(Token("symbol", c))
            i += 1
    return found


def calls(text: str) -> Calls:
    """The functions and procedures ``text`` calls, and whether it holds LOAD CSV."""
    toks = tokens(text)
    result = Calls()
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.word("load") and i + 1 < len(toks) and toks[i + 1].word("csv"):
            result.load_csv = True
        if tok.kind not in ("name", "quoted") or (i > 0 and _is_dot(toks[i - 1])):
            i += 1
            continue
        name, j = _qualified(toks, i)
        after_call = i > 0 and toks[i - 1].word("call")
        if after_call:
            result.procedures.add(name)
        elif j < len(toks) and toks[j] == Token("symbol", "(") and not (tok.kind == "name" and j == i + 1 and tok.word(*_NOT_FUNCTIONS)):
            result.functions.add(name)
        i = j
    return result


def range_sizes(text: str) -> list[int | None]:
    """For each ``range(…)`` call, how many items it makes when its bounds are
    integer literals; None when they are not (an expression or a parameter)."""
    toks = tokens(text)
    sizes: list[int | None] = []
    for i, tok in enumerate(toks):
        if not (tok.word("range") and i + 1 < len(toks) and toks[i + 1] == Token("symbol", "(")) or (
            i > 0 and _is_dot(toks[i - 1])
        ):
            continue
        sizes.append(_literal_range(toks, i + 2))
    return sizes


# -- helpers -------------------------------------------------------------------

def _until_any(text: str, i: int, stops: str) -> int:
    while i < len(text) and text[i] not in stops:
        i += 1
    return i


def _name_char(c: str) -> bool:
    # Marks, connector punctuation and invisible format characters belong to the name too:
    # a name is never cut in two (a user-defined "x\u0301toUpper" must not read as toUpper).
    category = unicodedata.category(c)
    return c.isalnum() or category[0] in "LMN" or category in ("Pc", "Cf")


def _word_end(text: str, i: int) -> int:
    while i < len(text) and _name_char(text[i]):
        i += 1
    return i


def _string_end(text: str, i: int) -> int:
    quote, j = text[i], i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
        elif text[j] == quote:
            return j + 1
        else:
            j += 1
    return len(text)


def _backtick(text: str, i: int) -> tuple[int, str]:
    j, name = i + 1, []
    while j < len(text):
        if text[j] == "`":
            if text.startswith("``", j):
                name.append("`")
                j += 2
                continue
            return j + 1, "".join(name)
        name.append(text[j])
        j += 1
    return len(text), "".join(name)


def _is_dot(tok: Token) -> bool:
    return tok == Token("symbol", ".")


def _qualified(toks: list[Token], i: int) -> tuple[str, int]:
    """The dotted name starting at token ``i`` and the index just after it."""
    parts = [toks[i].text]
    j = i + 1
    while j + 1 < len(toks) and _is_dot(toks[j]) and toks[j + 1].kind in ("name", "quoted"):
        parts.append(toks[j + 1].text)
        j += 2
    return ".".join(parts), j


def _literal_range(toks: list[Token], i: int) -> int | None:
    """Items of range(start, end[, step]) whose arguments start at token ``i``."""
    args: list[int] = []
    sign = 1
    while i < len(toks):
        tok = toks[i]
        if tok == Token("symbol", "-"):
            sign = -sign
        elif tok.kind == "number" and tok.text.isdigit():
            args.append(sign * int(tok.text))
            sign = 1
        elif tok == Token("symbol", ")"):
            break
        elif tok != Token("symbol", ","):
            return None
        i += 1
    if len(args) not in (2, 3) or (len(args) == 3 and args[2] == 0):
        return None
    start, end, step = args[0], args[1], args[2] if len(args) == 3 else 1
    return max(0, (end - start) // step + 1)
