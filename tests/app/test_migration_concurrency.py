"""`alembic upgrade head` under concurrency and failure: the advisory lock and per-revision transactions."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from alembic import command
from app.core.config import get_settings
from app.db.migration_lock import MIGRATION_LOCK_KEY, MigrationLockTimeout
from app.db.migrations import run_migrations
from schemaparity.pg.connect import connect
from schemaparity.pg.migrate import alembic_config, script_directory
from tests.helpers import ALEMBIC_INI, PROJECT_ROOT, migrate, query

ALEMBIC = [sys.executable, "-m", "alembic"]
SCRIPT = script_directory(ALEMBIC_INI)
HEAD = SCRIPT.get_current_head()
REVISIONS = [script.revision for script in SCRIPT.walk_revisions()]
PROCESS_TIMEOUT = 60  # seconds any alembic process may take before the test gives up on it

FAILS_HALFWAY = f'''"""Creates a table and a column, then raises before the end of the revision."""

import sqlalchemy as sa

from alembic import op

revision = "0003_fails_halfway"
down_revision = "{HEAD}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_applied", sa.Column("id", sa.Integer(), primary_key=True))
    op.add_column("tag", sa.Column("half_applied", sa.Integer()))
    raise RuntimeError("0003_fails_halfway raises after its first DDL")


def downgrade() -> None:
    op.drop_column("tag", "half_applied")
    op.drop_table("half_applied")
'''

SLEEPS_MIDWAY = f'''"""Creates a table, then sleeps long enough to be killed."""

import sqlalchemy as sa

from alembic import op

revision = "0003_sleeps_midway"
down_revision = "{HEAD}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("sleepy", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("SELECT pg_sleep(30)")


def downgrade() -> None:
    op.drop_table("sleepy")
'''


def _lock_holders(url: str) -> list[int]:
    """Backends holding the migration lock on `url`'s database (read straight from pg_locks)."""
    rows = query(
        url,
        """
        SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
         WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()
           AND ((l.classid::bigint << 32) | l.objid::bigint) = %s AND l.objsubid = 1
        """,
        (MIGRATION_LOCK_KEY,),
    )
    return [pid for (pid,) in rows]


def _version(url: str) -> list[tuple]:
    return query(url, "SELECT version_num FROM alembic_version")


def _tables(url: str) -> list[str]:
    return [name for (name,) in query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]


def _env(url: str, lock_timeout: float = PROCESS_TIMEOUT) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "MIGRATION_LOCK_TIMEOUT": str(lock_timeout)}


@contextmanager
def _processes() -> Iterator[list[subprocess.Popen]]:
    """A list to start processes into; whatever still runs at the end is killed."""
    processes: list[subprocess.Popen] = []
    try:
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)


def _spawn(processes: list, ini: Path, url: str, log: Path, **env) -> subprocess.Popen:
    """Start `alembic -c ini upgrade head` with stdout and stderr going to `log`."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*ALEMBIC, "-c", str(ini), "upgrade", "head"], env=_env(url, **env), stdout=out, stderr=subprocess.STDOUT
        )
    processes.append(process)
    return process


def _upgrade(ini: Path, url: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*ALEMBIC, "-c", str(ini), "upgrade", "head"],
        env=_env(url, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=PROCESS_TIMEOUT,
    )


def _wait_until(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def _alembic_copy(tmp_path: Path, revision_name: str, revision_source: str) -> Path:
    """A copy of alembic/ with one extra revision, and an alembic.ini that uses it."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "alembic", root / "alembic", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "alembic" / "versions" / f"{revision_name}.py").write_text(revision_source)
    ini = ALEMBIC_INI.read_text()
    assert "script_location = %(here)s/alembic" in ini and "prepend_sys_path = %(here)s/backend" in ini
    # script_location stays %(here)s/alembic, which is now the copy; the code is the repo's.
    (root / "alembic.ini").write_text(ini.replace("%(here)s/backend", str(PROJECT_ROOT / "backend")))
    return root / "alembic.ini"


def test_eight_concurrent_upgrades_apply_each_revision_once(databases, tmp_path):
    """8 `alembic upgrade head` processes at once on an empty database all succeed; each revision runs once."""
    url = databases.create("concurrent")
    logs = [tmp_path / f"migrator{i}.log" for i in range(8)]
    with _processes() as processes:
        for log in logs:
            _spawn(processes, ALEMBIC_INI, url, log)
        codes = [process.wait(timeout=PROCESS_TIMEOUT) for process in processes]
    outputs = [log.read_text() for log in logs]
    assert codes == [0] * 8, "\n".join(outputs)
    assert not [out for out in outputs if "FAILED" in out or "Traceback" in out or "ERROR" in out]
    applied = Counter(match for out in outputs for match in re.findall(r"Running upgrade .*?-> (\S+),", out))
    assert applied == dict.fromkeys(REVISIONS, 1)
    assert _version(url) == [(HEAD,)]
    assert query(url, "SELECT count(*) FROM tag") == [(4,)]
    assert _lock_holders(url) == []


