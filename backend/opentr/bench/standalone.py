"""`standalone`: the engine's own command on this project, against the check as it was before the engine
became a distribution of its own (a git revision of this repository), whole commands side by side.

Contender: `schemaparity check --config pyproject.toml` (the console script), started
from a directory outside the project. Baseline: `python -m schemaparity check` of the
tree exported from `BASELINE_REVISION`, run as it ran then. Both build their three
sources and the Pydantic schemas on the bench server (the contender with `--no-cache`:
the baseline had no cache, and the user's may hold this project already).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from opentr.bench.context import Bench
from opentr.bench.measure import Contender, Verdict, interleaved, times
from opentr.target import PROJECT_ROOT, PYPROJECT
from schemaparity.pg.servers import SERVER_URL_ENV

BASELINE_REVISION = "3ce7529"  # the last commit with the engine inside backend/, before it moved
TARGET = 1.0


def export(revision: str, folder: Path) -> Path:
    """The project's tree at `revision`, exported with git into `folder`."""
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "archive", "--format=tar", revision], capture_output=True, check=False
    )
    if archive.returncode != 0:
        raise RuntimeError(f"git cannot export {revision} (a clone without that history?): {archive.stderr.decode()}")
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def run(bench: Bench) -> list[Verdict]:
    repetitions = bench.repetitions(5, quick=3)
    bench.say(
        f"standalone: `schemaparity check` (the engine's console script) vs the check of {BASELINE_REVISION} "
        f"(before the move), whole commands, {repetitions} runs each, interleaved, after one warm-up run each"
    )
    baseline_tree = export(BASELINE_REVISION, bench.workdir / "baseline")
    outside = bench.workdir / "outside"
    outside.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "DATABASE_URL")}
    env[SERVER_URL_ENV] = bench.server_url
    script = Path(sys.executable).parent / "schemaparity"
    said: dict[str, str] = {}

    def command(label: str, argv: list[str], cwd: Path, extra: dict[str, str]) -> Contender:
        def once() -> None:
            done = subprocess.run(argv, cwd=cwd, env={**env, **extra}, capture_output=True, text=True, check=False)
            said[label] = (done.stdout.strip().splitlines() or ["(nothing)"])[-1]
            if done.returncode != 0:
                raise RuntimeError(f"{label} exited {done.returncode}: {said[label]} {done.stderr.strip()[-300:]}")

        return Contender(label, once)

    samples = interleaved(
        [
            command("standalone", [str(script), "check", "--config", str(PYPROJECT), "--no-cache"], outside, {}),
            command(
                "before the move",
                [sys.executable, "-m", "schemaparity", "check", "--config", str(baseline_tree / "pyproject.toml")],
                baseline_tree,
                {"PYTHONPATH": str(baseline_tree / "backend")},
            ),
        ],
        repetitions,
        bench.say,
    )
    for label, last in said.items():
        bench.say(f"    {label} says: {last}")
    new, old = samples["standalone"], samples["before the move"]
    bench.say(f"    {new.describe()}")
    bench.say(f"    {old.describe()}")
    ratio = new.median / old.median
    measured = f"standalone ÷ {BASELINE_REVISION}'s check"
    verdict = Verdict("standalone", measured, times(ratio), f"≤{TARGET}×", ratio <= TARGET)
    bench.say(f"  {verdict.line()}")
    return [verdict]
