"""Where the revisions define an object: the last revision whose upgrade() names it, at that line.

Each revision's `upgrade()` is read as text (ast): the strings of every call
(`op.add_column("speaker", sa.Column("display_name", ...))`, `op.f("..._idx")`) and
the words of the SQL it executes. The last revision that names an object created it
or last changed it; a column needs its table named in the same statement.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from schemaparity.locations import Location, ObjectKey

_WORD = re.compile(r'"((?:[^"]|"")+)"|\b([A-Za-z_][\w$]*)\b')


@dataclass(frozen=True)
class Mention:
    line: int
    names: frozenset[str]  # every string and SQL word of one top-level statement of upgrade()
    lines: tuple[tuple[str, int], ...]  # (name, line) where each first appears in it


class RevisionLocations:
    def __init__(self, revision_files: list[Path]):
        """`revision_files` in the order production runs them (base first)."""
        self.revisions = [(path, _mentions(path)) for path in revision_files]

    def locate(self, key: ObjectKey) -> Location | None:
        kind, _, table, name = key
        if kind == "revision" and self.revisions:  # the stamp: the head's own `revision = ...`
            path = self.revisions[-1][0]
            line = next(
                (n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("revision")), 1
            )
            return Location(str(path), line)
        if kind == "comment":
            name = name.split(" ", 1)[-1].rsplit(".", 1)[-1]
        name = name.split("(", 1)[0]
        needed = {name, table} if kind == "column" and table else {name}
        for path, mentions in reversed(self.revisions):
            for mention in mentions:
                if needed <= mention.names:
                    line = dict(mention.lines).get(name, mention.line)
                    return Location(str(path), line)
        return None


def revision_locations(files: tuple[Path, ...]) -> RevisionLocations:
    """The locations of `files` as they are now (read again when one of them changes)."""
    return _revision_locations(tuple((path, path.stat().st_mtime_ns) for path in files))


@cache
def _revision_locations(files: tuple[tuple[Path, int], ...]) -> RevisionLocations:
    return RevisionLocations([path for path, _ in files])


def _mentions(path: Path) -> list[Mention]:
    try:
        tree = ast.parse(path.read_text(errors="replace"))
    except (OSError, SyntaxError, ValueError):
        return []
    upgrade = next((node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "upgrade"), None)
    if upgrade is None:
        return []
    return [_statement(statement) for statement in upgrade.body]


def _statement(statement: ast.stmt) -> Mention:
    found: dict[str, int] = {}
    for node in ast.walk(statement):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.setdefault(node.value, node.lineno)
            for number, text in enumerate(node.value.splitlines(), start=node.lineno):
                for quoted, bare in _WORD.findall(text):
                    found.setdefault(quoted.replace('""', '"') if quoted else bare.lower(), number)
    return Mention(statement.lineno, frozenset(found), tuple(sorted(found.items(), key=lambda item: item[1])))
