"""What a generation writes: the revision file, and the new stamp at the end of the SQL file.

Both are written whole (a temporary file beside the target, then a rename), and only
after the proof, so that an interrupted or refused generation leaves the project as
it was.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from schemaparity.sources.sql import sql_inputs

_STAMP = re.compile(
    r"(?P<head>INSERT\s+INTO\s+(?:\"?public\"?\.)?\"?alembic_version\"?\s*(?:\(\s*\"?version_num\"?\s*\)\s*)?"
    r"VALUES\s*\(\s*')(?P<revision>[^']*)(?P<tail>'\s*\))",
    re.IGNORECASE,
)


class StampError(Exception):
    """The SQL file's stamp cannot be bumped (several, or not the head's); the message says where."""


@dataclass(frozen=True)
class StampEdit:
    """The file holding `INSERT INTO alembic_version`, and its text with the new revision."""

    path: Path
    text: str


def stamp_edit(sql_file: Path, old: str | None, new: str) -> StampEdit | None:
    """The edit that stamps `new` where the SQL file (or a file it includes) stamps `old`;
    None when it stamps nothing."""
    found = []
    for path in sorted(sql_inputs(sql_file)):
        text = path.read_text()
        found += [(path, text, match) for match in _STAMP.finditer(text)]
    if not found:
        return None
    if len(found) > 1:
        places = ", ".join(f"{path}:{text.count(chr(10), 0, match.start()) + 1}" for path, text, match in found)
        raise StampError(f"the SQL file stamps alembic_version {len(found)} times ({places}); keep one INSERT")
    path, text, match = found[0]
    if old is not None and match["revision"] != old:
        line = text.count("\n", 0, match.start()) + 1
        raise StampError(f"{path}:{line} stamps {match['revision']!r}, not the head {old!r}: run the check first")
    return StampEdit(path, text[: match.start("revision")] + new + text[match.end("revision") :])


def fingerprint(sql_file: Path) -> str:
    """What the SQL file (with its includes) holds now: an edit during the generation is refused, not overwritten."""
    digest = hashlib.sha256()
    for path in sorted(sql_inputs(sql_file)):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def write_whole(path: Path, text: str) -> None:
    """`text` into `path` through a temporary file beside it and a rename: never half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
