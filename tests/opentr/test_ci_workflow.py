"""The schema-parity CI workflow is valid and does what the project promises.

check-jsonschema validates the workflow against the GitHub workflow schema it ships
(SchemaStore's, vendored in the package, so no network); the assertions check the
promises themselves: both PostgreSQL majors, the three gates, and the parity report
uploaded on failure.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from tests.helpers import PROJECT_ROOT

WORKFLOW = PROJECT_ROOT / ".github" / "workflows" / "schema-parity.yml"


def validate(path: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)]
    return subprocess.run(command, capture_output=True, text=True)


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def steps() -> list[dict]:
    return workflow()["jobs"]["parity"]["steps"]


def test_workflow_is_valid_for_github():
    """A workflow GitHub rejects (an unknown key, a wrong type) would silently run no check at all."""
    result = validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_validator_rejects_an_invalid_workflow(tmp_path):
    """The validator bites: a misspelt job key is an error that names it."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    servises: {}\n    steps:\n      - run: echo\n"
    )
    result = validate(broken)
    assert result.returncode == 1
    assert "servises" in result.stdout + result.stderr


def test_runs_on_push_and_pull_request():
    """Every change is checked, before and after it merges."""
    triggers = workflow().get("on", workflow().get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request"} <= set(triggers)


def test_matrix_runs_postgresql_15_and_18_as_the_service():
    """Both supported majors are tested, each as the service container the checks use."""
    job = workflow()["jobs"]["parity"]
    assert job["strategy"]["matrix"]["postgres"] == ["15", "18"]
    service = job["services"]["postgres"]
    assert service["image"] == "postgres:${{ matrix.postgres }}"
    assert "POSTGRES_PASSWORD" in service["env"] and "--health-cmd" in service["options"]
    assert "localhost:5432" in job["env"]["SCHEMAPARITY_SERVER_URL"]


def test_runs_the_parity_check_the_migration_tests_and_the_lint():
    """The three gates of issue 6, through the same entry point developers use."""
    commands = "\n".join(step.get("run", "") for step in steps())
    assert "./opentr.sh check --format github\n" in commands + "\n"  # annotations on the defining lines
    assert "tests/app/test_migration_history.py" in commands
    assert "tests/opentr/test_revision_lint.py" in commands
    assert "./opentr.sh lint" in commands


def test_uploads_the_json_parity_report_on_failure():
    """When CI fails, the machine-readable report is kept for whoever investigates."""
    writes = [s for s in steps() if "./opentr.sh check --format json > parity-report.json" in s.get("run", "")]
    uploads = [s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(writes) == 1 and len(uploads) == 1
    assert "failure()" in writes[0]["if"] and "failure()" in uploads[0]["if"]
    assert uploads[0]["with"]["path"] == "parity-report.json"
    assert steps().index(writes[0]) < steps().index(uploads[0])
