"""Drift cases for the coverage table: temporary copies of a source with one change each.

SQL cases are edited copies of `database/init_db.sql`. The model case is a tiny module
that copies `app.models.Base.metadata` with `Table.to_metadata` and widens one varchar;
`alembic check` sees it through `Base.metadata`, swapped in for the duration of the case.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MUTANT_MODULE = "opentr_bench_mutant_models"
MUTANT_SOURCE = """\
\"\"\"app.models' metadata with media_file.language widened from varchar(16) to varchar(32).\"\"\"

from sqlalchemy import MetaData, String

from app.models import Base, attach_schema_ddl

metadata = MetaData(naming_convention=Base.metadata.naming_convention)
for table in Base.metadata.sorted_tables:
    table.to_metadata(metadata)
metadata.tables["media_file"].c.language.type = String(32)
attach_schema_ddl(metadata)
"""


@dataclass(frozen=True)
class Case:
    """One change; `needle` is what a report must name for the change to count as found."""

    name: str
    needle: str
    sql_edit: tuple[str, str] | None = None  # (old, new) in init_db.sql
    models_edit: bool = False


CASES = (
    Case("no change (control)", ""),
    Case(
        "index WHERE clause changed",
        "media_file_created_at_active_idx",
        ("WHERE status IN ('pending', 'queued', 'processing');", "WHERE status IN ('pending', 'queued');"),
    ),
    Case(
        "CHECK expression changed, same name",
        "speaker_confidence_check",
        ("CHECK (confidence >= 0 AND confidence <= 1)", "CHECK (confidence >= 0 AND confidence <= 100)"),
    ),
    Case(
        "enum labels reordered",
        "user_role",
        ("CREATE TYPE user_role AS ENUM ('user', 'admin');", "CREATE TYPE user_role AS ENUM ('admin', 'user');"),
    ),
    Case("seed row changed", "rows of tag", ("('Interview'), ('Lecture')", "('Interviews'), ('Lecture')")),
    Case(
        "function body changed", "set_updated_at", ("NEW.updated_at := now();", "NEW.updated_at := clock_timestamp();")
    ),
    Case("model varchar length changed", "media_file.language", models_edit=True),
)

QUICK_CASES = tuple(case for case in CASES if case.name.startswith(("no change", "enum", "seed", "model")))


def mutated_sql(original: Path, case: Case, workdir: Path) -> Path:
    """The SQL file for `case`: the original, or an edited copy in `workdir`."""
    if case.sql_edit is None:
        return original
    old, new = case.sql_edit
    text = original.read_text()
    if text.count(old) != 1:
        raise RuntimeError(f"case {case.name!r}: {old!r} is not found exactly once in {original}")
    copy = workdir / "init_db.mutated.sql"
    copy.write_text(text.replace(old, new))
    return copy


@contextmanager
def mutated_models(case: Case, workdir: Path) -> Iterator[str | None]:
    """For a model case: the mutant `module:metadata` target, also swapped in as `Base.metadata`."""
    if not case.models_edit:
        yield None
        return
    from app.models import Base

    (workdir / f"{MUTANT_MODULE}.py").write_text(MUTANT_SOURCE)
    sys.path.insert(0, str(workdir))
    original = Base.metadata
    try:
        Base.metadata = importlib.import_module(MUTANT_MODULE).metadata
        yield f"{MUTANT_MODULE}:metadata"
    finally:
        Base.metadata = original
        sys.modules.pop(MUTANT_MODULE, None)
        sys.path.remove(str(workdir))
