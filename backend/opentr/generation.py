"""This project's hooks for `schemaparity revision`: squawk's verdict on the revision's SQL, and ruff's format.

The engine stays free of both: it calls the linter with the SQL a generated revision
would run in production (rendered offline) and its plan, and writes the exemptions the
verdict grants into the revision as `SQUAWK_EXEMPT`, so that `./opentr.sh lint` passes on
the written file for the same reasons. A rule is exempted only where the plan explains
it: a lock the plan lists as a hazard, a data loss the maintainer allowed, a type the SQL
file itself chose. Any other finding is a problem, and nothing is written.
"""

from __future__ import annotations

import subprocess
import sys

from opentr.lint import DEFAULT_PG_VERSION, run_squawk, squawk_binary
from opentr.revision_checks import CATALOG_PROBES
from opentr.target import PROJECT_ROOT
from schemaparity.generate import LintVerdict
from schemaparity.plan import Plan
from schemaparity.plan.steps import DATA_LOSS, LONG_LOCK, REWRITE

_LOCKS = (
    "the plan lists this lock as a hazard of the change the SQL file asks for; "
    "--online writes the lock-light form where one exists"
)
_DEFINITION = "the SQL file's definition, which this revision must reproduce exactly"
_DROPS = "the plan drops it as the SQL file does, and the data loss was allowed with --allow-data-loss"
_TRANSACTION = "the revision runs in one transaction and states what it does; the project's hygiene refuses IF EXISTS"
_AUTOCOMMIT = "the step runs in Alembic's autocommit block, outside the revision's transaction"
_RENAME = "the SQL file renames it: the application that reads the new name ships with this revision"

# rule -> (the plan's condition for the exemption, its reason)
RULES = {
    **dict.fromkeys(
        ("adding-foreign-key-constraint", "constraint-missing-not-valid", "require-concurrent-index-creation",
         "require-concurrent-index-deletion", "disallowed-unique-constraint", "adding-not-nullable-field",
         "adding-required-field", "setting-not-nullable-field", "adding-field-with-default",
         "adding-serial-primary-key-field", "changing-column-type", "require-timeout-settings"),
        ("locks", _LOCKS),
    ),
    **dict.fromkeys(
        ("prefer-text-field", "prefer-bigint-over-int", "prefer-bigint-over-smallint", "prefer-big-int",
         "prefer-timestamptz", "prefer-identity", "ban-char-field", "ban-create-domain-with-constraint",
         "ban-alter-domain-with-add-constraint", "ban-drop-not-null"),
        ("always", _DEFINITION),
    ),
    **dict.fromkeys(("ban-drop-column", "ban-drop-table"), ("loses data", _DROPS)),
    **dict.fromkeys(("renaming-column", "renaming-table"), ("renames", _RENAME)),
    **dict.fromkeys(
        ("ban-concurrent-index-creation-in-transaction", "transaction-nesting"), ("autocommit", _AUTOCOMMIT)
    ),
    "prefer-robust-stmts": ("always", _TRANSACTION),
}  # fmt: skip


def squawk_verdict(sql: str, plan: Plan, pg_version: str = DEFAULT_PG_VERSION) -> LintVerdict:
    """The exemptions squawk's findings on `sql` earn from `plan`, and the findings nothing explains."""
    problems = [
        f"the revision's SQL probes the catalog ({label})" for label, probe in CATALOG_PROBES if probe.search(sql)
    ]
    exemptions = {}
    for finding in run_squawk(squawk_binary(), sql, pg_version, "generated.sql"):
        rule = finding["rule_name"]
        condition, reason = RULES.get(rule, (None, None))
        if condition is not None and _holds(condition, plan):
            exemptions[rule] = reason
        else:
            problems.append(f"squawk {rule}: {finding['message']} (SQL line {finding['line'] + 1})")
    return LintVerdict(exemptions, tuple(dict.fromkeys(problems)))


def _holds(condition: str, plan: Plan) -> bool:
    return {
        "always": True,
        "locks": LONG_LOCK in plan.hazards or REWRITE in plan.hazards,
        "loses data": DATA_LOSS in plan.hazards,
        "renames": any(step.phase == "rename" for step in plan.steps),
        "autocommit": any(step.autocommit for step in plan.steps),
    }[condition]


def ruff_format(text: str) -> str:
    """The revision as `ruff format` writes it with this project's settings (so `./opentr.sh lint` passes)."""
    command = [sys.executable, "-m", "ruff", "format", "--stdin-filename", "alembic/versions/generated.py", "-"]
    completed = subprocess.run(command, input=text, capture_output=True, text=True, cwd=PROJECT_ROOT)
    if completed.returncode != 0:
        raise RuntimeError(f"ruff format failed on the generated revision: {completed.stderr.strip()}")
    return completed.stdout
