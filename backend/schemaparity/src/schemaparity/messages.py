"""Errors as people read them: one line, never a traceback."""

from __future__ import annotations


def first_line(text: str) -> str:
    """The first non-blank line of `text` ('' when there is none)."""
    stripped = text.strip()
    return stripped.splitlines()[0] if stripped else ""


def describe(error: BaseException) -> str:
    """`Type: first line of the message`, e.g. `OperationalError: connection refused`."""
    return f"{type(error).__name__}: {first_line(str(error))}"
