"""`reset`: the whole `./opentr.sh reset dev --yes` command against dropdb + createdb + psql -f.

The command runs as a subprocess with `DATABASE_URL` naming a database on the bench
server. Warm: the template for the current `init_db.sql` exists already. Cold: every
`opentr_tpl_%` database is dropped before the run (untimed), as after a change to the
file. The baseline uses the wheel's `dropdb`, `createdb` and `psql` on the same server.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess

from psycopg2 import sql

from opentr.bench.context import Bench
from opentr.bench.measure import Contender, Sample, Verdict, interleaved, times
from opentr.target import INIT_SQL, PROJECT_ROOT
from schemaparity.pg.clients import program_for_major, psql
from schemaparity.pg.connect import admin_connection, drop_database, server_major
from schemaparity.pg.urls import libpq_env, with_database

TEMPLATE_PATTERN = r"opentr\_tpl\_%"
WARM_TARGET, COLD_TARGET = 1.0, 1.2  # warm: clone and drop cost about what loading this small file does
SQL_FILE = INIT_SQL
DONE_IN = re.compile(r"^done in ([0-9.]+)s$", re.MULTILINE)


def drop_templates(server_url: str) -> int:
    """Drop every reset template on the server; how many there were."""
    with admin_connection(server_url) as admin, admin.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (TEMPLATE_PATTERN,))
        names = [name for (name,) in cursor.fetchall()]
        for name in names:
            cursor.execute(sql.SQL("ALTER DATABASE {} IS_TEMPLATE false").format(sql.Identifier(name)))
            drop_database(admin, name)
    return len(names)


def checked(command: list[str], **kwargs) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        reason = (result.stderr.strip() or result.stdout.strip() or "no output").splitlines()[-1]
        raise RuntimeError(f"{' '.join(command[:3])}... exited {result.returncode}: {reason}")
    return result.stdout


def run(bench: Bench) -> list[Verdict]:
    repetitions = bench.repetitions(7, quick=3)
    target, baseline_db = f"opentr_bench_reset_{os.getpid()}", f"opentr_bench_psql_{os.getpid()}"
    command_env = {
        **os.environ,
        "DATABASE_URL": with_database(bench.server_url, target),
        "APP_ENV": "development",
        "OPENTR_DATA_DIR": str(bench.workdir / "data"),
    }
    libpq = libpq_env(bench.server_url)
    printed: dict[str, list[str]] = {"cold reset": [], "warm reset": []}

    def reset(label: str) -> None:
        command = [str(PROJECT_ROOT / "opentr.sh"), "reset", "dev", "--yes"]
        printed[label].append(checked(command, env=command_env))

    major = server_major(bench.server_url)
    dropdb, createdb = program_for_major("dropdb", major), program_for_major("createdb", major)

    def baseline() -> None:
        checked([str(dropdb), "--if-exists", baseline_db], env=libpq)
        checked([str(createdb), baseline_db], env=libpq)
        load = [str(psql()), "-X", "-q", "-o", "/dev/null", "-v", "ON_ERROR_STOP=1", "--single-transaction"]
        checked([*load, "-f", str(SQL_FILE), "-d", baseline_db], env=libpq)

    bench.say(
        f"reset: `opentr.sh reset dev --yes` (subprocess, cold and warm) vs dropdb + createdb + psql -f "
        f"{SQL_FILE.name}, {repetitions} runs each, interleaved, after one warm-up run each"
    )
    bench.say(f"  dropped {drop_templates(bench.server_url)} existing opentr_tpl_% template(s) before starting")
    try:
        samples = interleaved(
            [
                Contender("cold reset", lambda: reset("cold reset"), before=lambda: drop_templates(bench.server_url)),
                Contender("warm reset", lambda: reset("warm reset")),
                Contender("baseline", baseline),
            ],
            repetitions,
            bench.say,
        )
    finally:
        with admin_connection(bench.server_url) as admin:
            for name in (target, baseline_db):
                drop_database(admin, name)
        drop_templates(bench.server_url)
    return report(bench, samples, printed)


def report(bench: Bench, samples: dict[str, Sample], printed: dict[str, list[str]]) -> list[Verdict]:
    """Print what the command said and the medians; the warm and cold verdicts."""
    for label, outputs in printed.items():
        bench.say(f"  {label}: the command printed (last run)")
        bench.say("\n".join(f"    | {line}" for line in outputs[-1].strip().splitlines()))
        reported = [float(found[1]) for found in map(DONE_IN.search, outputs[1:]) if found]
        if reported:
            own, whole = statistics.median(reported), samples[label].median
            bench.say(
                f"    it reports `done in` {own:.3f}s (median of {len(reported)} runs); about {whole - own:.3f}s "
                f"of the {whole:.3f}s the whole command takes is process start-up (opentr.sh, Python, imports)"
            )
    for label in ("warm reset", "cold reset", "baseline"):
        bench.say(f"  {samples[label].describe()}")
    base = samples["baseline"].median
    verdicts = []
    for label, limit in (("warm reset", WARM_TARGET), ("cold reset", COLD_TARGET)):
        ratio = samples[label].median / base
        verdict = Verdict("reset", f"{label} ÷ baseline", times(ratio), f"≤{limit}× baseline", ratio <= limit)
        bench.say(f"  {verdict.line()}")
        verdicts.append(verdict)
    return verdicts
