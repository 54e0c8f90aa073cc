"""The reports on hand-made results: text for people, JSON for machines, and exit codes."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from schemaparity import check as check_module
from schemaparity.check import run_check
from schemaparity.diff import diff
from schemaparity.render import render_json, render_text
from schemaparity.result import EXIT_DRIFT, EXIT_ERROR, EXIT_IDENTICAL, CheckResult, SourceOutcome
from schemaparity.snapshot import DbObject, Snapshot
from schemaparity.sources import BuildError, Built
from schemaparity.sources.base import StampRole

INDEX_A = "CREATE INDEX segment_time_idx ON public.segment USING btree (media_file_id, start_time)"
INDEX_B = "CREATE INDEX segment_time_idx ON public.segment USING btree (start_time, media_file_id)"


def column(name: str, table: str, type_: str = "integer", nullable: bool = True) -> DbObject:
    return DbObject.make("column", "public", table, name, nullable=nullable, type=type_)


def index(definition: str) -> DbObject:
    return DbObject.make("index", "public", "segment", "segment_time_idx", definition=definition, valid=True)


def enum(*labels: str) -> DbObject:
    return DbObject.make("enum", "public", None, "file_status", labels=labels)


def snapshot(*objects: DbObject) -> Snapshot:
    return Snapshot(frozenset(objects))


def result_of(snapshots: dict[str, Snapshot], seconds: float = 1.234, failed: dict[str, str] | None = None):
    """A CheckResult as run_check makes it: outcomes in order, the diff of those that built."""
    outcomes = [SourceOutcome(name, f"{name}.sql", snap, seconds=0.5) for name, snap in snapshots.items()]
    outcomes += [
        SourceOutcome(name, f"{name}.sql", error=error, seconds=0.25) for name, error in (failed or {}).items()
    ]
    differences = tuple(diff(snapshots)) if len(snapshots) >= 2 else ()
    return CheckResult(tuple(outcomes), differences, seconds=seconds)


BASE = snapshot(column("id", "media_file"), column("start_time", "segment", "real"), index(INDEX_A), enum("new"))
DRIFTED = snapshot(
    column("id", "media_file", "bigint"),
    column("start_time", "segment", "real", nullable=False),
    index(INDEX_B),
    enum("new", "done"),
)


def test_identical_result_is_one_summary_line_with_count_and_time():
    """Nothing differs: the report is a single line naming the sources, objects and time."""
    result = result_of({"sql": BASE, "models": BASE})
    assert result.exit_code == EXIT_IDENTICAL
    assert render_text(result) == "identical: sql, models (4 objects) in 1.23s\n"


def test_text_report_groups_differences_by_table_and_ends_with_a_summary():
    """Each table is a heading with its differences under it; objects outside tables come last."""
    result = result_of({"a": BASE, "b": DRIFTED})
    lines = render_text(result).splitlines()
    assert result.exit_code == EXIT_DRIFT
    assert lines[0] == "media_file"
    assert lines[1] == "  media_file.id: type: a=integer, b=bigint"
    assert lines[2] == "segment"
    assert lines.index("(not in a table)") > lines.index("segment")
    assert "  enum file_status: labels: a=[new], b=[new, done]" in lines
    assert lines[-1] == "drift: 4 difference(s) in 3 group(s) between a, b in 1.23s"
    assert [line for line in lines if line.startswith(("identical:", "drift:", "error:"))] == [lines[-1]]


def test_text_report_shows_a_long_definition_as_a_unified_diff():
    """An index definition too long for a line is shown as a diff, so the changed part stands out."""
    text = render_text(result_of({"a": snapshot(index(INDEX_A)), "b": snapshot(index(INDEX_B))}))
    assert text.splitlines()[:6] == [
        "segment",
        "  segment_time_idx: definition differs",
        "      --- a",
        "      +++ b",
        "      @@ -1 +1 @@",
        f"      -{INDEX_A}",
    ]
    assert f"      +{INDEX_B}" in text.splitlines()


def test_text_report_points_at_the_odd_one_out():
    """With three sources, the line of a difference ends with an arrow at the one that differs."""
    text = render_text(result_of({"sql": BASE, "models": DRIFTED, "migrations": BASE}))
    assert "  media_file.id: type: sql=integer, models=bigint, migrations=integer  ← models differs" in text
    assert "  segment_time_idx: definition differs  ← models differs" in text
    assert "      --- sql, migrations" in text
    assert "      +++ models" in text


def test_text_report_has_no_arrow_without_a_single_odd_one_out():
    """Two sources, or three that all disagree, name nobody."""
    three = {
        name: snapshot(column("id", "media_file", kind))
        for name, kind in zip("abc", ("int2", "int4", "int8"), strict=True)
    }
    assert "←" not in render_text(result_of(three))
    assert "←" not in render_text(result_of({"a": BASE, "b": DRIFTED}))


def test_text_report_names_a_missing_object_where_it_is_missing():
    """An object some sources lack says where it exists, where it is missing, and what it is."""
    text = render_text(result_of({"a": snapshot(index(INDEX_A)), "b": Snapshot.empty()}))
    assert text.splitlines() == [
        "segment",
        "  segment_time_idx: index only in a; missing in b",
        f"      {INDEX_A}",
        "drift: 1 difference(s) in 1 group(s) between a, b in 1.23s",
    ]


def test_source_that_failed_to_build_is_an_error_and_the_others_are_still_compared():
    """A broken source gives exit 1 and its message, but the others' drift is still reported."""
    result = result_of({"a": BASE, "b": DRIFTED}, failed={"c": 'c.sql:3: syntax error at or near "CREAT"'})
    text = render_text(result)
    assert result.exit_code == EXIT_ERROR
    assert text.startswith('error: source c (c.sql) did not build:\n  c.sql:3: syntax error at or near "CREAT"\n')
    assert "  media_file.id: type: a=integer, b=bigint" in text
    assert text.splitlines()[-1] == "error: c failed; 4 difference(s) in 3 group(s) between a, b in 1.23s"


