"""What every source shares: the interface the check uses, and how a build reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from schemaparity.locations import Location
from schemaparity.sources.tracebacks import python_error


class BuildError(Exception):
    """A source could not be built; the message says where and why, `log` what the build printed."""

    def __init__(self, message: str, log: str = ""):
        super().__init__(message)
        self.log = log


@dataclass(frozen=True)
class Built:
    """What a build says beside its database: notes for the reader, problems that fail the check."""

    notes: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    log: str = ""
    inputs: frozenset[Path] = frozenset()  # every file the build read (the cache's key)


@dataclass(frozen=True)
class StampRole:
    """How a source takes part in the stamp check: it `stamps` a revision, or it is the `head`."""

    stamps: bool = False
    head: bool = False


class Source(Protocol):
    name: str

    @property
    def description(self) -> str: ...

    @property
    def needs_scratch(self) -> bool:
        """True when the source is built into a scratch database (False: it is read as it is)."""
        ...

    @property
    def stamp_role(self) -> StampRole: ...

    @property
    def identity(self) -> str:
        """What the source is, for the cache: its kind and the file or target it builds from."""
        ...

    def locate(self, key: tuple) -> Location | None:
        """Where this source defines the object `key` (kind, schema, table, name), when it can tell."""
        ...

    def prepare(self, url: str) -> Callable[[], Built]:
        """Import what the build needs (in the calling thread) and return the build of the empty database `url`.

        The check prepares every source in its main thread, then runs the builds side by
        side: Python packages imported by several threads at once can see each other half
        initialised. The build raises `BuildError` when it fails.
        """
        ...


@contextmanager
def as_build_error(confinement, explain: Callable[[BaseException], str] = python_error) -> Iterator[None]:
    """Any failure of the project's code in the block becomes a `BuildError` carrying the build's log."""
    try:
        yield
    except BuildError as error:
        raise BuildError(str(error), error.log or confinement.output()) from None
    except KeyboardInterrupt:
        raise
    except BaseException as error:
        raise BuildError(explain(error), confinement.output()) from None
