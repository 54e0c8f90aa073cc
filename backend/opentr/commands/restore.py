"""`./opentr.sh restore FILE`."""

from __future__ import annotations

from opentr.registry import EXIT_OK, command


def arguments(parser) -> None:
    from opentr.guards import replacing_arguments

    parser.add_argument("file")
    replacing_arguments(parser)


@command("restore", "FILE [--yes] [--allow-remote]", arguments=arguments)
def restore(args, ctx) -> int:
    """Replace the target database with a pg_dump -Fc archive; guarded like reset dev.

    Restored beside the old database with pg_restore of the server's major version, and swapped in
    only when pg_restore succeeded; an archive of another major is refused before anything changes.
    """
    from pathlib import Path

    from opentr.backup import human_size, restore_database
    from opentr.guards import guarded_target, refuse_to_lose_data
    from opentr.marker import MARKER_TABLE
    from opentr.target import shown_path
    from schemaparity.pg.urls import hide_password

    dump = Path(args.file).resolve()
    if not dump.is_file():
        raise FileNotFoundError(f"no dump file at {args.file}")
    url = guarded_target(ctx, args, "restore")

    def check() -> None:
        refuse_to_lose_data(url, yes=args.yes, out=ctx.out)
        ctx.say(f"restoring {shown_path(dump)} ({human_size(dump.stat().st_size)}) into {hide_password(url)}")

    summary, cleared_marker = restore_database(url, dump, check=check, say=ctx.say)
    if cleared_marker:
        ctx.say(f"  removed the dump's production marker ({MARKER_TABLE}): this copy is not production")
    ctx.say(f"  {summary}")
    return EXIT_OK
