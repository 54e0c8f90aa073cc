"""`./opentr.sh migrate`."""

from __future__ import annotations

from opentr.registry import EXIT_OK, command


def arguments(parser) -> None:
    parser.add_argument("--backup", action="store_true")


@command("migrate", "[--backup]", arguments=arguments)
def migrate(args, ctx) -> int:
    """Run `alembic upgrade head` on the target database; --backup first writes a pg_dump to data/backups/.

    Runs under the migration lock (one migrator at a time), each revision in its own transaction. A
    failure names the revision with its file and line. --backup writes `pg_dump -Fc` (of the server's
    major) to data/backups/<db>-<UTC time>.dump and checks that pg_restore can read it. Under
    APP_ENV=production it marks the database production (table opentr_metadata).
    """
    from opentr.marker import MARKER_TABLE, PRODUCTION, write_environment
    from opentr.target import ALEMBIC_INI
    from schemaparity.pg.migrate import run_alembic
    from schemaparity.pg.urls import hide_password

    url = ctx.target_url()
    if args.backup:
        _backup(url, ctx)
    if not ctx.settings.DATABASE_URL:
        _create_if_missing(url, ctx)
    ctx.say(f"migrating {hide_password(url)} to head")
    try:
        run_alembic("upgrade", "head", url, ALEMBIC_INI, configure_logging=True)
    except Exception as error:
        raise MigrationFailed(_blame(error)) from None
    if ctx.settings.APP_ENV == PRODUCTION:
        write_environment(url, PRODUCTION)
        ctx.say(f"  marked the database production in {MARKER_TABLE}: reset dev and restore refuse it")
    return EXIT_OK


class MigrationFailed(RuntimeError):
    """`alembic upgrade head` failed; the message names the revision (or env.py) and file:line."""


def _blame(error: Exception) -> str:
    from opentr.target import ALEMBIC_INI
    from schemaparity.sources import MigrationsSource
    from schemaparity.sources.migrations import Blame

    explained = Blame(MigrationsSource(ALEMBIC_INI).script()).explain(error, [])
    return f"{explained}; the database stays at the last revision that completed"


def _backup(url: str, ctx) -> None:
    from opentr.backup import dump_database, human_size
    from opentr.target import data_dir, shown_path
    from schemaparity.pg.connect import admin_connection, database_exists
    from schemaparity.pg.urls import database_name

    name = database_name(url)
    with admin_connection(url) as admin:
        exists = database_exists(admin, name)
    if not exists:
        ctx.say(f"no backup: database {name} does not exist yet")
        return
    path = dump_database(url, data_dir() / "backups")
    ctx.say(f"backed up {name} to {shown_path(path)} ({human_size(path.stat().st_size)}); pg_restore reads it back")


def _create_if_missing(url: str, ctx) -> None:
    from schemaparity.pg.connect import admin_connection, create_database, database_exists
    from schemaparity.pg.urls import database_name

    name = database_name(url)
    with admin_connection(url) as admin:
        if not database_exists(admin, name):
            create_database(admin, name)
            ctx.say(f"created empty database {name}")
