"""`./opentr.sh revision` on this project: squawk's verdict and ruff's format as the engine's hooks.

The strongest claim: from 0001 alone, the revision generated from init_db.sql is proven to
build what 0002 (written by hand) builds, and its file passes `./opentr.sh lint` as written.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from opentr.generation import ruff_format, squawk_verdict
from opentr.lint import lint_revisions
from schemaparity.config import load_config
from schemaparity.generate import Request, generate_revision
from schemaparity.pg.servers import UrlServer
from tests.helpers import ALEMBIC_INI, INIT_SQL, PROJECT_ROOT, PYPROJECT
from tests.opentr.helpers import run_cli

VERSIONS = PROJECT_ROOT / "alembic" / "versions"


def chain_from_0001(folder: Path) -> Path:
    """This project's Alembic folder with 0001 only, and its alembic.ini pointing there."""
    shutil.copytree(
        PROJECT_ROOT / "alembic", folder / "alembic", ignore=shutil.ignore_patterns("__pycache__", "0002_*")
    )
    ini = folder / "alembic.ini"
    ini.write_text(
        ALEMBIC_INI.read_text()
        .replace("%(here)s/backend", str(PROJECT_ROOT / "backend"))
        .replace("%(here)s/alembic", str(folder / "alembic"))
    )
    return ini


def test_from_0001_the_generated_revision_builds_what_0002_builds_and_lints_clean(tmp_path, server_url):
    ini = chain_from_0001(tmp_path)
    sql = tmp_path / "init_db.sql"
    sql.write_text(INIT_SQL.read_text().replace("'0002_add_speaker_fields'", "'0001_initial'"))
    config = load_config(PYPROJECT, required=True).override(sql=str(sql), alembic_ini=str(ini))
    result = generate_revision(
        config, Request("add speaker fields"), UrlServer(server_url), linter=squawk_verdict, formatter=ruff_format
    )
    assert result.exit_code == 0, result.problems
    assert result.proof.proven and result.head == "0001_initial" and result.revision == "0002_add_speaker_fields"
    summaries = [step.summary for step in result.upgrade.steps]
    assert "add column speaker.display_name" in summaries and any("speaker_confidence_check" in s for s in summaries)
    assert "VALUES ('0002_add_speaker_fields')" in sql.read_text()
    assert lint_revisions(ini) == [], "the written revision passes the project's lint as it is"
    ruff = [sys.executable, "-m", "ruff", "check", str(result.path)]
    assert subprocess.run(ruff, cwd=PROJECT_ROOT, capture_output=True).returncode == 0


def test_the_command_dry_run_on_an_edit_prints_the_proven_plan_and_writes_nothing(tmp_path):
    sql = tmp_path / "init_db.sql"
    sql.write_text(INIT_SQL.read_text().replace("CREATE TABLE tag (", "CREATE TABLE tag (\n    color varchar(7),", 1))
    listed = sorted(VERSIONS.glob("*.py"))
    code, out, err = run_cli(["revision", "-m", "tag colors", "--sql", str(sql), "--dry-run"])
    assert code == 0, out + err
    assert "add column tag.color" in out and "proven: upgrade from 0002_add_speaker_fields" in out
    assert "lint: exempt from prefer-text-field: the SQL file's definition" in out
    assert "dry run: alembic/versions/0003_tag_colors.py not written" in out
    assert sorted(VERSIONS.glob("*.py")) == listed and "0003" not in sql.read_text()
