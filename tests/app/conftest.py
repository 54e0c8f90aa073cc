"""Fixtures of the application's tests: engines and sessions on databases holding init_db.sql's schema."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


@pytest.fixture
def engine(sql_db) -> Iterator[Engine]:
    engine = create_engine(sql_db)
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
