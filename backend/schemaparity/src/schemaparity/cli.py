"""The `schemaparity` command line: sub-commands from one registry, one line per expected failure.

Exit codes: 0 identical (or done), 2 drift or a usage error, 1 a source failed to build
or the check could not run. `--debug` (or SCHEMAPARITY_DEBUG=1) shows the traceback of
an unexpected failure, for a bug report.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from schemaparity import __version__
from schemaparity.config import Config, ConfigError, find_config, load_config
from schemaparity.messages import describe
from schemaparity.project import SOURCE_NAMES, ProjectCheck
from schemaparity.result import EXIT_ERROR

EXIT_USAGE = 2
if TYPE_CHECKING:
    from schemaparity.pg.servers import Server
FORMATS = ("text", "json", "github")
DEBUG_ENV = "SCHEMAPARITY_DEBUG"


class UsageError(Exception):
    """Wrong arguments; exit 2 with the message and the usage line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        raise UsageError(f"{self.prog}: {message}")


@dataclass(frozen=True)
class Command:
    name: str
    run: Callable[..., int]
    arguments: Callable[[argparse.ArgumentParser], None]

    @property
    def summary(self) -> str:
        return (self.run.__doc__ or "").strip().splitlines()[0]


COMMANDS: dict[str, Command] = {}


def command(name: str, arguments: Callable[[argparse.ArgumentParser], None]):
    """Register `run(args, out, err, server) -> exit code` as the sub-command `name`."""

    def register(run: Callable[..., int]) -> Callable[..., int]:
        COMMANDS[name] = Command(name, run, arguments)
        return run

    return register


def check_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="pyproject.toml with [tool.schemaparity] (default: the nearest one)")
    p.add_argument("--sql", help="SQL file that builds the schema")
    p.add_argument("--models", help="module:attribute naming a MetaData or declarative Base")
    p.add_argument("--alembic-ini", help="alembic.ini whose head is built")
    p.add_argument("--live", metavar="URL", help="also compare an existing database (only read)")
    p.add_argument("--only", help=f"comma-separated sources to compare, of {', '.join(SOURCE_NAMES)}")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--verbose", action="store_true", help="list every object of a table or schema missing somewhere")
    p.add_argument("--no-cache", action="store_true", help="build every source again (also SCHEMAPARITY_NO_CACHE=1)")
    p.add_argument(
        "--compare-owners",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also compare who owns each object (default: [tool.schemaparity] compare_owners, else off: "
        "the scratch builds all run as one role)",
    )
    p.add_argument(
        "--pydantic",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="check the Pydantic read schemas against the models (default: on when configured)",
    )


@command("check", check_arguments)
def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO, server: Server | None) -> int:
    """Build each source in a scratch database and prove them identical (exit 0), or name each difference (2)."""
    from schemaparity.pg.servers import ChosenServer
    from schemaparity.render import render_json, render_notes, render_text
    from schemaparity.render_github import render_github

    plan = ProjectCheck.of(project_config(args), only=args.only, pydantic=args.pydantic)
    chosen = server or ChosenServer(say=lambda line: print(line, file=err))
    result = plan.run(chosen if plan.needs_scratch else None, use_cache=False if args.no_cache else None)
    err.write(render_notes(result))
    if args.format == "text":
        out.write(render_text(result, verbose=args.verbose))
    else:
        out.write({"json": render_json, "github": render_github}[args.format](result))
    return result.exit_code


def init_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", default=".", help="the project's folder (default: the current directory)")
    p.add_argument("--dry-run", action="store_true", help="print the section instead of writing it")
    p.add_argument("--force", action="store_true", help="replace an existing [tool.schemaparity] section")


@command("init", init_arguments)
def cmd_init(args: argparse.Namespace, out: TextIO, err: TextIO, server: Server | None) -> int:
    """Find alembic.ini, the SQL file and the declarative Base, and write [tool.schemaparity] to pyproject.toml."""
    from schemaparity.discover import init_project

    return init_project(Path(args.root), dry_run=args.dry_run, force=args.force, out=out)


