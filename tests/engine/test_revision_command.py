"""`schemaparity revision` on a foreign project (the plain fixture: an SQL file and Alembic, no models).

The file is written only after its proof, and with the SQL file's stamp bumped; a plan that
loses data is refused (exit 3), a dry run and a failed proof write nothing, and no database is
left behind or touched but the scratch ones.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from schemaparity import cli
from schemaparity.config import load_config
from schemaparity.generate import EXIT_DATA_LOSS, Request, generate_revision
from schemaparity.pg.servers import UrlServer
from tests.engine.conftest import copy_fixture
from tests.helpers import query

PYPROJECT = '[tool.schemaparity]\nsql = "schema.sql"\nalembic_ini = "alembic.ini"\n'


@pytest.fixture
def project(tmp_path) -> Path:
    folder = copy_fixture("plain", tmp_path)
    (folder / "pyproject.toml").write_text(PYPROJECT)
    return folder


def revision(project: Path, server_url: str, *flags: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["revision", "--config", str(project / "pyproject.toml"), *flags]
    code = cli.run(argv, out, err, server=UrlServer(server_url))
    return code, out.getvalue(), err.getvalue()


def versions(project: Path) -> list[str]:
    return sorted(path.name for path in (project / "migrations" / "versions").glob("*.py"))


def edit(project: Path, old: str, new: str) -> None:
    sql = project / "schema.sql"
    assert old in sql.read_text()
    sql.write_text(sql.read_text().replace(old, new))


def database_names(server_url: str) -> list[str]:
    return sorted(name for (name,) in query(server_url, "SELECT datname FROM pg_database"))


def test_a_revision_is_written_proven_and_stamped_and_the_check_then_agrees(project, server_url):
    edit(
        project,
        "    pinned boolean NOT NULL DEFAULT false\n",
        "    pinned boolean NOT NULL DEFAULT false,\n    title text\n",
    )
    before = database_names(server_url)
    code, out, err = revision(project, server_url, "-m", "Add note titles")
    assert code == 0, out + err
    assert "add column note.title" in out and "proven: upgrade from 001_notes" in out
    assert "backfill" in out  # a column added to a table with rows: the note says what no generator infers
    assert versions(project) == ["001_notes.py", "002_add_note_titles.py"]
    written = (project / "migrations" / "versions" / "002_add_note_titles.py").read_text()
    assert 'down_revision = "001_notes"' in written or "down_revision = '001_notes'" in written
    assert "op.add_column('note'" in written or 'op.add_column("note"' in written
    assert "VALUES ('002_add_note_titles')" in (project / "schema.sql").read_text()
    assert database_names(server_url) == before, "a revision leaves no database behind"
    out, err = io.StringIO(), io.StringIO()
    check = ["check", "--config", str(project / "pyproject.toml"), "--only", "sql,migrations", "--no-cache"]
    assert cli.run(check, out, err, server=UrlServer(server_url)) == 0, out.getvalue() + err.getvalue()
    code, out, _ = revision(project, server_url, "-m", "again")
    assert code == 0 and "nothing to generate" in out and len(versions(project)) == 2


def test_a_plan_that_loses_data_is_refused_with_exit_3_and_nothing_written(project, server_url):
    edit(project, ",\n    pinned boolean NOT NULL DEFAULT false\n", "\n")
    edit(project, "CREATE INDEX note_pinned_idx ON note (pinned) WHERE pinned;\n", "")
    sql_before = (project / "schema.sql").read_text()
    code, out, err = revision(project, server_url, "-m", "drop pinned")
    assert code == EXIT_DATA_LOSS, out + err
    assert "drop column note.pinned and its values  [data loss]" in out and "refused: nothing written" in out
    assert versions(project) == ["001_notes.py"] and (project / "schema.sql").read_text() == sql_before
    code, out, err = revision(project, server_url, "-m", "drop pinned", "--allow-data-loss")
    assert code == 0 and versions(project) == ["001_notes.py", "002_drop_pinned.py"], out + err


def test_a_dry_run_prints_the_revision_and_writes_nothing(project, server_url):
    edit(project, "WHERE pinned;", "WHERE pinned;\nCREATE INDEX note_body_idx ON note (body);")
    sql_before = (project / "schema.sql").read_text()
    code, out, err = revision(project, server_url, "-m", "index bodies", "--dry-run", "--sql-only")
    assert code == 0, out + err
    assert "CREATE INDEX note_body_idx ON public.note USING btree (body)" in out
    assert "dry run: migrations/versions/002_index_bodies.py not written" in out
    assert versions(project) == ["001_notes.py"] and (project / "schema.sql").read_text() == sql_before


def test_a_revision_that_does_not_reach_the_sql_file_is_not_written(project, server_url):
    """A formatter that loses a statement: the proof sees the index missing and nothing is written."""
    edit(project, "WHERE pinned;", "WHERE pinned;\nCREATE INDEX note_body_idx ON note (body);")
    sql_before = (project / "schema.sql").read_text()

    def lossy(text: str) -> str:
        return "\n".join("    pass" if "op.create_index" in line else line for line in text.splitlines()) + "\n"

    config = load_config(project / "pyproject.toml", required=True)
    result = generate_revision(config, Request("index bodies"), UrlServer(server_url), formatter=lossy)
    assert result.exit_code == 1 and result.proof is not None and not result.proof.proven, result.problems
    assert any(d.name == "note_body_idx" for d in result.proof.after_upgrade)
    assert versions(project) == ["001_notes.py"] and (project / "schema.sql").read_text() == sql_before


def test_initial_writes_the_base_revision_and_refuses_an_existing_chain(project, server_url):
    code, out, err = revision(project, server_url, "-m", "base", "--initial")
    assert code == 2 and "--initial starts a chain, but" in out + err
    (project / "migrations" / "versions" / "001_notes.py").unlink()
    code, out, err = revision(project, server_url, "-m", "base", "--initial")
    assert code == 0, out + err
    assert "proven: upgrade from an empty database builds the SQL file's schema" in out
    assert versions(project) == ["0001_base.py"]
    assert "VALUES ('0001_base')" in (project / "schema.sql").read_text()


def test_a_revision_touches_no_database_but_its_scratch_ones(project, server_url, databases):
    """The project's own URL names a real database: its contents are the same after a revision."""
    own = databases.create()
    query(own, "CREATE TABLE precious (id integer); INSERT INTO precious VALUES (1)")
    ini = project / "alembic.ini"
    ini.write_text(ini.read_text().replace("driver://user:pass@localhost/dbname", own))
    edit(project, "WHERE pinned;", "WHERE pinned;\nCREATE INDEX note_body_idx ON note (body);")
    code, out, err = revision(project, server_url, "-m", "index bodies")
    assert code == 0, out + err
    assert query(own, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'") == [
        ("precious",)
    ]


SEARCH_PATH_SCHEMA = """
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'low');
CREATE TABLE app.note (id integer PRIMARY KEY, mood app.mood NOT NULL DEFAULT 'ok');
DO $$ BEGIN
    EXECUTE 'ALTER DATABASE ' || quote_ident(current_database()) || ' SET search_path = app, public';
END $$;
"""


def test_a_database_setting_the_head_makes_is_read_by_both_sides(server_url, tmp_path):
    """A revision that sets the database's search_path changes how PostgreSQL prints type names (`mood`, not
    `app.mood`); the head is read on a session begun after its build, as the SQL file's is, so the same
    schema on both sides plans nothing."""
    from tests.engine.generation import case_project

    case = tmp_path / "case"
    case.mkdir()
    for name in ("a.sql", "b.sql"):
        (case / name).write_text(SEARCH_PATH_SCHEMA)
    folder = tmp_path / "project"
    folder.mkdir()
    result = generate_revision(case_project(case, folder), Request("nothing to do"), UrlServer(server_url))
    assert result.exit_code == 0, result.problems
    assert result.empty, [step.summary for step in result.upgrade.steps]
