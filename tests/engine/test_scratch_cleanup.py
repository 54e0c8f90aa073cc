"""Scratch databases are dropped on every exit path: success, a failing build, Ctrl-C, and SIGKILL
(the next check reaps what a killed one left, and never a live check's)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zlib

import psycopg2

from schemaparity.check import run_check
from schemaparity.pg.connect import (
    admin_connection,
    connect,
    create_database,
    drop_database,
    open_admin,
    rename_database,
)
from schemaparity.scratch import GRACE_SECONDS, LOCK_CLASS, PREFIX, ScratchSession
from schemaparity.sources import SqlFileSource
from tests.helpers import ALEMBIC_INI, INIT_SQL, as_in_the_foreground, query
from tests.waiting import HANG_BOUND, wait_for


def scratch_databases(server_url: str, token: int | None = None) -> list[str]:
    pattern = f"{PREFIX}%" if token is None else f"{PREFIX}%\\_{token:08x}\\_%"
    return [name for (name,) in query(server_url, "SELECT datname FROM pg_database WHERE datname LIKE %s", (pattern,))]


def checker(server_url: str, sql, tmp_path) -> subprocess.Popen:
    """`schemaparity check` of `sql` against the project's migrations, in a child process."""
    command = [
        sys.executable, "-m", "schemaparity", "check", "--sql", str(sql),
        "--alembic-ini", str(ALEMBIC_INI), "--only", "sql,migrations",
    ]  # fmt: skip
    env = {**os.environ, "SCHEMAPARITY_SERVER_URL": server_url}
    return subprocess.Popen(
        command,
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=as_in_the_foreground,
    )


def scratch_locks(server_url: str) -> list[tuple]:
    """Scratch locks held on the server (by any check)."""
    return query(
        server_url,
        "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = %s AND objsubid = 2",
        (LOCK_CLASS,),
    )


def aged_name(name: str, seconds: int) -> str:
    """The scratch database name `name` would have had `seconds` earlier."""
    stem, epoch = name.rsplit("_", 1)
    return f"{stem}_{int(epoch) - seconds}"


def sleeping_sql(tmp_path):
    """A build that sleeps for two minutes, in a statement no other test runs (its sleep is the path's)."""
    slow = tmp_path / "slow.sql"
    slow.write_text(f"CREATE TABLE t (id int);\n{_sleep(slow)};\n")
    return slow


def _sleep(path) -> str:
    return f"SELECT pg_sleep(120.{zlib.crc32(str(path).encode())})"


def sleeping_backend(server_url: str, sql) -> bool:
    """The build of `sql` is running its sleep (a dying session of another test's sleep never counts)."""
    return bool(query(server_url, "SELECT 1 FROM pg_stat_activity WHERE starts_with(query, %s)", (_sleep(sql),)))


def test_a_failing_build_leaves_no_scratch_database(server_url, tmp_path):
    """The source that failed and the one that built are both dropped."""
    broken = tmp_path / "broken.sql"
    broken.write_text("CREATE TABLE t (id int);\nCREATE INDEX ON missing (x);\n")
    before = set(scratch_databases(server_url))
    result = run_check([SqlFileSource(INIT_SQL), SqlFileSource(broken, name="broken")], server_url)
    assert result.exit_code == 1
    assert set(scratch_databases(server_url)) <= before


