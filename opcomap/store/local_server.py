"""A local Neo4j Community server without Docker.

The server jars (Neo4j 5.26 LTS) come from Maven Central through Maven and are
cached outside git, so a second start downloads nothing. Each Bolt port gets
its own home folder (configuration, data, logs), so several servers can run
side by side. Authentication stays on: the password from NEO4J_PASSWORD is
set on first start, exactly as on a production server.

Linux and macOS only: the server is watched and stopped through POSIX process
groups and signals. On Windows, start and neo4j-admin refuse with a message
pointing to Neo4j Desktop or Docker, and no local server is ever reported.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from graph_model.errors import OpcomapError, ServerError
from graph_model.words import t
from opcomap.settings import Settings
from opcomap.store.database import AUTH_REFUSED, UNREACHABLE, Store

NEO4J_VERSION = "5.26.30"
# APOC core's newest 5.26 release (its versions do not follow every server patch release);
# its classes are split between apoc-core and apoc-common, which its POM does not name.
APOC_VERSION = "5.26.19"
# Graph Data Science's open modules (GPLv3), the 2.13 line that runs on Neo4j 5.26; the plugin is
# proc (the procedures) and opengds-extension (the extension that registers them), with their closure.
GDS_VERSION = "2.13.9"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
PLUGIN_LIBS = "plugin-libs"  # a plugin's own libraries: on the classpath, not scanned for procedures
# neo4j-admin's own entry point (neo4j-command-line, in the same Maven closure as the server).
ADMIN_ENTRY_POINT = "org.neo4j.cli.AdminTool"
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
DEFAULT_INITIAL_PASSWORD = "neo4j"
START_TIMEOUT_S = 180.0
READY_TIMEOUT_S = 60.0  # from Bolt open to the database answering
# Process groups (start_new_session, killpg) and signal 0 exist only on POSIX;
# on Windows os.kill(pid, 0) would even send Ctrl+C to the process.
SUPPORTED = os.name == "posix"

# The JVM flags Neo4j's own launcher passes on Java 17, but the throughput collector:
# a local single-user server can take a rare longer pause, and G1's young collections
# (card scanning of the old generation) took far more CPU than ParallelGC, on the
# 2 cores the loader shares with the server.
GC_FLAG = "-XX:+UseParallelGC"
# Methods are JIT-compiled after twice the usual number of calls: on a freshly started
# server the compilers took much of the 2 cores the first large load needs, compiling
# lukewarm methods; with the doubled thresholds they compile fewer, and the hot paths
# still reach C2 within the first batches (benchmarks/README.md). Ten times the thresholds
# kept too much code interpreted, and C2 alone (no tiers) was no better.
JIT_FLAG = "-XX:CompileThresholdScaling=2"
JVM_FLAGS = [
    GC_FLAG,
    JIT_FLAG,
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
]

def fetch_pom(name: str, artifacts: tuple[tuple[str, str], ...], version: str) -> str:
    """A POM with nothing of its own but ``artifacts`` (group, artifact) at ``version``: Maven resolves
    their closure into one folder.

    >>> print(fetch_pom("x-fetch", (("org.neo4j", "neo4j"),), "5.26.0").splitlines()[7])
        <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>5.26.0</version></dependency>
    """
    dependencies = "".join(
        f"    <dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId>"
        f"<version>{version}</version></dependency>\n" for group, artifact in artifacts)
    return (
        '<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
        "  <modelVersion>4.0.0</modelVersion>\n"
        "  <groupId>local.opcomap</groupId>\n"
        f"  <artifactId>{name}</artifactId>\n"
        "  <version>1</version>\n"
        "  <packaging>pom</packaging>\n"
        "  <dependencies>\n"
        f"{dependencies}"
        "  </dependencies>\n"
        "</project>\n"
    )


SERVER_ARTIFACTS = (("org.neo4j", "neo4j"), ("org.neo4j.app", "neo4j-server"))
APOC_ARTIFACTS = (("org.neo4j.procedure", "apoc-core"), ("org.neo4j.procedure", "apoc-common"))
GDS_ARTIFACTS = (("org.neo4j.gds", "proc"), ("org.neo4j.gds", "opengds-extension"))


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    uri: str
    pid: int | None = None
    version: str | None = None
    home: Path | None = None

    def describe(self, lang: str = "fr") -> str:
        if not self.running:
            return t("server.stopped", lang, uri=self.uri)
        return t("server.running", lang, version=self.version or "?", uri=self.uri, pid=self.pid, home=self.home)


@dataclass(frozen=True)
class LocalServer:
    """Paths and settings of one local server, keyed by its Bolt port."""

    settings: Settings

    @property
    def port(self) -> int:
        return self.settings.bolt_port

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def lib_dir(self) -> Path:
        return self.settings.opcomap_cache_dir / f"neo4j-{NEO4J_VERSION}" / "lib"

    @property
    def apoc_dir(self) -> Path:
        return self.settings.opcomap_cache_dir / f"apoc-{APOC_VERSION}" / "lib"

    @property
    def gds_dir(self) -> Path:
        return self.settings.opcomap_cache_dir / f"gds-{GDS_VERSION}" / "lib"

    @property
    def home(self) -> Path:
        return self.settings.opcomap_data_dir / f"neo4j-{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"


# -- jars ------------------------------------------------------------------

def ensure_jars(server: LocalServer, echo=print) -> Path:
    """Download the server's runtime jars once; later calls return the cache."""
    return _maven_closure(server, server.lib_dir, fetch_pom("neo4j-server-fetch", SERVER_ARTIFACTS, NEO4J_VERSION), NEO4J_VERSION, "neo4j-*.jar",
                          "server.downloading", echo)


