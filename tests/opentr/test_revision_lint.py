"""The squawk lint gate: the real revisions pass it, and an unsafe revision fails it.

The unsafe samples are added to a temporary copy of the alembic directory, rendered
offline by our own env.py and linted like the real ones. No database is needed.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from opentr.lint import lint_revisions, run
from tests.helpers import ALEMBIC_INI

SAMPLE = '''"""Sample: speaker.priority, required, and an index on it.

Unsafe on purpose: a NOT NULL column without a default fails on any existing row, and
a plain CREATE INDEX blocks writes to speaker while it builds.
"""

import sqlalchemy as sa

from alembic import op

revision = "0003_unsafe_sample"
down_revision = "0002_add_speaker_fields"
{exempt}

def upgrade() -> None:
    {upgrade}


def downgrade() -> None:
    op.drop_index("speaker_priority_idx", table_name="speaker")
    op.drop_column("speaker", "priority")
'''

UNSAFE_UPGRADE = """op.add_column("speaker", sa.Column("priority", sa.BigInteger(), nullable=False))
    op.create_index("speaker_priority_idx", "speaker", ["priority"])"""
UNSAFE_RULES = {"adding-required-field", "require-concurrent-index-creation"}


def alembic_copy_with_sample(tmp_path: Path, exempt: str = "", upgrade: str = UNSAFE_UPGRADE) -> Path:
    """A copy of alembic/ with the sample revision on top; returns its alembic.ini."""
    shutil.copytree(ALEMBIC_INI.parent / "alembic", tmp_path / "alembic", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "alembic" / "versions" / "0003_unsafe_sample.py").write_text(
        SAMPLE.format(exempt=exempt, upgrade=upgrade)
    )
    ini = tmp_path / "alembic.ini"
    ini.write_text("[alembic]\nscript_location = %(here)s/alembic\npath_separator = os\n")
    return ini


def test_real_revisions_pass_the_lint():
    """Every revision is safe for production or carries a reasoned exemption for the rules that do not apply."""
    problems = lint_revisions(ALEMBIC_INI)
    assert not problems, "\n".join(map(str, problems))


def test_lint_fails_a_required_column_and_a_blocking_index(tmp_path):
    """A NOT NULL column without a default and an index without CONCURRENTLY fail, naming rule and revision."""
    problems = lint_revisions(alembic_copy_with_sample(tmp_path))
    assert UNSAFE_RULES <= {p.rule for p in problems}
    assert {p.path.name for p in problems if p.rule in UNSAFE_RULES} == {"0003_unsafe_sample.py"}
    assert {p.path.name for p in problems} == {"0003_unsafe_sample.py"}, "an exemption leaked across revisions"


def test_exemption_excuses_its_rule_only(tmp_path):
    """An exemption hides the one rule it names, in its own revision; the other findings stay."""
    exempt = 'SQUAWK_EXEMPT = {"require-concurrent-index-creation": "speaker is empty whenever this sample runs."}'
    rules = {p.rule for p in lint_revisions(alembic_copy_with_sample(tmp_path, exempt))}
    assert "require-concurrent-index-creation" not in rules
    assert "adding-required-field" in rules


@pytest.mark.parametrize(
    "exempt, complaint",
    [
        ('SQUAWK_EXEMPT = {"require-concurrent-index-creation": ""}', "gives no reason"),
        ('SQUAWK_EXEMPT = {"require-concurrent-index-creation": "small table"}', "gives no reason"),
        ('SQUAWK_EXEMPT = {"ban-drop-database": "this sample never drops a database."}', "reports no ban-drop"),
        ('SQUAWK_EXEMPT = {"require-concurent-index-creation": "a misspelt rule never matches."}', "reports no"),
    ],
    ids=["empty reason", "two-word reason", "unused rule", "misspelt rule"],
)
def test_lint_rejects_an_exemption_without_reason_or_finding(tmp_path, exempt, complaint):
    """An exemption must say why, and must excuse a finding squawk actually reports there."""
    problems = lint_revisions(alembic_copy_with_sample(tmp_path, exempt))
    assert [p for p in problems if p.rule == "exemption" and complaint in p.message], "\n".join(map(str, problems))


def test_lint_reports_a_revision_that_cannot_render_offline(tmp_path):
    """A revision that reads the database has no --sql rendering, so it is reported rather than skipped."""
    upgrade = 'op.get_bind().execute(sa.text("SELECT count(*) FROM speaker")).scalar()'
    problems = lint_revisions(alembic_copy_with_sample(tmp_path, upgrade=upgrade))
    assert [(p.path.name, p.rule) for p in problems] == [("0003_unsafe_sample.py", "render")]


def test_lint_command_exits_1_naming_the_revision_and_rules(tmp_path):
    """`./opentr.sh lint` prints one line per problem (file: rule: what) and exits 1; 0 on the real revisions."""
    out = io.StringIO()
    assert (
        run(["--alembic-ini", str(alembic_copy_with_sample(tmp_path)), "--pg-version", "18"], out, io.StringIO()) == 1
    )
    lines = out.getvalue().splitlines()
    for rule in UNSAFE_RULES:
        assert any(line.startswith(f"0003_unsafe_sample.py: {rule}: ") for line in lines), out.getvalue()
    assert "for PostgreSQL 18:" in lines[-1] and "problem(s)" in lines[-1]
    assert run([], io.StringIO(), io.StringIO()) == 0
