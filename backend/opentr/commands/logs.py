"""`./opentr.sh logs postgres`."""

from __future__ import annotations

from opentr.registry import EXIT_FAILED, EXIT_OK, command


def arguments(parser) -> None:
    parser.add_argument("service", choices=["postgres"])
    parser.add_argument("-n", "--lines", type=int, default=50)


@command("logs", "postgres [-n N]", arguments=arguments, timed=False)
def logs(args, ctx) -> int:
    """The last N lines of the embedded server's log."""
    from opentr.target import dev_server, shown_path

    server = dev_server()
    text = server.log_tail(args.lines)
    if not text:
        print(
            f"no log yet at {shown_path(server.log_file)} (start the server with `./opentr.sh db start`)", file=ctx.err
        )
        return EXIT_FAILED
    ctx.say(text)
    return EXIT_OK
