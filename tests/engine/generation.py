"""A throwaway project per golden case for revision generation: its chain is one revision that builds
a.sql, its SQL file is b.sql, so the revision generated next must take a to b (and back)."""

from __future__ import annotations

import shutil
from pathlib import Path

from schemaparity.config import Config
from tests.engine.test_golden_cases import case_options
from tests.helpers import FIXTURES

BASE_REVISION = '''"""The case's a.sql, as the chain's first revision.

Run as one driver-level statement, so that the file's text reaches PostgreSQL as written.
"""

from pathlib import Path

from alembic import op

revision = "0001_a"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.get_bind().exec_driver_sql(Path({path!r}).read_text())


def downgrade() -> None:
    raise NotImplementedError("the case's base is not undone")
'''


def case_project(case: Path, folder: Path) -> Config:
    """The project for `case` in `folder` (the plain fixture's alembic.ini and env.py)."""
    plain = FIXTURES / "plain"
    shutil.copy(plain / "alembic.ini", folder / "alembic.ini")
    versions = folder / "migrations" / "versions"
    versions.mkdir(parents=True)
    shutil.copy(plain / "migrations" / "env.py", folder / "migrations" / "env.py")
    (versions / "0001_a.py").write_text(BASE_REVISION.format(path=str(case / "a.sql")))
    shutil.copy(case / "b.sql", folder / "schema.sql")
    options = case_options(case, owners=False).snapshot
    return Config(
        root=folder,
        sql=folder / "schema.sql",
        alembic_ini=folder / "alembic.ini",
        data_tables=options.data_tables,
        data_keep_columns=options.data_keep_columns,
    )
