"""The transcription pipeline as a worker drives it: queue, claim, report, store or fail.

Claim in one short transaction, transcribe outside any, store in another: a task is
never held locked while the audio is processed, and a crashed worker leaves it
`in_progress` with its file `processing`, for a supervisor to see.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from app.models import FileStatus, TaskType
from app.repositories import MediaFileRepository, TaskRepository, TranscriptSegmentRepository
from app.repositories.plan import Plan, Planned, planned
from app.schemas import MediaFileUpdate, TaskCreate, TaskRead, TranscriptSegmentCreate


class TranscriptionService(Planned):
    def __init__(self, session):
        super().__init__(session)
        self.tasks = TaskRepository(session)
        self.files = MediaFileRepository(session)
        self.segments = TranscriptSegmentRepository(session)

    def _file_status(self, task: TaskRead, status: FileStatus, **changes) -> Plan[None]:
        if task.media_file_id is not None:
            yield from self.files.update.plan(task.media_file_id, MediaFileUpdate(status=status, **changes))

    @planned
    def queue(self, data: TaskCreate) -> Plan[TaskRead]:
        """A new pending task; its file, if any, becomes `queued`."""
        task = yield from self.tasks.create.plan(data)
        yield from self._file_status(task, FileStatus.queued)
        return task

    @planned
    def claim(self, task_type: TaskType | None = TaskType.transcription) -> Plan[TaskRead | None]:
        """The next pending task for this worker (None when there is none); its file becomes `processing`."""
        task = yield from self.tasks.claim_next.plan(task_type)
        if task is not None:
            yield from self._file_status(task, FileStatus.processing)
        return task

    @planned
    def report(self, task_id: str, progress: float) -> Plan[TaskRead]:
        return (yield from self.tasks.report_progress.plan(task_id, progress))

    @planned
    def store(self, task_id: str, segments: Iterable[TranscriptSegmentCreate]) -> Plan[TaskRead]:
        """The worker's transcript, streamed in by COPY; the task completes and its file too."""
        count = yield from self.segments.ingest.plan(segments)
        task = yield from self.tasks.finish.plan(task_id, {"segments": count})
        yield from self._file_status(task, FileStatus.completed, completed_at=datetime.now(UTC))
        return task

    @planned
    def fail(self, task_id: str, message: str) -> Plan[TaskRead]:
        """The task failed; its file shows the error."""
        task = yield from self.tasks.fail.plan(task_id, message)
        yield from self._file_status(task, FileStatus.error, error_message=message)
        return task
