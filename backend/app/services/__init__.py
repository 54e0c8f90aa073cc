"""Services: what endpoints and workers do, built on the repositories, with the session injected
(`get_db()` in an endpoint, `session_scope()` in a worker; an `AsyncSession` works the same, awaited)."""

from app.services.library import LibraryService
from app.services.speaker import SpeakerService
from app.services.transcription import TranscriptionService

__all__ = ["LibraryService", "SpeakerService", "TranscriptionService"]
