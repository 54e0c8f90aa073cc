"""`./opentr.sh revision`."""

from __future__ import annotations

from opentr.registry import command


def arguments(parser) -> None:
    from schemaparity.cli import revision_arguments

    revision_arguments(parser)


@command(
    "revision",
    "-m MESSAGE [--initial] [--sql-only] [--online] [--allow-data-loss] [--dry-run]",
    arguments=arguments,
    timed=False,
)
def revision(args, ctx) -> int:
    """Write the next Alembic revision from database/init_db.sql: head and the SQL file built in scratch
    databases, the change planned both ways, linted with squawk, formatted with ruff, and proven (upgrade
    reaches the SQL file's schema, downgrade the head's) before alembic/versions/<NNNN>_<slug>.py and
    the SQL file's new stamp are written. Exit 3 when the plan loses data (--allow-data-loss writes it).

    Then the three-way check runs: what it still reports on the models is the work left to do by hand.
    """
    from opentr.generation import ruff_format, squawk_verdict
    from opentr.parity import project_server
    from opentr.target import PYPROJECT
    from schemaparity.cli import project_config
    from schemaparity.generate import Request
    from schemaparity.generate.command import run_revision

    args.config = args.config or str(PYPROJECT)
    request = Request(args.message, args.initial, args.sql_only, args.online, args.allow_data_loss, args.dry_run)
    server = project_server(ctx.say)
    return run_revision(
        project_config(args), request, server, ctx.out, ctx.err, linter=squawk_verdict, formatter=ruff_format
    )
