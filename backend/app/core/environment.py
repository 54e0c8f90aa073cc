"""The few settings the operator commands and the migrations need, read without pydantic: a command
starts in milliseconds, and `alembic upgrade` (a parity check's build too) spends no 0.15 s importing
pydantic-settings.

The same names, the same precedence (environment over `.env`) and the same rules
(`app.core.values`) as `Settings`, which the application uses; a test holds the two
readers to agreement.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.core.values import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MIGRATION_DDL_LOCK_TIMEOUT,
    DEFAULT_MIGRATION_LOCK_TIMEOUT,
    DEFAULT_MIGRATION_STATEMENT_TIMEOUT,
    AppEnv,
    app_env,
    database_url,
    postgres_interval,
)


class SettingError(ValueError):
    """A setting has a value it cannot have; the message names it."""


@dataclass(frozen=True)
class OperatorSettings:
    DATABASE_URL: str | None
    APP_ENV: AppEnv
    PGCONNECT_TIMEOUT: int


@dataclass(frozen=True)
class MigrationSettings:
    DATABASE_URL: str | None
    PGCONNECT_TIMEOUT: int
    MIGRATION_LOCK_TIMEOUT: float
    MIGRATION_DDL_LOCK_TIMEOUT: str
    MIGRATION_STATEMENT_TIMEOUT: str


def operator_settings(env_file: str | Path = ".env") -> OperatorSettings:
    return _operator(_values(env_file))


def migration_settings(env_file: str | Path = ".env") -> MigrationSettings:
    """What alembic/env.py reads: the target, the lock's wait and the migration session's timeouts."""
    values = _values(env_file)
    operator = _operator(values)
    lock = values.get("MIGRATION_LOCK_TIMEOUT", str(DEFAULT_MIGRATION_LOCK_TIMEOUT)).strip()
    try:
        lock_timeout = float(lock)
    except ValueError:
        raise SettingError(f"invalid setting: MIGRATION_LOCK_TIMEOUT: a number of seconds (got {lock!r})") from None
    intervals = {}
    for name, default in (
        ("MIGRATION_DDL_LOCK_TIMEOUT", DEFAULT_MIGRATION_DDL_LOCK_TIMEOUT),
        ("MIGRATION_STATEMENT_TIMEOUT", DEFAULT_MIGRATION_STATEMENT_TIMEOUT),
    ):
        try:
            intervals[name] = postgres_interval(values.get(name, default))
        except ValueError as error:
            raise SettingError(f"invalid setting: {name}: {error}") from None
    return MigrationSettings(operator.DATABASE_URL, operator.PGCONNECT_TIMEOUT, lock_timeout, **intervals)


def _values(env_file: str | Path) -> dict[str, str]:
    return {**read_env_file(Path(env_file)), **os.environ}


def _operator(values: dict[str, str]) -> OperatorSettings:
    try:
        url = database_url(values.get("DATABASE_URL"))
    except ValueError as error:
        raise SettingError(f"invalid setting: DATABASE_URL: {error}") from None
    try:
        environment = app_env(values.get("APP_ENV", AppEnv.development.value))
    except ValueError as error:
        raise SettingError(f"invalid setting: APP_ENV: {error}") from None
    timeout = values.get("PGCONNECT_TIMEOUT", str(DEFAULT_CONNECT_TIMEOUT)).strip()
    if not timeout.isdigit() or int(timeout) <= 0:
        raise SettingError(f"invalid setting: PGCONNECT_TIMEOUT: a number of seconds above 0 (got {timeout!r})")
    return OperatorSettings(url, environment, int(timeout))


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines of a `.env` file: `export` allowed, quotes removed, `#` comments dropped."""
    try:
        text = path.read_text()
    except OSError:
        return {}
    found = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if value[:1] in ("'", '"') and value.count(value[0]) >= 2:
            quote = value[0]
            value = value[1 : value.index(quote, 1)]
            if quote == '"':
                value = value.replace("\\n", "\n").replace('\\"', '"')
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        found[key.strip()] = value
    return found