def test_failed_source_with_identical_others_says_so():
    """When the sources that built agree, the error summary says there was nothing else."""
    result = result_of({"a": BASE, "b": BASE}, failed={"c": "boom"})
    assert result.exit_code == EXIT_ERROR
    assert render_text(result).splitlines()[-1] == "error: c failed; no differences among the rest in 1.23s"


def test_problems_outside_sources_are_errors():
    """A check that failed outside any source (e.g. two heads) makes the result an error."""
    result = CheckResult(result_of({"a": BASE, "b": BASE}).outcomes, errors=("2 heads (x, y); merge them",))
    text = render_text(result)
    assert result.exit_code == EXIT_ERROR
    assert "error: 2 heads (x, y); merge them" in text.splitlines()
    assert text.splitlines()[-1].startswith("error: checks failed; no differences among the rest in ")


def test_json_report_has_the_documented_fields():
    """Machines get version, result, exit code, time, sources, errors, differences and summary."""
    result = result_of({"sql": BASE, "models": DRIFTED, "migrations": BASE})
    document = json.loads(render_json(result))
    assert list(document) == [
        "version",
        "result",
        "exit_code",
        "seconds",
        "sources",
        "errors",
        "notes",
        "differences",
        "summary",
    ]
    assert (document["version"], document["result"], document["exit_code"]) == (1, "drift", EXIT_DRIFT)
    assert document["seconds"] == 1.234
    assert document["errors"] == []
    assert document["sources"][1] == {
        "name": "models",
        "description": "models.sql",
        "status": "ok",
        "error": None,
        "objects": 4,
        "seconds": 0.5,
        "notes": [],
        "problems": [],
        "log": None,
    }
    first = document["differences"][0]
    assert first == {
        "group": "media_file",
        "kind": "column",
        "object": "media_file.id",
        "schema": "public",
        "table": "media_file",
        "name": "id",
        "attribute": "type",
        "values": {"sql": "integer", "models": "bigint", "migrations": "integer"},
        "missing_in": [],
        "odd_one_out": "models",
    }
    labels = next(d for d in document["differences"] if d["kind"] == "enum")
    assert (labels["group"], labels["values"]["models"]) == (None, ["new", "done"])
    assert document["summary"] == render_text(result).splitlines()[-1]


