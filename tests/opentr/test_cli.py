"""The command line for people: help everywhere, usage errors are exit 2, expected failures one line.

Every outcome of `check --format json` is a JSON document; `--debug` (or OPENTR_DEBUG=1)
shows the traceback that is otherwise kept back; settings are read forgivingly where a
typo could never mean something else, and refused by name where it could.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import opentr.commands  # noqa: F401  (registers the commands)
from opentr.registry import COMMANDS, help_text
from tests.app.mutation_helpers import alembic_copy
from tests.helpers import PROJECT_ROOT, migrate, query
from tests.opentr.helpers import run_cli


@pytest.mark.parametrize("argv", [["help"], ["--help"], ["-h"], []])
def test_help_lists_every_registered_command(argv):
    """`help`, `--help`, `-h` (and no command) print the list built from the registry."""
    code, out, err = run_cli(argv)
    assert code == 0, err
    assert out == help_text()
    for name in COMMANDS:
        assert f"\n  {name} " in out or f"\n  {name}\n" in out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_has_its_own_help(name):
    """`help COMMAND` prints its usage line and whole description; so does `COMMAND --help` where it parses."""
    code, out, _ = run_cli(["help", name])
    assert code == 0 and out.startswith(f"usage: ./opentr.sh {name}")
    assert COMMANDS[name].description in out


def test_an_unknown_command_is_a_usage_error_with_the_list():
    code, _, err = run_cli(["rest", "dev"])
    assert code == 2 and "unknown command 'rest'" in err and "reset dev" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["check", "--only", "foo"], "unknown source(s) foo"),
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["check", "--no-such-flag"], "unrecognized arguments: --no-such-flag"),
        (["check", "--config", "/nonexistent/pyproject.toml"], "/nonexistent/pyproject.toml: no such file"),
        (["reset", "prod"], "invalid choice: 'prod'"),
        (["logs", "postgres", "-n", "many"], "invalid int value: 'many'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv, said):
    code, out, err = run_cli(argv)
    assert code == 2, out + err
    assert said in err and "Traceback" not in out + err


def test_a_usage_error_under_format_json_is_a_json_document():
    """Every outcome of `check --format json` is the versioned document, a usage error too."""
    code, out, _ = run_cli(["check", "--format", "json", "--only", "foo"])
    document = json.loads(out)
    assert code == 2 and document["exit_code"] == 2 and document["result"] == "error"
    assert document["version"] == 1 and "unknown source(s) foo" in document["errors"][0]


@pytest.mark.parametrize(
    ("live", "said"),
    [
        ("postgresql+psycopg2://postgres@127.0.0.1:1/opentranscribe", "Connection refused"),
        ("not a url", "not a database URL"),
        ("mysql://root@127.0.0.1/app", "mysql:// is not PostgreSQL"),
    ],
)
def test_check_live_with_a_bad_target_is_one_line(live, said, server_url, monkeypatch):
    """A closed port, a URL that is none, or another database: one line, no traceback, never the secret."""
    monkeypatch.setenv("SCHEMAPARITY_SERVER_URL", server_url)
    code, out, err = run_cli(["check", "--only", "migrations,live", "--live", live, "--no-pydantic"])
    assert code == 1, out + err
    assert said in out + err and "Traceback" not in out + err


def test_check_live_of_a_missing_database_is_one_line(databases, server_url, monkeypatch):
    monkeypatch.setenv("SCHEMAPARITY_SERVER_URL", server_url)
    missing = databases.create("gone")
    databases.drop_all()
    code, out, err = run_cli(["check", "--only", "migrations,live", "--live", missing, "--no-pydantic"])
    assert code == 1 and "does not exist" in out + err and "Traceback" not in out + err


def test_debug_shows_the_traceback_that_is_otherwise_kept_back(monkeypatch):
    """OPENTR_DEBUG=1 re-raises for a bug report."""
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg2://postgres@127.0.0.1:1/opentranscribe")
    assert run_cli(["inspect"])[0] == 1
    monkeypatch.setenv("OPENTR_DEBUG", "1")
    with pytest.raises(Exception, match="Connection refused"):
        run_cli(["inspect"])


@pytest.mark.parametrize(
    ("app_env", "refused"),
    [("PRODUCTION", True), ("Production", True), ("prod", True), ("development", False), ("DEV", False)],
)
def test_app_env_is_read_in_any_case_and_never_mistaken_for_development(target_url, monkeypatch, app_env, refused):
    monkeypatch.setenv("APP_ENV", app_env)
    code, _, err = run_cli(["reset", "dev", "--yes"])
    assert (code == 3) is refused, err
    if refused:
        assert "APP_ENV is production" in err


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("APP_ENV", "staging", "APP_ENV: must be one of development, test, production (got 'staging')"),
        ("DATABASE_URL", "mysql://root@127.0.0.1/app", "DATABASE_URL: mysql:// is not PostgreSQL"),
    ],
)
def test_a_wrong_setting_is_named_in_one_line(monkeypatch, name, value, said):
    monkeypatch.setenv(name, value)
    code, out, err = run_cli(["status"])
    assert code == 1 and err.startswith(f"error: invalid setting: {said}") and err.count("\n") == 1, err


def test_status_is_1_when_the_schema_cannot_be_compared(databases, monkeypatch, tmp_path):
    """Exit 0 matches head, 2 differs (see test_parity_commands), 1 could not be compared."""
    url = databases.create("status")
    migrate(url, "head")
    monkeypatch.setenv("DATABASE_URL", url)
    copy = alembic_copy(tmp_path)
    env = copy.ini.parent / "alembic" / "env.py"
    env.write_text(
        env.read_text().replace("from app.models import Base", "from app.models import Base\nraise SystemExit(3)")
    )
    monkeypatch.setattr("opentr.parity.project_config", lambda: _config_with(copy.ini))
    code, out, _ = run_cli(["status"])
    assert code == 1 and "schema:   could not be compared" in out


def _config_with(alembic_ini):
    from dataclasses import replace

    from schemaparity.config import load_config

    return replace(load_config(PROJECT_ROOT / "pyproject.toml"), alembic_ini=alembic_ini)


@pytest.mark.parametrize("argv", [["db", "status"], ["stamp"]])
def test_no_done_in_after_a_failure_or_a_report(argv, databases, monkeypatch, tmp_path):
    """`done in …s` follows a command that did something; not `db status`, not a refused stamp."""
    url = databases.create("stamp")
    migrate(url, "head")
    query(url, "DELETE FROM alembic_version; ALTER TABLE tag ADD COLUMN color text")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("OPENTR_DATA_DIR", str(tmp_path))
    _, out, _ = run_cli(argv)
    assert "done in" not in out


def test_a_failing_migration_names_the_revision_and_line(target_url, tmp_path, monkeypatch):
    """`migrate` says which revision failed and where, as the check does."""
    copy = alembic_copy(tmp_path)
    failing = copy.revision("0003_fails")
    head = "0002_add_speaker_fields"
    failing.write_text(
        f'"""Fails.\n\nOn purpose.\n"""\n\nrevision = "0003_fails"\ndown_revision = "{head}"\n'
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade() -> None:\n"
        '    raise RuntimeError("0003 cannot go on")\n\n\ndef downgrade() -> None:\n    pass\n'
    )
    monkeypatch.setattr("opentr.target.ALEMBIC_INI", copy.ini)
    code, _, err = run_cli(["migrate"])
    assert code == 1
    assert f"revision 0003_fails ({failing}:13): RuntimeError: 0003 cannot go on" in err
    assert "the database stays at the last revision that completed" in err
    assert query(target_url, "SELECT version_num FROM alembic_version") == [(head,)]


def test_a_closed_pipe_ends_the_script_quietly():
    """`scripts/db_inspect.py | head -1`: when the reader is gone, the script ends without a traceback."""
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the script writes a byte
    try:
        done = subprocess.run(
            [sys.executable, str(PROJECT_ROOT / "scripts" / "db_inspect.py"), "--help"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert done.returncode == -signal.SIGPIPE and done.stderr == ""


def test_the_test_command_writes_bytecode_except_for_the_fixtures_the_tests_edit(tmp_path: Path):
    from importlib.util import cache_from_source

    from opentr.commands.test import compile_sources

    for relative in ("backend/opentr/swap.py", "alembic/env.py", "tests/fixtures/awkward/app/models/show.py"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT_ROOT / relative, tmp_path / relative)
    compile_sources(tmp_path)
    assert Path(cache_from_source(str(tmp_path / "backend" / "opentr" / "swap.py"))).is_file()
    assert Path(cache_from_source(str(tmp_path / "alembic" / "env.py"))).is_file()
    assert not list((tmp_path / "tests" / "fixtures").rglob("*.pyc"))


@pytest.mark.parametrize(
    ("argv", "env", "parallel"),
    [
        ([], {}, True),
        (["-q", "-k", "reset"], {}, True),
        (["tests/engine"], {}, False),
        (["tests/opentr/test_cli.py::test_help_lists_every_registered_command"], {}, False),
        (["-n", "1"], {}, False),
        (["-p", "no:xdist"], {}, False),
        (["--pdb"], {}, False),
        ([], {"SCHEMAPARITY_SERVER_URL": "postgresql://postgres@127.0.0.1:5432/postgres"}, False),
    ],
)
def test_the_whole_suite_runs_on_workers_and_a_chosen_test_or_a_shared_server_does_not(argv, env, parallel):
    from opentr.commands.test import workers

    options = workers(argv, env, cpus=2)
    assert (options[:2] == ["-n", "3"]) if parallel else options == []