def revision_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-m", "--message", required=True, help="what the revision does (its docstring's first line, its id's slug)"
    )
    p.add_argument("--config", help="pyproject.toml with [tool.schemaparity] (default: the nearest one)")
    p.add_argument("--sql", help="SQL file that builds the schema")
    p.add_argument("--alembic-ini", help="alembic.ini whose head the revision follows")
    p.add_argument("--initial", action="store_true", help="the first revision: from an empty database to the SQL file")
    p.add_argument(
        "--sql-only",
        action="store_true",
        help="op.execute() statements only (default: Alembic operations where one fits)",
    )
    p.add_argument(
        "--online",
        action="store_true",
        help="lock-light forms: indexes CONCURRENTLY, constraints NOT VALID then validated",
    )
    p.add_argument(
        "--allow-data-loss", action="store_true", help="generate a plan that drops data (refused otherwise, exit 3)"
    )
    p.add_argument("--dry-run", action="store_true", help="print the revision instead of writing it")


@command("revision", revision_arguments)
def cmd_revision(args: argparse.Namespace, out: TextIO, err: TextIO, server: Server | None) -> int:
    """Write the next Alembic revision from the SQL file, proven on a scratch database before it is written."""
    from schemaparity.generate import Request
    from schemaparity.generate.command import run_revision

    config = project_config(args)
    request = Request(args.message, args.initial, args.sql_only, args.online, args.allow_data_loss, args.dry_run)
    return run_revision(config, request, server, out, err)


def project_config(args: argparse.Namespace) -> Config:
    """The configuration: `--config` (which must exist) or the nearest one, then the flags (those the command has)."""
    pyproject = Path(args.config) if args.config else find_config(Path.cwd())
    config = load_config(pyproject, required=bool(args.config))
    flags = ("sql", "models", "alembic_ini", "live", "compare_owners")
    return config.override(**{flag: getattr(args, flag, None) for flag in flags})


def parser() -> _Parser:
    p = _Parser(prog="schemaparity", description="Prove a PostgreSQL schema's sources identical.")
    p.add_argument("--version", action="version", version=f"schemaparity {__version__}")
    p.add_argument("--debug", action="store_true", help="show the traceback of an unexpected failure")
    commands = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for registered in COMMANDS.values():
        sub = commands.add_parser(registered.name, help=registered.summary, description=registered.summary)
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        registered.arguments(sub)
    return p


def run(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr, *, server: Server | None = None) -> int:
    """The command line; `server` (see `schemaparity.pg.servers`) replaces the usual choice."""
    debug = "--debug" in argv or os.environ.get(DEBUG_ENV) == "1"
    wants_json = _wants_json(argv)
    try:
        args = parser().parse_args(argv)
        if args.command is None:
            raise UsageError("schemaparity: a command is needed: " + ", ".join(COMMANDS))
        return COMMANDS[args.command].run(args, out, err, server)
    except (UsageError, ConfigError) as error:
        return _fail(str(error), EXIT_USAGE, wants_json, out, err)
    except KeyboardInterrupt:
        print("interrupted; scratch databases were dropped", file=err)
        return 130
    except Exception as error:
        if debug:
            raise
        from schemaparity.pg.connect import connection_problem

        message = connection_problem(error) or f"{describe(error)} (--debug shows the traceback)"
        return _fail(message, EXIT_ERROR, wants_json, out, err)


def _fail(message: str, code: int, wants_json: bool, out: TextIO, err: TextIO) -> int:
    if wants_json:
        from schemaparity.render import render_json_error

        out.write(render_json_error(message, code))
    else:
        print(f"error: {message}", file=err)
    return code


def _wants_json(argv: list[str]) -> bool:
    return "--format=json" in argv or any(a == "--format" and b == "json" for a, b in zip(argv, argv[1:], strict=False))


def main() -> None:
    sys.exit(run(sys.argv[1:]))