def test_json_report_lists_missing_objects_and_failed_sources():
    """A missing object carries missing_in; a failed source has status error and its message."""
    result = result_of({"a": snapshot(index(INDEX_A)), "b": Snapshot.empty()}, failed={"c": "c.sql:1: boom"})
    document = json.loads(render_json(result))
    assert (document["result"], document["exit_code"]) == ("error", EXIT_ERROR)
    [difference] = document["differences"]
    assert (difference["attribute"], difference["missing_in"], difference["values"]) == (
        None,
        ["b"],
        {"a": INDEX_A, "b": None},
    )
    failed = document["sources"][-1]
    assert (failed["status"], failed["error"], failed["objects"]) == ("error", "c.sql:1: boom", None)


def test_json_report_is_stable():
    """The same result renders to the same bytes, whatever order the snapshots were built in."""
    first = result_of({"sql": BASE, "models": DRIFTED})
    rebuilt = result_of({"sql": Snapshot(frozenset(reversed(list(BASE.objects)))), "models": DRIFTED})
    assert render_json(first) == render_json(first)
    assert render_json(first).encode() == render_json(rebuilt).encode()
    assert render_text(first) == render_text(rebuilt)


@dataclass(frozen=True)
class FakeSource:
    """A source that needs no server: it builds one prepared snapshot, or fails."""

    name: str
    snapshot: Snapshot | None
    needs_scratch = True
    stamp_role = StampRole()

    @property
    def description(self) -> str:
        return f"fake {self.name}"

    def prepare(self, url: str):
        def build() -> Built:
            if self.snapshot is None:
                raise BuildError(f'{self.name}.sql:2: relation "tag" does not exist')
            return Built()

        return build


class FakeScratch:
    """A scratch server whose databases are named after their sources, and never exist."""

    def __init__(self, server_url: str):
        self.reaped: list[str] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return None

    def create(self, label: str) -> str:
        return label


def test_run_check_compares_the_sources_that_built_when_one_fails(monkeypatch):
    """One failed build is reported as an error while the other two are still diffed."""
    sources = [FakeSource("sql", BASE), FakeSource("models", None), FakeSource("migrations", DRIFTED)]
    prepared = {source.name: source.snapshot for source in sources}

    monkeypatch.setattr(check_module, "ScratchSession", FakeScratch)
    monkeypatch.setattr(check_module, "_snapshot_and_stamp", lambda url, *options: (prepared[url], None))
    result = run_check(sources, "postgresql://unused")
    assert result.exit_code == EXIT_ERROR
    assert [o.ok for o in result.outcomes] == [True, False, True]
    assert result.outcomes[1].error == 'models.sql:2: relation "tag" does not exist'
    assert result.differences == tuple(diff({"sql": BASE, "migrations": DRIFTED}))
    assert "error: source models (fake models) did not build:" in render_text(result)


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (CheckResult((SourceOutcome("a", "a", Snapshot.empty()), SourceOutcome("b", "b", Snapshot.empty()))), 0),
        (result_of({"a": BASE, "b": DRIFTED}), 2),
        (result_of({"a": BASE}, failed={"b": "boom"}), 1),
    ],
    ids=["identical", "drift", "error"],
)
def test_exit_code_is_0_identical_2_drift_1_error(result: CheckResult, expected: int):
    """Exit codes are diff-style, so CI can tell drift from a broken source."""
    assert result.exit_code == expected
