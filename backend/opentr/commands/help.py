"""`./opentr.sh help [COMMAND]`."""

from __future__ import annotations

from opentr.registry import COMMANDS, EXIT_OK, EXIT_USAGE, command, command_help, help_text


@command("help", "[COMMAND]", own_parser=True, timed=False)
def help_command(argv: list[str], ctx) -> int:
    """This list, or one command's whole help; an unknown command prints the list and exits 2."""
    if not argv:
        ctx.out.write(help_text())
        return EXIT_OK
    if argv[0] in COMMANDS:
        ctx.out.write(command_help(argv[0]))
        return EXIT_OK
    print(f"error: unknown command {argv[0]!r}\n\n{help_text()}", file=ctx.err, end="")
    return EXIT_USAGE
