"""`./opentr.sh test`."""

from __future__ import annotations

from opentr.registry import command


@command("test", "[PYTEST ARGS]", own_parser=True, timed=False)
def test(argv: list[str], ctx) -> int:
    """The test suite (pytest), on its own throwaway embedded server: your development data is never touched."""
    import os
    import sys

    from opentr.target import PROJECT_ROOT

    os.chdir(PROJECT_ROOT)
    ctx.out.flush()
    os.execv(sys.executable, [sys.executable, "-m", "pytest", *argv])
    return 1  # not reached: exec replaces this process
