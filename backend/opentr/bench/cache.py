"""`cache`: the check of this project on an unchanged tree and after an edit of init_db.sql, against
`check --no-cache`: whole `schemaparity check` commands on the bench server, a private cache folder.

The edit is made to a copy of init_db.sql (a comment appended before every run, untimed),
passed with `--sql`, so that only the SQL file is rebuilt; the project's files stay as they are.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from opentr.bench.context import Bench
from opentr.bench.measure import Contender, Verdict, interleaved, times
from opentr.target import INIT_SQL, PYPROJECT
from schemaparity.cache import CACHE_DIR_ENV
from schemaparity.pg.servers import SERVER_URL_ENV

UNCHANGED, EDITED = 0.3, 0.5


def run(bench: Bench) -> list[Verdict]:
    repetitions = bench.repetitions(5, quick=3)
    edited = bench.workdir / "init_db.edited.sql"
    edited.write_text(INIT_SQL.read_text())
    env = {**os.environ, CACHE_DIR_ENV: str(bench.workdir / "cache"), SERVER_URL_ENV: bench.server_url}
    script = Path(sys.executable).parent / "schemaparity"
    base = [str(script), "check", "--config", str(PYPROJECT)]
    bench.say(
        f"cache: `schemaparity check` unchanged, and after an edit of init_db.sql, vs `check --no-cache`, "
        f"{repetitions} runs each, interleaved, after one warm-up run each (which fills the cache)"
    )

    def command(label: str, argv: list[str], before=None) -> Contender:
        def once() -> None:
            done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise RuntimeError(f"{label} exited {done.returncode}: {done.stdout[-300:]} {done.stderr[-300:]}")

        return Contender(label, once, before)

    def edit() -> None:
        edited.write_text(edited.read_text() + "\n-- edited\n")

    samples = interleaved(
        [
            command("no cache", [*base, "--no-cache"]),
            command("unchanged", base),
            command("init_db.sql edited", [*base, "--sql", str(edited)], before=edit),
        ],
        repetitions,
        bench.say,
    )
    cold = samples["no cache"]
    verdicts = []
    for label, limit in (("unchanged", UNCHANGED), ("init_db.sql edited", EDITED)):
        bench.say(f"    {samples[label].describe()}")
        ratio = samples[label].median / cold.median
        verdicts.append(Verdict("cache", f"{label} ÷ --no-cache", times(ratio), f"≤{limit}×", ratio <= limit))
    bench.say(f"    {cold.describe()}")
    for verdict in verdicts:
        bench.say(f"  {verdict.line()}")
    return verdicts
