"""Fault injection: kill -9, a port that is not PostgreSQL, a server of another major version.

The target name of a reset or a restore always resolves to a complete database, at
every moment and whatever point the command is killed at; a port that accepts TCP but
never speaks PostgreSQL ends a command with one line instead of a hang; backups and
restores use the client programs of the server's own major version.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from psycopg2 import sql

from opentr.cli import APP_NAME_ENV
from opentr.swap import OLD_SUFFIX, side_name
from schemaparity.pg.connect import admin_connection, create_database, drop_database, rename_database
from schemaparity.pg.urls import database_name, with_database
from tests.helpers import PROJECT_ROOT, as_in_the_foreground, query, second_server
from tests.opentr.helpers import old_copies_dropped, run_cli
from tests.waiting import wait_for

KILL_POINTS = 10  # per command: a reset and a restore, 20 in all
TABLES = 15  # init_db.sql's 14 and alembic_version


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("OPENTR_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def complete(url: str) -> bool:
    """The database exists and holds the whole schema with its reference rows."""
    tables = query(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    return tables == [(TABLES,)] and query(url, "SELECT count(*) FROM tag") == [(4,)]


def leftovers(url: str) -> list[str]:
    target = database_name(url)
    rows = query(
        url, "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s", (target, target)
    )
    return [name for (name,) in rows]


def test_the_target_is_present_at_every_moment_of_repeated_resets_and_restores(target_url, data_dir):
    """A poller sees the target every 20 ms through resets and restores (the swap is one transaction)."""
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    assert run_cli(["migrate", "--backup"])[0] == 0
    (dump,) = (data_dir / "backups").glob("*.dump")
    name, polls, stop = database_name(target_url), [], threading.Event()

    def poll() -> None:
        with admin_connection(target_url) as admin:
            while not stop.is_set():
                with admin.cursor() as cursor:
                    cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,))
                    polls.append(cursor.fetchone()[0])
                stop.wait(0.02)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        for _ in range(3):
            assert run_cli(["reset", "dev", "--yes"])[0] == 0
            assert run_cli(["restore", str(dump), "--yes"])[0] == 0
    finally:
        stop.set()
        poller.join()
    assert len(polls) > 10 and set(polls) == {1}, f"{polls.count(0)} of {len(polls)} polls found no {name}"
    old_copies_dropped(target_url)
    assert complete(target_url) and leftovers(target_url) == []


def command(argv: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "opentr", *argv],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=as_in_the_foreground,
    )


def working(url: str, application: str) -> bool:
    """A session of the command is connected (libpq's application name says which command it is).

    Asked from the maintenance database: the target itself is being swapped under the poller."""
    rows = query(
        with_database(url, "postgres"),
        "SELECT 1 FROM pg_stat_activity WHERE application_name = %s AND pid <> pg_backend_pid()",
        (application,),
    )
    return bool(rows)


@pytest.mark.parametrize(
    "argv",
    [pytest.param(["reset", "dev", "--yes"], id="reset"), pytest.param(["restore", "DUMP", "--yes"], id="restore")],
)
def test_kill_9_at_any_point_leaves_the_target_usable(target_url, data_dir, argv):
    """SIGKILL at points spread over the command's work: the target is complete after each, and the
    next run puts right whatever the killed one left (and says so)."""
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    if "DUMP" in argv:
        assert run_cli(["migrate", "--backup"])[0] == 0
        argv = [str(next((data_dir / "backups").glob("*.dump"))) if arg == "DUMP" else arg for arg in argv]
    env = {**os.environ, "DATABASE_URL": target_url, "APP_ENV": "development", "OPENTR_DATA_DIR": str(data_dir)}
    env.pop(APP_NAME_ENV, None)  # under `./opentr.sh test` it names the test run, and the command keeps it
    application = f"opentr {argv[0]}"
    began = time.monotonic()
    first = command(argv, env)
    wait_for(lambda: working(target_url, application) or first.poll() is not None, "the command to connect")
    connected = time.monotonic()
    assert first.wait() == 0, first.stdout.read()
    work = max(time.monotonic() - connected, 0.05)  # how long the command works once connected
    killed_after = []
    for point in range(KILL_POINTS):
        process = command(argv, env)
        wait_for(lambda p=process: working(target_url, application) or p.poll() is not None, "the command to connect")
        time.sleep(work * point / KILL_POINTS)  # where to strike: a point of the work, not a time budget
        killed_after.append(process.poll() is None)
        process.kill()
        process.wait()
        wait_for(lambda: not working(target_url, application), "the killed command's sessions to end")
        assert complete(target_url), f"after a kill at point {point}/{KILL_POINTS}"
    assert any(killed_after), f"every run ended before its kill ({time.monotonic() - began:.1f}s in all)"
    code, out, err = run_cli(argv)
    assert code == 0, err
    old_copies_dropped(target_url)
    assert complete(target_url) and leftovers(target_url) == []


def test_a_reset_repairs_a_missing_target_from_the_old_copy_and_says_so(target_url):
    """Should a run ever die between dropping and renaming, the old copy is put back, not lost."""
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    old_copies_dropped(target_url)
    query(target_url, "INSERT INTO tag (name) VALUES ('Keep me')")
    name = database_name(target_url)
    with admin_connection(target_url) as admin, admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        rename_database(admin, name, side_name(name, OLD_SUFFIX))
        create_database(admin, side_name(name, "__building"))
    code, out, err = run_cli(["status"])
    assert f"put {side_name(name, OLD_SUFFIX)} back in its place" in out, out + err
    assert f"dropped {side_name(name, '__building')}, left by a killed run" in out
    assert query(target_url, "SELECT count(*) FROM tag WHERE name = 'Keep me'") == [(1,)]
    assert leftovers(target_url) == []


@contextmanager
def not_postgresql() -> Iterator[int]:
    """A port that accepts TCP and then says nothing (like `python3 -m http.server` does to libpq)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    done = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not done.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield listener.getsockname()[1]
    finally:
        done.set()
        acceptor.join()
        for connection in held:
            connection.close()
        listener.close()


@pytest.mark.parametrize(
    "argv", [["status"], ["inspect"], ["reset", "dev", "--yes"], ["check", "--only", "sql,models"]]
)
def test_a_port_that_is_not_postgresql_ends_the_command_with_one_line(argv, monkeypatch):
    """No command hangs: after PGCONNECT_TIMEOUT seconds it says so in one line and exits 1."""
    with not_postgresql() as port:
        url = f"postgresql+psycopg2://postgres@127.0.0.1:{port}/opentranscribe"
        monkeypatch.setenv("PGCONNECT_TIMEOUT", "1")
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("SCHEMAPARITY_SERVER_URL", with_database(url, "postgres"))
        code, out, err = run_cli(argv)
    assert code == 1, out + err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "within 1s (PGCONNECT_TIMEOUT)" in lines[0], err
    assert "Traceback" not in out + err


def test_db_status_says_running_only_when_postgresql_answers(tmp_path, monkeypatch):
    """A port file naming a port where something else listens is not a running server (exit 1)."""
    monkeypatch.setenv("OPENTR_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "1")
    with not_postgresql() as port:
        (tmp_path / "postgres.port").write_text(f"{port}\n")
        code, out, _ = run_cli(["db", "status"])
    assert code == 1 and "stopped" in out and "running on" not in out
    assert "done in" not in out


@pytest.fixture
def pg15(server_url) -> Iterator[str]:
    """A database on the machine's second PostgreSQL major (skipped when none answers); the databases
    the test makes there (templates included) are dropped afterwards."""
    second = second_server(major_unlike=server_url)
    if second is None:
        pytest.skip("needs a PostgreSQL of another major version on 127.0.0.1:5432")
    before = set(database_names(second))
    name = f"opentr_fault_{os.getpid()}_{time.monotonic_ns()}"
    with admin_connection(second) as admin:
        create_database(admin, name)
    yield with_database(second, name)
    old_copies_dropped(with_database(second, name))
    with admin_connection(second) as admin, admin.cursor() as cursor:
        for made in sorted(set(database_names(second)) - before):
            cursor.execute(sql.SQL("ALTER DATABASE {} IS_TEMPLATE false").format(sql.Identifier(made)))
            drop_database(admin, made)


def database_names(server: str) -> list[str]:
    return [name for (name,) in query(server, "SELECT datname FROM pg_database")]


def test_backup_and_restore_on_the_other_major_use_its_own_client_programs(pg15, data_dir, monkeypatch):
    """A backup of the other major is written by its pg_dump, read back by its pg_restore, and restores."""
    monkeypatch.setenv("DATABASE_URL", pg15)
    monkeypatch.setenv("APP_ENV", "development")
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    query(pg15, "INSERT INTO tag (name) VALUES ('Only in the dump')")
    code, out, err = run_cli(["migrate", "--backup"])
    assert code == 0, err
    assert "pg_restore reads it back" in out
    (dump,) = (data_dir / "backups").glob("*.dump")
    query(pg15, "DELETE FROM tag WHERE name = 'Only in the dump'")
    code, out, err = run_cli(["restore", str(dump), "--yes"])
    assert code == 0, err
    assert query(pg15, "SELECT count(*) FROM tag WHERE name = 'Only in the dump'") == [(1,)]


def test_a_dump_of_another_major_is_refused_before_anything_changes(pg15, target_url, data_dir, monkeypatch):
    """An 18 archive into a 15 server (or the other way round) is refused with both versions named."""
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    assert run_cli(["migrate", "--backup"])[0] == 0
    (dump,) = (data_dir / "backups").glob("*.dump")
    monkeypatch.setenv("DATABASE_URL", pg15)
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    query(pg15, "INSERT INTO tag (name) VALUES ('Keep me')")
    code, _, err = run_cli(["restore", str(dump), "--yes"])
    assert code == 3, err
    assert "is a dump of PostgreSQL 18; the target runs 15" in err and "nothing was changed" in err
    assert query(pg15, "SELECT count(*) FROM tag WHERE name = 'Keep me'") == [(1,)]


def test_interrupting_a_command_prints_no_traceback(target_url):
    """Ctrl-C during a command: a line, not a stack."""
    env = {**os.environ, "DATABASE_URL": target_url, "APP_ENV": "development"}
    env.pop(APP_NAME_ENV, None)
    process = command(["reset", "dev", "--yes"], env)
    wait_for(lambda: working(target_url, "opentr reset") or process.poll() is not None, "the reset to connect")
    process.send_signal(signal.SIGINT)
    output = process.communicate()[0].decode()
    assert "Traceback" not in output
