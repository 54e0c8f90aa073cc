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
    notes: tuple[str, ...] = ()  # what the reader should know (a redirected connection)
    problems: tuple[str, ...] = ()  # built, but wrong in a way that fails the check (a revision id too long)
    log: str = ""  # what the build logged and printed; shown when it failed
    cached: bool = False  # the snapshot came from the cache: nothing it was built from has changed

    @property
    def ok(self) -> bool:
        return self.snapshot is not None


@dataclass(frozen=True)
class CheckResult:
    outcomes: tuple[SourceOutcome, ...]
    differences: tuple[Difference, ...] = ()
    errors: tuple[str, ...] = field(default=())  # problems outside any one source (e.g. two heads)
    seconds: float = 0.0
    notes: tuple[str, ...] = ()

    @property
    def problems(self) -> tuple[str, ...]:
        """Every reason for exit 1: the check's own errors and each source's problems."""
        return self.errors + tuple(f"{o.name}: {p}" for o in self.outcomes for p in o.problems)

    @property
    def compared(self) -> bool:
        """True when at least two sources built, so that something was compared."""
        return sum(1 for outcome in self.outcomes if outcome.ok) >= 2

    @property
    def exit_code(self) -> int:
        if self.problems or any(not outcome.ok for outcome in self.outcomes):
            return EXIT_ERROR
        return EXIT_DRIFT if self.differences else EXIT_IDENTICAL
