"""migra, the schema-diff tool, beside the check in `scaling`.

It is not a dependency of this project: the first bench run that needs it installs it into a
virtualenv of its own under `data/bench-tools/migra` (pinned, from PyPI), and later runs reuse
it. Where it cannot be installed (no network), the bench says so and measures the rest.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from opentr.bench.pipeline import loaded_twice
from schemaparity.pg.urls import libpq_env, parse_url, with_psycopg2

REQUIREMENTS = ("migra==3.0.1663481299", "psycopg2-binary>=2.9.9,<3")
NO_DIFFERENCE, DIFFERENCES = 0, 2  # migra's exit codes


def migra_program(say: Callable[[str], None]) -> Path | None:
    """The migra program, installed now when missing; None (said why) when it cannot be."""
    from opentr.target import data_dir

    venv = data_dir() / "bench-tools" / "migra"
    program = venv / "bin" / "migra"
    if program.is_file():
        return program
    say(f"  installing {', '.join(REQUIREMENTS)} into {venv} (once)...")
    for command in (
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", *REQUIREMENTS],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            reason = (result.stderr.strip() or result.stdout.strip() or "no output").splitlines()[-1]
            say(f"  migra: not measured (could not install it: {reason})")
            return None
    return program


def migra_check(program: Path, server_url: str, path: Path) -> int:
    """What the check does, with psql and migra: load the file twice, diff the two; the diff's lines."""
    with loaded_twice(server_url, path, "migra") as (urls, _):
        result = subprocess.run(
            [str(program), "--unsafe", *(_without_password(url) for url in urls)],
            env=libpq_env(server_url),  # the password travels in PGPASSWORD, never on the command line
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode not in (NO_DIFFERENCE, DIFFERENCES):
        reason = (result.stderr.strip() or "no output").splitlines()[-1]
        raise RuntimeError(f"migra exited {result.returncode}: {reason}")
    return len(result.stdout.splitlines())


def _without_password(url: str) -> str:
    return with_psycopg2(parse_url(url).set(password=None).render(hide_password=False))
