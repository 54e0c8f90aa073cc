"""The async side of the data layer: psycopg 3 under SQLAlchemy asyncio with the sync engine's pool
settings and timeouts, its session helpers, and repositories awaited as-is (every repository and
service test also runs on an AsyncSession through the `data` fixture)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.core.config import get_settings
from app.db import sessions
from app.db.session_utils import async_session_scope
from app.models import Tag
from app.repositories import AlreadyExists, TagRepository
from app.schemas import TagCreate


@pytest.fixture
def settings_env(sql_db) -> Iterator[pytest.MonkeyPatch]:
    """Settings read from the environment set here, with the process-wide engines made anew, then restored."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", sql_db)
        get_settings.cache_clear()
        sessions.get_async_engine.cache_clear()
        yield patch
        get_settings.cache_clear()
        sessions.get_async_engine.cache_clear()


def test_async_engine_is_psycopg3_with_the_same_pool_and_connect_timeout(sql_db, settings_env):
    """Both engines take pool size and PGCONNECT_TIMEOUT from Settings; libpq shows the timeout on the connection."""
    settings_env.setenv("DB_POOL_SIZE", "3")
    settings_env.setenv("PGCONNECT_TIMEOUT", "7")
    get_settings.cache_clear()
    sync_engine = sessions.make_engine(sql_db)

    async def async_parameters() -> tuple[str, int, dict]:
        engine = sessions.make_async_engine(sql_db)
        try:
            async with engine.connect() as connection:
                raw = await connection.get_raw_connection()
                return engine.dialect.driver, engine.pool.size(), raw.driver_connection.info.get_parameters()
        finally:
            await engine.dispose()

    driver, pool_size, parameters = asyncio.run(async_parameters())
    with sync_engine.connect() as connection:
        sync_parameters = connection.connection.dbapi_connection.get_dsn_parameters()
    sync_engine.dispose()
    assert (driver, pool_size, parameters["connect_timeout"]) == ("psycopg", 3, "7")
    assert (sync_engine.dialect.driver, sync_engine.pool.size(), sync_parameters["connect_timeout"]) == (
        "psycopg2",
        3,
        "7",
    )


def test_async_session_scope_commits_or_rolls_back(sql_db):
    async def scenario() -> tuple[int, int]:
        engine = sessions.make_async_engine(sql_db)
        factory = async_sessionmaker(engine, expire_on_commit=False)
        try:
            async with async_session_scope(factory) as session:
                await TagRepository(session).create(TagCreate(name="Kept"))
            with pytest.raises(AlreadyExists):
                async with async_session_scope(factory) as session:
                    await TagRepository(session).create(TagCreate(name="Dropped"))
                    await TagRepository(session).create(TagCreate(name="dropped"))
            async with factory() as session:
                kept = await session.scalar(select(func.count()).where(Tag.name == "Kept"))
                dropped = await session.scalar(select(func.count()).where(Tag.name == "Dropped"))
            return kept, dropped
        finally:
            await engine.dispose()

    assert asyncio.run(scenario()) == (1, 0)


def test_get_async_db_binds_to_the_configured_database(sql_db, settings_env):
    """The async dependency, like get_db(), needs no engine at import: it binds on first use, to DATABASE_URL."""

    async def scenario() -> str:
        dependency = sessions.get_async_db()
        try:
            db = await anext(dependency)
            return await db.scalar(text("SELECT current_database()"))
        finally:
            await dependency.aclose()
            await sessions.get_async_engine().dispose()

    assert asyncio.run(scenario()) == sql_db.rsplit("/", 1)[1]
