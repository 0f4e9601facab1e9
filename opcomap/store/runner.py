"""The one guarded runner for console and named queries: it reads, it never writes.

Every query, whether typed in the console or taken from the library, goes
through :meth:`ReadOnlyRunner.run`, which lets through only what is on its lists:

1. the session is opened in READ access mode (the server refuses writes), as the
   console's own user when one is configured (a reader where the server has roles);
2. ``EXPLAIN`` plans the query first, then it is refused unless every procedure
   it calls is in ``ALLOWED_PROCEDURES`` (found in the plan and, for subqueries
   nested in expressions, in the text read by :mod:`opcomap.store.cypher_scan`),
   every function it calls is one of the server's built-in functions, it holds
   no LOAD CSV at any nesting, its SHOW commands are in ``ALLOWED_SHOW``, its
   plan holds no operator acting outside the graph, its ``range()`` calls have
   literal bounds and make at most ``MAX_RANGE`` items together, and Neo4j classifies it
   read-only (``query_type == "r"``);
3. it then runs with the caller's parameters as Cypher parameters, under a
   transaction timeout, and at most ``row_cap`` rows are kept (``truncated``
   says when more existed).

The Store's session helper turns driver failures into opcomap's errors; this
module says what Neo4j's refusal codes mean for a console query (QueryRefused,
QueryFailed). Nothing else leaves it.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j
import neo4j.time
from neo4j import Driver
from neo4j.graph import Node, Path, Relationship

from graph_model.errors import QueryFailed, QueryRefused
from opcomap.store import cypher_scan, statements
from opcomap.store.database import CONSOLE_AUTH_REFUSED, QUERYING, Store

log = logging.getLogger(__name__)

# The procedures the console may call: schema introspection and full-text search
# (the named questions' search_actors uses queryNodes). Any other is refused.
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
})
# SHOW commands that say nothing about other users or the server.
ALLOWED_SHOW = frozenset({"ShowIndexes", "ShowConstraints", "ShowFunctions", "ShowProcedures"})
# Plan operators that act outside the graph (operator -> the catalogue key saying why).
REFUSED_OPERATORS = {
    "LoadCSV": "store.refused_load_csv",
    "TerminateTransactions": "store.refused_terminate",
    "TransactionForeach": "store.refused_in_transactions",
    "TransactionApply": "store.refused_in_transactions",
    "AdministrationCommand": "store.refused_administration",
}
# A timeout does not stop a reduce() while it runs (Neo4j marks the transaction terminated
# and the expression runs on): the range() calls of a query must have number bounds and
# make at most this many items together (their product, so a quadratic reduce() stays
# within a second or so).
MAX_RANGE = 10_000
_TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.TransactionTimedOut",
    "Neo.TransientError.Transaction.LockClientStopped",
)


@dataclass(frozen=True)
class GraphNode:
    """A node found in the results, for drawing. ``key`` is Neo4j's element id."""

    key: str
    labels: tuple[str, ...]
    properties: dict[str, Any]

    @property
    def actor_id(self) -> str:
        return str(self.properties.get("id", self.key))

    @property
    def kind(self) -> str | None:
        return self.properties.get("kind") or next((lb for lb in self.labels if lb != "Actor"), None)


@dataclass(frozen=True)
class GraphRelationship:
    """A relationship found in the results; ``start``/``end`` are node element ids."""

    key: str
    type: str
    start: str
    end: str
    properties: dict[str, Any]


@dataclass
class QueryResult:
    """A table of plain values plus every node and relationship met in it."""

    columns: list[str]
    rows: list[list[Any]]
    nodes: dict[str, GraphNode] = field(default_factory=dict)
    relationships: dict[str, GraphRelationship] = field(default_factory=dict)
    truncated: bool = False
    row_cap: int = 0
    elapsed_ms: float = 0.0

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts (column → value), e.g. for JSON."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]


