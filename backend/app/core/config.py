"""Application settings: one place that reads the environment and `.env`."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.core.values import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MIGRATION_DDL_LOCK_TIMEOUT,
    DEFAULT_MIGRATION_LOCK_TIMEOUT,
    DEFAULT_MIGRATION_STATEMENT_TIMEOUT,
    POSTGRES_INTERVAL,
    AppEnv,
    app_env,
    database_url,
    hide_password,
)

__all__ = ["AppEnv", "Settings", "get_settings", "hide_password"]


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
    # Seconds a new connection may take before it fails: libpq's own variable, so psql,
    # pg_dump and the operator commands honour the same setting.
    PGCONNECT_TIMEOUT: int = Field(DEFAULT_CONNECT_TIMEOUT, gt=0)
    # Seconds `alembic upgrade` waits for another migrator's advisory lock before failing.
    MIGRATION_LOCK_TIMEOUT: float = DEFAULT_MIGRATION_LOCK_TIMEOUT
    # Set on the migration session: a DDL statement that waits longer than this for a
    # table lock fails instead of queueing every query behind it; a runaway statement stops.
    MIGRATION_DDL_LOCK_TIMEOUT: Annotated[str, Field(pattern=POSTGRES_INTERVAL)] = DEFAULT_MIGRATION_DDL_LOCK_TIMEOUT
    MIGRATION_STATEMENT_TIMEOUT: Annotated[str, Field(pattern=POSTGRES_INTERVAL)] = DEFAULT_MIGRATION_STATEMENT_TIMEOUT

    @field_validator("DATABASE_URL")
    @classmethod
    def _postgresql_with_psycopg2(cls, url: str | None) -> str | None:
        return database_url(url)

    @field_validator("APP_ENV", mode="before")
    @classmethod
    def _app_env_any_case(cls, value: object) -> object:
        return app_env(value)

    @property
    def safe_database_url(self) -> str:
        """The URL as it may be logged: password hidden."""
        return hide_password(self.DATABASE_URL) if self.DATABASE_URL else "(not set)"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
