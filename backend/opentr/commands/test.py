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
    compile_sources()
    ctx.out.flush()
    os.execv(sys.executable, [sys.executable, "-m", "pytest", *argv])
    return 1  # not reached: exec replaces this process


def compile_sources() -> None:
    """Write the project's bytecode before the run: the suite starts many Python processes, and where
    PYTHONDONTWRITEBYTECODE is set (as on some CI machines) each would compile every module again.
    Unchanged files cost a stat each; a file edited later is compiled in memory, as ever."""
    import compileall
    import re

    from opentr.target import PROJECT_ROOT

    fixtures = re.compile(r"[/\\]tests[/\\](fixtures|cases)[/\\]")  # the tests copy and edit those: left as they are
    for folder in ("backend", "alembic", "tests"):
        compileall.compile_dir(PROJECT_ROOT / folder, quiet=2, rx=fixtures)
