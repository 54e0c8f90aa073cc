"""Confined builds: whatever URL a project's env.py or models compute, they reach only the scratch database.

A build runs a project's own code (its env.py, its settings, its models), which may
build a URL of its own from environment variables, a `.env` file or defaults, and
connect there instead of to the connection the engine hands in. Inside `confined()`,
in the thread that entered it:

- every SQLAlchemy engine it creates, and every connection of an engine made before
  (any PostgreSQL driver), goes to the scratch database, and so does every direct
  `psycopg2.connect()`; each redirection is noted. A URL naming a driver that is not
  installed (SQLAlchemy 2.1 reads `postgresql://` as psycopg 3) is built with psycopg2;
- any other TCP or Unix-socket connection made through Python's sockets (a driver
  written in Python, an HTTP call) is refused, except to the scratch server;
- logging configuration is ignored, and log records, warnings and prints are kept in
  the build's log instead of reaching the report, which is shown only when it fails.

The hooks are installed once per process and do nothing outside a confined thread, so
the check's own connections and other threads are never touched.
"""

from __future__ import annotations

import logging
import logging.config
import socket
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import psycopg2
import psycopg2.extensions

from schemaparity.pg.urls import connect_kwargs

# libpq and driver parameters that choose where a connection goes; all are replaced by the scratch ones.
_TARGET_KEYS = ("host", "hostaddr", "port", "user", "password", "dbname", "database", "service", "passfile")
_PYTHON_DRIVERS = ("asyncpg", "pg8000")
_MIGRATION_LOGGER = "alembic.runtime.migration"  # "Running upgrade a -> b": names the revision at work


class ConfinementError(RuntimeError):
    """A build tried to connect somewhere the engine cannot redirect; the connection was refused."""


@dataclass
class Confinement:
    """What one confined build was redirected from, refused, and logged."""

    scratch_url: str | None  # None: no database at all (every connection is refused)
    redirected: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.params = connect_kwargs(self.scratch_url) if self.scratch_url else {}
        self.scratch_target = _describe(self.params)
        self.allowed = _addresses(self.params.get("host"), self.params.get("port", 5432)) if self.params else set()

    def redirect(self, params: dict) -> dict:
        """`params` (libpq keywords) pointed at the scratch database, the redirection noted."""
        original = _describe(params)
        if not self.params:
            self.refused.append(original)
            raise ConfinementError(f"refused a connection to {original}: this step may not use any database")
        if original != self.scratch_target:
            self.note_redirect(original)
        kept = {key: value for key, value in params.items() if key not in _TARGET_KEYS}
        return {**kept, **self.params}

    def engine_url(self, url):
        """`url` (a string or SQLAlchemy URL) pointed at the scratch database, with a driver that is installed."""
        from sqlalchemy.engine import make_url

        original = make_url(url)
        target = _describe(original.translate_connect_args(username="user", database="dbname"))
        if not self.params:
            self.refused.append(target)
            raise ConfinementError(f"refused an engine for {target}: this step may not use any database")
        if target != self.scratch_target:
            self.note_redirect(target)
        scratch = make_url(self.scratch_url)
        driver = original.drivername if original.get_backend_name() == "postgresql" else scratch.drivername
        try:
            scratch.set(drivername=driver).get_dialect().import_dbapi()
        except ImportError:
            named = scratch.set(drivername=driver).get_driver_name()
            self.redirected.append(
                f"{driver}:// means the {named} driver, not installed here: that engine used psycopg2"
            )
            driver = scratch.drivername
        kept = {key: value for key, value in original.query.items() if key not in _TARGET_KEYS}
        return scratch.set(drivername=driver).update_query_dict(kept)

    def note_redirect(self, target: str) -> None:
        line = f"a connection to {target} was redirected to the scratch database"
        if line not in self.redirected:
            self.redirected.append(line)

    def output(self) -> str:
        return "\n".join(self.log)


_current: ContextVar[Confinement | None] = ContextVar("schemaparity_confinement", default=None)
_install_lock = threading.Lock()
_installed = False
_streams_users = 0


def current() -> Confinement | None:
    return _current.get()


@contextmanager
def confined(scratch_url: str | None, resume: Confinement | None = None) -> Iterator[Confinement]:
    """Confine the calling thread to the scratch database `scratch_url` (None: to no database) until the block ends.

    `resume` continues an earlier confinement of the same build (in another thread), keeping one log.
    """
    _install_hooks()
    confinement = resume or Confinement(scratch_url)
    token = _current.set(confinement)
    _capture_streams(True)
    migration_logger = logging.getLogger(_MIGRATION_LOGGER)
    level = migration_logger.level
    migration_logger.setLevel(logging.INFO)
    try:
        yield confinement
    finally:
        migration_logger.setLevel(level)
        _capture_streams(False)
        _current.reset(token)


def _install_hooks() -> None:
    global _installed
    with _install_lock:
        if _installed:
            return
        _hook_sqlalchemy()
        _hook_create_engine()
        _hook_psycopg2()
        _hook_logging()
        _hook_warnings()
        sys.addaudithook(_audit)
        _installed = True


