"""The parity engine applied to this project: its configuration, its scratch server, live against head.

Scratch databases go where the engine's one server choice puts them, with an
embedded server of the project's own (left running, not durable, in memory where it
can be: see `opentr.target.scratch_server`) in place of the engine's own cache.
"""

from __future__ import annotations

from collections.abc import Callable

from opentr.target import PYPROJECT, scratch_server
from schemaparity.config import Config, load_config
from schemaparity.pg.connect import connection
from schemaparity.pg.servers import ChosenServer, UrlServer, configured_server
from schemaparity.pg.urls import with_database
from schemaparity.result import CheckResult
from schemaparity.sources import LiveSource, MigrationsSource


def project_config() -> Config:
    return load_config(PYPROJECT, required=True)


def project_server(say: Callable[[str], None]) -> ChosenServer:
    """This project's scratch server: the engine's choice, with the project's own embedded one (left up)."""
    embedded = scratch_server()
    return ChosenServer(embedded.data_dir, keep_running=True, say=say, durable=embedded.durable)


def compare_live_with_head(url: str, say: Callable[[str], None]) -> CheckResult:
    """The live database against `alembic upgrade head` built in a scratch database.

    Catalogs are only comparable within one major version; the live server itself is
    the surest match, so the head is built there when this role may create databases,
    otherwise on the usual scratch server (the engine refuses a mismatch).
    """
    from schemaparity.check import run_check

    config = project_config()
    sources = [MigrationsSource(config.alembic_ini), LiveSource(url)]

    def check(server) -> CheckResult:
        return run_check(
            sources,
            server,
            snapshot=config.snapshot,
            project_root=config.root,
            pythonpath=config.pythonpath,
        )

    if configured_server() is None and _may_create_databases(url):
        return check(UrlServer(with_database(url, "postgres")))
    return check(project_server(say))


def _may_create_databases(url: str) -> bool:
    with connection(url) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")
        return bool(cursor.fetchone()[0])
