"""`reset dev`: rebuild the development database from `database/init_db.sql`.

The new database is a clone of a template cached by the file's hash (built from the
file the first time; the clone itself made beforehand, after the last reset, when it
can be: see `opentr.spare`), made beside the old one and swapped in only when complete;
a broken SQL file or demo data file leaves the old database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from opentr.contents import SchemaSummary, summarize
from opentr.swap import BUILD_SUFFIX, repair_leftovers, replace_database, server_lock
from opentr.template import Template, ensure_template
from schemaparity.pg.connect import admin_connection
from schemaparity.pg.psql import run_sql_file
from schemaparity.pg.urls import database_name


def reset_database(
    url: str,
    sql_path: Path,
    *,
    demo_path: Path | None,
    check: Callable[[], None],
    say: Callable[[str], None],
) -> tuple[Template, SchemaSummary]:
    """Replace the database `url` names with a fresh copy of `sql_path` (plus `demo_path`'s rows).

    `check` (the guards) and the summary run under the swap lock, so a concurrent reset
    can neither invalidate the check nor end the session reading the summary.
    """
    with admin_connection(url) as admin, server_lock(admin, say):
        repair_leftovers(admin, database_name(url), say)
        check()
        template = ensure_template(admin, url, sql_path)

        def fill(side_url: str) -> None:
            if not template.usable:
                run_sql_file(side_url, sql_path)
            if demo_path is not None:
                run_sql_file(side_url, demo_path)

        spared = replace_database(
            admin, url, BUILD_SUFFIX, template=template.name if template.usable else None, fill=fill, spare=True
        )
        return replace(template, spared=spared), summarize(url)
