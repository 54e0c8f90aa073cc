"""Every golden case is a generation case: the revision generated from a.sql to b.sql reaches b.sql exactly,
and its downgrade returns to a.sql exactly (the proof `schemaparity revision` runs before it writes).

The cases run in a few shards (so that the suite's workers share them), each case in the default
form (Alembic operations), printing how many generate; the same case is generated again with
`--sql-only` when its revision holds an operation (else the two forms write the same statements), and with
`--online` when its plan holds a step that form writes otherwise (an index, a constraint or a NOT
NULL on a table that exists). A case that does not generate is listed with the reason; a case whose
SQL file does not build must be refused, nothing written. Plans that lose data are generated with
`--allow-data-loss`, as a maintainer who accepts the loss would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schemaparity.generate import Generation, Request, generate_revision
from schemaparity.pg.servers import UrlServer
from tests.engine.generation import case_project
from tests.engine.test_golden_cases import REQUIRES, _case_params
from tests.helpers import SUMMARY

FORMS = {
    "operations": Request("case b", allow_data_loss=True),
    "sql-only": Request("case b", sql_only=True, allow_data_loss=True),
    "online": Request("case b", online=True, allow_data_loss=True),
}
ONLINE_PHASES = {"create index", "create constraint", "create foreign key"}


def _generated(case: Path, form: str, server_url: str, folder: Path) -> tuple[Generation, str | None]:
    """The generation, and None when the case generates and is proven; else why not."""
    folder.mkdir(parents=True)
    result = generate_revision(case_project(case, folder), FORMS[form], UrlServer(server_url))
    if result.exit_code != 0:
        reasons = list(result.problems)
        if result.proof is not None and not result.proof.proven:
            reasons += result.proof.problems
            reasons += [f"after upgrade: {d.label} {d.attribute or ''}: {d.values}" for d in result.proof.after_upgrade]
            reasons += [
                f"after downgrade: {d.label} {d.attribute or ''}: {d.values}" for d in result.proof.after_downgrade
            ]
        return result, "; ".join(reasons) or f"exit {result.exit_code}"
    if result.empty or _written(folder):
        return result, None
    return result, f"{result.revision}.py not written"


def _written(folder: Path) -> list[Path]:
    return [path for path in (folder / "migrations" / "versions").glob("*.py") if path.name != "0001_a.py"]


def _other_forms(result: Generation) -> list[str]:
    """The forms that write something else for this case than the operations form did."""
    steps = (*result.upgrade.steps, *result.downgrade.steps)
    forms = ["sql-only"] if any(step.op for step in steps) else []
    if any(step.phase in ONLINE_PHASES or step.summary.startswith("require a value") for step in steps):
        forms.append("online")
    return forms


SHARDS = 8


@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda shard: f"shard{shard + 1}of{SHARDS}")
def test_every_golden_case_generates(shard: int, server_url: str, server_version: int, tmp_path: Path, record_property):
    cases = [param.values[0] for param in _case_params()][shard::SHARDS]
    failures, skipped, refused = {}, [], []
    tried = dict.fromkeys(FORMS, 0)
    for case in cases:
        required = REQUIRES.match((case / "a.sql").read_text())
        if required and server_version < int(required.group(1)):
            skipped.append(case.name)
            continue
        result, reason = _generated(case, "operations", server_url, tmp_path / "operations" / case.name)
        if "did not build" in (case / "expected.txt").read_text():
            refused.append(case.name)
            if not (reason and "did not build" in reason) or _written(tmp_path / "operations" / case.name):
                failures[f"{case.name} (operations)"] = (
                    f"an SQL file that does not build is refused, nothing written: {reason}"
                )
            continue
        tried["operations"] += 1
        if reason:
            failures[f"{case.name} (operations)"] = reason
            continue
        for form in _other_forms(result):
            tried[form] += 1
            _, reason = _generated(case, form, server_url, tmp_path / form / case.name)
            if reason:
                failures[f"{case.name} ({form})"] = reason
    generated = ", ".join(
        f"{form} {count - sum(1 for name in failures if name.endswith(f'({form})'))} of {count}"
        for form, count in tried.items()
    )
    lines = [
        f"golden cases generated, shard {shard + 1} of {SHARDS}: {generated}; "
        f"{len(refused)} refused as they should (their SQL file does not build), {len(skipped)} need a newer server"
    ]
    lines += [f"  {name}: {reason}" for name, reason in sorted(failures.items())]
    record_property(SUMMARY, "\n".join(lines))
    assert tried["operations"] > len(cases) // 2, "most of the shard's cases were not generated"
    assert not failures, f"{len(failures)} case(s) do not generate: {', '.join(sorted(failures))}"


def test_a_case_with_an_index_is_generated_in_every_form(server_url: str, tmp_path: Path):
    """The other forms are tried where they write something else: an index on a table that exists
    is an operation (so `--sql-only` differs) and a step `--online` writes otherwise."""
    case = next(param.values[0] for param in _case_params() if param.values[0].name == "index_method")
    result, reason = _generated(case, "operations", server_url, tmp_path / "operations")
    assert reason is None
    assert _other_forms(result) == ["sql-only", "online"]
