"""`./opentr.sh` commands. Each is a plain function returning an exit code; `run()` parses.

Exit codes: 0 done, 1 failed, 2 usage error, 3 refused as unsafe.
"""

from __future__ import annotations

import argparse
import functools
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from app.core.config import AppEnv, Settings, hide_password
from app.ops import target
from app.ops.backup import dump_database, human_size, restore_database
from app.ops.guards import ResetRefused, refuse_in_production, refuse_remote, refuse_to_lose_data
from app.ops.marker import MARKER_TABLE, PRODUCTION, write_environment
from app.ops.reset import reset_database
from app.ops.target import shown_path
from schemaparity.embedded import EmbeddedServerError
from schemaparity.messages import describe
from schemaparity.pgclient import admin_connection, create_database, database_exists
from schemaparity.sqlfile import SqlFileError

HELP = """\
usage: ./opentr.sh COMMAND [options]

  reset dev [--yes] [--allow-remote] [--seed-demo]
                          rebuild the development database from database/init_db.sql
                          (a clone of a template cached by the file's hash); --seed-demo adds
                          demo rows; refuses (exit 3) production, remote hosts without
                          --allow-remote, and replacing data unconfirmed (--yes, or y on a terminal)
  migrate [--backup]      run `alembic upgrade head` on the target database;
                          --backup first writes a pg_dump to data/backups/
  restore FILE [--yes] [--allow-remote]
                          replace the target database with a pg_dump -Fc archive;
                          guarded like reset dev
  check [--format json] [--only sql,models,...] [--live URL] [--sql F] [--models M:A]
                          build init_db.sql, the models and `alembic upgrade head` in scratch
                          databases and prove them identical (exit 0), or name every
                          difference (exit 2); a source that fails to build: exit 1
  stamp [--force]         stamp the target at head, only when its schema is head's
  status                  target, current revision, head, pending revisions, schema vs head
  inspect [--url URL]     tables with rows and sizes, revision against head
  lint                    squawk on each revision's SQL, ruff on the Python code
  bench [--quick] [--only NAME]
                          the speed targets, as ratios against baselines run side by side
  db start|stop|status    the embedded PostgreSQL under data/postgres
  logs postgres [-n N]    the last N lines of the embedded server's log
  test [PYTEST ARGS]      the test suite
  help                    this text

The target is DATABASE_URL (environment or .env); without it, the embedded
PostgreSQL under data/, started on demand.
"""

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """Usage errors print the command list and exit 2, never a traceback."""

    def error(self, message: str) -> None:
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def cmd_reset(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    sql_path = target.PROJECT_ROOT / "database" / "init_db.sql"
    demo_path = target.PROJECT_ROOT / "database" / "demo_data.sql" if args.seed_demo else None
    url = _guarded_target(args, settings, out, "reset dev")

    def check() -> None:
        refuse_to_lose_data(url, yes=args.yes, out=out)
        print(f"resetting {hide_password(url)} from {shown_path(sql_path)}", file=out)

    template, summary = reset_database(
        url, sql_path, demo_path=demo_path, check=check, say=functools.partial(print, file=out)
    )
    print(f"  {template.describe(shown_path(sql_path))}", file=out)
    for dropped in template.dropped:
        print(f"  dropped older template {dropped}", file=out)
    if demo_path is not None:
        print(f"  loaded demo data from {shown_path(demo_path)}", file=out)
    print(f"  {summary}", file=out)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    dump = Path(args.file).resolve()
    if not dump.is_file():
        raise FileNotFoundError(f"no dump file at {args.file}")
    url = _guarded_target(args, settings, out, "restore")

    def check() -> None:
        refuse_to_lose_data(url, yes=args.yes, out=out)
        print(f"restoring {shown_path(dump)} ({human_size(dump.stat().st_size)}) into {hide_password(url)}", file=out)

    summary, cleared_marker = restore_database(url, dump, check=check, say=functools.partial(print, file=out))
    if cleared_marker:
        print(f"  removed the dump's production marker ({MARKER_TABLE}): this copy is not production", file=out)
    print(f"  {summary}", file=out)
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from app.db.migrations import run_alembic

    url = _target_url(settings, out)
    if args.backup:
        _backup(url, out)
    if not settings.DATABASE_URL:
        _create_if_missing(url, out)
    print(f"migrating {hide_password(url)} to head", file=out)
    run_alembic("upgrade", "head", url, configure_logging=True)
    if settings.APP_ENV is AppEnv.production:
        write_environment(url, PRODUCTION)
        print(f"  marked the database production in {MARKER_TABLE}: reset dev and restore refuse it", file=out)
    return EXIT_OK


def cmd_db(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    server = target.dev_server()
    if args.action == "start":
        started = server.ensure_running()
        print(
            f"embedded PostgreSQL {'started' if started else 'already running'} on 127.0.0.1:{server.port} "
            f"({shown_path(server.pgdata)})",
            file=out,
        )
        print(f"  DATABASE_URL={server.url(target.DEV_DATABASE)}", file=out)
    elif args.action == "stop":
        stopped = server.stop()
        print(f"embedded PostgreSQL {'stopped' if stopped else 'was not running'}", file=out)
    else:
        running = server.is_running()
        state = f"running on 127.0.0.1:{server.port}" if running else "stopped"
        print(f"embedded PostgreSQL: {state} ({shown_path(server.pgdata)})", file=out)
        if settings.DATABASE_URL:
            print(f"  note: DATABASE_URL is set; commands use {hide_password(settings.DATABASE_URL)}", file=out)
    return EXIT_OK


def cmd_logs(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    server = target.dev_server()
    text = server.log_tail(args.lines)
    if not text:
        print(f"no log yet at {shown_path(server.log_file)} (start the server with `./opentr.sh db start`)", file=err)
        return EXIT_FAILED
    print(text, file=out)
    return EXIT_OK


def cmd_stamp(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from app.ops.parity import cmd_stamp as stamp

    return stamp(args, settings, _target_url(settings, out), out)


def cmd_status(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from app.ops.parity import cmd_status as status

    return status(args, settings, _target_url(settings, out), out)


def _passthrough(command: str) -> Callable[[list[str], TextIO, TextIO], int]:
    """Commands with their own argument parsers, imported only when used."""
    if command == "check":
        from app.ops.parity import check

        return check
    if command == "lint":
        from app.ops.lint import run_with_ruff

        return run_with_ruff
    if command == "bench":
        from app.ops.bench import run as bench

        return bench
    from app.ops.dbinspect import main as inspect

    return inspect


PASSTHROUGH = ("check", "lint", "bench", "inspect")


def _guarded_target(args: argparse.Namespace, settings: Settings, out: TextIO, command: str) -> str:
    """The target URL, once the guards that need no connection passed.

    The commands run `refuse_to_lose_data` later, under the swap lock.
    """
    refuse_in_production(settings, command)
    url = _target_url(settings, out)
    refuse_remote(url, allow_remote=args.allow_remote)
    return url


def _backup(url: str, out: TextIO) -> None:
    name = target.database_name(url)
    with admin_connection(url) as admin:
        exists = database_exists(admin, name)
    if not exists:
        print(f"no backup: database {name} does not exist yet", file=out)
        return
    path = dump_database(url, target.data_dir() / "backups")
    print(f"backed up {name} to {shown_path(path)} ({human_size(path.stat().st_size)})", file=out)


def _target_url(settings: Settings, out: TextIO) -> str:
    return target.resolve_database_url(settings=settings, say=functools.partial(print, file=out))


def _create_if_missing(url: str, out: TextIO) -> None:
    name = target.database_name(url)
    with admin_connection(url) as admin:
        if not database_exists(admin, name):
            create_database(admin, name)
            print(f"created empty database {name}", file=out)


def _parser() -> _Parser:
    parser = _Parser(prog="./opentr.sh", add_help=False)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    reset = commands.add_parser("reset", add_help=False)
    reset.add_argument("environment", choices=["dev"])
    reset.add_argument("--seed-demo", action="store_true")
    reset.set_defaults(handler=cmd_reset)
    restore = commands.add_parser("restore", add_help=False)
    restore.add_argument("file")
    restore.set_defaults(handler=cmd_restore)
    for replacing in (reset, restore):
        replacing.add_argument("--yes", action="store_true")
        replacing.add_argument("--allow-remote", action="store_true")
    migrate = commands.add_parser("migrate", add_help=False)
    migrate.add_argument("--backup", action="store_true")
    migrate.set_defaults(handler=cmd_migrate)
    db = commands.add_parser("db", add_help=False)
    db.add_argument("action", choices=["start", "stop", "status"])
    db.set_defaults(handler=cmd_db)
    logs = commands.add_parser("logs", add_help=False)
    logs.add_argument("service", choices=["postgres"])
    logs.add_argument("-n", "--lines", type=int, default=50)
    logs.set_defaults(handler=cmd_logs, timed=False)
    stamp = commands.add_parser("stamp", add_help=False)
    stamp.add_argument("--force", action="store_true")
    stamp.set_defaults(handler=cmd_stamp)
    commands.add_parser("status", add_help=False).set_defaults(handler=cmd_status, timed=False)
    commands.add_parser("help", add_help=False)
    return parser


def run(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Parse `argv`, run the command, and turn expected failures into one clear message."""
    if argv and argv[0] in PASSTHROUGH:
        return _passthrough(argv[0])(argv[1:], out, err)
    try:
        args = _parser().parse_args(argv)
    except _UsageError as error:
        known = {"reset", "restore", "migrate", "db", "logs", "stamp", "status", "help"}
        reason = f"unknown command {argv[0]!r}" if argv and argv[0] not in known else str(error)
        print(f"error: {reason}\n\n{HELP}", file=err, end="")
        return EXIT_USAGE
    if args.command in (None, "help"):
        print(HELP, file=out, end="")
        return EXIT_OK if args.command == "help" else EXIT_USAGE
    handler: Callable[..., int] = args.handler
    started = time.monotonic()
    try:
        code = handler(args, Settings(), out, err)
    except ResetRefused as refusal:
        print(f"refused: {refusal}", file=err)
        return EXIT_REFUSED
    except SqlFileError as failure:
        print(f"error: {failure.describe()}\nnothing was changed: the previous database is still in place", file=err)
        return EXIT_FAILED
    except (EmbeddedServerError, OSError, RuntimeError) as failure:
        print(f"error: {failure}", file=err)
        return EXIT_FAILED
    except Exception as failure:  # a database error: one line, no traceback, no secrets
        print(f"error: {describe(failure)}", file=err)
        return EXIT_FAILED
    if getattr(args, "timed", True):
        print(f"done in {time.monotonic() - started:.2f}s", file=out)
    return code


def main() -> None:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `./opentr.sh inspect | head` ends quietly
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
