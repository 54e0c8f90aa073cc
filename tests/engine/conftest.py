"""Fixtures of the engine's tests: the engine installed on its own, and copies of foreign projects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from schemaparity.pg.connect import server_major
from tests.engine.standalone import Standalone, make_standalone
from tests.helpers import FIXTURES


@pytest.fixture(scope="session")
def standalone(tmp_path_factory) -> Standalone:
    """A venv with the engine alone installed (built from backend/schemaparity, offline)."""
    return make_standalone(tmp_path_factory.mktemp("standalone") / "venv")


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A directory that is neither the project's nor this repository's."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def copy_fixture(name: str, tmp_path: Path) -> Path:
    """A private copy of the fixture project `tests/fixtures/<name>`, free to edit."""
    return Path(shutil.copytree(FIXTURES / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__")))


@pytest.fixture(scope="session")
def server_version(server_url) -> int:
    return server_major(server_url)
