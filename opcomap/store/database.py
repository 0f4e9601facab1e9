"""The one owner of the Neo4j driver: :class:`Store`.

A Store is built from settings (:meth:`Store.from_settings`) or around a driver
an edge already holds (:meth:`Store.of`); every module of ``opcomap.store``
asks it for a session. Its session helper is the only place where the
driver's exceptions become opcomap's errors, worded by what the caller was
doing (a :class:`Failure`)::

    store = Store.from_settings(settings, command="load")
    rows = store.read("MATCH (a:Actor) RETURN count(a) AS n")
    store.transaction(work, write=True, failure=LOADING.about(rows=0), meta={"dataset": "ref"})

Ready for a cluster or Aura: every session shares the driver's one bookmark manager
(what one session wrote, the next read of any other sees), work runs in managed
transactions (retried by the driver on a transient failure or a leader change),
each tagged with :meth:`Store.metadata` (``SHOW TRANSACTIONS YIELD metaData``), and
pooled connections are retired before Aura's idle cut-off.
"""

from __future__ import annotations

import dataclasses
import logging
import time
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from graph_model.errors import OpcomapError, QueryFailed, StoreUnavailable, StoreWriteFailed
from opcomap.settings import Settings
from opcomap.store import statements

log = logging.getLogger(__name__)
T = TypeVar("T")

APP = "opcomap"  # the ``app`` of every transaction's metadata
# Aura closes a connection left idle for an hour: the driver retires its own well before
# (Neo4j's advice for Aura), and checks one idle for over half a minute before using it,
# so a connection a firewall or load balancer dropped sooner is replaced instead of failing.
MAX_CONNECTION_LIFETIME_S = 50 * 60
LIVENESS_CHECK_S = 30.0
AUTH_REFUSED = "store.auth"
CONSOLE_AUTH_REFUSED = "store.console_auth"
UNREACHABLE = "store.unreachable"
# Neo4j's code and the first line of its message -> the caller's own error, or None for the default.
Refusal = Callable[[str, str], OpcomapError | None]


@dataclass(frozen=True)
class Failure:
    """How one kind of work words its failures: catalogue keys, their parameters, and the
    error raised when Neo4j answers but refuses the work."""

    lost: str = UNREACHABLE
    refused: str = "store.read_refused"
    refused_as: type[OpcomapError] = StoreUnavailable
    params: Mapping[str, Any] = field(default_factory=dict)

    def about(self, **params: Any) -> Failure:
        """The same failure with more parameters for its sentences (rows written so far …)."""
        return dataclasses.replace(self, params={**self.params, **params})


READING = Failure()
LOADING = Failure("store.load_lost", "store.load_refused", StoreWriteFailed)
EDITING = Failure("store.edit_lost", "store.edit_refused", StoreWriteFailed)
WRITING = Failure(refused="store.write_refused", refused_as=StoreWriteFailed)
QUERYING = Failure(refused="store.query_error", refused_as=QueryFailed)


def first_line(exc: BaseException) -> str:
    """The first line of Neo4j's own message, without the error code wrapper."""
    message = getattr(exc, "message", None) or str(exc)
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__


