"""What `schemaparity revision` prints: the plan with its hazards, the proof, and what was written."""

from __future__ import annotations

from pathlib import Path

from schemaparity.generate.run import EXIT_DATA_LOSS, Generation
from schemaparity.plan import Plan
from schemaparity.render import render_text
from schemaparity.result import CheckResult, SourceOutcome
from schemaparity.snapshot import Snapshot


def render_generation(result: Generation, *, dry_run: bool, root: Path | None = None) -> str:
    lines = []
    if result.empty and not result.problems:
        head = result.head or "an empty database"
        return f"nothing to generate: {head} and the SQL file are identical ({result.seconds:.2f}s)\n"
    if result.upgrade.steps:
        lines += _plan_lines("upgrade", result.upgrade)
        lines += _plan_lines("downgrade", result.downgrade)
        hazards = result.upgrade.hazards + (("irreversible downgrade",) if result.downgrade.loses_data else ())
        lines.append(f"hazards: {', '.join(dict.fromkeys(hazards))}" if hazards else "hazards: none")
    lines += [f"lint: exempt from {rule}: {reason}" for rule, reason in sorted(result.exemptions.items())]
    if result.proof is not None:
        lines += _proof_lines(result)
    lines += [f"error: {problem}" for problem in result.problems]
    if result.log.strip():
        lines += ["  its log:", *(f"    {line}" for line in result.log.strip().splitlines()[-30:])]
    if result.exit_code == 0 and dry_run:
        lines += ["", result.text.rstrip("\n"), "", f"dry run: {_shown(result.path, root)} not written"]
    elif result.exit_code == 0:
        lines.append(f"wrote {_shown(result.path, root)}")
        if result.stamped is not None:
            lines.append(f"stamped {result.revision} in {_shown(result.stamped, root)}")
    elif result.exit_code == EXIT_DATA_LOSS:
        lines.append("refused: nothing written")
    else:
        lines.append("not proven: nothing written")
    lines.append(f"in {result.seconds:.2f}s")
    return "\n".join(lines) + "\n"


def _plan_lines(side: str, plan: Plan) -> list[str]:
    lines = [f"{side} ({len(plan.steps)} step(s)):"]
    for number, step in enumerate(plan.steps, 1):
        hazards = f"  [{', '.join(step.hazards)}]" if step.hazards else ""
        lines.append(f"  {number:>2}. {step.summary}{hazards}")
    lines += [f"  note: {note}" for note in plan.notes]
    return lines


def _proof_lines(result: Generation) -> list[str]:
    proof = result.proof
    if proof.proven:
        head = proof.head or "an empty database"
        return [f"proven: upgrade from {head} builds the SQL file's schema and stamp; downgrade returns to {head}"]
    lines = [f"error: {problem}" for problem in proof.problems]
    for label, found, names in (
        ("after upgrade, against the SQL file", proof.after_upgrade, ("sql", "revision")),
        ("after downgrade, against the head", proof.after_downgrade, ("head", "downgrade")),
    ):
        if found:
            report = CheckResult(tuple(SourceOutcome(name, name, Snapshot(frozenset())) for name in names), found)
            lines.append(f"still different {label}:")
            lines += [f"  {line}" for line in render_text(report).splitlines()[:-1]]
    return lines


def _shown(path: Path | None, root: Path | None) -> str:
    if path is None:
        return "(no file)"
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)
