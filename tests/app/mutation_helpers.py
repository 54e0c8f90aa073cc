"""Temp copies of the project's schema sources, each changed in one place.

Every copy is made from the real files at test time, and every change asserts that
the text it replaces is there exactly once: a mutation that silently matched nothing
would make a drift test pass for the wrong reason.
"""

from __future__ import annotations

import io
import json
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from schemaparity import cli
from tests.helpers import INIT_SQL, PROJECT_ROOT, PYPROJECT

ALEMBIC_DIR = PROJECT_ROOT / "alembic"
BACKEND_DIR = PROJECT_ROOT / "backend"
SCHEMAS_DIR = BACKEND_DIR / "app" / "schemas"
PATH_KEYS = ("sql", "alembic_ini")

Edit = tuple[str, str]  # (text that is there exactly once, what replaces it)


def edited(text: str, *edits: Edit) -> str:
    """`text` with each `(old, new)` applied; `old` must occur exactly once."""
    for old, new in edits:
        found = text.count(old)
        assert found == 1, f"the mutation expects {old!r} once, found it {found} times"
        text = text.replace(old, new)
    return text


def edit_file(path: Path, *edits: Edit) -> Path:
    path.write_text(edited(path.read_text(), *edits))
    return path


def sql_copy(tmp_path: Path, *edits: Edit) -> Path:
    """A copy of init_db.sql with `edits` applied."""
    copy = tmp_path / INIT_SQL.name
    copy.write_text(edited(INIT_SQL.read_text(), *edits))
    return copy


@dataclass(frozen=True)
class AlembicCopy:
    ini: Path
    versions: Path

    def revision(self, revision_id: str) -> Path:
        return self.versions / f"{revision_id}.py"


def alembic_copy(tmp_path: Path) -> AlembicCopy:
    """A copy of alembic/ and an alembic.ini pointing at it (the application code stays the real one)."""
    script_dir = tmp_path / "alembic"
    shutil.copytree(ALEMBIC_DIR, script_dir, ignore=shutil.ignore_patterns("__pycache__"))
    ini = tmp_path / "alembic.ini"
    ini.write_text(
        "[alembic]\n"
        f"script_location = {script_dir}\n"
        f"prepend_sys_path = {BACKEND_DIR}\n"
        "file_template = %%(rev)s\n"
        "path_separator = os\n"
    )
    return AlembicCopy(ini, script_dir / "versions")


def schemas_copy(tmp_path: Path, package: str, module: str, *edits: Edit) -> Path:
    """app.schemas copied as the package `package` under `tmp_path`, one module edited.

    Imports of `app.schemas` inside the copy are pointed at the copy, so the edited
    field is the one the copied `XRead` classes inherit.
    """
    target = tmp_path / package
    shutil.copytree(SCHEMAS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    edit_file(target / f"{module}.py", *edits)
    for source in target.glob("*.py"):
        source.write_text(source.read_text().replace("app.schemas", package))
    return target


def config_copy(tmp_path: Path, **changes: str) -> Path:
    """A pyproject.toml holding the real [tool.schemaparity], its paths absolute, with `changes`."""
    section = tomllib.loads(PYPROJECT.read_text())["tool"]["schemaparity"]
    section |= {key: str(PROJECT_ROOT / section[key]) for key in PATH_KEYS if key in section}
    section["pythonpath"] = [str(PROJECT_ROOT / folder) for folder in section.get("pythonpath", [])]
    section |= changes
    lines = ["[tool.schemaparity]", *(f"{key} = {toml_value(value)}" for key, value in section.items())]
    copy = tmp_path / "pyproject.toml"
    copy.write_text("\n".join(lines) + "\n")
    return copy


def toml_value(value) -> str:
    """A TOML value for strings, lists and (inline) tables of them."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(key)} = {toml_value(item)}" for key, item in value.items()) + " }"
    return json.dumps(value)


def run_check(*argv: str, config: Path = PYPROJECT) -> tuple[int, str]:
    """`schemaparity check --config <config> argv...`: the exit code and everything it printed."""
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(["check", "--config", str(config), *argv], out, err)
    return code, out.getvalue() + err.getvalue()
