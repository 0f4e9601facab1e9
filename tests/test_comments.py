"""Comments say why: benchmark figures live in benchmarks/README.md, not in the code.

A docstring or a comment keeps the reason for a choice in a sentence; the
measurements behind it (a duration, a throughput, "N times slower", a before ->
after history) belong to the benchmark that produced them, with its date and
machine, where a re-run can refresh them. A figure copied into the code goes
stale without anyone noticing.

Catalogue sentences and other string values are not scanned: only comments,
docstrings and bare string statements (attribute docstrings).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCANNED = ("opcomap", "loaders", "graph_model")

_NUMBER = r"\d+(?:[.,]\d+)*"
_RANGE = rf"{_NUMBER}(?:\s?(?:-|–|to|à)\s?{_NUMBER})?"
FIGURES = {
    # 3.2 s, 2-3 s, ~30 s, 120 ms, 16 seconds (not "3 s'il" in French)
    "a duration": re.compile(rf"(?<![\w.]){_RANGE}\s?(?:s|ms|µs|sec|secs|seconds?|secondes?)(?![\w'’])"),
    # 5,084 ties/s, 9,000 rels/s, 12 MB/s
    "a throughput": re.compile(rf"(?<![\w.]){_RANGE}\s?[^\W\d_]+/s\b"),
    # about 7 times slower, 3x faster
    "a speed ratio": re.compile(rf"(?<![\w.]){_NUMBER}\s?(?:times|x|×)\s(?:faster|slower|quicker)\b", re.I),
    # was 4.2 s, was 40 %, 8,150 -> 9,315 (not "the count was 0 as the load began")
    "a before/after history": re.compile(
        rf"\bwas\s~?{_NUMBER}\s?(?:s|ms|%|[^\W\d_]+/s|[KMG]i?B)(?![\w'’])|{_NUMBER}\s?(?:->|→)\s?~?{_NUMBER}"),
}


def figures(text: str) -> list[str]:
    """The benchmark figures ``text`` carries, each as ``what: "match"``.

    >>> figures("the grid variant takes 0.4 s"), figures("a throughput of 5,084 ties/s")
    (['a duration: "0.4 s"'], ['a throughput: "5,084 ties/s"'])
    >>> figures("7 times slower in Chromium; was 40 % before"), figures("8,150 -> 9,315 rows")
    (['a speed ratio: "7 times slower"', 'a before/after history: "was 40 %"'], ['a before/after history: "8,150 -> 9,315"'])
    >>> figures("2 users; code 3 s'il est arrêté; ISO 8601; 512 MiB; v5.26; the count was 0 as it began")
    []
    """
    return [f'{what}: "{m.group(0)}"' for what, pattern in FIGURES.items() for m in pattern.finditer(text)]


def _prose(source: str) -> list[tuple[int, str]]:
    """(line, text) of every comment, docstring and bare string statement of a module."""
    found = [(tok.start[0], tok.string) for tok in tokenize.generate_tokens(io.StringIO(source).readline)
             if tok.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for stmt in body:
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
                found.append((stmt.lineno, stmt.value.value))
    return sorted(found)


def offences(source: str) -> list[str]:
    return [f"line {line}: {figure}" for line, text in _prose(source) for figure in figures(text)]


FILES = sorted(p for package in SCANNED for p in (REPO / package).rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(REPO)) for p in FILES])
def test_comments_and_docstrings_carry_no_benchmark_figure(path: Path) -> None:
    found = offences(path.read_text(encoding="utf-8"))
    assert not found, (f"{path.relative_to(REPO)}: move these figures to benchmarks/README.md (with the date "
                       "they were measured) and keep the reason in one sentence:\n" + "\n".join(found))


def test_the_scan_reads_comments_and_docstrings_but_not_string_values() -> None:
    source = '''"""A module: loading took 7.6 s before the rework."""

LIMIT = 2500
"""Largest exact size: 16 s for 10,000 actors."""

MESSAGE = "a sentence with 3 s in a value is data, not a comment"


class Writer:
    """Fast: 9,050 ties/s."""

    def write(self):
        """Two writers are about 2 times faster."""
        return 1  # was 13.5 s before the second writer
'''
    assert offences(source) == [
        'line 1: a duration: "7.6 s"',
        'line 4: a duration: "16 s"',
        'line 10: a throughput: "9,050 ties/s"',
        'line 13: a speed ratio: "2 times faster"',
        'line 14: a duration: "13.5 s"',
        'line 14: a before/after history: "was 13.5 s"',
    ]
    assert offences('"""Why: the grid variant is linear, exact layouts are quadratic."""\n') == []
