"""Hygiene of the Alembic revision files, read as source (nothing is imported or run).

Each check returns a list of problems, empty when the file is fine, so that the test
suite and `./opentr.sh lint` report the same findings:

- the revision id fits `alembic_version.version_num` (varchar(32));
- the module docstring says what the revision does and why: a summary line and at
  least one more line, not counting Alembic's `Revision ID:` / `Revises:` /
  `Create Date:` header (the bare template docstring does not pass);
- no conditional DDL that probes the catalog (`IF EXISTS`, `has_table`, ...): a
  revision states what it does, and drift is caught by the parity check instead.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from schemaparity.sources.migrations import VERSION_NUM_LENGTH
from schemaparity.sources.pysource import module_constant

MAX_REVISION_ID_LENGTH = VERSION_NUM_LENGTH
ALEMBIC_HEADER = re.compile(r"^(Revision ID|Revises|Create Date):")
CATALOG_PROBES = (
    ("IF [NOT] EXISTS", re.compile(r"\bIF\s+(NOT\s+)?EXISTS\b", re.IGNORECASE)),
    ("if_[not_]exists=True", re.compile(r"\bif_(not_)?exists\s*=\s*True\b")),
    ("checkfirst=True", re.compile(r"\bcheckfirst\s*=\s*True\b")),
    ("has_table/has_index/...", re.compile(r"\bhas_(table|index|column|schema|sequence|type)\b")),
    ("inspect(", re.compile(r"\binspect\s*\(")),
    ("pg_catalog", re.compile(r"\bpg_catalog\b", re.IGNORECASE)),
    ("information_schema", re.compile(r"\binformation_schema\b", re.IGNORECASE)),
    ("to_regclass", re.compile(r"\bto_regclass\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class Problem:
    """One finding about one revision file: which file, which rule, and what is wrong."""

    path: Path
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.rule}: {self.message}"


def check_revision_file(path: Path) -> list[Problem]:
    """Every hygiene check on one revision file."""
    source = path.read_text()
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as error:
        return [Problem(path, "syntax", f"line {error.lineno}: {error.msg}")]
    found = [("revision-id", m) for m in revision_id_problems(tree)]
    found += [("docstring", m) for m in docstring_problems(tree)]
    found += [("conditional-ddl", m) for m in catalog_probe_problems(source, tree)]
    return [Problem(path, rule, message) for rule, message in found]


def check_revision_files(paths: list[Path]) -> list[Problem]:
    """The hygiene checks over many files (e.g. every `alembic/versions/*.py`)."""
    return [problem for path in paths for problem in check_revision_file(path)]


def revision_id_problems(tree: ast.Module) -> list[str]:
    revision = module_constant(tree, "revision")
    if not isinstance(revision, str):
        return ["no `revision = '...'` string at module level"]
    if len(revision) > MAX_REVISION_ID_LENGTH:
        return [
            f"revision id {revision!r} is {len(revision)} characters; alembic_version.version_num "
            f"holds {MAX_REVISION_ID_LENGTH}"
        ]
    return []


def docstring_problems(tree: ast.Module) -> list[str]:
    docstring = ast.get_docstring(tree)
    if not docstring:
        return ["no module docstring: say what the revision does and why"]
    lines = [line for line in docstring.splitlines() if line.strip() and not ALEMBIC_HEADER.match(line.strip())]
    if len(lines) < 2:
        return ["the docstring has only a summary line: add why the change is made (and how data is kept)"]
    return []


def catalog_probe_problems(source: str, tree: ast.Module) -> list[str]:
    """Catalog probes in the code and SQL strings (comments and the docstring may mention them)."""
    problems = []
    for number, line in enumerate(_code_lines(source, tree), start=1):
        probes = [name for name, pattern in CATALOG_PROBES if pattern.search(line)]
        if probes:
            problems.append(f"line {number}: conditional DDL probing the catalog ({', '.join(probes)}): {line.strip()}")
    return problems


def _code_lines(source: str, tree: ast.Module) -> list[str]:
    """The source lines with comments and the module docstring blanked, line numbers kept."""
    lines = source.splitlines()
    if ast.get_docstring(tree) is not None:
        first = tree.body[0]
        for index in range(first.lineno - 1, first.end_lineno):
            lines[index] = ""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            row, column = token.start
            lines[row - 1] = lines[row - 1][:column]
    return lines
