"""The operator commands of `./opentr.sh`, each registered once with its usage and docstring.

Adding a command is adding one decorated function in `opentr.commands`: the parser,
`./opentr.sh help` and `./opentr.sh help COMMAND` are built from the registry.
"""

from __future__ import annotations

import argparse
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TextIO

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3


@dataclass
class Context:
    """What every command gets: its output streams, and the settings read on first use."""

    out: TextIO
    err: TextIO

    @cached_property
    def settings(self):
        """DATABASE_URL, APP_ENV and PGCONNECT_TIMEOUT, read as `Settings` reads them, without pydantic; the
        timeout is handed to every connection and client program of the command."""
        import os

        from app.core.environment import operator_settings

        read = operator_settings()
        os.environ["PGCONNECT_TIMEOUT"] = str(read.PGCONNECT_TIMEOUT)
        return read

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def target_url(self, *, repair: bool = True) -> str:
        """The target database (DATABASE_URL, or the embedded development database, started if needed),
        with whatever a killed reset or restore of it left put right first (unless `repair` is off: the
        commands that replace the database do that under their lock, after the guards)."""
        from opentr.swap import repair_if_idle
        from opentr.target import resolve_database_url

        url = resolve_database_url(self.settings.DATABASE_URL, say=self.say)
        if repair:
            repair_if_idle(url, self.say)
        return url


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    run: Callable[..., int]
    arguments: Callable[[argparse.ArgumentParser], None] | None  # None: the command parses its own argv
    timed: bool = True  # print `done in …s` after a success
    aliases: tuple[str, ...] = field(default=())

    @property
    def description(self) -> str:
        return inspect.cleandoc(self.run.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.description.split("\n\n")[0].replace("\n", " ")


COMMANDS: dict[str, Command] = {}


def command(
    name: str,
    usage: str = "",
    *,
    arguments: Callable[[argparse.ArgumentParser], None] | None = None,
    own_parser: bool = False,
    timed: bool = True,
):
    """Register `run(args, ctx) -> exit code` (or `run(argv, ctx)` with `own_parser`) as `name`."""

    def register(run: Callable[..., int]) -> Callable[..., int]:
        COMMANDS[name] = Command(name, usage, run, None if own_parser else (arguments or (lambda p: None)), timed)
        return run

    return register


def help_text() -> str:
    """`./opentr.sh help`: every command with its usage and what it does."""
    lines = ["usage: ./opentr.sh COMMAND [options]      (./opentr.sh help COMMAND for one command)", ""]
    for registered in COMMANDS.values():
        head = f"  {registered.name} {registered.usage}".rstrip()
        body = textwrap.wrap(registered.summary, 64)
        if len(head) < 24:
            head, body = f"{head:<26}{body[0]}", body[1:]
        lines += [head, *(f"{'':26}{text}" for text in body)]
    lines += [
        "",
        "Exit codes: 0 done (or identical), 1 failed, 2 usage error or schema drift, 3 refused as unsafe.",
        "The target is DATABASE_URL (environment or .env); without it, the embedded",
        "PostgreSQL under data/, started on demand. OPENTR_DEBUG=1 shows tracebacks.",
    ]
    return "\n".join(lines) + "\n"


def command_help(name: str) -> str:
    registered = COMMANDS[name]
    return f"usage: ./opentr.sh {name} {registered.usage}".rstrip() + f"\n\n{registered.description}\n"
