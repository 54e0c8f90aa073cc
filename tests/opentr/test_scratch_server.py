"""The project's check and revision build on a scratch server of their own, not on the development server:
that one is durable and on disk, where creating a database takes a tenth of a second or more (three per
check); the scratch one runs without durability, in memory where there is /dev/shm, and stays up for the
next check until `db stop` stops it with the development server and removes it."""

from __future__ import annotations

import shutil

from opentr.parity import project_server
from opentr.target import dev_server, scratch_server
from schemaparity.pg import servers
from tests.helpers import query
from tests.opentr.helpers import run_cli


def test_the_check_builds_on_a_scratch_server_apart_from_the_development_one(monkeypatch, tmp_path):
    monkeypatch.delenv(servers.SERVER_URL_ENV, raising=False)
    monkeypatch.setattr(servers, "docker_reachable", lambda: False)
    monkeypatch.setenv("OPENTR_DATA_DIR", str(tmp_path / "data"))
    scratch, said = scratch_server(), []
    try:
        with project_server(said.append).running() as url:
            assert query(url, "SHOW fsync") == [("off",)]
            assert query(url, "SHOW data_directory") == [(str(scratch.pgdata),)]
        assert said == [f"started embedded PostgreSQL on 127.0.0.1:{scratch.port} ({scratch.pgdata})"]
        assert not dev_server().is_running(), "the check started the development server"
        assert scratch.answers(), "the scratch server was not left up for the next check"
        code, out, _ = run_cli(["db", "stop"])
        assert code == 0 and "the check's scratch PostgreSQL stopped" in out
        assert not scratch.answers() and not scratch.pgdata.exists(), "a stopped scratch server stays in memory"
    finally:
        scratch.stop()
        shutil.rmtree(scratch.data_dir, ignore_errors=True)


def test_a_scratch_server_once_made_in_memory_is_kept_when_memory_runs_short(monkeypatch, tmp_path):
    """Without room in /dev/shm a new scratch server goes to data/scratch, but one already made there is
    kept: a second server would start elsewhere, and `db stop` would not find the first."""
    from opentr import target

    monkeypatch.setenv("OPENTR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(target, "_roomy", lambda folder: True)
    in_memory = scratch_server().data_dir
    assert in_memory.parent == target.MEMORY
    monkeypatch.setattr(target, "_roomy", lambda folder: False)
    assert scratch_server().data_dir == tmp_path / "data" / "scratch"
    in_memory.mkdir()
    try:
        assert scratch_server().data_dir == in_memory
    finally:
        in_memory.rmdir()
