"""Fixtures of the operator commands' tests: a target database, the commands run in-process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import INIT_SQL


@pytest.fixture(autouse=True)
def no_spares(monkeypatch) -> None:
    """No spare clones are made after a reset (their own tests turn them on): a detached maker would
    add a database to the lists tests assert, and might outlive the test's own databases."""
    from opentr.spare import SPARE_ENV

    monkeypatch.setenv(SPARE_ENV, "0")


@pytest.fixture
def target_url(databases, monkeypatch) -> str:
    """An empty scratch database, made the commands' target through DATABASE_URL."""
    url = databases.create("reset")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("APP_ENV", "development")
    return url


@pytest.fixture
def sql_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of init_db.sql that `reset dev` uses, so a test may edit it."""
    path = tmp_path / "database" / "init_db.sql"
    path.parent.mkdir()
    shutil.copyfile(INIT_SQL, path)
    monkeypatch.setattr("opentr.target.INIT_SQL", path)
    return path
