"""`./opentr.sh bench`: how the project's tools compare with the usual ones, as ratios.

Each benchmark times its contender and a baseline side by side in the same run, on the
same server, taking turns, and prints every figure with what was measured, the number
of runs and the median, then a verdict against its target. The summary lists every
ratio. Targets that are not met are reported, not failed: the exit code is 0 unless a
benchmark could not run (1) or the arguments are wrong (2).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from opentr.bench import cache, check, data, floor, reset, scaling, snapshot, standalone
from opentr.bench.context import Bench, bench_context
from opentr.bench.measure import Verdict, table
from schemaparity.messages import describe

BENCHMARKS: dict[str, Callable[[Bench], list[Verdict]]] = {
    "floor": floor.run,
    "cache": cache.run,
    "snapshot": snapshot.run,
    "check": check.run,
    "reset": reset.run,
    "standalone": standalone.run,
    "scaling": scaling.run,
    "data": data.run,
}


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        raise _UsageError(message)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="./opentr.sh bench", description="Benchmarks against baselines measured side by side.")
    p.add_argument("--quick", action="store_true", help="smaller sizes and fewer runs (about a minute)")
    p.add_argument("--only", choices=sorted(BENCHMARKS), help="run one benchmark")
    return p


def run(argv: list[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the benchmarks `argv` selects; 0 when all ran (met or not), 1 when one failed, 2 on usage."""
    try:
        args = parser().parse_args(argv)
    except _UsageError as error:
        print(f"error: {error}\n{parser().format_usage()}", file=err, end="")
        return 2
    names = [args.only] if args.only else list(BENCHMARKS)
    started = time.monotonic()
    print(
        f"bench{' --quick' if args.quick else ''}: {', '.join(names)} "
        f"({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})",
        file=out,
        flush=True,
    )
    verdicts: list[Verdict] = []
    failed: list[str] = []
    try:
        with bench_context(quick=args.quick, out=out) as bench:
            for name in names:
                began = time.monotonic()
                bench.say("")
                try:
                    verdicts += BENCHMARKS[name](bench)
                except Exception as error:  # one line, then the next benchmark
                    print(f"error: {name}: {describe(error)}", file=err, flush=True)
                    failed.append(name)
                bench.say(f"{name} took {time.monotonic() - began:.0f}s")
    except KeyboardInterrupt:
        print("interrupted; the bench server and its databases are gone", file=err)
        return 130
    except Exception as error:
        print(f"error: could not set up the benchmarks: {type(error).__name__}: {error}", file=err)
        return 1
    print("\nsummary (ratios of medians; contender and baseline timed side by side on the same server)", file=out)
    rows = [(v.benchmark, v.measured, v.value, v.target, "met" if v.met else "NOT MET") for v in verdicts]
    print("\n".join(table(("benchmark", "measured", "value", "target", "verdict"), rows, "  ")), file=out)
    if failed:
        print(f"  could not run: {', '.join(failed)} (see the errors above)", file=out)
    print(
        f"total {time.monotonic() - started:.0f}s (load average now {os.getloadavg()[0]:.1f})",
        file=out,
    )
    return 1 if failed else 0
