"""`check`, `stamp` and `status`: the parity engine applied to this project.

Scratch databases go to `SCHEMAPARITY_SERVER_URL` when set, otherwise to the
embedded development server (started on demand), so a check needs no other server.
"""

from __future__ import annotations

import argparse
import os
from typing import TextIO

import psycopg2

from app.core.config import Settings, hide_password
from app.db.migrations import run_alembic, script_directory
from app.ops import target
from schemaparity import cli as parity_cli
from schemaparity.check import run_check
from schemaparity.config import Config, load_config
from schemaparity.pgclient import connect_kwargs, with_database
from schemaparity.render import render_text
from schemaparity.result import EXIT_DRIFT, EXIT_IDENTICAL, CheckResult
from schemaparity.server import SERVER_URL_ENV
from schemaparity.sources import LiveSource, MigrationsSource, read_stamp

PYPROJECT = target.PROJECT_ROOT / "pyproject.toml"


def scratch_server_url(out: TextIO) -> str:
    """Where scratch databases go: the configured server, else the embedded development server."""
    configured = os.environ.get(SERVER_URL_ENV)
    if configured:
        return configured
    server = target.dev_server()
    if server.ensure_running():
        print(f"started embedded PostgreSQL on 127.0.0.1:{server.port} for scratch databases", file=out)
    return server.url()


def check(argv: list[str], out: TextIO, err: TextIO) -> int:
    """`./opentr.sh check [schemaparity flags]`: the three sources (and Pydantic) must agree."""
    return parity_cli.run(["--config", str(PYPROJECT), *argv], out, err, server_url=scratch_server_url(err))


def live_scratch_server_url(url: str, out: TextIO) -> str:
    """For comparing a live database: its own server when this role may create databases there.

    Catalogs are only comparable within one major version; the live server itself is
    the surest match. Otherwise the usual scratch server (the engine refuses a mismatch).
    """
    if os.environ.get(SERVER_URL_ENV):
        return os.environ[SERVER_URL_ENV]
    with psycopg2.connect(**connect_kwargs(url)) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")
        may_create = cursor.fetchone()[0]
    connection.close()
    return with_database(url, "postgres") if may_create else scratch_server_url(out)


def compare_live_with_head(url: str, out: TextIO) -> CheckResult:
    """The live database against `alembic upgrade head` built in a scratch database."""
    config: Config = load_config(PYPROJECT)
    return run_check(
        [MigrationsSource(config.alembic_ini), LiveSource(url)],
        live_scratch_server_url(url, out),
        ignored_tables=config.ignored_qualified,
        data_tables=config.data_tables,
    )


def cmd_stamp(args: argparse.Namespace, settings: Settings, url: str, out: TextIO) -> int:
    """Stamp the live database at head only when its schema is head's (or with --force)."""
    result = compare_live_with_head(url, out)
    if result.exit_code != EXIT_IDENTICAL:
        out.write(render_text(result))
        if not args.force:
            print("not stamped: the live schema differs from head (fix it, or --force to stamp anyway)", file=out)
            return result.exit_code
        print("stamping anyway (--force): the differences above stay in the database", file=out)
    run_alembic("stamp", "head", url)
    print(f"stamped {hide_password(url)} at {', '.join(script_directory().get_heads())}", file=out)
    return EXIT_IDENTICAL


def cmd_status(args: argparse.Namespace, settings: Settings, url: str, out: TextIO) -> int:
    """Target, current revision, head, pending revisions, and whether the schema is head's."""
    script = script_directory()
    current, head = read_stamp(url), ", ".join(script.get_heads())
    pending = [revision.revision for revision in reversed(list(script.iterate_revisions(head, current or "base")))]
    result = compare_live_with_head(url, out)
    print(f"target:   {hide_password(url)}", file=out)
    print(f"revision: {current or '(not stamped)'}", file=out)
    print(f"head:     {head}", file=out)
    print(f"pending:  {', '.join(pending) if pending else 'none'}", file=out)
    if result.exit_code == EXIT_IDENTICAL:
        print("schema:   matches head", file=out)
    elif result.exit_code == EXIT_DRIFT:
        print(f"schema:   differs from head in {len(result.differences)} place(s):", file=out)
        out.write(render_text(result))
    else:
        print("schema:   could not be compared:", file=out)
        out.write(render_text(result))
    return EXIT_IDENTICAL