def ensure_apoc(server: LocalServer, echo=print) -> Path:
    """Download APOC core and its own dependencies once; later calls return the cache."""
    return _maven_closure(server, server.apoc_dir, fetch_pom("apoc-fetch", APOC_ARTIFACTS, APOC_VERSION), APOC_VERSION, "apoc-*.jar",
                          "server.downloading_apoc", echo)


def ensure_gds(server: LocalServer, echo=print) -> Path:
    """Download Graph Data Science's open modules and their own dependencies once."""
    return _maven_closure(server, server.gds_dir, fetch_pom("gds-fetch", GDS_ARTIFACTS, GDS_VERSION), GDS_VERSION, "proc-*.jar",
                          "server.downloading_gds", echo)


def _maven_closure(server: LocalServer, lib_dir: Path, pom_text: str, version: str, expected: str,
                   message: str, echo) -> Path:
    marker = lib_dir.parent / "COMPLETE"
    if marker.exists():
        return lib_dir
    if shutil.which("mvn") is None:
        raise ServerError("server.no_maven")
    echo(t(message, server.settings.opcomap_lang, version=version))
    lib_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=lib_dir.parent) as tmp:
        pom = Path(tmp) / "pom.xml"
        pom.write_text(pom_text, encoding="utf-8")
        staged = Path(tmp) / "lib"
        result = subprocess.run(
            ["mvn", "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
             "-DincludeScope=runtime", f"-DoutputDirectory={staged}"],
            capture_output=True, text=True, encoding="utf-8", errors="replace",
            check=False,  # the return code is read below
        )
        if result.returncode != 0 or not any(staged.glob(expected)):
            tail = (result.stdout + result.stderr).strip().splitlines()[-5:]
            raise ServerError("server.maven_failed", tail=" | ".join(tail))
        if lib_dir.exists():
            shutil.rmtree(lib_dir)
        staged.rename(lib_dir)
    marker.write_text(version, encoding="utf-8")
    return lib_dir


def _gds_scanned(jar: Path) -> bool:
    """The GDS jars that hold its procedures and functions (proc-*, alpha-proc): the only ones the
    server must scan; its other modules and libraries are on the classpath only."""
    return jar.name.startswith(("proc", "alpha-proc"))


def install_plugins(server: LocalServer, with_apoc: bool, echo=print, with_gds: bool = False) -> None:
    """Put the asked plugins' jars (APOC, Graph Data Science) in the server's plugins folders and
    take the others' out; a jar both share stays while one is asked, any jar put there by hand stays.

    Neo4j reads every class of every jar in ``plugins`` looking for procedures: GDS's libraries
    (most of its jars) go to ``plugin-libs`` instead, on the classpath only, so the server starts sooner.
    """
    plugins, libs = server.home / "plugins", server.home / PLUGIN_LIBS
    plugins.mkdir(parents=True, exist_ok=True)
    libs.mkdir(parents=True, exist_ok=True)
    wanted: set[Path] = set()
    for asked, ensure, scanned in ((with_apoc, ensure_apoc, None), (with_gds, ensure_gds, _gds_scanned)):
        if asked:
            for jar in ensure(server, echo=echo).glob("*.jar"):
                placed = (plugins if scanned is None or scanned(jar) else libs) / jar.name
                shutil.copy2(jar, placed)
                wanted.add(placed)
    for asked, lib in ((with_apoc, server.apoc_dir), (with_gds, server.gds_dir)):
        if not asked and lib.exists():
            for placed in (folder / jar.name for jar in lib.glob("*.jar") for folder in (plugins, libs)):
                if placed not in wanted:
                    placed.unlink(missing_ok=True)


