"""The engine installed on its own checks foreign projects unchanged, from any directory, and safely.

Each test copies a fixture project of `tests/fixtures/` and runs the standalone
`schemaparity` (see `standalone.py`) from another directory, as a new user would. The
awkward project's env.py builds its own URL from POSTGRES_* and `.env`: here they name
a sentinel database holding one marker table, which must hold exactly that table after
every check, while the chain is still built and compared in the scratch database.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schemaparity.pg.urls import database_name, parse_url
from tests.engine.conftest import copy_fixture
from tests.engine.standalone import Standalone
from tests.helpers import query

LONG_FIRST = "20240115_0900_initial_catalog_schema_v1"
LONG_SECOND = "20240302_1400_add_episode_duration_and_index"


@pytest.fixture
def awkward(tmp_path) -> Path:
    return copy_fixture("awkward", tmp_path)


@pytest.fixture
def sentinel(databases, server_url) -> dict[str, str]:
    """A database with one marker table, and the POSTGRES_* settings that point the project at it."""
    url = databases.create("sentinel")
    query(url, "CREATE TABLE marker (note text); INSERT INTO marker VALUES ('untouched')")
    parsed = parse_url(url)
    return {
        "url": url,
        "POSTGRES_HOST": parsed.host,
        "POSTGRES_PORT": str(parsed.port),
        "POSTGRES_USER": parsed.username,
        "POSTGRES_PASSWORD": "sentinel-secret",
        "POSTGRES_DB": database_name(url),
    }


def check(standalone: Standalone, project: Path, cwd: Path, server_url: str, *flags: str, **env: str):
    return standalone.run(
        "check",
        "--config",
        str(project / "pyproject.toml"),
        *flags,
        cwd=cwd,
        env={"SCHEMAPARITY_SERVER_URL": server_url, **env},
    )


def assert_untouched(sentinel: dict[str, str]) -> None:
    tables = query(sentinel["url"], "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    assert tables == [("marker",)]
    assert query(sentinel["url"], "SELECT note FROM marker") == [("untouched",)]


def test_the_standalone_engine_installs_no_app_package(standalone):
    """Installing the engine must not shadow a project's own (namespace) `app` package."""
    result = standalone.python_run("import schemaparity, importlib.util; print(importlib.util.find_spec('app'))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"


def test_env_py_with_its_own_url_migrates_only_the_scratch_database(
    standalone, awkward, elsewhere, server_url, sentinel
):
    """env.py connects where POSTGRES_* say: the sentinel stays as it was, and the chain is still compared."""
    settings = {key: value for key, value in sentinel.items() if key != "url"}
    result = check(standalone, awkward, elsewhere, server_url, **settings)
    assert_untouched(sentinel)
    assert "episode.duration_seconds: type: sql=integer, models=real, migrations=real" in result.stdout, result
    assert f"{sentinel['POSTGRES_USER']}@{sentinel['POSTGRES_HOST']}:{sentinel['POSTGRES_PORT']}" in result.stderr
    assert "redirected to the scratch database" in result.stderr
    assert "sentinel-secret" not in result.stdout + result.stderr


def test_a_dotenv_host_that_does_not_resolve_is_no_obstacle(standalone, awkward, elsewhere, server_url):
    """With only .env's settings (host db.invalid), the check runs from elsewhere and compares the chain."""
    result = check(standalone, awkward, elsewhere, server_url)
    assert "episode.duration_seconds" in result.stdout, result
    assert "db.invalid" not in result.stdout


def test_long_revision_ids_are_named_with_their_length_and_the_comparison_still_runs(
    standalone, awkward, elsewhere, server_url
):
    """Ids over 32 characters fail production's `alembic upgrade`: exit 1, each named, differences still listed."""
    result = check(standalone, awkward, elsewhere, server_url)
    assert result.returncode == 1, result
    assert f"revision id '{LONG_SECOND}' is 44 characters" in result.stdout
    assert f"revision id '{LONG_FIRST}' is 39 characters" in result.stdout
    assert "production `alembic upgrade` fails the same way" in result.stdout
    assert "1 difference(s)" in result.stdout.splitlines()[-1]


def test_stdout_holds_the_report_alone(standalone, awkward, elsewhere, server_url):
    """Alembic's INFO lines, env.py's print and warning stay out of the report of a build that succeeded."""
    result = check(standalone, awkward, elsewhere, server_url)
    for noise in ("INFO  [alembic", "Running upgrade", "env.py: migrating", "development database settings"):
        assert noise not in result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("error: checks failed; 1 difference(s)")


def test_a_syntax_error_in_a_later_revision_is_blamed_on_that_revision(standalone, awkward, elsewhere, server_url):
    """Not the first revision: the broken file, its line, and SyntaxError."""
    second = awkward / "migrations" / "versions" / f"{LONG_SECOND}.py"
    second.write_text(second.read_text().replace("def downgrade() -> None:", "def downgrade() -> None\n"))
    result = check(standalone, awkward, elsewhere, server_url)
    assert result.returncode == 1
    line = next(n for n, text in enumerate(second.read_text().splitlines(), 1) if text == "def downgrade() -> None")
    assert f"revision {LONG_SECOND} ({second}:{line}): SyntaxError" in result.stdout, result.stdout


def test_a_failing_upgrade_in_a_one_transaction_chain_blames_its_revision(standalone, awkward, elsewhere, server_url):
    """env.py runs every revision in one transaction, so alembic_version says nothing: the traceback does."""
    second = awkward / "migrations" / "versions" / f"{LONG_SECOND}.py"
    text = second.read_text().replace(
        '    op.create_index("ix_episode_show_id_number"',
        '    op.execute("SELECT no_such_column FROM episode")\n    op.create_index("ix_episode_show_id_number"',
    )
    second.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "no_such_column" in row)
    result = check(standalone, awkward, elsewhere, server_url)
    assert result.returncode == 1
    assert f"revision {LONG_SECOND} ({second}:{line}): ProgrammingError" in result.stdout, result.stdout
    assert f"revision {LONG_FIRST} (" not in result.stdout
    assert "its log" in result.stdout  # a failed build shows what it logged


