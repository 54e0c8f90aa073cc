"""Fixtures of the operator commands' tests: a target database, the commands run in-process."""

from __future__ import annotations

import pytest


@pytest.fixture
def target_url(databases, monkeypatch) -> str:
    """An empty scratch database, made the commands' target through DATABASE_URL."""
    url = databases.create("reset")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("APP_ENV", "development")
    return url
