"""`check`: the project's whole parity check against the usual-tools pipeline, and what each finds.

Timing: `run_check` with the three sources of `[tool.schemaparity]` (plus the Pydantic
schemas, as `./opentr.sh check` does) against `pipeline.run_pipeline`, on the same
server, taking turns. Coverage: both run on each drift case of `mutations.CASES`.
"""

from __future__ import annotations

import time

from opentr.bench.context import Bench
from opentr.bench.measure import Contender, Verdict, interleaved, table, times
from opentr.bench.mutations import CASES, QUICK_CASES, Case, mutated_models, mutated_sql
from opentr.bench.pipeline import PipelineResult, run_pipeline
from opentr.parity import project_config
from schemaparity.config import Config
from schemaparity.project import ProjectCheck
from schemaparity.result import CheckResult


def project_check(bench: Bench, config: Config, *, pydantic: bool) -> CheckResult:
    """The project's check as `./opentr.sh check` runs it, on the bench server."""
    return ProjectCheck.of(config, pydantic=pydantic).run(bench.server_url, use_cache=False)


def describe(result: CheckResult) -> str:
    failed = [f"{o.name}: {o.error}" for o in result.outcomes if not o.ok] + list(result.problems)
    if failed:
        return "failed (" + "; ".join(failed) + ")"
    return f"{len(result.differences)} difference(s)" if result.differences else "identical"


def timing(bench: Bench, config: Config) -> Verdict:
    repetitions = bench.repetitions(7, quick=3)
    bench.say(
        f"  timing: run_check (sql, models, migrations + pydantic schemas) vs the pipeline, "
        f"{repetitions} runs each, interleaved, after one warm-up run each"
    )
    outcomes: dict[str, object] = {}
    samples = interleaved(
        [
            Contender("schemaparity check", lambda: outcomes.update(check=project_check(bench, config, pydantic=True))),
            Contender(
                "pipeline",
                lambda: outcomes.update(pipeline=run_pipeline(bench.server_url, config.sql, config.alembic_ini)),
            ),
        ],
        repetitions,
        bench.say,
    )
    pipeline: PipelineResult = outcomes["pipeline"]
    result: CheckResult = outcomes["check"]
    per_source = ", ".join(f"{o.name} {o.seconds:.2f}s" for o in result.outcomes)
    bench.say(f"    schemaparity check says: {describe(result)} (last run, build + snapshot per source: {per_source})")
    bench.say(
        f"    pipeline says: alembic check {'found changes' if pipeline.alembic_check_found else 'clean'}, "
        f"pg_dump diff {len(pipeline.dump_diff)} changed line(s)"
    )
    check, baseline = samples["schemaparity check"], samples["pipeline"]
    bench.say(f"    {check.describe()}")
    bench.say(f"    {baseline.describe()}")
    speedup = baseline.median / check.median
    verdict = Verdict("check", "pipeline ÷ schemaparity check", times(speedup), ">1× (check faster)", speedup > 1)
    bench.say(f"  {verdict.line()}")
    return verdict


def coverage(bench: Bench, config: Config) -> None:
    """Print which approach finds which drift case (a pg_dump diff counts when it differs from the control's)."""
    cases = QUICK_CASES if bench.quick else CASES
    bench.say(f"  coverage: {len(cases)} cases{' (--quick: a subset)' if bench.quick else ''}, each once through both")
    rows: list[tuple[str, str, str, str]] = []
    control: tuple[str, ...] = ()
    for case in cases:
        began = time.monotonic()
        found_by_check, pipeline = run_case(bench, config, case)
        if not case.sql_edit and not case.models_edit:
            control = pipeline.dump_diff
            dump = f"yes: false alarm ({len(control)} lines)" if control else "no"
        else:
            dump = yes_no(pipeline.dump_diff != control)
        rows.append((case.name, found_by_check, yes_no(pipeline.alembic_check_found), dump))
        bench.say(f"    {case.name}: done in {time.monotonic() - began:.1f}s")
    header = ("case", "schemaparity found it?", "alembic check found it?", "pg_dump diff found it?")
    bench.say("\n".join(table(header, rows, "    ")))
    if control:
        bench.say(
            f"    (false alarm: with no change, the dumps of the two builds differ in {len(control)} lines, "
            f"e.g. {control[0].strip()!r}; a case counts as found when its diff differs from that)"
        )


def run_case(bench: Bench, config: Config, case: Case) -> tuple[str, PipelineResult]:
    sql_path = mutated_sql(config.sql, case, bench.workdir)
    with mutated_models(case, bench.workdir) as models:
        result = project_check(bench, config.override(sql=sql_path, models=models), pydantic=False)
        pipeline = run_pipeline(bench.server_url, sql_path, config.alembic_ini)
    if not case.needle:
        return ("no (identical)" if result.exit_code == 0 else f"yes: {describe(result)}"), pipeline
    named = any(case.needle in difference.label for difference in result.differences)
    return yes_no(named) if result.exit_code in (0, 2) else describe(result), pipeline


def yes_no(found: bool) -> str:
    return "yes" if found else "no"


def run(bench: Bench) -> list[Verdict]:
    config = project_config()
    bench.say("check: the whole parity check vs psql -f + alembic upgrade head + alembic check + pg_dump ×2 + diff")
    verdict = timing(bench, config)
    coverage(bench, config)
    return [verdict]
