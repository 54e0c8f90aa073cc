"""The settings' rules as plain functions, shared by `Settings` (pydantic) and the light reader of
`app.core.environment`, so that both read DATABASE_URL and APP_ENV the same way."""

from __future__ import annotations

import re
from enum import StrEnum


class AppEnv(StrEnum):
    development = "development"
    test = "test"
    production = "production"


APP_ENV_ALIASES = {"dev": AppEnv.development, "prod": AppEnv.production, "testing": AppEnv.test}
POSTGRES_SCHEMES = ("postgresql", "postgres")
DEFAULT_CONNECT_TIMEOUT = 10
POSTGRES_INTERVAL = r"^\d+(ms|s|min|h)?$"  # a PostgreSQL duration setting, e.g. 10s or 30min
DEFAULT_MIGRATION_LOCK_TIMEOUT = 60.0
DEFAULT_MIGRATION_DDL_LOCK_TIMEOUT = "10s"
DEFAULT_MIGRATION_STATEMENT_TIMEOUT = "30min"


def database_url(url: str | None) -> str | None:
    """Only PostgreSQL; a plain postgresql:// URL means psycopg2, the driver this project installs."""
    if not url:
        return None
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.split("+")[0] not in POSTGRES_SCHEMES:
        raise ValueError(f"{scheme.split('+')[0] or 'this'}:// is not PostgreSQL; use postgresql://...")
    return f"postgresql+psycopg2://{rest}" if scheme in POSTGRES_SCHEMES else url


def app_env(value: object) -> object:
    """`Production`, `PROD` and `prod` all mean production: a typo must never look like development."""
    if not isinstance(value, str):
        return value
    name = value.strip().lower()
    if name in APP_ENV_ALIASES:
        return APP_ENV_ALIASES[name]
    if name not in AppEnv.__members__:
        raise ValueError(f"must be one of {', '.join(AppEnv)} (got {value!r})")
    return AppEnv(name)


def postgres_interval(value: str) -> str:
    """A duration PostgreSQL reads in `SET lock_timeout = '...'`: digits and an optional unit, nothing else."""
    if not re.fullmatch(POSTGRES_INTERVAL.strip("^$"), value):  # `$` alone would pass a trailing newline
        raise ValueError(f"a PostgreSQL duration such as 10s or 30min (got {value!r})")
    return value


def hide_password(url: str) -> str:
    """A database URL with its password replaced by `***` (an unparsable one is never echoed)."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(unparsable database URL)"
