"""Every golden case is a generation case: the revision generated from a.sql to b.sql reaches b.sql exactly,
and its downgrade returns to a.sql exactly (the proof `schemaparity revision` runs before it writes).

One test runs them all and prints how many generate, in each form (Alembic operations, `--sql-only`,
`--online`); a case that does not is listed with the reason. Plans that lose data are generated with
`--allow-data-loss`, as a maintainer who accepts the loss would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schemaparity.generate import Request, generate_revision
from schemaparity.pg.servers import UrlServer
from tests.engine.generation import case_project
from tests.engine.test_golden_cases import REQUIRES, _case_params

FORMS = {
    "operations": Request("case b", allow_data_loss=True),
    "sql-only": Request("case b", sql_only=True, allow_data_loss=True),
    "online": Request("case b", online=True, allow_data_loss=True),
}


def _generated(case: Path, request: Request, server_url: str, folder: Path) -> str | None:
    """None when the case generates and is proven; else why not."""
    folder.mkdir(parents=True)
    result = generate_revision(case_project(case, folder), request, UrlServer(server_url))
    if result.exit_code != 0:
        reasons = list(result.problems)
        if result.proof is not None and not result.proof.proven:
            reasons += result.proof.problems
            reasons += [f"after upgrade: {d.label} {d.attribute or ''}: {d.values}" for d in result.proof.after_upgrade]
            reasons += [f"after downgrade: {d.label} {d.attribute or ''}: {d.values}" for d in result.proof.after_downgrade]
        return "; ".join(reasons) or f"exit {result.exit_code}"
    if result.empty:
        return None
    written = folder / "migrations" / "versions" / f"{result.revision}.py"
    return None if written.is_file() else f"{written.name} not written"


def _written(folder: Path) -> list[Path]:
    return [path for path in (folder / "migrations" / "versions").glob("*.py") if path.name != "0001_a.py"]


@pytest.mark.parametrize("form", FORMS)
def test_every_golden_case_generates(form: str, server_url: str, server_version: int, tmp_path: Path, capsys):
    cases = [param.values[0] for param in _case_params()]
    failures, skipped, refused = {}, [], []
    for case in cases:
        required = REQUIRES.match((case / "a.sql").read_text())
        if required and server_version < int(required.group(1)):
            skipped.append(case.name)
            continue
        reason = _generated(case, FORMS[form], server_url, tmp_path / case.name)
        if "did not build" in (case / "expected.txt").read_text():
            refused.append(case.name)
            if not (reason and "did not build" in reason) or _written(tmp_path / case.name):
                failures[case.name] = f"an SQL file that does not build must be refused, nothing written: {reason}"
        elif reason:
            failures[case.name] = reason
    tried = len(cases) - len(skipped)
    with capsys.disabled():
        print(
            f"\n{form}: {tried - len(failures) - len(refused)} of {tried - len(refused)} golden cases generate,"
            f" {len(refused)} refused as they should (their SQL file does not build), {len(skipped)} need a newer server"
        )
        for name, reason in sorted(failures.items()):
            print(f"  {name}: {reason}")
    assert tried > 0
    assert not failures, f"{len(failures)} case(s) do not generate: {', '.join(sorted(failures))}"
