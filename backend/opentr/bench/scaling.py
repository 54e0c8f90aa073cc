"""`scaling`: how the check and a warm reset grow with the schema, at 50, 200 and 1000 tables.

Each size is a generated SQL file (see `snapshot.table_ddl`). The check compares the file
with a copy of itself (no cache), beside the usual tools doing that work: `psql -f` into
two databases, then `pg_dump --schema-only` of each and a text diff, or migra between the
two (see `bench.migra`). The reset replaces a
database with the file's schema (template cached, guards and summary included, in this
process) beside `dropdb; createdb; psql -f`. Growth is printed as time ∝ tables^k.
"""

from __future__ import annotations

import difflib
import math
import subprocess
from pathlib import Path

from opentr.bench.context import Bench
from opentr.bench.measure import Contender, Sample, Verdict, interleaved, times
from opentr.bench.migra import migra_check, migra_program
from opentr.bench.pipeline import dump_schema, loaded_twice
from opentr.bench.snapshot import table_ddl
from opentr.guards import refuse_to_lose_data
from opentr.reset import reset_database
from schemaparity.check import run_check
from schemaparity.pg.clients import program_for_major, psql
from schemaparity.pg.connect import admin_connection, drop_database, server_major
from schemaparity.pg.urls import libpq_env, with_database
from schemaparity.sources import SqlFileSource

SIZES, QUICK_SIZES = (50, 200, 1000), (20, 50, 200)
RESET_TARGET = 0.2  # warm reset ÷ dropdb + createdb + psql -f, at the largest size
LINEAR_EXPONENT = 1.25


def schema_file(folder: Path, tables: int) -> Path:
    path = folder / f"schema_{tables}.sql"
    path.write_text("".join(table_ddl(i) for i in range(tables)) + "\n")
    return path


def tools_check(server_url: str, path: Path) -> int:
    """What the check does, with psql, pg_dump and diff: the number of changed lines."""
    with loaded_twice(server_url, path, "tools") as (urls, workers):
        first, second = workers.map(dump_schema, urls)
    return sum(1 for line in difflib.unified_diff(first.splitlines(), second.splitlines(), n=0))


def growth(label: str, samples: dict[int, Sample], bench: Bench) -> float:
    sizes = sorted(samples)
    exponent = math.log(samples[sizes[-1]].median / samples[sizes[0]].median) / math.log(sizes[-1] / sizes[0])
    per_table = ", ".join(f"{size}: {samples[size].median / size * 1000:.1f} ms" for size in sizes)
    bench.say(f"    {label}: time ∝ tables^{exponent:.2f} ({sizes[0]}→{sizes[-1]}); per table {per_table}")
    return exponent


def run(bench: Bench) -> list[Verdict]:
    sizes = QUICK_SIZES if bench.quick else SIZES
    repetitions = bench.repetitions(3, quick=2)
    bench.say(f"scaling: check and warm reset at {', '.join(map(str, sizes))} tables, {repetitions} runs each")
    major = server_major(bench.server_url)
    dropdb, createdb = program_for_major("dropdb", major), program_for_major("createdb", major)
    libpq = libpq_env(bench.server_url)
    checks, tools, migras, resets, loads = {}, {}, {}, {}, {}
    migra = migra_program(bench.say)
    target = with_database(bench.server_url, "opentr_bench_scaling")
    try:
        for tables in sizes:
            path = schema_file(bench.workdir, tables)
            copy = path.with_name(f"copy_{path.name}")
            copy.write_text(path.read_text())
            bench.say(f"  {tables} tables:")
            sources = [SqlFileSource(path, name="a"), SqlFileSource(copy, name="b")]

            def load(p=path) -> None:
                subprocess.run(
                    [str(dropdb), "--if-exists", "opentr_bench_plain"], env=libpq, check=True, capture_output=True
                )
                subprocess.run([str(createdb), "opentr_bench_plain"], env=libpq, check=True)
                command = [str(psql()), "-X", "-q", "-o", "/dev/null", "-v", "ON_ERROR_STOP=1", "--single-transaction"]
                subprocess.run([*command, "-f", str(p), "-d", "opentr_bench_plain"], env=libpq, check=True)

            def reset(p=path) -> None:
                reset_database(
                    target,
                    p,
                    demo_path=None,
                    check=lambda: refuse_to_lose_data(target, yes=True, out=None),
                    say=lambda _: None,
                )

            contenders = [
                Contender("check", lambda s=sources: run_check(s, bench.server_url, use_cache=False)),
                Contender("psql + pg_dump + diff", lambda p=path: tools_check(bench.server_url, p)),
                Contender("warm reset", reset),
                Contender("dropdb + createdb + psql -f", load),
            ]
            if migra:
                contenders.insert(2, Contender("psql + migra", lambda p=path: migra_check(migra, bench.server_url, p)))
            samples = interleaved(contenders, repetitions, bench.say)
            checks[tables], tools[tables] = samples["check"], samples["psql + pg_dump + diff"]
            resets[tables], loads[tables] = samples["warm reset"], samples["dropdb + createdb + psql -f"]
            beside_migra = ""
            if migra:
                migras[tables] = samples["psql + migra"]
                beside_migra = f", check ÷ migra {times(checks[tables].median / migras[tables].median)}"
            bench.say(
                f"    check ÷ tools {times(checks[tables].median / tools[tables].median)}{beside_migra}, "
                f"warm reset ÷ plain load {times(resets[tables].median / loads[tables].median)}"
            )
    finally:
        with admin_connection(bench.server_url) as admin:
            for name in ("opentr_bench_scaling", "opentr_bench_plain"):
                drop_database(admin, name)
    bench.say("  growth:")
    k_check = growth("check", checks, bench)
    growth("psql + pg_dump + diff", tools, bench)
    if migras:
        growth("psql + migra", migras, bench)
    growth("warm reset", resets, bench)
    growth("plain load", loads, bench)
    largest = sizes[-1]
    ratio = resets[largest].median / loads[largest].median
    verdicts = [
        Verdict(
            "scaling",
            f"check growth k, {sizes[0]}→{largest} tables",
            f"k = {k_check:.2f}",
            f"≤{LINEAR_EXPONENT}",
            k_check <= LINEAR_EXPONENT,
        ),
        Verdict(
            "scaling",
            f"warm reset ÷ plain load at {largest} tables",
            times(ratio),
            f"≤{RESET_TARGET}×",
            ratio <= RESET_TARGET,
        ),
    ]
    for verdict in verdicts:
        bench.say(f"  {verdict.line()}")
    return verdicts
