"""The engine's own scratch server holds throwaway databases only, and runs without durability (creating
and dropping a database then costs a fraction of the CPU); a server in a folder the caller names may hold
data, and keeps it."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemaparity.pg import servers
from tests.helpers import query


@pytest.fixture
def no_configured_server(monkeypatch, tmp_path: Path) -> Path:
    """Neither SCHEMAPARITY_SERVER_URL nor a Docker engine: the embedded server is the one chosen."""
    monkeypatch.delenv(servers.SERVER_URL_ENV, raising=False)
    monkeypatch.setattr(servers, "docker_reachable", lambda: False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def test_the_engines_own_server_is_not_durable_and_a_named_one_is(no_configured_server: Path):
    with servers.scratch_server() as url:
        assert (no_configured_server / "cache" / "schemaparity" / "postgres").is_dir()
        assert query(url, "SHOW fsync") == [("off",)]
        assert query(url, "SHOW synchronous_commit") == [("off",)]
    with servers.scratch_server(no_configured_server / "named") as url:
        assert query(url, "SHOW fsync") == [("on",)]