class ReadOnlyRunner:
    """Runs read-only Cypher on an injected Store (or driver); refuses everything else.

    The Store is built at an edge (CLI, app) and passed in; ``timeout_s`` and
    ``row_cap`` usually come from Settings.opcomap_query_timeout/opcomap_row_cap,
    ``auth`` (user, password) from Settings.console_auth: the queries then run as
    that user, on the Store's driver.
    """

    def __init__(self, target: Store | Driver, database: str = "neo4j", timeout_s: float = 10.0, row_cap: int = 5000,
                 auth: tuple[str, str] | None = None):
        if row_cap < 1:
            raise ValueError("row_cap must be at least 1")
        self.store = Store.of(target, database)
        self.timeout_s = float(timeout_s)
        self.row_cap = int(row_cap)
        # Session-level auth (user switching) rather than a second driver: one pool, one bookmark manager.
        self._as_user: dict[str, Any] = {"auth": auth, "auth_refused": CONSOLE_AUTH_REFUSED} if auth else {}
        self._builtins: frozenset[str] | None = None

    @classmethod
    def from_settings(cls, target: Store | Driver, settings: Any, row_cap: int | None = None) -> ReadOnlyRunner:
        """A runner with the database, timeout, row cap and console user of ``settings`` (``row_cap``: the user's own)."""
        return cls(target, settings.neo4j_database, settings.opcomap_query_timeout, row_cap or settings.opcomap_row_cap,
                   auth=settings.console_auth)

    def run(self, text: str, parameters: Mapping[str, Any] | None = None) -> QueryResult:
        """Check then run ``text`` with ``parameters``; see the module docstring."""
        if not text or not text.strip():
            raise QueryFailed("store.query_empty")
        params = dict(parameters or {})
        # Two read transactions (READ access: the server refuses writes): Neo4j's refusals
        # mean one thing while planning, another while running. The run has the time limit.
        self.store.transaction(lambda tx: self._check(tx, text, params), failure=QUERYING, refused=_explain_error,
                               **self._as_user)
        return self.store.transaction(lambda tx: self._fetch(tx, text, params), failure=QUERYING,
                                      refused=self._run_error, timeout_s=self.timeout_s, **self._as_user)

    def run_named(self, query: Any, values: Mapping[str, Any] | None = None) -> QueryResult:
        """Run a :class:`opcomap.store.named_queries.NamedQuery` with raw ``values`` (typed and checked by its header)."""
        return self.run(query.cypher, query.bind(values))

    # -- the guard ---------------------------------------------------------

    def _check(self, tx: neo4j.ManagedTransaction, text: str, params: dict[str, Any]) -> None:
        summary = tx.run(statements.explain(text), params).consume()
        # What it calls is checked first: the refusal then names the procedure or function.
        written = cypher_scan.calls(text)
        if written.load_csv:
            raise QueryRefused("store.refused_load_csv")
        procedures = set(written.procedures)
        for name, details in _plan_operators(summary.plan):
            _check_operator(name)
            if name == "ProcedureCall":
                procedures.add(_procedure_name(details))
        for procedure in sorted(procedures):
            if procedure.lower() not in _ALLOWED_PROCEDURES_LOWER:
                raise QueryRefused("store.refused_procedure", name=procedure)
        if written.functions:
            builtins = self._builtin_functions(tx)
            for function in sorted(written.functions):
                if function.lower() not in builtins:
                    raise QueryRefused("store.refused_function", name=function)
        if _range_items(cypher_scan.range_sizes(text)) > MAX_RANGE:
            raise QueryRefused("store.refused_range", limit=MAX_RANGE)
        if summary.query_type != "r":
            raise QueryRefused(_QUERY_TYPE_REFUSALS.get(summary.query_type or "", "store.refused_not_read"))

    def _builtin_functions(self, tx: neo4j.ManagedTransaction) -> frozenset[str]:
        # The server's own list: Cypher's functions pass, user-defined ones (APOC's…) do not.
        if self._builtins is None:
            rows = tx.run(statements.BUILTIN_FUNCTIONS).data()
            self._builtins = frozenset(row["name"].lower() for row in rows)
        return self._builtins

    # -- running -----------------------------------------------------------

    def _fetch(self, tx: neo4j.ManagedTransaction, text: str, params: dict[str, Any]) -> QueryResult:
        started = time.perf_counter()
        result = tx.run(text, params)
        columns = list(result.keys())
        records = result.fetch(self.row_cap + 1)
        truncated = len(records) > self.row_cap
        if not truncated:
            result.consume()
        found = _Collector()
        rows = [[found.plain(value) for value in record.values()] for record in records[: self.row_cap]]
        return QueryResult(
            columns=columns,
            rows=rows,
            nodes=found.nodes,
            relationships=found.relationships,
            truncated=truncated,
            row_cap=self.row_cap,
            elapsed_ms=round((time.perf_counter() - started) * 1000, 1),
        )

    def _timeout(self) -> QueryFailed:
        return QueryFailed("store.query_timeout", seconds=f"{self.timeout_s:g}")

    def _run_error(self, code: str, message: str) -> OpcomapErrorType | None:
        """What Neo4j's refusal of a running query means (None: a server error, said as such)."""
        if code in _TIMEOUT_CODES:
            return self._timeout()
        if code == "Neo.ClientError.Statement.ParameterMissing":
            return QueryFailed("store.parameter_missing", name=message.split(":", 1)[-1].strip())
        if code == "Neo.ClientError.Statement.AccessMode":
            return QueryRefused("store.refused_access_mode")
        if code.startswith(_CLIENT_ERROR):
            return QueryFailed("store.query_failed", detail=message)
        return None


