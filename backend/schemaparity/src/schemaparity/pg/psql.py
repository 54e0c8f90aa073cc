"""Run a SQL file with psql and report a failure as `file:line: message`.

psql (the embedded server's, or the system's) runs the file in one transaction, exactly as
a developer would by hand. When it fails, psql names the line that ends the failing
statement; the statement splitter below finds where that statement starts, so the
report can point at the line that is actually wrong.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from schemaparity.messages import first_line
from schemaparity.pg.clients import psql
from schemaparity.pg.urls import libpq_env

_PSQL_ERROR = re.compile(r"^psql:(?P<file>.*?):(?P<line>\d+): ERROR:\s+(?P<message>.*)$", re.MULTILINE)
_CONTEXT_LINE = re.compile(r"^LINE (?P<n>\d+):", re.MULTILINE)
_QUOTED = re.compile(r'"([^"]+)"')
_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$")


@dataclass(frozen=True)
class Statement:
    start_line: int
    end_line: int
    text: str


class SqlFileError(Exception):
    """A statement in a SQL file failed; nothing of the file was applied."""

    def __init__(self, path: Path, line: int, message: str, statement: str):
        self.path, self.line, self.message, self.statement = path, line, message, statement
        super().__init__(f"{path}:{line}: {message}")

    def describe(self) -> str:
        return f"{self.path}:{self.line}: {self.message}\n  statement: {first_line(self.statement)}"


def split_statements(sql: str) -> list[Statement]:
    """Split SQL text on top-level semicolons, honouring quotes, comments and dollar quotes."""
    statements: list[Statement] = []
    i, n, line = 0, len(sql), 1
    start, start_line = None, 1
    while i < n:
        ch = sql[i]
        if ch == "\n":
            line += 1
            i += 1
            continue
        if ch.isspace():
            i += 1
            continue
        if sql.startswith("--", i):
            newline = sql.find("\n", i)
            i = n if newline < 0 else newline
            continue
        if start is None:
            start, start_line = i, line
        end = _skip_token(sql, i)
        line += sql.count("\n", i, end)
        if ch == ";" and end == i + 1:
            statements.append(Statement(start_line, line, sql[start : i + 1]))
            start = None
        i = end
    if start is not None and sql[start:].strip():
        statements.append(Statement(start_line, line, sql[start:]))
    return statements


def _skip_token(sql: str, i: int) -> int:
    """Index just past the quoted string, comment or single character at `i`."""
    ch = sql[i]
    if ch in "'\"":
        escaped = ch == "'" and i > 0 and sql[i - 1] in "eE"
        j = i + 1
        while j < len(sql):
            if escaped and sql[j] == "\\":
                j += 2
                continue
            if sql[j] == ch:
                if sql.startswith(ch * 2, j):
                    j += 2
                    continue
                return j + 1
            j += 1
        return len(sql)
    if sql.startswith("/*", i):
        depth, j = 1, i + 2
        while j < len(sql) and depth:
            if sql.startswith("/*", j):
                depth, j = depth + 1, j + 2
            elif sql.startswith("*/", j):
                depth, j = depth - 1, j + 2
            else:
                j += 1
        return j
    if ch == "$":
        tag = _DOLLAR_TAG.match(sql, i)
        if tag:
            close = sql.find(tag.group(0), tag.end())
            return len(sql) if close < 0 else close + len(tag.group(0))
    return i + 1


def run_sql_file(url: str, path: Path) -> None:
    """Execute `path` against `url` in a single transaction; raise `SqlFileError` on failure."""
    result = subprocess.run(
        [
            str(psql()),
            "-X",
            "-q",
            "-o",
            "/dev/null",
            "-v",
            "ON_ERROR_STOP=1",
            "--single-transaction",
            "-f",
            str(path),
        ],
        env=libpq_env(url),
        capture_output=True,
        text=True,
    )
    if result.returncode == 0:
        return
    raise _as_sql_file_error(path, result.stderr)


def _as_sql_file_error(path: Path, stderr: str) -> Exception:
    found = _PSQL_ERROR.search(stderr)
    if not found:
        return RuntimeError(f"psql could not run {path}: {stderr.strip()}")
    end_line = int(found["line"])
    statement = next(
        (s for s in split_statements(path.read_text()) if s.start_line <= end_line <= s.end_line),
        Statement(end_line, end_line, ""),
    )
    context = _CONTEXT_LINE.search(stderr, found.end())
    if context:  # PostgreSQL reported a position: the line of the offending token
        line = statement.start_line + int(context["n"]) - 1
    else:  # none (a missing relation in REFERENCES, say): the first line that names what the message names
        line = statement.start_line + _line_naming(statement.text, found["message"])
    return SqlFileError(path, line, found["message"].strip(), statement.text)


def _line_naming(text: str, message: str) -> int:
    """The offset of the first line of `text` naming an identifier quoted in `message` (0 when none does)."""
    for name in _QUOTED.findall(message):
        word = re.compile(rf'(?<![\w"]){re.escape(name)}(?![\w"])|"{re.escape(name)}"', re.IGNORECASE)
        for offset, line in enumerate(text.splitlines()):
            if word.search(line):
                return offset
    return 0
