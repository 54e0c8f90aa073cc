"""`floor`: what every `./opentr.sh` command pays before it does anything, against a bare interpreter.

`./opentr.sh help` (the wrapper's hash of pyproject.toml, Python, the command registry)
against `python -c pass` of the same interpreter, whole processes, taking turns.
"""

from __future__ import annotations

import subprocess
import sys

from opentr.bench.context import Bench
from opentr.bench.measure import Contender, Verdict, interleaved, times
from opentr.target import PROJECT_ROOT

TARGET = 6.0


def run(bench: Bench) -> list[Verdict]:
    repetitions = bench.repetitions(15, quick=7)
    bench.say(f"floor: `./opentr.sh help` vs `python -c pass`, {repetitions} runs each, interleaved")

    def command(argv: list[str]) -> Contender:
        return Contender(argv[-1], lambda: subprocess.run(argv, capture_output=True, check=True, cwd=PROJECT_ROOT))

    samples = interleaved(
        [command([str(PROJECT_ROOT / "opentr.sh"), "help"]), command([sys.executable, "-c", "pass"])],
        repetitions,
        bench.say,
    )
    help_, bare = samples["help"], samples["pass"]
    bench.say(f"    {help_.describe()}")
    bench.say(f"    {bare.describe()}")
    ratio = help_.median / bare.median
    verdict = Verdict("floor", "./opentr.sh help ÷ python -c pass", times(ratio), f"≤{TARGET:.0f}×", ratio <= TARGET)
    bench.say(f"  {verdict.line()}")
    return [verdict]
