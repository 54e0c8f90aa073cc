"""`./opentr.sh lint`."""

from __future__ import annotations

from opentr.registry import command


@command("lint", "[--pg-version 15]", own_parser=True, timed=False)
def lint(argv: list[str], ctx) -> int:
    """Squawk on each revision's SQL (rendered offline, one revision at a time), ruff on the Python code.

    A rule that does not apply to a revision is exempted in the revision file
    (`SQUAWK_EXEMPT = {"rule": "reason"}`); an exemption without a reason, or one no finding needs, is
    itself a problem. Exit 0 clean, 1 problems found.
    """
    from opentr.lint import run_with_ruff

    return run_with_ruff(argv, ctx.out, ctx.err)
