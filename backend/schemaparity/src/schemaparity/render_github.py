"""The report as GitHub workflow commands: each difference an `::error` at every place that defines it.

A pull request then shows the drift inline, on the lines of init_db.sql, the models and
the revisions. Paths are as the report shows them (relative to the project), which is
where GitHub looks when the project is the repository's root.
"""

from __future__ import annotations

import re

from schemaparity.diff import Difference
from schemaparity.render import render_text, summary_line
from schemaparity.result import EXIT_IDENTICAL, CheckResult

_FILE_LINE = re.compile(r"^(?P<file>[^:\s]+\.(?:sql|py)):(?P<line>\d+): ")


def render_github(result: CheckResult) -> str:
    lines: list[str] = []
    for outcome in result.outcomes:
        if not outcome.ok:
            lines.append(
                _command("error", f"source {outcome.name} did not build", outcome.error, _place(outcome.error))
            )
    lines += [_command("error", "schema parity", problem, _place(problem)) for problem in result.problems]
    for difference in result.differences:
        message = _message(difference)
        title = f"schema drift: {difference.label}"
        if not difference.locations:
            lines.append(_command("error", title, message))
        for _, place in difference.locations:
            lines.append(_command("error", title, message, (place.file, place.line)))
    level = "notice" if result.exit_code == EXIT_IDENTICAL else "error"
    lines.append(_command(level, "schema parity", summary_line(result)))
    return "\n".join(lines) + "\n"


def _message(difference: Difference) -> str:
    """The difference as the text report says it, without the group heading and the `at` line."""
    text = render_text(CheckResult((), (difference,)))
    body = [line for line in text.splitlines()[1:-1] if not line.lstrip().startswith("at ")]
    return "\n".join(line.strip() for line in body)


def _place(message: str | None) -> tuple[str, int] | None:
    found = _FILE_LINE.match(message or "")
    return (found["file"], int(found["line"])) if found else None


def _command(level: str, title: str, message: str | None, place: tuple[str, int] | None = None) -> str:
    properties = f"file={_property(place[0])},line={place[1]}," if place else ""
    return f"::{level} {properties}title={_property(title)}::{_data(message or '')}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
