"""Lint each revision's SQL for production safety with squawk, one revision at a time.

Every revision is rendered offline (`alembic upgrade <down>:<rev> --sql`, the SQL
production would run, each revision in its own BEGIN/COMMIT) and handed to squawk with
the target PostgreSQL version, so its findings name one revision.

A revision may exempt itself from a rule that does not apply to it, with the reason,
as a module-level constant::

    SQUAWK_EXEMPT = {
        "require-concurrent-index-creation": "why building this index without CONCURRENTLY is safe here",
    }

An exemption without a reason (fewer than three words) is itself a problem, and so is
one for a rule squawk does not report on that revision (stale, or a misspelt name):
exemptions stay as narrow as the findings they excuse. The revision hygiene checks of
`opentr.revision_checks` run here too.

`python -m opentr.lint [--pg-version 15] [--alembic-ini alembic.ini]`: exit 0 clean,
1 problems found.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TextIO

from opentr.revision_checks import Problem, check_revision_file
from opentr.target import ALEMBIC_INI, PROJECT_ROOT
from schemaparity.pg.migrate import alembic_config
from schemaparity.sources.pysource import module_constant

DEFAULT_PG_VERSION = "15"
EXEMPT_CONSTANT = "SQUAWK_EXEMPT"
MIN_REASON_WORDS = 3
# Alembic's own bookkeeping, rendered before the first revision: not part of any revision.
VERSION_TABLE_DDL = re.compile(r"CREATE TABLE alembic_version \(.*?\);\n", re.DOTALL)


class LintError(Exception):
    """The lint could not run (no squawk, squawk refused its arguments)."""


def lint_revisions(alembic_ini: Path, pg_version: str = DEFAULT_PG_VERSION) -> list[Problem]:
    """Every problem of every revision under `alembic_ini`: hygiene, then squawk."""
    from alembic.script import ScriptDirectory

    config = alembic_config(alembic_ini, quiet=True)
    squawk = squawk_binary()
    problems: list[Problem] = []
    for script in reversed(list(ScriptDirectory.from_config(config).walk_revisions())):
        path = Path(script.path)
        problems += check_revision_file(path)
        exempt, exemption_problems = read_exemptions(path)
        problems += exemption_problems
        try:
            sql = render_revision_sql(config, script.down_revision, script.revision)
        except Exception as error:  # a revision that cannot render offline cannot be linted: say so
            problems.append(Problem(path, "render", f"`alembic upgrade --sql` failed: {type(error).__name__}: {error}"))
            continue
        problems += squawk_problems(squawk, path, sql, pg_version, exempt)
    return problems


def render_revision_sql(config, down_revision: str | None, revision: str) -> str:
    """The SQL of one revision's upgrade, as `alembic upgrade <down>:<rev> --sql` prints it."""
    from alembic import command

    config.output_buffer = io.StringIO()
    command.upgrade(config, f"{down_revision or 'base'}:{revision}", sql=True)
    return VERSION_TABLE_DDL.sub("", config.output_buffer.getvalue())


def read_exemptions(path: Path) -> tuple[dict[str, str], list[Problem]]:
    """The revision's `SQUAWK_EXEMPT` {rule: reason}, and the problems with it."""
    tree = ast.parse(path.read_text(), filename=str(path))
    declared = module_constant(tree, EXEMPT_CONSTANT)
    if declared is None:
        return {}, []
    if not isinstance(declared, dict) or not all(isinstance(item, str) for pair in declared.items() for item in pair):
        return {}, [Problem(path, "exemption", f"{EXEMPT_CONSTANT} must be a literal dict of rule name to reason")]
    problems = [
        Problem(path, "exemption", f"the exemption from {rule} gives no reason: say why the rule does not apply")
        for rule, reason in declared.items()
        if len(reason.split()) < MIN_REASON_WORDS
    ]
    return declared, problems


def squawk_problems(squawk: Path, path: Path, sql: str, pg_version: str, exempt: dict[str, str]) -> list[Problem]:
    """squawk's findings on one revision's SQL, less the exempted rules (an unused exemption is a problem)."""
    findings = run_squawk(squawk, sql, pg_version, f"{path.stem}.sql")
    lines = sql.splitlines()
    problems = []
    for finding in findings:
        if finding["rule_name"] in exempt:
            continue
        line = finding["line"]  # 0-based
        statement = lines[line].strip() if line < len(lines) else ""
        problems.append(Problem(path, finding["rule_name"], f"{finding['message']} (SQL line {line + 1}: {statement})"))
    reported = {finding["rule_name"] for finding in findings}
    problems += [
        Problem(path, "exemption", f"exempt from {rule}, but squawk reports no {rule} here: remove the exemption")
        for rule in sorted(set(exempt) - reported)
    ]
    return problems


def run_squawk(squawk: Path, sql: str, pg_version: str, label: str) -> list[dict]:
    """squawk's JSON findings for `sql` (read from stdin, reported as `label`)."""
    command = [str(squawk), "--reporter", "json", "--pg-version", pg_version, "--stdin-filepath", label]
    completed = subprocess.run(command, input=sql, capture_output=True, text=True, cwd=PROJECT_ROOT)
    if completed.returncode not in (0, 1):
        raise LintError(f"squawk failed (exit {completed.returncode}): {completed.stderr.strip()}")
    return json.loads(completed.stdout or "[]")


def squawk_binary() -> Path:
    """squawk from the `squawk-cli` package: beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "squawk"
    if beside.is_file():
        return beside
    found = shutil.which("squawk")
    if found is None:
        raise LintError("squawk not found: install the dev extras (`pip install -e '.[dev]'`, package squawk-cli)")
    return Path(found)


def run(argv: list[str], out: TextIO, err: TextIO) -> int:
    """Parse `argv`, lint, print each problem and a summary; 0 clean, 1 problems or no lint."""
    parser = argparse.ArgumentParser(prog="lint", description="Lint the Alembic revisions with squawk.")
    parser.add_argument("--pg-version", default=DEFAULT_PG_VERSION, help="target PostgreSQL version (default 15)")
    parser.add_argument("--alembic-ini", type=Path, default=ALEMBIC_INI)
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        problems = lint_revisions(args.alembic_ini, args.pg_version)
    except LintError as error:
        print(f"error: {error}", file=err)
        return 1
    for problem in problems:
        print(problem, file=out)
    verdict = f"{len(problems)} problem(s)" if problems else "clean"
    seconds = time.monotonic() - started
    print(f"revisions linted with squawk for PostgreSQL {args.pg_version}: {verdict} in {seconds:.2f}s", file=out)
    return 1 if problems else 0


def run_with_ruff(argv: list[str], out: TextIO, err: TextIO) -> int:
    """`./opentr.sh lint`: the revisions with squawk, then the Python code with ruff (lint and format)."""
    code = run(argv, out, err)
    for ruff_args in (["check", "."], ["format", "--check", "."]):
        out.flush()
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *ruff_args], cwd=PROJECT_ROOT, capture_output=True, text=True
        )
        out.write(result.stdout)
        err.write(result.stderr)
        print(f"ruff {' '.join(ruff_args[:-1])}: {'clean' if result.returncode == 0 else 'problems found'}", file=out)
        code = code or (1 if result.returncode else 0)
    return code


def main() -> None:
    sys.exit(run(sys.argv[1:], sys.stdout, sys.stderr))


if __name__ == "__main__":
    main()
