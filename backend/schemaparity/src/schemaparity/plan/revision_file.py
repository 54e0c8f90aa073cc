"""The revision module a plan becomes: upgrade(), downgrade(), and a docstring that lists the changes."""

from __future__ import annotations

import re
import textwrap
from datetime import UTC, datetime

from schemaparity.plan.steps import Plan, Step

MAX_ID = 32
WIDTH = 100  # the docstring's and the exemptions' lines


def revision_id(message: str, existing: list[str]) -> str:
    """`<NNNN>_<slug>`: the next number after the existing numbered ids (as wide as theirs, else four
    digits), the message as a slug, ≤ 32 characters."""
    numbered = [found[1] for rev in existing if (found := re.match(r"^(\d+)", rev))]
    width = max((len(digits) for digits in numbered), default=4)
    number = f"{max((int(digits) for digits in numbered), default=len(existing)) + 1:0{width}d}"
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_") or "change"
    return f"{number}_{slug}"[:MAX_ID].rstrip("_")


def render(
    *,
    message: str,
    revision: str,
    down_revision: str | None,
    upgrade: Plan,
    downgrade: Plan,
    sql_only: bool,
    exemptions: dict[str, str] | None = None,
) -> str:
    lines = [
        f'"""{message.strip().rstrip(".")}',
        "",
        "Generated from the SQL file by `schemaparity revision`, and proven:",
    ]
    lines.append("applied to the head it builds the SQL file's schema; its downgrade builds the head's again.")
    lines += ["", "Changes:", *(_wrapped(f"- {_described(step)}", "  ") for step in upgrade.steps)]
    hazards = [*upgrade.hazards, *(["irreversible downgrade"] if downgrade.loses_data else [])]
    if hazards:
        lines += ["", f"Hazards: {', '.join(dict.fromkeys(hazards))}."]
    for note in upgrade.notes:
        lines += ["", _wrapped(note)]
    lines += [
        "",
        f"Revision ID: {revision}",
        f"Revises: {down_revision or ''}",
        f"Create Date: {datetime.now(UTC):%Y-%m-%d}",
        '"""',
    ]
    lines += ["", "from __future__ import annotations", ""]
    body_up, body_down = _body(upgrade, sql_only), _body(downgrade, sql_only)
    uses_sa = "sa." in body_up + body_down
    if uses_sa:
        lines.append("import sqlalchemy as sa")
    if "postgresql." in body_up + body_down:
        lines.append("from sqlalchemy.dialects import postgresql")
    if uses_sa or "postgresql." in body_up + body_down:
        lines.append("")
    lines += ["from alembic import op", ""]
    lines += [
        f"revision = {revision!r}",
        f"down_revision = {down_revision!r}",
        "branch_labels = None",
        "depends_on = None",
    ]
    if exemptions:
        lines += [
            "",
            "SQUAWK_EXEMPT = {",
            *(_exemption(rule, reason) for rule, reason in sorted(exemptions.items())),
            "}",
        ]
    lines += ["", "", "def upgrade() -> None:", body_up, "", "", "def downgrade() -> None:", body_down]
    return "\n".join(lines) + "\n"


def _wrapped(text: str, indent: str = "") -> str:
    return textwrap.fill(text, WIDTH, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)


def _exemption(rule: str, reason: str) -> str:
    """`rule: reason,` with a long reason as adjacent string literals, one per line."""
    parts = textwrap.wrap(reason, WIDTH - 12, drop_whitespace=False, break_long_words=False, break_on_hyphens=False)
    if len(parts) < 2:
        return f"    {rule!r}: {reason!r},"
    return "\n".join([f"    {rule!r}: (", *(f"        {part!r}" for part in parts), "    ),"])


def _described(step: Step) -> str:
    return f"{step.summary} ({', '.join(step.hazards)})" if step.hazards else step.summary


def _body(plan: Plan, sql_only: bool) -> str:
    if not plan.steps:
        return "    pass"
    lines = []
    for step in plan.steps:
        calls = (
            [step.op] if step.op and not sql_only else [f"op.execute({_string(sql)})" for sql in _statements(step.sql)]
        )
        if step.autocommit:
            lines.append("    with op.get_context().autocommit_block():")
            lines += [f"        {call}" for call in calls]
        else:
            lines += [f"    {call}" for call in calls]
    return "\n".join(lines)


def _statements(sql: str) -> list[str]:
    """A step's SQL as one string per statement (steps join several with `;` at a line's end)."""
    if "$" in sql:  # a function body holds semicolons of its own
        return [sql]
    return [part.strip() for part in re.split(r";\n", sql) if part.strip()]


def _string(text: str) -> str:
    if "\n" not in text or '"""' in text or "\\" in text or text.endswith('"'):
        return repr(text)
    return '"""\n' + text + '\n"""'
