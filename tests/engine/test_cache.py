"""The snapshot cache: a check rebuilds only what changed, and notices every change that matters.

Each check runs as `python -m schemaparity check`, a fresh process as on the command
line, against a private cache folder; the summary says which sources came from the
cache, and the JSON report's `cached` says it per source. A build's inputs are every
project file imported in its process by the time it ends (a superset, so that no
entry is ever stale): a change to the models may rebuild the migrations beside them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.engine.conftest import copy_fixture

MODELS = {
    "columns.py": '''
        from sqlalchemy import String
        from sqlalchemy.orm import mapped_column


        def code_column():
            """The helper the models import: a change here changes the models."""
            return mapped_column(String(20), nullable=False)
    ''',
    "models.py": """
        from sqlalchemy import BigInteger, Boolean, Identity, Index, Integer, Text, text
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

        from {package}.columns import code_column


        class Base(DeclarativeBase):
            pass


        class Note(Base):
            __tablename__ = "note"
            __table_args__ = (Index("note_pinned_idx", "pinned", postgresql_where=text("pinned")),)
            id: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
            body: Mapped[str] = mapped_column(Text, nullable=False)
            pinned: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))


        class Voucher(Base):
            __tablename__ = "voucher"
            id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
            code: Mapped[str] = code_column()
    """,
}


@pytest.fixture
def project(tmp_path) -> Path:
    """The plain fixture (an SQL file and Alembic) plus models whose column type comes from a helper module."""
    root = copy_fixture("plain", tmp_path)
    package = root / f"cached_models_{os.getpid()}_{tmp_path.name[-8:]}".replace("-", "_")
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, text in MODELS.items():
        (package / name).write_text(textwrap.dedent(text.format(package=package.name)).lstrip())
    (root / "schema.sql").write_text(
        (root / "schema.sql").read_text()
        + "\nCREATE TABLE voucher (id integer PRIMARY KEY, code varchar(20) NOT NULL);\n"
    )
    migration = root / "migrations" / "versions" / "001_notes.py"
    migration.write_text(
        migration.read_text().replace(
            '    op.execute("CREATE INDEX',
            '    op.execute("CREATE TABLE voucher (id integer PRIMARY KEY, code varchar(20) NOT NULL)")\n'
            '    op.execute("CREATE INDEX',
        )
    )
    (root / "pyproject.toml").write_text(
        f'[tool.schemaparity]\nsql = "schema.sql"\nalembic_ini = "alembic.ini"\nmodels = "{package.name}.models:Base"\n'
    )
    return root


def check(project: Path, server_url: str, cache: Path, *flags: str, **env: str) -> tuple[int, dict]:
    """One check in a fresh process: its exit code and JSON report."""
    environment = {**os.environ, "SCHEMAPARITY_SERVER_URL": server_url, "SCHEMAPARITY_CACHE_DIR": str(cache), **env}
    done = subprocess.run(
        [sys.executable, "-m", "schemaparity", "check", "--format", "json", *flags],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done.returncode, json.loads(done.stdout)


def cached(report: dict) -> dict[str, bool]:
    return {source["name"]: source["cached"] for source in report["sources"]}


def test_an_unchanged_project_comes_from_the_cache(project, server_url, tmp_path):
    """The second check of an unchanged tree builds nothing, and says so."""
    cache = tmp_path / "cache"
    code, first = check(project, server_url, cache)
    assert code == 0, first
    assert cached(first) == {"sql": False, "models": False, "migrations": False}
    code, second = check(project, server_url, cache)
    assert code == 0 and cached(second) == {"sql": True, "models": True, "migrations": True}
    assert "unchanged: from the cache" in second["summary"]


def test_a_change_in_an_indirectly_imported_module_rebuilds_the_models(project, server_url, tmp_path):
    """The models import a column helper; editing only the helper is noticed, and the drift found."""
    cache = tmp_path / "cache"
    assert check(project, server_url, cache)[0] == 0
    helper = next(project.glob("cached_models_*/columns.py"))
    helper.write_text(helper.read_text().replace("String(20)", "String(40)"))
    code, report = check(project, server_url, cache)
    assert cached(report)["sql"] and not cached(report)["models"]  # (a build that ran beside it counts it too)
    assert code == 2 and any(d["object"] == "voucher.code" for d in report["differences"]), report


def test_a_change_in_a_revision_file_rebuilds_the_migrations(project, server_url, tmp_path):
    cache = tmp_path / "cache"
    assert check(project, server_url, cache)[0] == 0
    revision = project / "migrations" / "versions" / "001_notes.py"
    revision.write_text(revision.read_text().replace("WHERE pinned", "WHERE NOT pinned"))
    code, report = check(project, server_url, cache)
    assert cached(report) == {"sql": True, "models": True, "migrations": False}
    assert code == 2 and any(d["object"] == "note_pinned_idx" for d in report["differences"]), report


def test_an_edited_sql_file_rebuilds_only_the_sql_file(project, server_url, tmp_path):
    cache = tmp_path / "cache"
    assert check(project, server_url, cache)[0] == 0
    schema = project / "schema.sql"
    schema.write_text(schema.read_text() + "\n-- a comment changes the file, not the schema\n")
    code, report = check(project, server_url, cache)
    assert code == 0 and cached(report) == {"sql": False, "models": True, "migrations": True}


@pytest.mark.parametrize(("flags", "env"), [(("--no-cache",), {}), ((), {"SCHEMAPARITY_NO_CACHE": "1"})])
def test_the_cache_can_be_turned_off(project, server_url, tmp_path, flags, env):
    cache = tmp_path / "cache"
    assert check(project, server_url, cache)[0] == 0
    code, report = check(project, server_url, cache, *flags, **env)
    assert code == 0 and not any(cached(report).values())