def test_env_py_failing_before_any_revision_is_blamed_on_env_py(standalone, awkward, elsewhere, server_url):
    """A settings error raised while env.py loads names env.py and the settings module's line."""
    result = check(standalone, awkward, elsewhere, server_url, POSTGRES_PORT="five-four-three-two")
    assert result.returncode == 1
    env_py = awkward / "migrations" / "env.py"
    assert (
        f"env.py ({env_py}:" in result.stdout
        and f"failed in {awkward / 'app' / 'core' / 'config.py'}:" in result.stdout
    )
    assert "ValueError: invalid literal for int()" in result.stdout
    assert f"revision {LONG_FIRST}" not in result.stdout


def test_a_models_target_without_tables_says_which_module_to_import(standalone, awkward, elsewhere, server_url):
    """`app.db.base:Base` imports no model: the error names the module that does."""
    result = check(standalone, awkward, elsewhere, server_url, "--models", "app.db.base:Base", "--only", "sql,models")
    assert result.returncode == 1
    assert "app.db.base:Base holds no tables" in result.stdout
    assert "use --models app.db.all_models:Base" in result.stdout, result.stdout


def test_the_plain_project_is_checked_from_another_directory(standalone, tmp_path, elsewhere, server_url):
    """An SQL file and alembic init's env.py (URL from sqlalchemy.url, a placeholder): identical."""
    plain = copy_fixture("plain", tmp_path)
    flags = ("--sql", str(plain / "schema.sql"), "--alembic-ini", str(plain / "alembic.ini"))
    result = standalone.run("check", *flags, cwd=elsewhere, env={"SCHEMAPARITY_SERVER_URL": server_url})
    assert result.returncode == 0, result
    assert result.stdout.startswith("identical: sql, migrations")


def test_drift_in_the_plain_project_is_named(standalone, tmp_path, elsewhere, server_url):
    """The same check fails on a real difference: exit 2 and the object's name."""
    plain = copy_fixture("plain", tmp_path)
    schema = plain / "schema.sql"
    schema.write_text(schema.read_text().replace("WHERE pinned;", ";"))
    flags = ("--sql", str(schema), "--alembic-ini", str(plain / "alembic.ini"))
    result = standalone.run("check", *flags, cwd=elsewhere, env={"SCHEMAPARITY_SERVER_URL": server_url})
    assert result.returncode == 2, result
    assert "note_pinned_idx: definition differs" in result.stdout


def test_a_broken_model_is_named_with_its_line_in_both_sources(standalone, awkward, elsewhere, server_url):
    """A model that raises: models names its line, migrations names env.py importing it (not a revision)."""
    show = awkward / "app" / "models" / "show.py"
    show.write_text(show.read_text().replace("    title: Mapped[str]", "    title: Mapped[Strr]"))
    line = next(n for n, text in enumerate(show.read_text().splitlines(), 1) if "Strr" in text)
    result = check(standalone, awkward, elsewhere, server_url)
    assert result.returncode == 1
    assert f"{show}:{line}: NameError: name 'Strr' is not defined" in result.stdout, result.stdout
    assert f"failed in {show}:{line}: NameError" in result.stdout and "env.py (" in result.stdout
    assert f"revision {LONG_FIRST}" not in result.stdout


def test_a_models_target_that_does_not_exist_is_named(standalone, awkward, elsewhere, server_url):
    """Not the standard library's importlib: the module that was not found, and where it was looked for."""
    result = check(standalone, awkward, elsewhere, server_url, "--models", "nosuch.models:Base", "--only", "sql,models")
    assert result.returncode == 1
    assert "nosuch.models:Base: no module 'nosuch' on the path" in result.stdout
    assert "importlib" not in result.stdout
