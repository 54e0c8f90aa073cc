"""Application settings: one place that reads the environment and `.env`."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from schemaparity.pgclient import hide_password, with_psycopg2


class AppEnv(StrEnum):
    development = "development"
    test = "test"
    production = "production"


POSTGRES_INTERVAL = r"^\d+(ms|s|min|h)?$"  # a PostgreSQL duration setting, e.g. 10s or 30min


class Settings(BaseSettings):
    """Database and runtime settings.

    `DATABASE_URL` is optional: when it is absent, the operator commands use the
    embedded PostgreSQL under `data/postgres/` and fill it in.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    DATABASE_URL: str | None = None
    APP_ENV: AppEnv = AppEnv.development
    DB_POOL_SIZE: int = 20
    DB_MAX_OVERFLOW: int = 30
    DB_POOL_PRE_PING: bool = True
    DB_POOL_RECYCLE: int = 3600
    DB_POOL_TIMEOUT: float = 30.0
    # Seconds `alembic upgrade` waits for another migrator's advisory lock before failing.
    MIGRATION_LOCK_TIMEOUT: float = 60.0
    # Set on the migration session: a DDL statement that waits longer than this for a
    # table lock fails instead of queueing every query behind it; a runaway statement stops.
    MIGRATION_DDL_LOCK_TIMEOUT: Annotated[str, Field(pattern=POSTGRES_INTERVAL)] = "10s"
    MIGRATION_STATEMENT_TIMEOUT: Annotated[str, Field(pattern=POSTGRES_INTERVAL)] = "30min"

    @field_validator("DATABASE_URL")
    @classmethod
    def _psycopg2_driver(cls, url: str | None) -> str | None:
        """A plain postgresql:// URL means psycopg2, the driver this project installs."""
        return with_psycopg2(url) if url else url

    @property
    def safe_database_url(self) -> str:
        """The URL as it may be logged: password hidden."""
        return hide_password(self.DATABASE_URL) if self.DATABASE_URL else "(not set)"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
