"""`./opentr.sh inspect`."""

from __future__ import annotations

from opentr.registry import EXIT_OK, command


def arguments(parser) -> None:
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the embedded dev database)")


@command("inspect", "[--url URL]", arguments=arguments, timed=False)
def inspect(args, ctx) -> int:
    """Tables with rows and sizes, the revision against head (also scripts/db_inspect.py)."""
    from opentr.dbinspect import inspect_database

    inspect_database(args.url or ctx.target_url(), ctx.out)
    return EXIT_OK
