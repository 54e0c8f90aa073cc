"""Where a SQL file defines each object: the statement that creates or last alters it, by line.

A column is found on its own line inside CREATE TABLE (or at the ALTER TABLE that
changes it later); constraints declared without a name get PostgreSQL's default name
(`<table>_pkey`, `<table>_<cols>_key`, `<table>_<col>_fkey`, ...), as the catalog shows
them. The file is read once per check, and only when a difference asks.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from schemaparity.locations import Location, ObjectKey
from schemaparity.pg.psql import split_statements

_IDENT = r'(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)'
_QNAME = rf"(?P<qname>{_IDENT}(?:\s*\.\s*{_IDENT})?)"
_FLAGS = re.IGNORECASE | re.DOTALL
_CREATE = r"^CREATE\s+(?:OR\s+REPLACE\s+)?"
_STATEMENTS = [
    (kind, re.compile(pattern, _FLAGS))
    for kind, pattern in (
        ("table", r"^CREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(?:TEMP(?:ORARY)?\s+|UNLOGGED\s+)?TABLE\s+"
                  rf"(?:IF\s+NOT\s+EXISTS\s+)?{_QNAME}"),
        ("index", rf"^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"
                  rf"(?P<name>{_IDENT})?\s*ON\s+(?:ONLY\s+)?{_QNAME}"),
        ("alter", rf"^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?{_QNAME}"),
        ("enum", rf"^CREATE\s+TYPE\s+{_QNAME}\s+AS\s+ENUM"),
        ("type", rf"^CREATE\s+TYPE\s+{_QNAME}"),
        ("domain", rf"^CREATE\s+DOMAIN\s+{_QNAME}"),
        ("function", rf"{_CREATE}(?:FUNCTION|PROCEDURE)\s+{_QNAME}\s*\("),
        ("trigger", rf"{_CREATE}(?:CONSTRAINT\s+)?TRIGGER\s+(?P<name>{_IDENT}).*?\sON\s+{_QNAME}"),
        ("view", rf"{_CREATE}(?:MATERIALIZED\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?{_QNAME}"),
        ("sequence", rf"^CREATE\s+SEQUENCE\s+(?:IF\s+NOT\s+EXISTS\s+)?{_QNAME}"),
        ("extension", rf"^CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?{_QNAME}"),
        ("schema", rf"^CREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?{_QNAME}"),
        ("comment", r"^COMMENT\s+ON\s+(?P<what>MATERIALIZED\s+VIEW|TABLE|VIEW|COLUMN|FUNCTION|TYPE|INDEX|SEQUENCE)\s+"
                    r"(?P<target>[^(]+?)(?:\(|\s+IS\b)"),
        ("data", rf"^INSERT\s+INTO\s+{_QNAME}"),
        ("policy", rf"^CREATE\s+POLICY\s+(?P<name>{_IDENT})\s+ON\s+{_QNAME}"),
        ("privilege", rf"^(?:GRANT|REVOKE)\s.*?\sON\s+(?P<what>TABLE\s+|SEQUENCE\s+)?{_QNAME}\s.*?"
                      rf"\s(?:TO|FROM)\s+(?P<name>{_IDENT})"),
    )
]  # fmt: skip
_ALTER_ACTIONS = [
    ("constraint", re.compile(rf"\bADD\s+CONSTRAINT\s+(?P<name>{_IDENT})", _FLAGS)),
    ("column", re.compile(rf"\bADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?P<name>{_IDENT})(?=\s)", _FLAGS)),
    ("column", re.compile(rf"\bALTER\s+(?:COLUMN\s+)?(?P<name>{_IDENT})\s", _FLAGS)),
]
_NOT_COLUMNS = {"constraint", "primary", "unique", "foreign", "check", "exclude", "column"}
_TABLE_CONSTRAINT = re.compile(
    r"^(?:CONSTRAINT\s+(?P<name>\S+)\s+)?(?P<kind>PRIMARY\s+KEY|UNIQUE|FOREIGN\s+KEY|CHECK|EXCLUDE)\b", _FLAGS
)
_COLUMN_LIST = re.compile(r"\(([^()]*)\)")
_INLINE = [
    ("pkey", re.compile(r"\bPRIMARY\s+KEY\b", re.IGNORECASE)),
    ("key", re.compile(r"\bUNIQUE\b", re.IGNORECASE)),
    ("fkey", re.compile(r"\bREFERENCES\b", re.IGNORECASE)),
    ("check", re.compile(r"\bCHECK\b", re.IGNORECASE)),
    ("not_null", re.compile(r"\bNOT\s+NULL\b", re.IGNORECASE)),
]
_NAMED_INLINE = re.compile(rf"\bCONSTRAINT\s+(?P<name>{_IDENT})", re.IGNORECASE)


class SqlLocations:
    """The line of every object a SQL file defines, keyed as the catalog snapshot keys objects."""

    def __init__(self, path: Path):
        self.path = path
        self.lines: dict[tuple, int] = {}
        for statement in split_statements(path.read_text(errors="replace")):
            self._read(statement.text, statement.start_line)

    def locate(self, key: ObjectKey) -> Location | None:
        kind, schema, table, name = key
        if kind == "revision":  # the stamp: the INSERT INTO alembic_version
            kind, schema, table, name = "data", "public", "alembic_version", "alembic_version"
        owner = schema or "public"
        schema = None if kind in ("extension", "schema", "comment") else owner
        if kind == "function":
            name = name.split("(", 1)[0]
        owner_table = table
        if kind == "comment":
            kind, name, table = *_comment_key(name), None
        candidates = (
            (kind, schema, table, name),
            ("any", schema, table, name),
            ("table", owner, owner_table, owner_table),
        )
        for candidate in candidates:
            if candidate in self.lines:
                return Location(str(self.path), self.lines[candidate])
        return None

    def _remember(self, key: tuple, line: int, *, last: bool = True) -> None:
        """The last statement that mentions an object wins (it created, or then altered it)."""
        if last or key not in self.lines:
            self.lines[key] = line
        self.lines.setdefault(("any", key[1], key[2], key[3]), line)

    def _read(self, text: str, start: int) -> None:
        for kind, pattern in _STATEMENTS:
            found = pattern.match(text)
            if not found:
                continue
            if kind == "comment":
                self._remember(
                    ("comment", None, None, f"{found['what'].split()[-1].lower()} {_unquoted_path(found['target'])}"),
                    start,
                )
                return
            schema, name = _split(found["qname"])
            if kind == "table":
                self._remember(("table", schema, name, name), start, last=False)
                self._read_table_body(text, start, schema, name)
            elif kind == "privilege":
                what = (found["what"] or "table ").strip().lower()
                grantee = found["name"].strip('"') if found["name"].lower() != "public" else "PUBLIC"
                table = name if what == "table" else None
                self._remember(("privilege", schema, table, f"{what} {name} to {grantee}"), start)
            elif kind in ("index", "trigger", "policy"):
                index_name = _unquote(found["name"]) if found["name"] else None
                if index_name:
                    self._remember((kind, schema, name, index_name), start)
            elif kind == "alter":
                self._read_alter(text, start, schema, name)
            elif kind == "data":
                self._remember(("data", schema, name, name), start, last=False)
            elif kind == "view":
                self._remember(("view", schema, name, name), start)
            else:
                self._remember((kind, schema if kind not in ("extension", "schema") else None, None, name), start)
            return

    def _read_table_body(self, text: str, start: int, schema: str, table: str) -> None:
        opening = text.find("(")
        if opening < 0:
            return
        for element, offset in _elements(text, opening + 1):
            line = start + text.count("\n", 0, offset)
            constraint = _TABLE_CONSTRAINT.match(element)
            if constraint:
                name = (
                    _unquote(constraint["name"])
                    if constraint["name"]
                    else _default_name(table, constraint["kind"], element)
                )
                self._remember(("constraint", schema, table, name), line)
                continue
            first = re.match(_IDENT, element)
            if not first or first.group(0).lower() in _NOT_COLUMNS:
                continue
            column = _unquote(first.group(0))
            self._remember(("column", schema, table, column), line, last=False)
            for suffix, pattern in _INLINE:
                if pattern.search(element):
                    name = f"{table}_pkey" if suffix == "pkey" else f"{table}_{column}_{suffix}"
                    self._remember(("constraint", schema, table, name), line, last=False)
            for named in _NAMED_INLINE.finditer(element):
                self._remember(("constraint", schema, table, _unquote(named["name"])), line, last=False)
            if re.search(r"\b(?:serial|bigserial|smallserial)\b|\bAS\s+IDENTITY\b", element, re.IGNORECASE):
                self._remember(("sequence", schema, table, f"{table}_{column}_seq"), line, last=False)

    def _read_alter(self, text: str, start: int, schema: str, table: str) -> None:
        for kind, pattern in _ALTER_ACTIONS:
            for found in pattern.finditer(text):
                name = _unquote(found["name"])
                if kind == "column" and name.lower() in _NOT_COLUMNS:
                    continue
                self._remember((kind, schema, table, name), start + text.count("\n", 0, found.start()))


@cache
def sql_locations(path: Path, mtime: float) -> SqlLocations:
    """The locations of `path` as it was at `mtime` (read once per version of the file)."""
    return SqlLocations(path)


def _elements(text: str, begin: int):
    """The top-level comma-separated elements of a parenthesised list, each with its offset."""
    depth, quote, start = 0, "", begin
    for index in range(begin, len(text)):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")" and depth == 0 or char == "," and depth == 0:
            element = text[start:index]
            stripped = element.lstrip()
            if stripped:
                yield stripped, start + len(element) - len(stripped)
            if char == ")":
                return
            start = index + 1
        elif char == ")":
            depth -= 1


def _default_name(table: str, kind: str, element: str) -> str:
    """PostgreSQL's name for an unnamed table constraint."""
    kind = " ".join(kind.upper().split())
    if kind == "PRIMARY KEY":
        return f"{table}_pkey"
    columns = _COLUMN_LIST.search(element)
    names = [_unquote(part.strip().split()[0]) for part in columns.group(1).split(",")] if columns else []
    first = names[0] if names else ""
    if kind == "CHECK":
        words = re.findall(_IDENT, columns.group(1)) if columns else []
        return f"{table}_{_unquote(words[0]) if words else ''}_check"
    suffix = {"UNIQUE": "key", "FOREIGN KEY": "fkey", "EXCLUDE": "excl"}[kind]
    joined = "_".join(names) if kind == "UNIQUE" else first
    return f"{table}_{joined}_{suffix}"


def _comment_key(name: str) -> tuple[str, str]:
    """The catalog's comment name (`table tag`, `column tag.name`, `function f(int)`) as located here."""
    kind, _, target = name.partition(" ")
    return "comment", f"{kind} {target.split('(', 1)[0]}"


def _unquoted_path(target: str) -> str:
    parts = [_unquote(part.strip()) for part in re.findall(_IDENT, target)]
    return ".".join(parts[-2:]) if len(parts) > 1 else (parts[0] if parts else target.strip())


def _split(qname: str) -> tuple[str, str]:
    parts = [_unquote(part) for part in re.findall(_IDENT, qname)]
    return ("public", parts[0]) if len(parts) == 1 else (parts[0], parts[1])


def _unquote(identifier: str) -> str:
    identifier = identifier.strip()
    if identifier.startswith('"'):
        return identifier[1:-1].replace('""', '"')
    return identifier.lower()
