"""`reset dev` refuses unsafe targets (exit 3) without changing anything, and asks on a terminal."""

from __future__ import annotations

import io
import socket
import subprocess
import uuid

import psycopg2
import pytest

from opentr.guards import READ_ONLY, remote_hosts
from opentr.marker import MARKER_TABLE
from schemaparity.pg.urls import database_name, with_database
from tests.helpers import query
from tests.opentr.helpers import run_cli


class FakeTerminal(io.StringIO):
    """Standard input that claims to be a terminal and holds the operator's answer."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def target_with_data(target_url) -> str:
    """A reset target holding rows the operator would lose: a user and a tag of their own."""
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    query(target_url, "INSERT INTO \"user\" (email, hashed_password) VALUES ('me@example.com', 'x') RETURNING id")
    query(target_url, "INSERT INTO tag (name) VALUES ('Mine') RETURNING id")
    return target_url


@pytest.fixture
def connections(monkeypatch) -> list[dict]:
    """Every psycopg2 connection opened, by its keyword arguments; psql/pg_* runs fail the test."""
    opened: list[dict] = []
    real_connect = psycopg2.connect

    def spy(*args, **kwargs):
        opened.append(kwargs)
        return real_connect(*args, **kwargs)

    def no_subprocess(*args, **kwargs):
        raise AssertionError(f"a refused command ran a program: {args[0]}")

    monkeypatch.setattr(psycopg2, "connect", spy)
    monkeypatch.setattr(subprocess, "run", no_subprocess)
    return opened


def _assert_untouched(url: str, connections: list[dict]) -> None:
    """The refused command opened only read-only sessions on the target, whose rows are all there."""
    name = database_name(url)
    to_target = [kwargs for kwargs in connections if kwargs.get("dbname") == name]
    assert to_target and all(kwargs.get("options") == READ_ONLY for kwargs in to_target), to_target
    assert query(url, "SELECT count(*) FROM \"user\" WHERE email = 'me@example.com'") == [(1,)]
    assert query(url, "SELECT count(*) FROM tag WHERE name = 'Mine'") == [(1,)]
    assert query(url, "SELECT count(*) FROM pg_database WHERE starts_with(datname, %s)", (name,)) == [(1,)]


def test_first_reset_of_a_missing_database_needs_no_yes(databases, monkeypatch):
    """A fresh clone's first reset runs without a terminal and without --yes (CI does this)."""
    name = f"fresh_clone_{uuid.uuid4().hex[:12]}"
    url = with_database(databases.server_url, name)
    databases.created.append(name)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("APP_ENV", "development")
    code, out, err = run_cli(["reset", "dev"])
    assert code == 0, err
    assert query(url, "SELECT count(*) FROM tag") == [(4,)]


def test_reset_of_reference_rows_only_needs_no_yes(target_url):
    """A database holding only the reference rows has nothing to lose: no --yes needed."""
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    code, _, err = run_cli(["reset", "dev"])
    assert code == 0, err


def test_reset_refuses_data_without_yes_when_not_interactive(target_with_data, connections):
    """Rows beyond the reference data, no terminal, no --yes: refused, only read-only sessions opened."""
    code, out, err = run_cli(["reset", "dev"])
    assert code == 3
    assert err.startswith("refused: database ") and err.count("\n") == 1
    assert "rows in tag, user" in err and "pass --yes" in err
    _assert_untouched(target_with_data, connections)


def test_migrate_in_production_marks_the_database_and_reset_refuses_it(target_url, monkeypatch, connections):
    """The marker `migrate` writes under APP_ENV=production stops reset on any machine, even with --yes."""
    monkeypatch.setenv("APP_ENV", "production")
    code, out, err = run_cli(["migrate"])
    assert code == 0, err
    assert f"marked the database production in {MARKER_TABLE}" in out
    assert query(target_url, f"SELECT key, value FROM {MARKER_TABLE}") == [("environment", "production")]
    query(target_url, "INSERT INTO tag (name) VALUES ('Customer data') RETURNING id")
    monkeypatch.setenv("APP_ENV", "development")
    connections.clear()
    code, _, err = run_cli(["reset", "dev", "--yes"])
    assert code == 3
    name = database_name(target_url)
    assert err == f"refused: database {name} is marked production ({MARKER_TABLE}.environment); it is never replaced\n"
    to_target = [kwargs for kwargs in connections if kwargs.get("dbname") == name]
    assert to_target and all(kwargs.get("options") == READ_ONLY for kwargs in to_target)
    assert query(target_url, "SELECT count(*) FROM tag WHERE name = 'Customer data'") == [(1,)]


@pytest.mark.parametrize("command", [["reset", "dev", "--yes"], ["restore", __file__, "--yes"]])
def test_remote_host_is_refused_before_any_connection(command, monkeypatch):
    """A non-local host needs --allow-remote; the refusal comes before any DNS lookup or connection."""

    def no_network(*args, **kwargs):
        raise AssertionError("a refused command tried to reach the network")

    for target, name in [(psycopg2, "connect"), (socket, "getaddrinfo"), (socket, "create_connection")]:
        monkeypatch.setattr(target, name, no_network)
    monkeypatch.setattr(subprocess, "run", no_network)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg2://app:s3cret@db.example.com:5432/opentranscribe")
    monkeypatch.setenv("APP_ENV", "development")
    code, out, err = run_cli(command)
    assert code == 3
    assert err == "refused: db.example.com is not this machine; pass --allow-remote to replace a database there\n"
    assert "s3cret" not in out + err


@pytest.mark.parametrize(
    ("url", "remote"),
    [
        ("postgresql://u@localhost/db", []),
        ("postgresql://u@127.0.0.1:5432/db", []),
        ("postgresql://u@127.8.9.10/db", []),
        ("postgresql://u@[::1]:5432/db", []),
        ("postgresql://u@/db?host=/var/run/postgresql", []),
        ("postgresql://u@/db", []),
        ("postgresql://u@db.example.com/db", ["db.example.com"]),
        ("postgresql://u@10.0.0.5/db", ["10.0.0.5"]),
        ("postgresql://u@localhost/db?hostaddr=192.168.1.2", ["192.168.1.2"]),
        ("postgresql://u@/db?host=localhost&host=replica.internal", ["replica.internal"]),
    ],
)
def test_remote_hosts_are_judged_from_the_url_alone(url, remote, monkeypatch):
    """Loopback addresses, localhost and Unix sockets are local; every other host is remote."""
    monkeypatch.delenv("PGHOST", raising=False)
    monkeypatch.delenv("PGHOSTADDR", raising=False)
    assert remote_hosts(url) == remote


@pytest.mark.parametrize(("answer", "code"), [("y\n", 0), ("yes\n", 0), ("n\n", 3), ("\n", 3), ("", 3)])
def test_terminal_asks_before_replacing_data(target_with_data, monkeypatch, answer, code):
    """On a terminal without --yes the target (password hidden) is shown and only y/yes goes ahead."""
    monkeypatch.setenv("DATABASE_URL", target_with_data.replace("@", ":hunter2@", 1))
    monkeypatch.setattr("sys.stdin", FakeTerminal(answer))
    got, out, err = run_cli(["reset", "dev"])
    assert got == code, err
    assert "replace it? [y/N]" in out and "***" in out and "hunter2" not in out + err
    left = query(target_with_data, "SELECT count(*) FROM tag WHERE name = 'Mine'")
    assert left == [(0,)] if code == 0 else [(1,)]
    if code == 3:
        assert err == "refused: not confirmed; nothing was changed\n"
