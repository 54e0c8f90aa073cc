"""`./opentr.sh test`."""

from __future__ import annotations

from opentr.registry import command


@command("test", "[PYTEST ARGS]", own_parser=True, timed=False)
def test(argv: list[str], ctx) -> int:
    """The test suite (pytest), on throwaway embedded servers in memory (one per worker; the whole suite runs
    on two or more workers): your development data is never touched."""
    import os
    import sys

    from opentr.target import PROJECT_ROOT

    os.chdir(PROJECT_ROOT)
    compile_sources()
    ctx.out.flush()
    os.execv(sys.executable, [sys.executable, "-m", "pytest", *workers(argv, os.environ, os.cpu_count()), *argv])
    return 1  # not reached: exec replaces this process


def workers(argv: list[str], env, cpus: int | None) -> list[str]:
    """pytest-xdist's options for a whole-suite run: one worker more than the cores, each with its own
    embedded server (a worker often waits on PostgreSQL or on a command it started, and the extra one
    fills those waits: 87 s against 95 s with a worker per core on two cores). None when the run names
    its own tests or workers, or debugs, or shares one server given in SCHEMAPARITY_SERVER_URL: some
    tests watch every database on their server, and need it to themselves."""
    import os

    from schemaparity.pg.servers import SERVER_URL_ENV

    own = ("-n", "--numprocesses", "--dist", "--pdb", "--trace", "no:xdist")
    if env.get(SERVER_URL_ENV) or any(arg.startswith(own) for arg in argv):
        return []
    if any(not arg.startswith("-") and ("::" in arg or os.path.exists(arg)) for arg in argv):
        return []
    return ["-n", str(min(max(2, cpus or 2) + 1, 8)), "--dist", "worksteal"]


def compile_sources(root=None) -> None:
    """Write the project's bytecode (under `root`, the project's by default) before the run: the suite
    starts many Python processes, and where PYTHONDONTWRITEBYTECODE is set (as on some CI machines) each
    would compile every module again. Unchanged files cost a stat each; a file edited later is compiled
    in memory, as ever."""
    import compileall
    import re

    from opentr.target import PROJECT_ROOT

    fixtures = re.compile(r"[/\\]tests[/\\](fixtures|cases)[/\\]")  # the tests copy and edit those: left as they are
    for folder in ("backend", "alembic", "tests"):
        compileall.compile_dir((root or PROJECT_ROOT) / folder, quiet=2, rx=fixtures)
