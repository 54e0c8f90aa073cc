"""session_scope, get_refreshed_object and refresh_session_object on a real database."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm.exc import DetachedInstanceError

from app.db.session_utils import get_refreshed_object, refresh_session_object, session_scope
from app.models import Tag


def _tag_count(session_factory) -> int:
    with session_scope(session_factory) as session:
        return session.scalar(select(func.count()).select_from(Tag))


def test_session_scope_commits_on_success(session_factory):
    """Work done inside the scope is visible to other sessions afterwards."""
    before = _tag_count(session_factory)
    with session_scope(session_factory) as session:
        session.add(Tag(name="Committed"))
    assert _tag_count(session_factory) == before + 1


def test_session_scope_rolls_back_and_reraises(session_factory):
    """An error inside the scope undoes its work and reaches the caller unchanged."""
    before = _tag_count(session_factory)
    with pytest.raises(ZeroDivisionError):
        with session_scope(session_factory) as session:
            session.add(Tag(name="Never"))
            session.flush()
            raise ZeroDivisionError("fails after the flush")
    assert _tag_count(session_factory) == before


def test_session_scope_always_closes(session_factory, engine):
    """No connection stays checked out after the scope, on success or on error."""
    with session_scope(session_factory) as session:
        session.execute(text("SELECT 1"))
    with pytest.raises(RuntimeError):
        with session_scope(session_factory) as session:
            session.execute(text("SELECT 1"))
            raise RuntimeError("boom")
    assert engine.pool.checkedout() == 0


def test_get_refreshed_object_sees_changes_made_elsewhere(session_factory):
    """A stale instance in the identity map is replaced by the row's current values."""
    with session_scope(session_factory) as session:
        tag = Tag(name="Before")
        session.add(tag)
        session.flush()
        tag_id = tag.id
    reader = session_factory()
    try:
        stale = reader.get(Tag, tag_id)
        assert stale.name == "Before"
        with session_scope(session_factory) as writer:
            writer.get(Tag, tag_id).name = "After"
        assert get_refreshed_object(reader, Tag, tag_id).name == "After"
        assert get_refreshed_object(reader, Tag, -1) is None
    finally:
        reader.close()


def test_detached_object_is_refreshed_in_another_thread(session_factory):
    """A background thread given an object from a closed session can read it after refreshing."""
    with session_scope(session_factory) as session:
        tag = Tag(name="Detached")
        session.add(tag)
    with pytest.raises(DetachedInstanceError):
        _ = tag.name  # expired on commit, then detached on close

    results: dict[str, object] = {}

    def background_task() -> None:
        try:
            with session_scope(session_factory) as own:
                attached = refresh_session_object(tag, own)
                results["attached"] = attached.name
            results["detached"] = refresh_session_object(tag, factory=session_factory).name
        except Exception as error:  # reported to the main thread
            results["error"] = error

    worker = threading.Thread(target=background_task)
    worker.start()
    worker.join(timeout=30)
    assert "error" not in results, results.get("error")
    assert results == {"attached": "Detached", "detached": "Detached"}


def test_refresh_session_object_rejects_unflushed_objects(session_factory):
    """An object that never reached the database cannot be refreshed; the error says so."""
    with pytest.raises(ValueError, match="never been flushed"):
        refresh_session_object(Tag(name="Transient"), factory=session_factory)
