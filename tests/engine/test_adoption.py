"""A new project is one command from its first check: `schemaparity init`, the pytest plugin, pre-commit."""

from __future__ import annotations

import subprocess
import tomllib

import yaml

from tests.engine.conftest import copy_fixture
from tests.engine.standalone import clean_env
from tests.helpers import PROJECT_ROOT

PLUGIN_TEST = """
def test_schema_parity(schemaparity):
    schemaparity.assert_identical()
"""


def test_init_finds_the_sources_and_a_module_that_imports_every_model(standalone, tmp_path):
    """The awkward project: alembic.ini, the SQL file, the Base through the module that imports the models."""
    project = copy_fixture("awkward", tmp_path)
    (project / "pyproject.toml").write_text('[project]\nname = "podcatalog"\n')
    result = standalone.run("init", cwd=project)
    assert result.returncode == 0, result
    section = tomllib.loads((project / "pyproject.toml").read_text())["tool"]["schemaparity"]
    assert section == {
        "sql": "database/schema.sql",
        "models": "app.db.all_models:Base",
        "alembic_ini": "alembic.ini",
        "data_tables": ["category"],
    }
    assert "other candidates: app.db.base:Base (0 tables)" in result.stdout
    assert tomllib.loads((project / "pyproject.toml").read_text())["project"]["name"] == "podcatalog"


def test_init_then_check_on_the_plain_project(standalone, tmp_path, server_url):
    """No pyproject.toml at all: init writes one, and the next `schemaparity check` needs no flag."""
    project = copy_fixture("plain", tmp_path)
    assert standalone.run("init", cwd=project).returncode == 0
    result = standalone.run("check", cwd=project / "migrations", env={"SCHEMAPARITY_SERVER_URL": server_url})
    assert result.returncode == 0, result
    assert result.stdout.startswith("identical: sql, migrations")


def test_init_keeps_an_existing_section_unless_forced(standalone, tmp_path):
    """A project's own configuration is not overwritten by a guess."""
    project = copy_fixture("awkward", tmp_path)
    before = (project / "pyproject.toml").read_text()
    result = standalone.run("init", cwd=project)
    assert result.returncode == 1 and "--force replaces it" in result.stdout
    assert (project / "pyproject.toml").read_text() == before


def _pytest(standalone, project, server_url):
    (project / "test_schema.py").write_text(PLUGIN_TEST)
    return subprocess.run(
        [str(standalone.python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_schema.py"],
        cwd=project,
        env=clean_env({"SCHEMAPARITY_SERVER_URL": server_url}),
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_pytest_plugin_passes_on_identical_sources(standalone, tmp_path, server_url):
    """`def test_schema_parity(schemaparity): schemaparity.assert_identical()` in a foreign project's suite."""
    project = copy_fixture("plain", tmp_path)
    (project / "pyproject.toml").write_text('[tool.schemaparity]\nsql = "schema.sql"\nalembic_ini = "alembic.ini"\n')
    result = _pytest(standalone, project, server_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_the_pytest_plugin_fails_with_the_report(standalone, tmp_path, server_url):
    """On drift the test fails, and its message is the report naming the object."""
    project = copy_fixture("plain", tmp_path)
    (project / "pyproject.toml").write_text('[tool.schemaparity]\nsql = "schema.sql"\nalembic_ini = "alembic.ini"\n')
    schema = project / "schema.sql"
    schema.write_text(schema.read_text().replace("body text NOT NULL", "body varchar(500) NOT NULL"))
    result = _pytest(standalone, project, server_url)
    assert result.returncode == 1
    assert "note.body: type: sql=character varying(500), migrations=text" in result.stdout, result.stdout


def test_the_pre_commit_hook_runs_the_installed_command():
    """`.pre-commit-hooks.yaml` runs `schemaparity check` in the project's own environment (language: system)."""
    hooks = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(hook for hook in hooks if hook["id"] == "schemaparity")
    assert hook["entry"] == "schemaparity check" and hook["language"] == "system"
    assert hook["pass_filenames"] is False
    engine = tomllib.loads((PROJECT_ROOT / "backend" / "schemaparity" / "pyproject.toml").read_text())
    assert engine["project"]["scripts"]["schemaparity"] == "schemaparity.cli:main"
