"""The scratch databases of one check: created empty, dropped on every exit path, reaped when orphaned.

A check holds a session-level advisory lock, keyed by a random token, on one admin
connection for as long as its scratch databases live, and names each database with
that token and the server's clock: `schemaparity_<label>_<token>_<epoch>`. A check
killed with SIGKILL cannot drop its databases, but its connection dies with it, and
PostgreSQL releases the lock. Every later check reaps the databases whose token's lock
is free and whose name is older than a few seconds, which is safe even when several
machines share one scratch server: a live check's lock is held on the server itself.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg2
from psycopg2 import sql

from schemaparity.pg.connect import admin_connection, create_database, drop_database, open_admin
from schemaparity.pg.urls import database_name, with_database

PREFIX = "schemaparity_"
LOCK_CLASS = 0x5350  # "SP": the first key of every scratch lock (pg_advisory_lock(int4, int4))
GRACE_SECONDS = 10
T = TypeVar("T")
_NAME = re.compile(r"^schemaparity_[a-z0-9_]*_(?P<token>[0-9a-f]{8})_(?P<epoch>\d+)$")


class ScratchSession:
    """One check's scratch databases on one server; use as a context manager."""

    def __init__(self, server_url: str):
        self.server_url = server_url
        self.token = secrets.randbits(31)
        self.reaped: list[str] = []
        self._in_use: set[str] = set()
        self._guard = threading.Lock()
        self._admin = None
        self._idle: list = []  # admin connections for creating and dropping, kept between uses
        self._closed = False

    def __enter__(self) -> ScratchSession:
        self._admin_context = admin_connection(self.server_url)
        self._admin = self._admin_context.__enter__()
        self._execute("SELECT pg_advisory_lock(%s, %s)", (LOCK_CLASS, self.token))
        self.reaped = reap_leftovers(self._admin)
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self.drop_all()
        finally:
            with self._guard:
                self._closed, idle, self._idle = True, self._idle, []
            for conn in idle:
                conn.close()
            self._admin_context.__exit__(*exc_info)  # closing the session releases the lock

    def create(self, label: str) -> str:
        """A new empty database (from template0) for `label`; its URL. Safe to call from several threads:
        each creation has a connection of its own, so that they run side by side."""
        with self._pooled_admin() as admin, admin.cursor() as cursor:
            cursor.execute("SELECT extract(epoch FROM now())::bigint")
            name = f"{PREFIX}{_label(label)}_{self.token:08x}_{cursor.fetchone()[0]}"
            with self._guard:
                self._in_use.add(name)
            create_database(admin, name, template="template0")
        return with_database(self.server_url, name)

    @contextmanager
    def database(self, label: str) -> Iterator[str]:
        """An empty database, dropped afterwards whatever happens."""
        url = self.create(label)
        try:
            yield url
        finally:
            self.drop(database_name(url))

    def drop_all(self) -> None:
        """Drop every database of this session, side by side."""
        names = list(self._in_use)
        if len(names) <= 1:
            for name in names:
                self.drop(name)
            return
        with ThreadPoolExecutor(max_workers=len(names)) as workers:
            list(workers.map(self.drop, names))

    def interrupt(self) -> None:
        """End every session on this check's scratch databases (after Ctrl-C), so that the
        builds using them fail at once and drop them, instead of running to the end. Each is
        closed to new sessions first: a build that was about to connect fails too, rather
        than run to its end after the sessions were ended."""
        for name in list(self._in_use):
            try:
                self._execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(name)), ())
            except psycopg2.Error:
                pass  # still being created (no build can use it yet) or gone already
            self._execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )

    def drop(self, name: str) -> None:
        """Drop one of this session's databases (on an admin connection of its own while it runs)."""
        if name not in self._in_use:
            return
        with self._pooled_admin() as admin:
            drop_database(admin, name)
        with self._guard:
            self._in_use.discard(name)

    @contextmanager
    def _pooled_admin(self) -> Iterator:
        """An admin connection for one creation or drop: an idle one of this session's, else a new one, kept
        afterwards (the builds of a check create and drop side by side, and every new one costs a server
        process). One that failed is closed, never reused."""
        with self._guard:
            conn = self._idle.pop() if self._idle else None
        conn = conn or open_admin(self.server_url)
        try:
            yield conn
        except BaseException:
            conn.close()
            raise
        with self._guard:
            if not self._closed:
                self._idle.append(conn)
                return
        conn.close()  # the session ended meanwhile (a worker still running after Ctrl-C)

    def read(self, reader: Callable[[Any], T]) -> T:
        """`reader(cursor)` on this session's admin connection: what the server says, not any one database."""
        with self._guard, self._admin.cursor() as cursor:
            return reader(cursor)

    def _execute(self, statement, params: tuple) -> None:
        with self._guard, self._admin.cursor() as cursor:
            cursor.execute(statement, params)


def reap_leftovers(admin) -> list[str]:
    """Drop the scratch databases of checks that are gone; returns their names."""
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT datname, extract(epoch FROM now())::bigint FROM pg_database WHERE starts_with(datname, %s)",
            (PREFIX,),
        )
        rows = cursor.fetchall()
    reaped = []
    for name, now in rows:
        found = _NAME.match(name)
        if not found or now - int(found["epoch"]) < GRACE_SECONDS:
            continue
        token = int(found["token"], 16)
        with admin.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_CLASS, token))
            if not cursor.fetchone()[0]:
                continue  # its check is alive
            try:
                drop_database(admin, name)
                reaped.append(name)
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_CLASS, token))
    return reaped


def _label(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:20] or "source"
