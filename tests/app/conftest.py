"""Fixtures of the application's tests: engines and sessions (sync and async) on databases holding
init_db.sql's schema."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, Result
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Session, sessionmaker

from app.db.sessions import make_async_engine, make_engine


@pytest.fixture
def engine(sql_db) -> Iterator[Engine]:
    engine = create_engine(sql_db, connect_args={"connect_timeout": 10})
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine) -> Callable[[], Session]:
    return sessionmaker(bind=engine, autoflush=False)


@pytest.fixture
def db(session_factory) -> Iterator[Session]:
    session = session_factory()
    yield session
    session.rollback()
    session.close()


class Blocking:
    """A repository or service whose calls return their value: on an AsyncSession each awaitable
    is run to completion on the test's event loop, so one test body checks both paths."""

    def __init__(self, target: object, wait: Callable[[object], object]):
        self._target = target
        self._wait = wait

    def __getattr__(self, name: str) -> object:
        attribute = getattr(self._target, name)
        if not callable(attribute):
            return attribute
        return lambda *args, **kwargs: self._wait(attribute(*args, **kwargs))


class DataAccess:
    """One session on a fresh database, sync or async; `data(TagRepository)` gives a repository on it."""

    def __init__(self, session: Session | AsyncSession, loop: asyncio.AbstractEventLoop | None):
        self.session = session
        self.loop = loop
        self.mode = "sync" if loop is None else "async"

    def wait(self, value: object) -> object:
        return self.loop.run_until_complete(value) if inspect.isawaitable(value) else value

    def __call__(self, cls: type) -> Blocking:
        return Blocking(cls(self.session), self.wait)

    @property
    def engine(self) -> Engine:
        bind = self.session.bind
        return bind.sync_engine if isinstance(bind, AsyncEngine) else bind

    def commit(self) -> None:
        self.wait(self.session.commit())

    def rollback(self) -> None:
        self.wait(self.session.rollback())

    def execute(self, statement: str, **params: object) -> Result:
        return self.wait(self.session.execute(text(statement), params))

    def scalar(self, statement: str, **params: object) -> object:
        return self.execute(statement, **params).scalar()


@pytest.fixture(params=["sync", "async"])
def data(request, sql_db) -> Iterator[DataAccess]:
    """The app's own engines (pool settings, connect_timeout) on a fresh database: psycopg2 or psycopg 3."""
    if request.param == "sync":
        engine = make_engine(sql_db)
        session = Session(engine, autoflush=False)
        yield DataAccess(session, None)
        session.close()
        engine.dispose()
        return
    loop = asyncio.new_event_loop()
    async_engine = make_async_engine(sql_db)
    async_session = AsyncSession(async_engine, autoflush=False, expire_on_commit=False)
    yield DataAccess(async_session, loop)
    loop.run_until_complete(async_session.close())
    loop.run_until_complete(async_engine.dispose())
    loop.close()
