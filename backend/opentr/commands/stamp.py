"""`./opentr.sh stamp`."""

from __future__ import annotations

from opentr.registry import EXIT_OK, command


def arguments(parser) -> None:
    parser.add_argument("--force", action="store_true")


@command("stamp", "[--force]", arguments=arguments)
def stamp(args, ctx) -> int:
    """Stamp the target at head, only when its schema is head's (exit 2 and the differences otherwise).

    The switch from a database built by init_db.sql to migrations. Rows that users added to the
    reference tables are data, not drift. --force stamps anyway and says so.
    """
    from opentr.parity import compare_live_with_head
    from opentr.target import ALEMBIC_INI
    from schemaparity.pg.migrate import run_alembic, script_directory
    from schemaparity.pg.urls import hide_password
    from schemaparity.render import render_text
    from schemaparity.result import EXIT_IDENTICAL

    url = ctx.target_url()
    result = compare_live_with_head(url, ctx.say)
    if result.exit_code != EXIT_IDENTICAL:
        ctx.out.write(render_text(result))
        if not args.force:
            ctx.say("not stamped: the live schema differs from head (fix it, or --force to stamp anyway)")
            return result.exit_code
        ctx.say("stamping anyway (--force): the differences above stay in the database")
    run_alembic("stamp", "head", url, ALEMBIC_INI)
    ctx.say(f"stamped {hide_password(url)} at {', '.join(script_directory(ALEMBIC_INI).get_heads())}")
    return EXIT_OK
