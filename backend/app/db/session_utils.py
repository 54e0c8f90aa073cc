"""Session helpers for request handlers and background (Celery-style) tasks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.db.sessions import AsyncSessionLocal, SessionLocal

T = TypeVar("T")


@contextmanager
def session_scope(factory: Callable[[], Session] = SessionLocal) -> Iterator[Session]:
    """A unit of work: commit on success, roll back and re-raise on error, close always."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@asynccontextmanager
async def async_session_scope(factory: Callable[[], AsyncSession] = AsyncSessionLocal) -> AsyncIterator[AsyncSession]:
    """`session_scope()` for async workers: commit on success, roll back and re-raise on error, close always."""
    session = factory()
    try:
        yield session
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    finally:
        await session.close()


def get_refreshed_object(db: Session, model: type[T], object_id: Any) -> T | None:
    """Load `model` by primary key with its current database state (not the identity map's)."""
    return db.get(model, object_id, populate_existing=True)


def refresh_session_object(
    obj: T, session: Session | None = None, *, factory: Callable[[], Session] = SessionLocal
) -> T:
    """Make `obj` usable again after the session that loaded it is gone.

    A background task often receives an object loaded by another (now closed)
    session; touching its expired attributes raises `DetachedInstanceError`. This
    returns the same row with current values: attached to `session` when one is
    given, otherwise loaded by a short-lived session and returned detached, with
    every column attribute loaded.
    """
    state = inspect(obj)
    if session is None and state.session is not None:
        state.session.refresh(obj)
        return obj
    if state.identity is None:
        raise ValueError(f"{type(obj).__name__} has never been flushed; there is nothing to refresh")
    if session is not None:
        return _load_current(session, obj, state.identity)
    with session_scope(factory) as own:
        fresh = _load_current(own, obj, state.identity)
        own.expunge(fresh)
    return fresh


def _load_current(session: Session, obj: T, identity: tuple) -> T:
    fresh = session.get(type(obj), identity, populate_existing=True)
    if fresh is None:
        raise LookupError(f"{type(obj).__name__} {identity!r} no longer exists")
    return fresh
