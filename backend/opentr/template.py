"""Template databases cached by the SQL file's hash, so a reset is a copy, not a re-run.

`opentr_tpl_<first 16 hex of sha256(init_db.sql)>` is built once from the file (under a
side name, renamed only when the whole file loaded) and marked IS_TEMPLATE with
connections disallowed, so nothing can hold it open and block a clone. When the file
changes, the next reset builds the new template and drops the older ones.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from psycopg2 import sql

from schemaparity.pg.connect import create_database, drop_database, rename_database
from schemaparity.pg.psql import run_sql_file
from schemaparity.pg.urls import with_database

PREFIX = "opentr_tpl_"
_BUILT_AT = re.compile(r"built (\S+) from")


@dataclass(frozen=True)
class Template:
    name: str
    built_at: datetime | None
    build_seconds: float | None = None
    dropped: tuple[str, ...] = field(default=())
    foreign_owner: str | None = None  # set when another role's template is in the way
    spared: bool = False  # the clone was the spare one, made after the last reset

    @property
    def usable(self) -> bool:
        return self.foreign_owner is None

    def describe(self, source: str) -> str:
        """What was cloned and where it came from, for the command's output."""
        if not self.usable:
            return f"loaded {source} (template {self.name} belongs to role {self.foreign_owner}; not used)"
        if self.build_seconds is not None:
            return f"cloned template {self.name} (built now from {source} in {self.build_seconds:.2f}s)"
        clone = "took the spare clone of template" if self.spared else "cloned template"
        if self.built_at is None:
            return f"{clone} {self.name} (cached)"
        return f"{clone} {self.name} (built {_age(self.built_at)} ago)"


def template_name(sql_path: Path) -> str:
    return PREFIX + hashlib.sha256(sql_path.read_bytes()).hexdigest()[:16]


def ensure_template(admin, url: str, sql_path: Path) -> Template:
    """The template for `sql_path`'s current content, built now if missing. Call under `server_lock`.

    A clone's objects belong to the template's owner, so only this role's template is
    cloned; another role's is rebuilt when this role may drop it, and left alone (the
    file is then loaded directly) when it may not.
    """
    name = template_name(sql_path)
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_userbyid(datdba), pg_get_userbyid(datdba) = current_user, pg_has_role(datdba, 'USAGE'),"
            " shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s AND datistemplate",
            (name,),
        )
        row = cursor.fetchone()
    if row is not None:
        owner, ours, droppable, comment = row
        if ours:
            found = _BUILT_AT.search(comment or "")
            return Template(name, datetime.fromisoformat(found[1]) if found else None)
        if not droppable:
            return Template(name, None, foreign_owner=owner)
        _drop_template(admin, name)
    started = time.monotonic()
    _build(admin, url, sql_path, name)
    return Template(name, datetime.now(UTC), time.monotonic() - started, _drop_older_templates(admin, keep=name))


def _build(admin, url: str, sql_path: Path, name: str) -> None:
    """Build under a side name, mark it a template, and only then give it its name."""
    building = f"{name}__building"
    drop_database(admin, building)
    drop_database(admin, name)  # a half-made one, left by a killed build (a template would not be dropped)
    create_database(admin, building)
    try:
        run_sql_file(with_database(url, building), sql_path)
    except BaseException:
        drop_database(admin, building)
        raise
    built = f"built {datetime.now(UTC).isoformat()} from {sql_path.name} (sha256 {name.removeprefix(PREFIX)}...)"
    with admin.cursor() as cursor:
        cursor.execute(
            sql.SQL("ALTER DATABASE {} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false").format(sql.Identifier(building))
        )
        cursor.execute(sql.SQL("COMMENT ON DATABASE {} IS %s").format(sql.Identifier(building)), (built,))
    rename_database(admin, building, name)


def drop_half_built(admin) -> tuple[str, ...]:
    """Drop the side databases of template builds that a killed run left (call under `server_lock`)."""
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname LIKE '%%\\_\\_building'"
            " AND NOT datistemplate AND pg_has_role(datdba, 'USAGE') ORDER BY datname",
            (PREFIX,),
        )
        names = tuple(name for (name,) in cursor.fetchall())
    for name in names:
        drop_database(admin, name)
    return names


def _drop_older_templates(admin, keep: str) -> tuple[str, ...]:
    """Drop the templates of older versions of the file (those this role may drop)."""
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s"
            " AND pg_has_role(datdba, 'USAGE') ORDER BY datname",
            (PREFIX, keep),
        )
        names = tuple(name for (name,) in cursor.fetchall())
    for name in names:
        _drop_template(admin, name)
    return names


def _drop_template(admin, name: str) -> None:
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("ALTER DATABASE {} IS_TEMPLATE false").format(sql.Identifier(name)))
    drop_database(admin, name)


def _age(built_at: datetime) -> str:
    seconds = (datetime.now(UTC) - built_at).total_seconds()
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.0f}{unit}"
    return f"{seconds:.1f}s"