def _hook_sqlalchemy() -> None:
    try:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
    except ImportError:
        return

    def do_connect(dialect, connection_record, cargs, cparams):
        confinement = _current.get()
        if confinement is None:
            return None
        if dialect.name != "postgresql":
            target = f"a {dialect.name} database"
            confinement.refused.append(target)
            raise ConfinementError(f"refused a connection to {target}: a build may only use its scratch PostgreSQL")
        redirected = confinement.redirect(cparams)
        if dialect.driver in _PYTHON_DRIVERS:  # not libpq: other keyword names, no connect_timeout
            redirected["database"] = redirected.pop("dbname")
            redirected.pop("connect_timeout", None)
        cargs[:] = []
        cparams.clear()
        cparams.update(redirected)
        return None

    event.listen(Engine, "do_connect", do_connect)


def _hook_create_engine() -> None:
    """Wrap `create_engine` where SQLAlchemy publishes it (engine_from_config calls it too)."""
    try:
        import sqlalchemy
        import sqlalchemy.engine
        import sqlalchemy.engine.create
    except ImportError:
        return
    original = sqlalchemy.engine.create.create_engine

    def create_engine(url, *args, **kwargs):
        confinement = _current.get()
        if confinement is not None:
            url = confinement.engine_url(url)
        return original(url, *args, **kwargs)

    create_engine.__doc__ = original.__doc__
    for module in (sqlalchemy, sqlalchemy.engine, sqlalchemy.engine.create):
        module.create_engine = create_engine


def _hook_psycopg2() -> None:
    original = psycopg2.connect

    def connect(dsn=None, connection_factory=None, cursor_factory=None, **kwargs):
        confinement = _current.get()
        if confinement is not None:
            params = {**(psycopg2.extensions.parse_dsn(dsn) if dsn else {}), **kwargs}
            dsn, kwargs = None, confinement.redirect(params)
        return original(dsn, connection_factory=connection_factory, cursor_factory=cursor_factory, **kwargs)

    connect.__doc__ = original.__doc__
    psycopg2.connect = connect


def _hook_logging() -> None:
    """Inside a build, configuring logging is ignored and records go to the build's log."""
    for module, name in ((logging.config, "fileConfig"), (logging.config, "dictConfig"), (logging, "basicConfig")):
        original = getattr(module, name)

        def configure(*args, _original=original, **kwargs):
            if _current.get() is None:
                return _original(*args, **kwargs)
            return None

        setattr(module, name, configure)
    original_handle = logging.Logger.handle

    def handle(self, record):
        confinement = _current.get()
        if confinement is None:
            return original_handle(self, record)
        if not self.disabled:
            confinement.log.append(f"{record.levelname} [{record.name}] {record.getMessage()}")
        return None

    logging.Logger.handle = handle


def _hook_warnings() -> None:
    original = warnings.showwarning

    def showwarning(message, category, filename, lineno, file=None, line=None):
        confinement = _current.get()
        if confinement is None:
            return original(message, category, filename, lineno, file, line)
        confinement.log.append(f"{filename}:{lineno}: {category.__name__}: {message}")
        return None

    warnings.showwarning = showwarning


def _audit(event: str, args: tuple) -> None:
    if event != "socket.connect":
        return
    confinement = _current.get()
    if confinement is None:
        return
    sock, address = args
    if sock.family in (socket.AF_INET, socket.AF_INET6) and (address[0], address[1]) in confinement.allowed:
        return
    target = f"{address[0]}:{address[1]}" if isinstance(address, tuple) else str(address)
    confinement.refused.append(target)
    raise ConfinementError(f"refused a connection to {target}: a build may only use its scratch database")


class _BuildStream:
    """sys.stdout/stderr while builds run: a confined thread's output goes to its build log."""

    def __init__(self, real):
        self.real = real

    def write(self, text: str) -> int:
        confinement = _current.get()
        if confinement is None:
            return self.real.write(text)
        if text.strip():
            confinement.log.extend(text.rstrip("\n").splitlines())
        return len(text)

    def flush(self) -> None:
        self.real.flush()

    def __getattr__(self, name):
        return getattr(self.real, name)


def _capture_streams(enter: bool) -> None:
    global _streams_users
    with _install_lock:
        if enter:
            _streams_users += 1
            if _streams_users == 1:
                sys.stdout, sys.stderr = _BuildStream(sys.stdout), _BuildStream(sys.stderr)
            return
        _streams_users -= 1
        if _streams_users == 0:
            for name in ("stdout", "stderr"):
                stream = getattr(sys, name)
                if isinstance(stream, _BuildStream):
                    setattr(sys, name, stream.real)


def _describe(params: dict) -> str:
    """`user@host:port/database` of libpq keywords (no password), for the build's notes."""
    host = params.get("host") or params.get("hostaddr") or "(default host)"
    port = f":{params['port']}" if params.get("port") else ""
    user = f"{params['user']}@" if params.get("user") else ""
    database = params.get("dbname") or params.get("database") or ""
    return f"{user}{host}{port}/{database}"


def _addresses(host: str | None, port) -> set[tuple[str, int]]:
    """The (address, port) pairs of the scratch server, for the socket check."""
    try:
        infos = socket.getaddrinfo(host or "localhost", int(port), type=socket.SOCK_STREAM)
    except (OSError, ValueError):
        return set()
    return {(info[4][0], info[4][1]) for info in infos}