# -- configuration -----------------------------------------------------------

def write_config(server: LocalServer, with_apoc: bool = False, with_gds: bool = False) -> Path:
    unrestricted = ",".join(name for name, asked in (("apoc.*", with_apoc), ("gds.*", with_gds)) if asked)
    conf_dir = server.home / "conf"
    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        (server.home / sub).mkdir(parents=True, exist_ok=True)
    conf = conf_dir / "neo4j.conf"
    conf.write_text(
        "\n".join([
            "# Written by `opcomap neo4j start`; rewritten at every start.",
            "server.default_listen_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{server.port}",
            f"server.bolt.advertised_address=127.0.0.1:{server.port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            "dbms.usage_report.enabled=false",
            "dbms.security.auth_enabled=true",
            # Initial heap = maximum heap, as Neo4j's memory guide advises: no heap growth
            # (and the small young generation it starts with) during a bulk load.
            f"server.memory.heap.initial_size={server.settings.opcomap_neo4j_heap}",
            f"server.memory.heap.max_size={server.settings.opcomap_neo4j_heap}",
            f"server.memory.pagecache.size={server.settings.opcomap_neo4j_pagecache}",
            "db.tx_log.rotation.retention_policy=1 files",
            f"server.jvm.additional={GC_FLAG}",
            f"server.jvm.additional={JIT_FLAG}",
            f"server.directories.data={server.home / 'data'}",
            f"server.directories.logs={server.home / 'logs'}",
            f"server.directories.run={server.home / 'run'}",
            f"server.directories.plugins={server.home / 'plugins'}",
            f"server.directories.import={server.home / 'import'}",
            # APOC's and GDS's procedures need full access to the database kernel.
            *([f"dbms.security.procedures.unrestricted={unrestricted}"] if unrestricted else []),
            "",
        ]),
        encoding="utf-8",
    )
    return conf


# -- process control -------------------------------------------------------

def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is not a running server
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").split()[2]
        return state != "Z"
    except OSError:
        return True


def _require_posix() -> None:
    if not SUPPORTED:
        raise ServerError("server.not_on_windows")


