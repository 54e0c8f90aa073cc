"""Engines (sync and async) and the sessions bound to them, created on first use."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from functools import lru_cache
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

from app.core.config import get_settings


def _engine_options(url: str | None) -> tuple[str, dict[str, Any]]:
    """The URL and the pool and timeout settings from `Settings`, the same for both engines."""
    settings = get_settings()
    url = url or settings.DATABASE_URL
    if not url:
        raise RuntimeError(
            "DATABASE_URL is not set; run `./opentr.sh db start` and use the URL it prints, "
            "or set DATABASE_URL in the environment or .env"
        )
    return url, {
        "pool_size": settings.DB_POOL_SIZE,
        "max_overflow": settings.DB_MAX_OVERFLOW,
        "pool_pre_ping": settings.DB_POOL_PRE_PING,
        "pool_recycle": settings.DB_POOL_RECYCLE,
        "pool_timeout": settings.DB_POOL_TIMEOUT,
        "connect_args": {"connect_timeout": settings.PGCONNECT_TIMEOUT},
    }


def make_engine(url: str | None = None) -> Engine:
    """An engine with the pool settings from `Settings`."""
    url, options = _engine_options(url)
    return create_engine(url, **options)


def async_url(url: str) -> str:
    """The same database through psycopg 3, the async driver: libpq too, so every URL option
    (sslmode, options, connect_timeout) means what it means to psycopg2."""
    return make_url(url).set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def make_async_engine(url: str | None = None) -> AsyncEngine:
    """An async engine with the same pool settings and timeouts as `make_engine`."""
    url, options = _engine_options(url)
    return create_async_engine(async_url(url), **options)


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine, created on first use (importing models needs no database)."""
    return make_engine()


class _AppSession(Session):
    """Binds to the process-wide engine on first use, so importing needs no database."""

    def get_bind(self, *args, **kwargs):
        if self.bind is None:
            self.bind = self._process_engine()
        return super().get_bind(*args, **kwargs)

    def _process_engine(self) -> Engine:
        return get_engine()


SessionLocal = sessionmaker(class_=_AppSession, autoflush=False)


@lru_cache
def get_async_engine() -> AsyncEngine:
    """The process-wide async engine, created on first use."""
    return make_async_engine()


class _AppAsyncSession(_AppSession):
    """The sync half of an `AsyncSession`: binds to the process-wide async engine."""

    def _process_engine(self) -> Engine:
        return get_async_engine().sync_engine


# expire_on_commit=False: after a commit, reading an attribute must not need a query (it cannot await).
AsyncSessionLocal = async_sessionmaker(sync_session_class=_AppAsyncSession, autoflush=False, expire_on_commit=False)


def get_db() -> Iterator[Session]:
    """FastAPI-style dependency: one session per request, always closed."""
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


async def get_async_db() -> AsyncIterator[AsyncSession]:
    """The async twin of `get_db()`."""
    async with AsyncSessionLocal() as db:
        yield db