def test_a_failing_revision_leaves_the_previous_revision_and_none_of_its_ddl(databases, tmp_path):
    """A revision that raises halfway is rolled back whole; the revisions before it stay committed."""
    url = databases.create("fails")
    ini = _alembic_copy(tmp_path, "0003_fails_halfway", FAILS_HALFWAY)
    result = _upgrade(ini, url)
    assert result.returncode != 0
    assert "0003_fails_halfway raises after its first DDL" in result.stdout
    assert _version(url) == [(HEAD,)]
    assert "half_applied" not in _tables(url) and "tag" in _tables(url)
    assert query(url, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'half_applied'") == [(0,)]
    assert query(url, "SELECT count(*) FROM tag") == [(4,)]


def test_a_failed_upgrade_on_a_handed_in_connection_leaves_no_lock_in_the_pool(databases, tmp_path):
    """The lock's pooled connection goes back to the pool unlocked, so the next migrator gets the lock at once."""
    url = databases.create("pooled")
    config = alembic_config(_alembic_copy(tmp_path, "0003_fails_halfway", FAILS_HALFWAY))
    engine = create_engine(url)  # a QueuePool: connections outlive their use
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            with pytest.raises(RuntimeError, match="0003_fails_halfway"):
                command.upgrade(config, "head")
        assert engine.pool.checkedin() == 2 and engine.pool.checkedout() == 0
        assert _lock_holders(url) == []
        started = time.monotonic()
        migrate(url, "head")
        assert time.monotonic() - started < 5
    finally:
        engine.dispose()
    assert _version(url) == [(HEAD,)]


def test_a_migrator_killed_mid_revision_leaves_no_lock_and_the_rerun_reaches_head(databases, tmp_path):
    """SIGKILL during a revision ends the lock with the connection; a normal rerun then reaches head."""
    url = databases.create("killed")
    ini = _alembic_copy(tmp_path, "0003_sleeps_midway", SLEEPS_MIDWAY)
    log = tmp_path / "killed.log"

    def sleeping_under_the_lock() -> bool:
        if victim.poll() is not None:
            pytest.fail(f"the migrator exited early ({victim.returncode}):\n{log.read_text()}")
        sleeping = query(
            url,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND state = 'active' AND query LIKE 'SELECT pg_sleep(30)%%'",
        )
        return sleeping == [(1,)] and len(_lock_holders(url)) == 1

    with _processes() as processes:
        victim = _spawn(processes, ini, url, log)
        _wait_until(sleeping_under_the_lock, PROCESS_TIMEOUT, "the migrator to sleep inside 0003 under the lock")
        victim.send_signal(signal.SIGKILL)
        assert victim.wait(timeout=10) == -signal.SIGKILL
    _wait_until(lambda: _lock_holders(url) == [], 10, "the killed migrator's lock to go")
    assert _version(url) == [(HEAD,)]
    started = time.monotonic()
    rerun = _upgrade(ALEMBIC_INI, url)
    assert rerun.returncode == 0, rerun.stdout
    assert time.monotonic() - started < 15
    assert _version(url) == [(HEAD,)]
    assert "sleepy" not in _tables(url)


def test_a_lock_held_past_the_deadline_fails_clearly_without_ddl(databases):
    """With the lock held elsewhere, upgrade exits non-zero after MIGRATION_LOCK_TIMEOUT, naming the holder."""
    url = databases.create("held")
    holder = connect(url)
    holder.autocommit = True
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        started = time.monotonic()
        result = _upgrade(ALEMBIC_INI, url, lock_timeout=2)
        elapsed = time.monotonic() - started
        holder_pid = holder.info.backend_pid
    finally:
        holder.close()
    assert result.returncode != 0
    assert 2 <= elapsed < 10
    expected = f"could not get the migration lock within 2s: another migrator holds it (pid {holder_pid})"
    assert expected in result.stdout
    assert "Traceback" not in result.stdout
    assert _tables(url) == []


def test_run_migrations_brings_a_database_to_head_and_reruns_as_a_no_op(databases):
    """The start-up entry point upgrades an empty database to head; a second call changes nothing."""
    url = databases.create("startup")
    run_migrations(url)
    run_migrations(url)
    assert _version(url) == [(HEAD,)]
    assert query(url, "SELECT count(*) FROM tag") == [(4,)]


def test_run_migrations_raises_when_another_migrator_keeps_the_lock(databases, monkeypatch):
    """At start-up, a lock held past MIGRATION_LOCK_TIMEOUT raises MigrationLockTimeout and changes nothing."""
    url = databases.create("startup_held")
    monkeypatch.setenv("MIGRATION_LOCK_TIMEOUT", "0.5")
    get_settings.cache_clear()
    holder = connect(url)
    holder.autocommit = True
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        with pytest.raises(MigrationLockTimeout, match=rf"within 0\.5s: .*\(pid {holder.info.backend_pid}\)"):
            run_migrations(url)
    finally:
        holder.close()
        get_settings.cache_clear()  # the next reader sees the restored environment
    assert _tables(url) == []
