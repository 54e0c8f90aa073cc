"""`./opentr.sh reset dev`."""

from __future__ import annotations

from opentr.registry import EXIT_OK, command


def arguments(parser) -> None:
    from opentr.guards import replacing_arguments

    parser.add_argument("environment", choices=["dev"])
    parser.add_argument("--seed-demo", action="store_true")
    replacing_arguments(parser)


@command("reset", "dev [--yes] [--allow-remote] [--seed-demo]", arguments=arguments)
def reset(args, ctx) -> int:
    """Rebuild the development database from database/init_db.sql (a clone of a template cached by the
    file's hash); --seed-demo adds demo rows; refuses (exit 3) production, remote hosts without
    --allow-remote, and replacing data unconfirmed (--yes, or y on a terminal).

    The template `opentr_tpl_<sha256>` is rebuilt once when the file changes. The new database is
    built beside the old one and swapped in only when complete: the target name always resolves to a
    complete database, and a broken init_db.sql leaves the old one untouched. The next reset's clone
    is made in the background after this one (`<name>__spare`, closed to connections; OPENTR_SPARE=0
    turns this off), so that it only renames it into place. Refused under
    APP_ENV=production, on a database marked production, on a non-local host without --allow-remote,
    and on a database holding rows beyond the reference data unless confirmed. --seed-demo adds a demo
    user with media files, speakers, segments and tags (database/demo_data.sql).
    """
    from opentr.guards import guarded_target, refuse_to_lose_data
    from opentr.reset import reset_database
    from opentr.target import DEMO_SQL, INIT_SQL, shown_path
    from schemaparity.pg.urls import hide_password

    demo_path = DEMO_SQL if args.seed_demo else None
    url = guarded_target(ctx, args, "reset dev")

    def check() -> None:
        refuse_to_lose_data(url, yes=args.yes, out=ctx.out)
        ctx.say(f"resetting {hide_password(url)} from {shown_path(INIT_SQL)}")

    template, summary = reset_database(url, INIT_SQL, demo_path=demo_path, check=check, say=ctx.say)
    ctx.say(f"  {template.describe(shown_path(INIT_SQL))}")
    for dropped in template.dropped:
        ctx.say(f"  dropped older template {dropped}")
    if demo_path is not None:
        ctx.say(f"  loaded demo data from {shown_path(demo_path)}")
    ctx.say(f"  {summary}")
    return EXIT_OK
