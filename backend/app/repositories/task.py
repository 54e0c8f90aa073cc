"""Background tasks: claimed by workers without waiting on each other, then reported on."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from app.models import Task, TaskStatus, TaskType
from app.repositories.base import Repository
from app.repositories.plan import Plan, planned
from app.schemas import TaskCreate, TaskRead, TaskUpdate


class TaskRepository(Repository[Task, TaskCreate, TaskUpdate, TaskRead]):
    model = Task
    read = TaskRead

    @planned
    def claim_next(self, task_type: TaskType | None = None) -> Plan[TaskRead | None]:
        """The oldest pending task (of `task_type`), now in progress; None when there is none.

        One statement: `FOR UPDATE SKIP LOCKED` passes over rows another worker is claiming,
        so concurrent workers never wait on each other and never get the same task.
        """
        oldest = select(Task.id).where(Task.status == TaskStatus.pending)
        if task_type is not None:
            oldest = oldest.where(Task.task_type == task_type)
        oldest = oldest.order_by(Task.created_at, Task.id).limit(1).with_for_update(skip_locked=True)
        statement = (
            update(Task)
            .where(Task.id == oldest.scalar_subquery())
            .values(status=TaskStatus.in_progress)
            .returning(Task)
            .execution_options(synchronize_session=False)
        )
        row = (yield statement).scalar_one_or_none()
        return None if row is None else self.read.model_validate(row)

    @planned
    def report_progress(self, task_id: str, progress: float) -> Plan[TaskRead]:
        """Record how far the task is, in [0, 1] (the `progress` CHECK)."""
        return (yield from self.update.plan(task_id, TaskUpdate(progress=progress)))

    @planned
    def finish(self, task_id: str, result: dict[str, Any] | None = None) -> Plan[TaskRead]:
        """Completed, with its result."""
        done = TaskUpdate(status=TaskStatus.completed, progress=1.0, result=result, completed_at=datetime.now(UTC))
        return (yield from self.update.plan(task_id, done))

    @planned
    def fail(self, task_id: str, message: str) -> Plan[TaskRead]:
        """Failed, with the reason a person reads."""
        failed = TaskUpdate(status=TaskStatus.failed, error_message=message, completed_at=datetime.now(UTC))
        return (yield from self.update.plan(task_id, failed))