class Store:
    """A driver, the database it works in, and the one place its failures are worded."""

    def __init__(self, driver: Driver, database: str = "neo4j", uri: str = "", command: str = ""):
        self.driver, self.database, self.uri = driver, database, uri or "Neo4j"
        self.command = command

    @classmethod
    def open(cls, uri: str, user: str, password: str, *, database: str = "neo4j", timeout_s: float = 5.0,
             lifetime_s: float = MAX_CONNECTION_LIFETIME_S, liveness_s: float = LIVENESS_CHECK_S,
             command: str = "") -> Store:
        """A Store on a new driver, not yet verified (the local server polls it while starting).

        ``uri`` may route (``neo4j://``, ``neo4j+s://``: a cluster or Aura) or not (``bolt://``)."""
        driver = GraphDatabase.driver(
            uri, auth=(user, password), connection_timeout=timeout_s,
            # Retrying an unreachable server for the driver's default time would freeze the CLI and app.
            max_transaction_retry_time=timeout_s,
            max_connection_lifetime=lifetime_s, liveness_check_timeout=liveness_s,
        )
        _URIS[driver] = uri
        return cls(driver, database, uri, command)

    @classmethod
    def from_settings(cls, settings: Settings, command: str = "") -> Store:
        """A verified Store on the configured server; StoreUnavailable otherwise.

        ``command`` (load, serve …) goes into every transaction's metadata."""
        store = cls.open(settings.uri, settings.neo4j_user, settings.neo4j_password.get_secret_value(),
                         database=settings.neo4j_database, timeout_s=settings.neo4j_connect_timeout,
                         lifetime_s=settings.neo4j_max_connection_lifetime,
                         liveness_s=settings.neo4j_liveness_check_timeout, command=command)
        try:
            store.verify()
        except OpcomapError:
            store.close()
            raise
        return store

    @classmethod
    def of(cls, target: Store | Driver, database: str = "neo4j") -> Store:
        """``target`` itself (its own database wins over ``database``), or a Store on
        ``database`` around a bare driver (one :meth:`open` built keeps its URI for the sentences)."""
        if isinstance(target, Store):
            return target
        return cls(target, database, _URIS.get(target, ""))

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- the session helper: the only place driver errors are turned into opcomap's ------

    @contextmanager
    def session(self, failure: Failure = READING, *, write: bool = False, refused: Refusal | None = None,
                database: str | None = None, auth_refused: str = AUTH_REFUSED,
                **options: Any) -> Iterator[neo4j.Session]:
        """A driver session on this Store's database; any driver failure inside the block
        becomes StoreUnavailable (credentials refused, server unreachable or lost) or
        ``failure.refused_as`` (Neo4j refused the work), unless ``refused`` maps
        Neo4j's code to the caller's own error. Notifications are off: the server's
        planner notices ("label does not exist yet") are noise to opcomap's users.
        ``auth=(user, password)`` runs the session as another user on the same driver
        (the console's reader); ``auth_refused`` then says which settings to check.

        Every session of a driver shares its one bookmark manager (the one its
        ``execute_query`` uses too): on a cluster, a read follows the writes committed
        before it in this process, whichever session made them."""
        try:
            with self.driver.session(
                database=database or self.database,
                default_access_mode=neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS,
                notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
                bookmark_manager=self.driver.execute_query_bookmark_manager,
                **options,
            ) as session:
                yield session
        except AuthError as exc:
            raise StoreUnavailable(auth_refused, uri=self.uri) from exc
        except Neo4jError as exc:
            code, detail = exc.code or type(exc).__name__, first_line(exc)
            mapped = refused(code, detail) if refused else None
            raise (mapped or failure.refused_as(failure.refused, code=code, detail=detail, **failure.params)) from exc
        except (DriverError, OSError) as exc:
            log.info("Neo4j unreachable at %s: %s", self.uri, exc)
            raise StoreUnavailable(failure.lost, uri=self.uri, reason=type(exc).__name__, **failure.params) from exc

    # -- asking questions ----------------------------------------------------------------

    def metadata(self, **about: Any) -> dict[str, Any]:
        """What a transaction says of itself to the server's administrators (``SHOW
        TRANSACTIONS YIELD metaData``, query.log): the app, the command, and ``about``
        (``dataset``, ``user`` …); blanks left out."""
        tags = {"app": APP, "command": self.command, **about}
        return {key: value for key, value in tags.items() if value not in (None, "")}

    def transaction(self, work: Callable[[ManagedTransaction], T], *, write: bool = False,
                    failure: Failure = READING, refused: Refusal | None = None,
                    meta: Mapping[str, Any] | None = None, timeout_s: float | None = None, **options: Any) -> T:
        """``work(tx)`` in one managed transaction, retried by the driver on transient errors
        (a deadlock, a cluster's leader change), tagged with :meth:`metadata` and ``meta``,
        stopped by the server after ``timeout_s`` when given. ``options`` go to the session."""
        @neo4j.unit_of_work(metadata=self.metadata(**(meta or {})), timeout=timeout_s)
        def tagged(tx: ManagedTransaction) -> T:
            return work(tx)

        with self.session(failure, write=write, refused=refused, **options) as session:
            return session.execute_write(tagged) if write else session.execute_read(tagged)

    def read(self, query: str, params: Mapping[str, Any] | None = None, *,
             failure: Failure = READING, meta: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Every record of a read-only ``query``, as dicts."""
        return self.transaction(lambda tx: tx.run(query, params).data(), failure=failure, meta=meta)

    def write(self, query: str, params: Mapping[str, Any] | None = None, *,
              failure: Failure = WRITING, meta: Mapping[str, Any] | None = None,
              refused: Refusal | None = None) -> list[dict[str, Any]]:
        """Every record of ``query``, run in a write transaction."""
        return self.transaction(lambda tx: tx.run(query, params).data(), write=True, failure=failure,
                                meta=meta, refused=refused)

    def verify(self) -> None:
        """Raise StoreUnavailable unless the database answers with these credentials."""
        with self.session() as session:
            session.run(statements.PING).consume()

    def retry(self, work: Callable[[], T], timeout_s: float, *, refusals: bool = True, pause_s: float = 0.5) -> T:
        """``work()``, again while the server starts: while it is unreachable and, with
        ``refusals``, while its database refuses the work; for up to ``timeout_s``.

        Refused credentials end the wait at once; otherwise the last failure is raised
        at the deadline."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                return work()
            except OpcomapError as exc:
                gives_up = exc.key == AUTH_REFUSED or (not refusals and exc.key != UNREACHABLE)
                if gives_up or time.monotonic() > deadline:
                    raise
            time.sleep(pause_s)

    def server_info(self) -> dict[str, str]:
        """Name, version and edition of the server."""
        row = self.read(statements.SERVER_INFO)[0]
        return {"name": row["name"], "version": row["version"], "edition": row["edition"]}

    def change_password(self, old: str, new: str) -> None:
        """Replace the current user's password (in the system database)."""
        with self.session(WRITING, write=True, database="system") as session:
            session.run(statements.SET_PASSWORD, old=old, new=new).consume()


# The URI of each driver open() made, for the sentences of Store.of(driver).
_URIS: weakref.WeakKeyDictionary[Driver, str] = weakref.WeakKeyDictionary()


def connect(settings: Settings) -> Driver:
    """A verified driver for the configured server; raises StoreUnavailable otherwise.

    For the edges that still pass drivers around; new code keeps the Store."""
    return Store.from_settings(settings).driver


def server_info(target: Store | Driver) -> dict[str, str]:
    """Name, version and edition of the server ``target`` talks to."""
    return Store.of(target).server_info()