OpcomapErrorType = QueryFailed | QueryRefused

_QUERY_TYPE_REFUSALS = {"w": "store.refused_w", "rw": "store.refused_rw", "s": "store.refused_s"}


_CLIENT_ERROR = "Neo.ClientError."


def _explain_error(code: str, message: str) -> OpcomapErrorType | None:
    """Planning failed: a syntax error is reported as such, any other refusal of the
    query refused (None: a server error, said as such)."""
    if not code.startswith(_CLIENT_ERROR):
        return None
    if code == "Neo.ClientError.Statement.SyntaxError":
        if "one statement" in message:
            return QueryRefused("store.refused_one_statement")
        return QueryFailed("store.syntax_error", detail=message)
    return QueryRefused("store.refused_unplannable", detail=message)


_ALLOWED_PROCEDURES_LOWER = frozenset(name.lower() for name in ALLOWED_PROCEDURES)


def _range_items(sizes: list[int | None]) -> float:
    """How many items the range() calls make together; unbounded when one is not literal."""
    total = 1.0
    for size in sizes:
        total = float("inf") if size is None else total * max(size, 1)
    return total if sizes else 0


def _check_operator(name: str) -> None:
    """Refuse a plan operator that acts outside the graph or reveals the server."""
    if name in REFUSED_OPERATORS:
        raise QueryRefused(REFUSED_OPERATORS[name])
    if name.startswith("Show") and name not in ALLOWED_SHOW:
        raise QueryRefused("store.refused_show", command=name.removeprefix("Show").upper())
    if name.startswith(("Terminate", "Transaction")) or name.endswith("Command"):
        raise QueryRefused("store.refused_administration")


def _plan_operators(plan: Mapping[str, Any] | None):
    """(operator, details) for every operator of an EXPLAIN plan, depth first."""
    if not plan:
        return
    name = str(plan.get("operatorType", "")).split("@", 1)[0]
    yield name, str(plan.get("args", {}).get("Details", ""))
    for child in plan.get("children", []):
        yield from _plan_operators(child)


def _procedure_name(details: str) -> str:
    # Details read like "db.labels() :: (label :: STRING)".
    return details.split("(", 1)[0].strip().strip("`")


class _Collector:
    """Turns driver values into plain values, remembering nodes and relationships."""

    def __init__(self) -> None:
        self.nodes: dict[str, GraphNode] = {}
        self.relationships: dict[str, GraphRelationship] = {}

    def plain(self, value: Any) -> Any:
        if isinstance(value, Node):
            node = self._node(value)
            return {"_labels": list(node.labels), **node.properties}
        if isinstance(value, Relationship):
            rel = self._relationship(value)
            return {"_type": rel.type, "_start": self._end_id(value.start_node), "_end": self._end_id(value.end_node),
                    **rel.properties}
        if isinstance(value, Path):
            return {"_nodes": [self.plain(n) for n in value.nodes],
                    "_relationships": [self.plain(r) for r in value.relationships]}
        if isinstance(value, neo4j.time.Duration):  # a tuple too, but one value
            return str(value)
        if isinstance(value, list | tuple):
            return [self.plain(v) for v in value]
        if isinstance(value, dict):
            return {k: self.plain(v) for k, v in value.items()}
        return _scalar(value)

    def _node(self, node: Node) -> GraphNode:
        known = self.nodes.get(node.element_id)
        props = {k: _scalar(v) for k, v in node.items()}
        if known is None or (props and not known.properties):
            known = GraphNode(node.element_id, tuple(sorted(node.labels)), props)
            self.nodes[node.element_id] = known
        return known

    def _relationship(self, rel: Relationship) -> GraphRelationship:
        for end in (rel.start_node, rel.end_node):
            if end is not None:
                self._node(end)
        known = GraphRelationship(
            rel.element_id, rel.type,
            rel.start_node.element_id if rel.start_node is not None else "",
            rel.end_node.element_id if rel.end_node is not None else "",
            {k: _scalar(v) if not isinstance(v, list) else [_scalar(x) for x in v] for k, v in rel.items()},
        )
        self.relationships[rel.element_id] = known
        return known

    def _end_id(self, node: Node | None) -> str | None:
        if node is None:
            return None
        known = self.nodes.get(node.element_id)
        if known is not None and "id" in known.properties:
            return str(known.properties["id"])
        return node.get("id", node.element_id)


def _scalar(value: Any) -> Any:
    """Neo4j temporal values become ISO strings; lists are converted item by item."""
    if isinstance(value, list):
        return [_scalar(v) for v in value]
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time | dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, neo4j.time.Duration):
        return str(value)
    return value
