"""`reset dev` clones a template cached by init_db.sql's hash, rebuilt once when the file changes."""

from __future__ import annotations

import io
import threading

from opentr.cli import run
from opentr.template import PREFIX, template_name
from schemaparity.pg.urls import database_name
from tests.helpers import query
from tests.opentr.helpers import run_cli


def _templates(url: str) -> list[tuple]:
    return query(
        url,
        "SELECT datname, datistemplate, datallowconn FROM pg_database WHERE starts_with(datname, %s) ORDER BY 1",
        (PREFIX,),
    )


def test_second_reset_clones_the_cached_template(target_url, sql_copy):
    """The first reset builds the template from the file; the next one only clones it."""
    sql_copy.write_text(sql_copy.read_text() + "\n-- a version no other test has built\n")
    name = template_name(sql_copy)
    code, first, err = run_cli(["reset", "dev", "--yes"])
    assert code == 0, err
    assert f"cloned template {name} (built now from {sql_copy} in " in first
    code, second, err = run_cli(["reset", "dev", "--yes"])
    assert code == 0, err
    assert f"cloned template {name} (built " in second and " ago)" in second
    assert (name, True, False) in _templates(target_url)
    assert query(target_url, "SELECT count(*) FROM tag") == [(4,)]


def test_editing_the_sql_file_rebuilds_the_template_once_and_drops_older_ones(target_url, sql_copy):
    """A changed file gets a new template, built once; the older templates are dropped."""
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    old = template_name(sql_copy)
    sql_copy.write_text(sql_copy.read_text() + "\nCREATE TABLE added_by_this_test (id int);\n")
    new = template_name(sql_copy)
    code, out, err = run_cli(["reset", "dev", "--yes"])
    assert code == 0, err
    assert f"built now from {sql_copy}" in out and f"dropped older template {old}" in out
    assert [row[0] for row in _templates(target_url)] == [new]
    code, out, err = run_cli(["reset", "dev", "--yes"])
    assert code == 0 and "built now" not in out
    assert [row[0] for row in _templates(target_url)] == [new]
    assert query(target_url, "SELECT to_regclass('added_by_this_test') IS NOT NULL") == [(True,)]


def test_concurrent_resets_all_succeed_and_leave_one_good_database(target_url, sql_copy):
    """Resets started together take turns on the server's advisory lock; none fails or half-builds."""
    sql_copy.write_text(sql_copy.read_text() + "\n-- concurrent build\n")
    results: list[tuple[int, str]] = []

    def reset() -> None:
        out, err = io.StringIO(), io.StringIO()
        results.append((run(["reset", "dev", "--yes"], out, err), err.getvalue()))

    threads = [threading.Thread(target=reset) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [(0, "")] * 3
    assert [row[0] for row in _templates(target_url)] == [template_name(sql_copy)]
    assert query(target_url, "SELECT count(*) FROM tag") == [(4,)]
    building = f"{database_name(target_url)}__building"
    assert query(target_url, "SELECT count(*) FROM pg_database WHERE datname = %s", (building,)) == [(0,)]
