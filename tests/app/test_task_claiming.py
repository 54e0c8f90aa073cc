"""Task claiming under concurrency: 8 workers claim 1,000 tasks, each exactly once, none waiting on
another's lock (`FOR UPDATE SKIP LOCKED`). Waits are on events; the bound only stops a hung test."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.db.session_utils import async_session_scope, session_scope
from app.db.sessions import make_async_engine, make_engine
from app.models import Task, User
from app.repositories import TaskRepository
from tests.waiting import HANG_BOUND

WORKERS, TASKS = 8, 1000


def _queue_tasks(url: str) -> None:
    """A user and TASKS pending transcription tasks, committed."""
    engine = make_engine(url)
    with engine.begin() as connection:
        user_id = connection.scalar(
            insert(User.__table__).values(email="worker@example.org", hashed_password="x").returning(User.id)
        )
        connection.execute(
            insert(Task.__table__),
            [{"id": f"task-{i:04d}", "user_id": user_id, "task_type": "transcription"} for i in range(TASKS)],
        )
    engine.dispose()


def test_eight_workers_claim_a_thousand_tasks_each_exactly_once_without_waiting(sql_db, session_factory):
    """Each worker first claims a task and holds its row lock until all 8 hold one: had any claim waited on
    another's lock, the barrier would never fill. Then they drain the queue, a commit per claim."""
    _queue_tasks(sql_db)
    all_holding = threading.Barrier(WORKERS, timeout=HANG_BOUND)
    claimed: list[list[str]] = [[] for _ in range(WORKERS)]
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            with session_scope(session_factory) as session:
                claimed[index].append(TaskRepository(session).claim_next().id)
                all_holding.wait()  # still inside the transaction: the row lock is held
            while True:
                with session_scope(session_factory) as session:
                    task = TaskRepository(session).claim_next()
                if task is None:
                    return
                claimed[index].append(task.id)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
            all_holding.abort()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HANG_BOUND)
    assert not errors, errors
    counts = Counter(task_id for ids in claimed for task_id in ids)
    assert len(counts) == TASKS and set(counts.values()) == {1}
    assert all(ids for ids in claimed), "every worker got work"


def test_async_workers_claim_each_task_exactly_once(sql_db):
    """The same on AsyncSession: 8 coroutines on one loop hold a claim each at once, then drain the queue."""
    _queue_tasks(sql_db)

    async def main() -> list[list[str]]:
        engine = make_async_engine(sql_db)
        factory = async_sessionmaker(engine, expire_on_commit=False)
        all_holding = asyncio.Barrier(WORKERS)

        async def worker() -> list[str]:
            ids = []
            async with async_session_scope(factory) as session:
                ids.append((await TaskRepository(session).claim_next()).id)
                await asyncio.wait_for(all_holding.wait(), HANG_BOUND)
            while True:
                async with async_session_scope(factory) as session:
                    task = await TaskRepository(session).claim_next()
                if task is None:
                    return ids
                ids.append(task.id)

        try:
            return await asyncio.gather(*(worker() for _ in range(WORKERS)))
        finally:
            await engine.dispose()

    claimed = asyncio.run(main())
    counts = Counter(task_id for ids in claimed for task_id in ids)
    assert len(counts) == TASKS and set(counts.values()) == {1}
