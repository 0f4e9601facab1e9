"""A fake neo4j driver that records every statement and its parameters, and answers from a table.

Enough of the driver's surface for the store: ``session(...)`` as a context manager,
``run``, ``execute_read``/``execute_write`` with a transaction (its unit of work's metadata
and timeout recorded) whose results give
``data()``, ``single()``, ``consume()`` and iteration over real ``neo4j.Record`` objects.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError

Answer = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


def refusal(code: str, message: str = "refused") -> Neo4jError:
    """The exception the driver raises when the server refuses with ``code``."""
    return Neo4jError._hydrate_neo4j(code=code, message=message)


@dataclass(frozen=True)
class Call:
    query: str
    params: dict[str, Any]
    database: str
    write: bool
    options: Mapping[str, Any] = field(default_factory=dict, compare=False)


def counts_what_it_writes(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Default answer: a batch statement counts its rows, a count finds nothing, the rest returns nothing."""
    if "$rows" in query and "count(" in query:
        return [{"n": len(params["rows"])}]
    if "count(" in query:
        return [{"n": 0}]
    return []


class FakeResult:
    def __init__(self, rows: list[dict[str, Any]], summary: Any = None):
        self.rows, self.summary = rows, summary

    def __iter__(self):
        return (neo4j.Record(row) for row in self.rows)

    def keys(self) -> list[str]:
        return list(self.rows[0]) if self.rows else []

    def data(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.rows]

    def single(self, strict: bool = False) -> neo4j.Record | None:
        if strict and len(self.rows) != 1:
            raise AssertionError(f"expected one record, got {len(self.rows)}")
        return neo4j.Record(self.rows[0]) if self.rows else None

    def fetch(self, n: int) -> list[neo4j.Record]:
        return list(self)[:n]

    def consume(self) -> Any:
        return self.summary


class FakeSession:
    def __init__(self, driver: FakeDriver, config: dict[str, Any]):
        self.driver, self.config = driver, config

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *_: object) -> None:
        pass

    @property
    def write(self) -> bool:
        return self.config.get("default_access_mode") == neo4j.WRITE_ACCESS

    def run(self, query: Any, parameters: Mapping[str, Any] | None = None, **kwargs: Any) -> FakeResult:
        return self.driver.answer(self, query, {**(parameters or {}), **kwargs}, self.write)

    def execute_read(self, work: Callable[..., Any]) -> Any:
        return work(_Tx(self, False, work))

    def execute_write(self, work: Callable[..., Any]) -> Any:
        return work(_Tx(self, True, work))


class _Tx:
    """A managed transaction: what ``neo4j.unit_of_work`` put on its function (metadata,
    timeout) is recorded with each statement, as the server would receive it."""

    def __init__(self, session: FakeSession, write: bool, work: Callable[..., Any]):
        self.session, self.write = session, write
        unit = {"timeout": getattr(work, "timeout", None), "metadata": getattr(work, "metadata", None)}
        self.options = {name: value for name, value in unit.items() if value is not None}

    def run(self, query: str, parameters: Mapping[str, Any] | None = None, **kwargs: Any) -> FakeResult:
        return self.session.driver.answer(self.session, query, {**(parameters or {}), **kwargs}, self.write,
                                          self.options)


class FakeDriver:
    """Records each statement (text, parameters, database, write or read) in ``calls``.

    ``answer(query, params)`` gives the rows; ``fail`` is raised by the first
    statement that ``fails_on(query)`` selects; ``summary`` is what ``consume()`` returns.
    """

    def __init__(self, answer: Answer = counts_what_it_writes, fail: BaseException | None = None,
                 fails_on: Callable[[str], bool] = lambda _query: True, summary: Any = None):
        self.answer_rows, self.fail, self.fails_on, self.summary = answer, fail, fails_on, summary
        self.calls: list[Call] = []
        self.sessions: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.closed = False
        # The one bookmark manager every session of a driver is given (the real driver's property).
        self.execute_query_bookmark_manager = neo4j.GraphDatabase.bookmark_manager()

    def session(self, **config: Any) -> FakeSession:
        self.sessions.append(config)
        return FakeSession(self, config)

    def close(self) -> None:
        self.closed = True

    def answer(self, session: FakeSession, query: Any, params: dict[str, Any], write: bool,
               options: Mapping[str, Any] | None = None) -> FakeResult:
        text = getattr(query, "text", query)
        options = dict(options or {})
        if isinstance(query, neo4j.Query) and query.timeout is not None:
            options["timeout"] = query.timeout
        with self.lock:
            self.calls.append(Call(text, params, session.config.get("database"), write, options))
        if self.fail is not None and self.fails_on(text):
            raise self.fail
        return FakeResult(self.answer_rows(text, params), self.summary)

    def queries(self) -> list[str]:
        return [call.query for call in self.calls]


def summary(query_type: str = "r", plan: dict[str, Any] | None = None) -> Any:
    """What ``consume()`` of an EXPLAIN gives: the query type and the plan."""
    return SimpleNamespace(query_type=query_type, plan=plan or {"operatorType": "ProduceResults@neo4j", "args": {}})
