"""`./opentr.sh check`."""

from __future__ import annotations

from opentr.registry import command


@command("check", "[--format text|json] [--only sql,models,...] [--live URL] [--sql F] [--models M:A]", own_parser=True)
def check(argv: list[str], ctx) -> int:
    """Build init_db.sql, the models and `alembic upgrade head` in scratch databases and prove them
    identical (exit 0), or name every difference (exit 2); a source that fails to build: exit 1.

    The engine's own command (`schemaparity check`) with this project's [tool.schemaparity], its
    scratch databases on the development server under data/ (or SCHEMAPARITY_SERVER_URL). Also
    checks the Pydantic read schemas against the models. `./opentr.sh check --help` lists every flag.
    """
    from opentr.parity import project_server
    from opentr.target import PYPROJECT
    from schemaparity import cli

    say = lambda line: print(line, file=ctx.err)  # noqa: E731
    if any(flag in argv for flag in ("-h", "--help")):
        return cli.run(["check", "--help"], ctx.out, ctx.err)
    return cli.run(["check", "--config", str(PYPROJECT), *argv], ctx.out, ctx.err, server=project_server(say))
