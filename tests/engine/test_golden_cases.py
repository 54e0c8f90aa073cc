"""Golden diff cases: each folder of `tests/cases/` builds `a.sql` and `b.sql` and must
render exactly `expected.txt`. Adding a case is adding a folder.

A folder may also hold `xfail.txt` (the reason a known engine bug makes it fail; its
`expected.txt` is then written by hand and never regenerated), and `options.toml`:
`data_tables`, `data_keep_columns` (as in [tool.schemaparity]) and `verbose = true`. A first line
`-- requires PostgreSQL N` in `a.sql` skips the case on older servers; a line
`-- with --compare-owners` there compares owners too (the flag of `schemaparity check`).

`UPDATE_GOLDEN=1` writes `expected.txt` instead of comparing; review every file it
writes: it must show the intended difference and nothing else.

The report is normalised so one `expected.txt` holds on PostgreSQL 15 and 18: the time
becomes `<time>` (and so does the note of what came from the cache, since another test
may have built the case), the case folder `<case>`, and PostgreSQL 18's NOT NULL
constraints (objects that older servers do not have) are left out of the object count
and out of the differences where they only restate a column that is itself reported.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from schemaparity.check import run_check
from schemaparity.diff import Difference
from schemaparity.render import render_text
from schemaparity.result import CheckResult
from schemaparity.snapshot import DEFAULT_OPTIONS, DbObject, Snapshot, SnapshotOptions
from schemaparity.sources import SqlFileSource
from tests.helpers import CASES

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
TIMING = re.compile(r" in \d+\.\d+s( \(.* from the cache\))?$")
REQUIRES = re.compile(r"^-- requires PostgreSQL (\d+)")
COMPARE_OWNERS = re.compile(r"^-- with --compare-owners$", re.MULTILINE)


def _case_params() -> list:
    params = []
    for folder in sorted(path for path in CASES.iterdir() if path.is_dir()):
        xfail = folder / "xfail.txt"
        marks = [pytest.mark.xfail(strict=True, reason=xfail.read_text().strip())] if xfail.is_file() else []
        params.append(pytest.param(folder, id=folder.name, marks=marks))
    return params


def _is_not_null(obj: DbObject | None) -> bool:
    return obj is not None and obj.kind == "constraint" and obj.detail("type") == "not null"


def _constrained_column(obj: DbObject) -> str:
    return obj.detail("definition").removeprefix("NOT NULL ").split()[0].strip('"')


def _without_not_null(snapshot: Snapshot) -> Snapshot:
    return Snapshot(frozenset(obj for obj in snapshot.objects if not _is_not_null(obj)))


def _redundant_not_null(difference: Difference, result: CheckResult) -> bool:
    """A NOT NULL constraint difference that only restates a reported column difference."""
    key = (difference.kind, difference.schema, difference.table, difference.name)
    found = [o.snapshot.by_key.get(key) for o in result.outcomes if o.ok]
    constraint = next((obj for obj in found if obj is not None), None)
    if not _is_not_null(constraint):
        return False
    column = _constrained_column(constraint)
    return any(
        (other.kind, other.schema, other.table, other.name) == ("column", difference.schema, difference.table, column)
        and other.attribute in (None, "nullable")
        for other in result.differences
    )


@dataclass(frozen=True)
class CaseOptions:
    snapshot: SnapshotOptions = DEFAULT_OPTIONS
    verbose: bool = False


def case_options(case: Path, *, owners: bool = False) -> CaseOptions:
    """The case's `options.toml`, when it has one; owners compared when its a.sql asks."""
    path = case / "options.toml"
    found = tomllib.loads(path.read_text()) if path.is_file() else {}
    keep = {table: tuple(columns) for table, columns in found.get("data_keep_columns", {}).items()}
    snapshot = SnapshotOptions(
        data_tables=tuple(found.get("data_tables", ())), data_keep_columns=keep, compare_owners=owners
    )
    return CaseOptions(snapshot, bool(found.get("verbose")))


def normalised_report(result: CheckResult, case: Path, *, verbose: bool = False) -> str:
    """The text report as it reads on any supported server (see the module docstring)."""
    differences = tuple(d for d in result.differences if not _redundant_not_null(d, result))
    outcomes = tuple(replace(o, snapshot=_without_not_null(o.snapshot)) if o.ok else o for o in result.outcomes)
    text = render_text(replace(result, outcomes=outcomes, differences=differences), verbose=verbose)
    *body, last = text.rstrip("\n").split("\n")
    text = "\n".join([*body, TIMING.sub(" in <time>", last)]) + "\n"
    return text.replace(str(case), "<case>")


@pytest.mark.parametrize("case", _case_params())
def test_golden_case_renders_expected_report(case: Path, server_url: str, server_version: int):
    """Building a.sql and b.sql reports exactly the differences written in expected.txt."""
    script = (case / "a.sql").read_text()
    required = REQUIRES.match(script)
    if required and server_version < int(required.group(1)):
        pytest.skip(f"needs PostgreSQL {required.group(1)}, the server is {server_version}")
    sources = [SqlFileSource(case / "a.sql", name="a"), SqlFileSource(case / "b.sql", name="b")]
    options = case_options(case, owners=bool(COMPARE_OWNERS.search(script)))
    result = run_check(sources, server_url, snapshot=options.snapshot)
    report = normalised_report(result, case, verbose=options.verbose)
    expected_file = case / "expected.txt"
    if UPDATE and not (case / "xfail.txt").is_file():
        expected_file.write_text(report)
        pytest.skip(f"wrote {expected_file}; review it")
    expected = expected_file.read_text() if expected_file.is_file() else ""
    if report != expected:
        unified = difflib.unified_diff(
            expected.splitlines(), report.splitlines(), "expected.txt", "actual", lineterm=""
        )
        pytest.fail(f"{case.name}: the report differs from expected.txt\n" + "\n".join(unified), pytrace=False)
