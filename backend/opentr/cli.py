"""`./opentr.sh COMMAND`: parse with the registry, run, and turn expected failures into one line.

Exit codes: 0 done, 1 failed, 2 usage error (or schema drift), 3 refused as unsafe.
`--debug` or `OPENTR_DEBUG=1` lets an unexpected error show its traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from typing import TextIO

from opentr import commands  # noqa: F401  (registers every command)
from opentr.registry import COMMANDS, EXIT_OK, EXIT_USAGE, Context, command_help, help_text

DEBUG_ENV = "OPENTR_DEBUG"
APP_NAME_ENV = "PGAPPNAME"
HELP_FLAGS = ("-h", "--help")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """Usage errors are one line and exit 2, never a traceback."""

    def error(self, message: str) -> None:
        raise UsageError(message)


def parse(name: str, argv: list[str]) -> argparse.Namespace:
    parser = _Parser(prog=f"./opentr.sh {name}", add_help=False)
    COMMANDS[name].arguments(parser)
    return parser.parse_args(argv)


def run(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the command `argv` names; expected failures print one line and return their exit code."""
    debug = os.environ.get(DEBUG_ENV) == "1" or "--debug" in argv
    argv = [arg for arg in argv if arg != "--debug"]
    if debug:
        os.environ["SCHEMAPARITY_DEBUG"] = "1"  # the engine's commands show theirs too
    name = argv[0] if argv else "help"
    if name in HELP_FLAGS:
        name = "help"
    if name not in COMMANDS:
        print(f"error: unknown command {name!r}\n\n{help_text()}", file=err, end="")
        return EXIT_USAGE
    registered = COMMANDS[name]
    rest = argv[1:]
    if registered.arguments is not None and any(flag in rest for flag in HELP_FLAGS):
        out.write(command_help(name))
        return EXIT_OK
    ctx = Context(out, err)
    started = time.monotonic()
    named = os.environ.get(APP_NAME_ENV)
    os.environ[APP_NAME_ENV] = named or f"opentr {name}"  # pg_stat_activity says which command is connected
    try:
        if registered.arguments is None:
            code = registered.run(rest, ctx)
        else:
            code = registered.run(parse(name, rest), ctx)
    except UsageError as error:
        print(f"error: {name}: {error}\n\n{command_help(name)}", file=err, end="")
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=err)
        return 130
    except Exception as error:
        if debug:
            raise
        return _failed(error, err)
    finally:
        if named is None:
            os.environ.pop(APP_NAME_ENV, None)
    if code == EXIT_OK and registered.timed:
        print(f"done in {time.monotonic() - started:.2f}s", file=out)
    return code


def _failed(error: Exception, err: TextIO) -> int:
    """One line for an expected failure (exit 1, or 3 for a refusal); other errors say how to see more."""
    from opentr.errors import explain

    code, message = explain(error)
    print(message, file=err)
    return code


def main() -> None:
    main_with(sys.argv[1:])


def main_with(argv: list[str]) -> None:
    """Run `argv` as a process would and exit with its code (scripts call this too)."""
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `./opentr.sh inspect | head -1` ends quietly
    sys.exit(run(argv))


if __name__ == "__main__":
    main()
