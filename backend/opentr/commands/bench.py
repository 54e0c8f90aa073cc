"""`./opentr.sh bench`."""

from __future__ import annotations

from opentr.registry import command


@command("bench", "[--quick] [--only NAME]", own_parser=True, timed=False)
def bench(argv: list[str], ctx) -> int:
    """The speed targets, as ratios against baselines run side by side in the same run."""
    from opentr.bench import run

    return run(argv, ctx.out, ctx.err)