def _read_pid(server: LocalServer) -> int | None:
    if not SUPPORTED:
        return None
    try:
        pid = int(server.pid_file.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    return pid if _pid_alive(pid) else None


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    if candidate and candidate.exists():
        return str(candidate)
    found = shutil.which("java")
    if not found:
        raise ServerError("server.no_java")
    return found


def status(settings: Settings) -> ServerStatus:
    server = LocalServer(settings)
    pid = _read_pid(server)
    if pid is None:
        return ServerStatus(False, server.uri)
    version = (server.lib_dir.parent / "COMPLETE").read_text(encoding="utf-8").strip() if (server.lib_dir.parent / "COMPLETE").exists() else None
    return ServerStatus(True, server.uri, pid, version, server.home)


def manages(settings: Settings) -> bool:
    """True when NEO4J_URI is the running server this module started for its port
    (plain Bolt on this machine, its PID file alive in its home)."""
    uri = urlparse(settings.uri)
    return (settings.uses_neo4j and uri.scheme in {"bolt", "neo4j"} and uri.hostname in LOOPBACK
            and status(settings).running)


def run_admin(settings: Settings, args: list[str]) -> subprocess.CompletedProcess[str]:
    """``neo4j-admin ARGS`` on this server's home and configuration, with the server's
    Java and jars; its output is returned, not printed (the caller words failures)."""
    _require_posix()
    server = LocalServer(settings)
    lib = ensure_jars(server)
    conf = write_config(server)
    env = {**os.environ, "NEO4J_HOME": str(server.home), "NEO4J_CONF": str(conf.parent)}
    return subprocess.run(
        [_java(), f"-Xmx{settings.opcomap_neo4j_heap}", *JVM_FLAGS, "-cp", str(lib / "*"), ADMIN_ENTRY_POINT, *args],
        env=env, cwd=server.home, capture_output=True, text=True, encoding="utf-8", errors="replace",
        stdin=subprocess.DEVNULL,
        check=False,  # the return code is read by the caller
    )


def start(settings: Settings, echo=print, with_apoc: bool = False, with_gds: bool = False) -> tuple[ServerStatus, bool]:
    """Start the server (with the APOC core or Graph Data Science plugins if asked) and wait for Bolt.
    Returns (status, started_now)."""
    _require_posix()
    server = LocalServer(settings)
    current = status(settings)
    if current.running:
        return current, False
    password = settings.neo4j_password.get_secret_value()
    if len(password) < 8:
        raise ServerError("server.short_password")
    java = _java()
    if _port_open(server.port):
        raise ServerError("server.port_taken", port=server.port)
    lib = ensure_jars(server, echo=echo)
    install_plugins(server, with_apoc, echo=echo, with_gds=with_gds)
    conf = write_config(server, with_apoc, with_gds)
    # Neo4j 5 keeps its users in the system database: no such folder, no password set yet.
    first_start = not (server.home / "data" / "databases" / "system").exists()
    log = server.console_log.open("ab")
    process = subprocess.Popen(
        [java, f"-Xms{settings.opcomap_neo4j_heap}", f"-Xmx{settings.opcomap_neo4j_heap}", *JVM_FLAGS, "-cp", _classpath(server, lib), ENTRY_POINT,
         f"--home-dir={server.home}", f"--config-dir={conf.parent}"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        start_new_session=True,  # survives the CLI; stop() ends it
        cwd=server.home,
    )
    server.pid_file.write_text(str(process.pid), encoding="utf-8")
    _wait_for_bolt(server, process)
    if first_start:
        _set_initial_password(server, password)
    _check_credentials(server, settings)
    return status(settings), True


def _classpath(server: LocalServer, lib: Path) -> str:
    # Plugins go on the classpath too, as Neo4j's own launcher puts them: APOC and GDS register
    # kernel extensions, found only there. The server's jars come first, so its own
    # versions of shared libraries win; then the plugins' libraries.
    return os.pathsep.join([f"{lib}/*", f"{server.home / 'plugins'}/*", f"{server.home / PLUGIN_LIBS}/*"])


def _wait_for_bolt(server: LocalServer, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            server.pid_file.unlink(missing_ok=True)
            raise ServerError("server.died", log=server.console_log, tail=_log_tail(server))
        if _port_open(server.port):
            return
        time.sleep(0.5)
    _terminate(process.pid)
    server.pid_file.unlink(missing_ok=True)
    raise ServerError("server.no_bolt", seconds=f"{START_TIMEOUT_S:.0f}", log=server.console_log)


def _log_tail(server: LocalServer, lines: int = 8) -> str:
    try:
        return "\n".join(server.console_log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _set_initial_password(server: LocalServer, password: str) -> None:
    """Replace Neo4j's initial password, as an administrator would on a new server."""
    with Store.open(server.uri, "neo4j", DEFAULT_INITIAL_PASSWORD, database="system") as store:
        try:
            # Nothing but this statement runs until the initial password is changed.
            store.retry(lambda: store.change_password(DEFAULT_INITIAL_PASSWORD, password), READY_TIMEOUT_S,
                        refusals=False)
        except OpcomapError as exc:
            if exc.key == UNREACHABLE:
                raise ServerError("server.password_unanswered") from None
            raise ServerError("server.password_failed", detail=exc.params.get("detail", str(exc))) from None


def _check_credentials(server: LocalServer, settings: Settings) -> None:
    password = settings.neo4j_password.get_secret_value()
    with Store.open(server.uri, settings.neo4j_user, password, database=settings.neo4j_database) as store:
        try:
            store.retry(store.verify, READY_TIMEOUT_S)
        except OpcomapError as exc:
            if exc.key == AUTH_REFUSED:
                raise ServerError("server.password_refused", home=server.home) from None
            if exc.key == UNREACHABLE:
                raise ServerError("server.bolt_unanswered") from None
            # Bolt answers, the database does not: it may still be starting.
            raise ServerError("server.database_not_ready", detail=exc.params.get("detail", str(exc))) from None


def _terminate(pid: int, timeout: float = 60.0) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            return
        time.sleep(0.3)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        return


def stop(settings: Settings) -> bool:
    """Stop the server cleanly. Returns False when it was not running."""
    server = LocalServer(settings)
    pid = _read_pid(server)
    if pid is None:
        server.pid_file.unlink(missing_ok=True)
        return False
    _terminate(pid)
    # Reap it if this very process started it (tests do), so no zombie is left.
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    server.pid_file.unlink(missing_ok=True)
    return True
