"""Owners are compared only when asked (`--compare-owners` or `compare_owners = true`).

Scratch builds all run as one role, so a live database owned by the application's role
would otherwise differ from every build in every object. Here a SQL file is compared
with a live database in which one table has another owner.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from schemaparity import cli
from schemaparity.pg.servers import UrlServer
from schemaparity.result import EXIT_DRIFT, EXIT_IDENTICAL
from tests.helpers import query

SCHEMA = "CREATE TABLE speaker (id integer PRIMARY KEY, name text);\n"
OTHER_OWNER = """
DO $$ BEGIN CREATE ROLE schemaparity_owner; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
ALTER TABLE speaker OWNER TO schemaparity_owner;
"""
OWNER_DIFFERS = "owner of table speaker: role: sql=postgres, live=schemaparity_owner"


@pytest.fixture
def live(databases) -> str:
    url = databases.create("owners")
    query(url, SCHEMA + OTHER_OWNER)
    return url


def check(tmp_path: Path, server_url: str, live: str, *flags: str, section: str = "") -> tuple[int, str]:
    (tmp_path / "schema.sql").write_text(SCHEMA)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f'[tool.schemaparity]\nsql = "schema.sql"\n{section}')
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--config", str(pyproject), "--live", live, "--only", "sql,live", *flags]
    code = cli.run(argv, out, err, server=UrlServer(server_url))
    return code, out.getvalue() + err.getvalue()


def test_owners_are_not_compared_by_default(tmp_path, server_url, live):
    """Another owner alone is no drift: the builds cannot have the live database's roles."""
    code, report = check(tmp_path, server_url, live)
    assert code == EXIT_IDENTICAL, report


@pytest.mark.parametrize(
    ("flags", "section"),
    [
        pytest.param(("--compare-owners",), "", id="flag"),
        pytest.param((), "compare_owners = true\n", id="config"),
    ],
)
def test_owners_are_compared_on_request(tmp_path, server_url, live, flags, section):
    """The flag or the configuration key names the object and both owners."""
    code, report = check(tmp_path, server_url, live, *flags, section=section)
    assert code == EXIT_DRIFT and f"\n  {OWNER_DIFFERS}\n" in report, report


def test_the_flag_overrides_the_configuration(tmp_path, server_url, live):
    """`--no-compare-owners` turns a configured comparison off for one run."""
    code, report = check(tmp_path, server_url, live, "--no-compare-owners", section="compare_owners = true\n")
    assert code == EXIT_IDENTICAL, report


def test_a_configured_value_that_is_not_a_boolean_is_refused(tmp_path, server_url, live):
    """`compare_owners = "yes"` is a mistake to name, not a truthy string to accept."""
    code, report = check(tmp_path, server_url, live, section='compare_owners = "yes"\n')
    assert code == cli.EXIT_USAGE and "compare_owners must be true or false" in report, report
