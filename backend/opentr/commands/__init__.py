"""One module per `./opentr.sh` command; importing this package registers them, in help order.

Each module's top level imports only the registry, so `./opentr.sh help` stays fast;
a command imports its tools when it runs.
"""

from opentr.commands import (  # noqa: F401
    bench,
    check,
    db,
    help,
    inspect,
    lint,
    logs,
    migrate,
    reset,
    restore,
    revision,
    stamp,
    status,
    test,
)