def test_ctrl_c_ends_a_long_build_and_drops_its_database(server_url, tmp_path):
    """Ctrl-C during a build: exit 130, the sleeping build is ended, and the scratch databases are gone."""
    sql = sleeping_sql(tmp_path)
    process = checker(server_url, sql, tmp_path)
    try:
        wait_for(lambda: sleeping_backend(server_url, sql) or process.poll() is not None, "the slow build to start")
        assert process.poll() is None, process.communicate()
        mine = set(scratch_databases(server_url))
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=HANG_BOUND)  # a bound on a hang, far above the real second or two
        assert process.returncode == 130, err
        assert "interrupted" in err
        assert not sleeping_backend(server_url, sql)
        assert not mine & set(scratch_databases(server_url))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_next_check_reaps_what_a_killed_check_left(server_url, tmp_path):
    """SIGKILL leaves the scratch databases behind; the next check on the server drops them and says so."""
    sql = sleeping_sql(tmp_path)
    process = checker(server_url, sql, tmp_path)
    try:
        wait_for(lambda: sleeping_backend(server_url, sql) or process.poll() is not None, "the slow build to start")
        left = set(scratch_databases(server_url))
        process.kill()
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
    assert left, "the killed check had scratch databases"
    query(server_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ANY(%s)", (list(left),))
    wait_for(
        lambda: not sleeping_backend(server_url, sql) and not scratch_locks(server_url),
        "the killed check's sessions to end",
    )
    aged = {name: aged_name(name, GRACE_SECONDS + 1) for name in left}  # as if killed a while ago
    with admin_connection(server_url) as admin:
        for name, older in aged.items():
            rename_database(admin, name, older)
    with ScratchSession(server_url) as session:
        assert set(aged.values()) <= set(session.reaped)
    assert not set(aged.values()) & set(scratch_databases(server_url))


def test_a_live_check_s_databases_are_never_reaped(server_url):
    """Another check's databases, however old their names, stay while that check holds its lock."""
    with ScratchSession(server_url) as live, live.database("sql") as url:
        name = url.rsplit("/", 1)[1]
        old = aged_name(name, 10**6)
        with admin_connection(server_url) as admin:
            rename_database(admin, name, old)
        try:
            with ScratchSession(server_url) as other:
                assert old not in other.reaped
            assert old in scratch_databases(server_url, live.token)
        finally:
            with admin_connection(server_url) as admin:
                rename_database(admin, old, name)


def test_an_unlocked_database_younger_than_the_grace_period_is_kept(server_url):
    """A database whose check has just started (its name carries the server's clock) is not a leftover."""
    with admin_connection(server_url) as admin, admin.cursor() as cursor:
        cursor.execute("SELECT extract(epoch FROM now())::bigint")
        name = f"{PREFIX}young_{0x7FFFFFF0:08x}_{cursor.fetchone()[0]}"
        create_database(admin, name)
        try:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_CLASS, 0x7FFFFFF0))
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_CLASS, 0x7FFFFFF0))
            with ScratchSession(server_url) as session:
                assert name not in session.reaped
        finally:
            drop_database(admin, name)


def test_one_session_creates_and_drops_on_few_connections_and_leaves_none(server_url, monkeypatch):
    """Databases created and dropped one after another share one admin connection (each new one costs the
    server a process), and the session closes every connection it opened, its databases dropped."""
    import schemaparity.scratch as scratch_module

    opened = []
    monkeypatch.setattr(scratch_module, "open_admin", lambda url: opened.append(open_admin(url)) or opened[-1])
    with ScratchSession(server_url) as session:
        urls = [session.create(label) for label in ("sql", "models", "migrations")]
        for url in urls:
            query(url, "CREATE TABLE kept_open (id int)")
            session.drop(url.rsplit("/", 1)[1])
        token = session.token
    assert len(opened) == 1 and all(conn.closed for conn in opened)
    assert not scratch_databases(server_url, token)


def test_a_database_with_a_session_open_on_it_is_dropped(server_url):
    """A drop ends the sessions still on the database (a build that is still connected) and drops it."""
    with ScratchSession(server_url) as session:
        url = session.create("sql")
        still_open = connect(url)
        try:
            session.drop(url.rsplit("/", 1)[1])
            assert url.rsplit("/", 1)[1] not in scratch_databases(server_url)
            assert still_open.closed or _ended(still_open)
        finally:
            still_open.close()


def _ended(conn) -> bool:
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1")
    except psycopg2.Error:
        return True
    return False
