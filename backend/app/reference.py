"""Reference rows every database starts with: the one definition the code uses.

The models insert them on `create_all` (see `app.models.ddl`); init_db.sql and
revision 0001 state them as SQL, and the parity check proves all three equal. The
operator commands use `REFERENCE_TABLES` to tell these rows from a user's data. This
module imports nothing, so reading it costs nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

DEFAULT_TAGS = ("Meeting", "Interview", "Lecture", "Podcast")

SYSTEM_PROMPTS = (
    {
        "uuid": uuid.UUID("8d1c7a52-3f0e-4b7a-9c61-2f4e5a9b0c01"),
        "name": "General summary",
        "prompt_text": (
            "Summarize the transcript: the main topics, the decisions taken and the open questions, "
            "in short paragraphs."
        ),
        "is_system": True,
        "is_default": True,
    },
    {
        "uuid": uuid.UUID("8d1c7a52-3f0e-4b7a-9c61-2f4e5a9b0c02"),
        "name": "Action items",
        "prompt_text": (
            "List every action item in the transcript with its owner and due date where they are mentioned."
        ),
        "is_system": True,
        "is_default": False,
    },
)


@dataclass(frozen=True)
class ReferenceTable:
    """A table that starts with reference rows, each identified by the value of `key`."""

    table: str
    key: str
    rows: tuple[dict, ...]
    fold_case: bool = False  # the key is unique regardless of case (tag names)

    @property
    def key_values(self) -> list[str]:
        values = [str(row[self.key]) for row in self.rows]
        return [value.lower() for value in values] if self.fold_case else values


REFERENCE_TABLES = (
    ReferenceTable("tag", "name", tuple({"name": name} for name in DEFAULT_TAGS), fold_case=True),
    ReferenceTable("summary_prompt", "uuid", SYSTEM_PROMPTS),
)
