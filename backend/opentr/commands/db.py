"""`./opentr.sh db start|stop|status`."""

from __future__ import annotations

from opentr.registry import EXIT_FAILED, EXIT_OK, command


def arguments(parser) -> None:
    parser.add_argument("action", choices=["start", "stop", "status"])


@command("db", "start|stop|status", arguments=arguments, timed=False)
def db(args, ctx) -> int:
    """The embedded PostgreSQL under data/postgres; `start` prints the DATABASE_URL to use from other tools,
    `status` says running only when PostgreSQL answers on its port (exit 1 otherwise). `stop` stops the
    scratch server too (the check's, started by the check; see `opentr.target.scratch_server`) and removes
    its folder, which holds nothing to keep and may be in memory; `status` names it."""
    from opentr.target import DEV_DATABASE, dev_server, scratch_server, shown_path
    from schemaparity.pg.urls import hide_password

    server = dev_server()
    if args.action == "start":
        started = server.ensure_running()
        state = "started" if started else "already running"
        ctx.say(f"embedded PostgreSQL {state} on 127.0.0.1:{server.port} ({shown_path(server.pgdata)})")
        ctx.say(f"  DATABASE_URL={server.url(DEV_DATABASE)}")
        return EXIT_OK
    if args.action == "stop":
        ctx.say(f"embedded PostgreSQL {'stopped' if server.stop() else 'was not running'}")
        if scratch_server().remove():  # scratch only, and maybe in memory: the next check makes it again
            ctx.say("the check's scratch PostgreSQL stopped")
        return EXIT_OK
    answers = server.answers()
    if answers:
        ctx.say(f"embedded PostgreSQL: running on 127.0.0.1:{server.port} ({shown_path(server.pgdata)})")
    elif server.is_running():
        ctx.say(f"embedded PostgreSQL: started, but nothing answers on 127.0.0.1:{server.port} as PostgreSQL")
    else:
        ctx.say(f"embedded PostgreSQL: stopped ({shown_path(server.pgdata)})")
    scratch = scratch_server()
    if scratch.answers():
        ctx.say(f"  the check's scratch PostgreSQL: running on 127.0.0.1:{scratch.port} ({shown_path(scratch.pgdata)})")
    if ctx.settings.DATABASE_URL:
        ctx.say(f"  note: DATABASE_URL is set; commands use {hide_password(ctx.settings.DATABASE_URL)}")
    return EXIT_OK if answers else EXIT_FAILED
