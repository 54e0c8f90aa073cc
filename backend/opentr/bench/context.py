"""Where the benchmarks run: one PostgreSQL server and one temporary work directory.

The server is `SCHEMAPARITY_SERVER_URL` when set (a role that may CREATE DATABASE),
otherwise a throwaway embedded PostgreSQL in the work directory, stopped at the end.
The developer's `data/` database is never used.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from schemaparity.pg.embedded import EmbeddedServer
from schemaparity.pg.servers import SERVER_URL_ENV, configured_server
from schemaparity.pg.urls import hide_password


@dataclass(frozen=True)
class Bench:
    server_url: str
    workdir: Path
    quick: bool
    out: TextIO

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def repetitions(self, default: int, quick: int) -> int:
        """Timed runs per contender: `quick` under `--quick`."""
        return quick if self.quick else default


@contextmanager
def bench_context(*, quick: bool, out: TextIO) -> Iterator[Bench]:
    """A server and a work directory for one benchmark run; both gone afterwards."""
    with tempfile.TemporaryDirectory(prefix="opentr-bench-") as tmp:
        workdir = Path(tmp)
        configured = configured_server()
        if configured:
            print(f"server: {hide_password(configured)} ({SERVER_URL_ENV})", file=out, flush=True)
            yield Bench(configured, workdir, quick, out)
            return
        server = EmbeddedServer(workdir / "server")
        server.ensure_running()
        print(f"server: throwaway embedded PostgreSQL on 127.0.0.1:{server.port} ({server.pgdata})", file=out)
        try:
            yield Bench(server.url(), workdir, quick, out)
        finally:
            server.stop()
