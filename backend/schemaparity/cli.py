"""`schemaparity check`: the command line over `run_check`. Exit 0 identical, 2 drift, 1 error."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import TextIO

from schemaparity.check import run_check
from schemaparity.config import Config, ConfigError, load_config
from schemaparity.pydantic_check import read_schema_differences
from schemaparity.render import render_json, render_text
from schemaparity.result import EXIT_ERROR
from schemaparity.server import scratch_server
from schemaparity.sources import LiveSource, MigrationsSource, ModelsSource, Source, SqlFileSource

SOURCE_NAMES = ("sql", "models", "migrations", "live")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        raise ConfigError(message)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="schemaparity check", description="Build each schema source and prove them identical.")
    p.add_argument("--config", default="pyproject.toml", help="pyproject.toml with [tool.schemaparity]")
    p.add_argument("--sql", help="SQL file that builds the schema")
    p.add_argument("--models", help="module:attribute naming a MetaData or declarative Base")
    p.add_argument("--alembic-ini", help="alembic.ini whose head is built")
    p.add_argument("--live", metavar="URL", help="also compare an existing database (only read)")
    p.add_argument("--only", help=f"comma-separated sources to compare, of {', '.join(SOURCE_NAMES)}")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--pydantic",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="check the Pydantic read schemas against the models (default: on when configured)",
    )
    return p


def select_sources(config: Config, only: str | None) -> list[Source]:
    """The sources to build, from the config and `--only`; errors name what is missing."""
    available: dict[str, Callable[[], Source]] = {}
    if config.sql:
        available["sql"] = lambda: SqlFileSource(config.sql)
    if config.models:
        available["models"] = lambda: ModelsSource(config.models)
    if config.alembic_ini:
        available["migrations"] = lambda: MigrationsSource(config.alembic_ini)
    if config.live:
        available["live"] = lambda: LiveSource(config.live)
    wanted = [name.strip() for name in only.split(",")] if only else list(available)
    unknown = [name for name in wanted if name not in SOURCE_NAMES]
    if unknown:
        raise ConfigError(f"unknown source(s) {', '.join(unknown)}; choose from {', '.join(SOURCE_NAMES)}")
    missing = [name for name in wanted if name not in available]
    if missing:
        raise ConfigError(f"source(s) {', '.join(missing)} not configured (see [tool.schemaparity] or the flags)")
    if len(wanted) < 2:
        raise ConfigError("comparing needs at least two sources")
    return [available[name]() for name in wanted]


def check(
    config: Config, *, only: str | None, fmt: str, pydantic: bool | None, out: TextIO, server_url: str | None = None
) -> int:
    """Run the check and print the report; returns the exit code."""
    sources = select_sources(config, only)
    extra = []
    if (pydantic if pydantic is not None else bool(config.pydantic)) and config.models:
        if not config.pydantic:
            raise ConfigError("--pydantic needs the schemas module ([tool.schemaparity] pydantic)")
        extra.append(lambda: read_schema_differences(config.models, config.pydantic, config.pydantic_exclude))
    needs_server = server_url is None and any(not isinstance(source, LiveSource) for source in sources)
    with scratch_server() if needs_server else nullcontext(server_url) as scratch_url:
        result = run_check(
            sources,
            scratch_url,
            ignored_tables=config.ignored_qualified,
            data_tables=config.data_tables,
            extra_checks=extra,
        )
    out.write(render_json(result) if fmt == "json" else render_text(result))
    return result.exit_code


def run(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr, *, server_url: str | None = None) -> int:
    """The command line; `server_url` (for callers that own a server) overrides the usual search."""
    try:
        args = parser().parse_args(argv)
        config = load_config(Path(args.config)).override(
            sql=args.sql, models=args.models, alembic_ini=args.alembic_ini, live=args.live
        )
        if str(config.root) not in sys.path:
            sys.path.insert(0, str(config.root))
        return check(config, only=args.only, fmt=args.format, pydantic=args.pydantic, out=out, server_url=server_url)
    except ConfigError as error:
        print(f"error: {error}", file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted; scratch databases were dropped", file=err)
        return 130


def main() -> None:
    argv = sys.argv[1:]
    if argv[:1] == ["check"]:
        argv = argv[1:]
    sys.exit(run(argv))
