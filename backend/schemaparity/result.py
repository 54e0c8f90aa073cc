"""The outcome of a check: what each source built, what differs, and the exit code."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemaparity.diff import Difference
from schemaparity.snapshot import Snapshot

EXIT_IDENTICAL, EXIT_ERROR, EXIT_DRIFT = 0, 1, 2


@dataclass(frozen=True)
class SourceOutcome:
    """One source: its snapshot when it built, or the reason it did not."""

    name: str
    description: str
    snapshot: Snapshot | None = None
    error: str | None = None
    seconds: float = 0.0
    stamp: str | None = None  # the revision in alembic_version after the build

    @property
    def ok(self) -> bool:
        return self.snapshot is not None


@dataclass(frozen=True)
class CheckResult:
    outcomes: tuple[SourceOutcome, ...]
    differences: tuple[Difference, ...] = ()
    errors: tuple[str, ...] = field(default=())  # problems outside any one source (e.g. two heads)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        if self.errors or any(not outcome.ok for outcome in self.outcomes):
            return EXIT_ERROR
        return EXIT_DRIFT if self.differences else EXIT_IDENTICAL
