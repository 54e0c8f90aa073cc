"""The few settings the operator commands need, read without pydantic: a command starts in milliseconds.

The same names, the same precedence (environment over `.env`) and the same rules
(`app.core.values`) as `Settings`, which the application uses; a test holds the two
readers to agreement.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.core.values import DEFAULT_CONNECT_TIMEOUT, AppEnv, app_env, database_url


class SettingError(ValueError):
    """A setting has a value it cannot have; the message names it."""


@dataclass(frozen=True)
class OperatorSettings:
    DATABASE_URL: str | None
    APP_ENV: AppEnv
    PGCONNECT_TIMEOUT: int


def operator_settings(env_file: str | Path = ".env") -> OperatorSettings:
    values = {**read_env_file(Path(env_file)), **os.environ}
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
