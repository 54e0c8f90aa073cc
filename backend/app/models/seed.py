"""Reference data every database starts with (also in init_db.sql and revision 0001)."""

from __future__ import annotations

import uuid

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
