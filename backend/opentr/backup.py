"""`migrate --backup` and `restore FILE`: pg_dump custom-format archives under `data/backups/`.

pg_dump and pg_restore are the programs of the server's major version (see
`schemaparity.pg.clients`) and get the password through PGPASSWORD only, never on a
command line. A backup counts as written only when pg_restore of that major lists it.
A restore first reads the archive's header and refuses an archive of a newer major
before anything changes (an older one restores, as PostgreSQL upgrades do), then
restores into a side database that is swapped in only when pg_restore finished without
error, exactly like a reset.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from opentr.contents import SchemaSummary, summarize
from opentr.errors import Refused
from opentr.marker import clear_production
from opentr.swap import RESTORE_SUFFIX, repair_leftovers, replace_database, server_lock
from schemaparity.pg.clients import program_for_major, wheel_major, wheel_program
from schemaparity.pg.connect import admin_connection, server_major
from schemaparity.pg.urls import database_name, libpq_env

_DUMPED_FROM = re.compile(r"^;\s+Dumped from database version: (\d+)", re.MULTILINE)


def dump_database(url: str, directory: Path) -> Path:
    """`pg_dump -Fc` of the database `url` names into `directory`; the file appears only when complete and readable."""
    major = server_major(url)
    safe_name = re.sub(r"[^A-Za-z0-9_.-]", "_", database_name(url))
    path = directory / f"{safe_name}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.dump"
    partial = path.with_name(path.name + ".partial")
    directory.mkdir(parents=True, exist_ok=True)
    try:
        _run(program_for_major("pg_dump", major), url, "--format=custom", f"--file={partial}")
        archive_major(partial, major)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(path)
    return path


def archive_major(dump: Path, reader_major: int) -> int | None:
    """The major version the archive was dumped from, read by pg_restore of `reader_major` (which must read it).

    When it cannot, and a newer pg_restore (the embedded server's) can, the archive is
    of a newer major: that is refused by name, since no older server can restore it.
    """
    listed = _list(program_for_major("pg_restore", reader_major), dump)
    if listed.returncode == 0:
        found = _DUMPED_FROM.search(listed.stdout)
        return int(found[1]) if found else None
    newer = wheel_program("pg_restore")
    if (
        newer is not None
        and (wheel_major() or 0) > reader_major
        and (newer_listing := _list(newer, dump)).returncode == 0
    ):
        found = _DUMPED_FROM.search(newer_listing.stdout)
        raise Refused(
            f"{dump.name} is a dump of PostgreSQL {found[1] if found else 'a newer major'}; the target runs "
            f"{reader_major}, which cannot restore a newer major's dump (nothing was changed)"
        )
    raise RuntimeError(
        f"pg_restore {reader_major} cannot read {dump.name}: {_first_error(listed.stderr)}; nothing was changed"
    )


def _list(pg_restore: Path, dump: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(pg_restore), "--list", str(dump)], capture_output=True, text=True)


def restore_database(
    url: str, dump: Path, *, check: Callable[[], None], say: Callable[[str], None]
) -> tuple[SchemaSummary, bool]:
    """Replace the database `url` names with the content of `dump` (a `pg_dump -Fc` archive).

    Like a reset: `check` (the guards) runs under the swap lock, the swap only after
    pg_restore succeeded. Also says whether a production marker the dump carried was
    removed (see `clear_production`).
    """
    major = server_major(url)
    dumped_from = archive_major(dump, major)  # refuses a newer major's dump; an older one restores, as upgrades do
    if dumped_from is not None and dumped_from < major:
        say(f"  {dump.name} is a dump of PostgreSQL {dumped_from}: restoring it into {major}")
    cleared = False
    pg_restore = program_for_major("pg_restore", major)

    def fill(side_url: str) -> None:
        nonlocal cleared
        _run(pg_restore, side_url, "--exit-on-error", "--single-transaction", "--no-owner", str(dump))
        cleared = clear_production(side_url)

    with admin_connection(url) as admin, server_lock(admin, say):
        repair_leftovers(admin, database_name(url), say)
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


def _run(program: Path, url: str, *args: str) -> None:
    """Run a libpq program on `url`'s database; a failure is one line naming the program."""
    database = f"--dbname=dbname={_conninfo_quote(database_name(url))}"  # any name, even one with '='
    result = subprocess.run([str(program), database, *args], env=libpq_env(url), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{program.name} failed: {_first_error(result.stderr)}; nothing was changed")


def _first_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()] or ["(no message)"]
    first = next((line for line in lines if "error:" in line), lines[0])
    return first.split("error:", 1)[-1].strip()


def _conninfo_quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
