"""A report as short as the truth, every entry located: the case shaped like a real project's.

`tests/cases/real_shaped`: seven constraints that differ only in name, a missing
12-column table with three indexes, a float default spelled two ways, a reference
table with a uuid default. The text report fits 15 lines; every difference says where
each source defines it; `--format github` puts each annotation on the right line.
"""

from __future__ import annotations

import json
import re

import pytest

from schemaparity.check import run_check
from schemaparity.render import render_json, render_text
from schemaparity.render_github import render_github
from schemaparity.snapshot import SnapshotOptions
from schemaparity.sources import SqlFileSource
from tests.helpers import CASES

CASE = CASES / "real_shaped"
ANNOTATION = re.compile(r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),title=(?P<title>[^:]+)::")


@pytest.fixture(scope="module")
def result(server_url):
    sources = [SqlFileSource(CASE / "a.sql", name="sql"), SqlFileSource(CASE / "b.sql", name="migrations")]
    return run_check(sources, server_url, snapshot=SnapshotOptions(data_tables=("category",)))


def test_the_text_report_is_at_most_15_lines(result):
    """Eight true entries (seven renames, one missing table), nothing else: no false default, no false rows."""
    text = render_text(result)
    assert result.exit_code == 2
    assert len(text.splitlines()) <= 15, text
    assert "account.balance" not in text and "rows of category" not in text  # equal default, equal rows


def test_every_difference_has_its_locations(result):
    """JSON carries `locations` for each source that defines the object."""
    document = json.loads(render_json(result))
    assert len(document["differences"]) == 8
    for difference in document["differences"]:
        present = [source for source, value in difference["values"].items() if value is not None]
        assert set(difference["locations"]) == set(present), difference


def test_github_annotations_point_at_the_defining_lines(result):
    """Each `::error` names a file and a line that holds the object's definition."""
    annotations = [ANNOTATION.match(line) for line in render_github(result).splitlines()[:-1]]
    assert annotations and all(annotations)
    for found in annotations:
        line = (CASE / found["file"].rsplit("/", 1)[-1]).read_text().splitlines()[int(found["line"]) - 1]
        names = [word for word in re.findall(r"\w+", found["title"]) if "_" in word]
        assert any(name in line for name in names), (found.group(0), line)
