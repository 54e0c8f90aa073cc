"""Where each source defines an object: the SQL file's line, the model's file and line, the revision's.

A difference is reported with the places to fix it. Each finder reads its source as
text (the SQL statements, the models' classes, the revision files), so it costs nothing
unless a difference asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ObjectKey = tuple[str, str | None, str | None, str]  # (kind, schema, table, name), as the snapshot keys objects


@dataclass(frozen=True)
class Location:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"

    def shown_from(self, root: Path | None) -> Location:
        """The same place with the file relative to `root` when it lies inside it."""
        if root is None:
            return self
        try:
            return Location(str(Path(self.file).resolve().relative_to(root.resolve())), self.line)
        except ValueError:
            return self
