"""Scratch databases are dropped on every exit path: success, a failing build, Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from app.ops.target import PROJECT_ROOT
from schemaparity.check import run_check
from schemaparity.sources import SqlFileSource
from tests.helpers import INIT_SQL, query

SCRATCH = "SELECT datname FROM pg_database WHERE datname LIKE 'schemaparity\\_%%' AND datname LIKE %s"


def _scratch_databases(server_url: str, pid: int) -> list[tuple]:
    return query(server_url, SCRATCH, (f"%\\_{pid}\\_%",))


def test_a_failing_build_leaves_no_scratch_database(server_url, tmp_path):
    """The source that failed and the one that built are both dropped."""
    broken = tmp_path / "broken.sql"
    broken.write_text("CREATE TABLE t (id int);\nCREATE INDEX ON missing (x);\n")
    result = run_check([SqlFileSource(INIT_SQL), SqlFileSource(broken, name="broken")], server_url)
    assert result.exit_code == 1
    assert _scratch_databases(server_url, os.getpid()) == []


def test_ctrl_c_ends_a_long_build_and_drops_its_database(server_url, tmp_path):
    """Ctrl-C during a build: exit 130 within seconds, and the scratch databases are gone."""
    slow = tmp_path / "slow.sql"
    slow.write_text("CREATE TABLE t (id int);\nSELECT pg_sleep(60);\n")
    command = [
        sys.executable,
        "-m",
        "schemaparity",
        "check",
        "--config",
        str(tmp_path / "none.toml"),
        "--sql",
        str(slow),
        "--alembic-ini",
        str(PROJECT_ROOT / "alembic.ini"),
        "--only",
        "sql,migrations",
    ]
    env = {**os.environ, "SCHEMAPARITY_SERVER_URL": server_url}
    checker = subprocess.Popen(
        command, env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 30
        while not query(server_url, "SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%%'"):
            assert time.monotonic() < deadline, "the slow build never started"
            time.sleep(0.1)
        started = time.monotonic()
        checker.send_signal(signal.SIGINT)
        _, err = checker.communicate(timeout=30)
        assert checker.returncode == 130, err
        assert time.monotonic() - started < 15
        assert "interrupted" in err
        assert _scratch_databases(server_url, checker.pid) == []
    finally:
        if checker.poll() is None:
            checker.kill()
            checker.wait()
