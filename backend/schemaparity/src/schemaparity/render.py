"""Reports of a check: text for people (grouped by table), JSON for machines."""

from __future__ import annotations

import difflib
import json
from typing import Any

from schemaparity.condense import summary_of
from schemaparity.diff import Difference
from schemaparity.messages import first_line
from schemaparity.result import EXIT_DRIFT, EXIT_IDENTICAL, CheckResult

JSON_VERSION = 1
INLINE_WIDTH = 60
LOG_LINES = 30
OUTSIDE_TABLES = "(not in a table)"


def render_text(result: CheckResult, *, verbose: bool = False) -> str:
    lines: list[str] = []
    for outcome in result.outcomes:
        if not outcome.ok:
            lines.append(f"error: source {outcome.name} ({outcome.description}) did not build:")
            lines.extend(f"  {line}" for line in outcome.error.splitlines())
            lines.extend(_log_lines(outcome.log))
    lines.extend(f"error: {problem}" for problem in result.problems)
    groups: dict[str, list[Difference]] = {}
    for difference in result.differences:
        groups.setdefault(difference.group, []).append(difference)
    for group in sorted(groups, key=lambda g: (g == "", g)):
        lines.append(group or OUTSIDE_TABLES)
        for entry in _entries(groups[group]):
            lines.extend(_merged_renames(entry) if isinstance(entry, list) else _entry_lines(entry, verbose))
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def render_notes(result: CheckResult) -> str:
    """What the reader should know beside the report (for stderr): redirected connections, reaped leftovers."""
    notes = [f"note: {note}" for note in result.notes]
    notes += [f"note: {outcome.name}: {note}" for outcome in result.outcomes for note in outcome.notes]
    return "".join(f"{note}\n" for note in notes)


def _log_lines(log: str) -> list[str]:
    lines = [line for line in log.splitlines() if line.strip()]
    if not lines:
        return []
    shown = lines[-LOG_LINES:]
    head = f"  its log ({len(shown)} of {len(lines)} lines):" if len(lines) > len(shown) else "  its log:"
    return [head, *(f"    {line}" for line in shown)]


def summary_line(result: CheckResult) -> str:
    built = [o.name for o in result.outcomes if o.ok]
    built += sorted({source for d in result.differences for source, _ in d.values} - {o.name for o in result.outcomes})
    failed = [o.name for o in result.outcomes if not o.ok]
    cached = [o.name for o in result.outcomes if o.cached]
    timing = f"in {result.seconds:.2f}s" + (f" ({', '.join(cached)} unchanged: from the cache)" if cached else "")
    if result.exit_code == EXIT_IDENTICAL:
        counts = {len(o.snapshot.objects) for o in result.outcomes}
        objects = f"{counts.pop()} objects" if len(counts) == 1 else "objects"
        return f"identical: {', '.join(built)} ({objects}) {timing}"
    groups = len({d.group for d in result.differences})
    found = f"{len(result.differences)} difference(s) in {groups} group(s) between {', '.join(built)}"
    if result.exit_code == EXIT_DRIFT:
        return f"drift: {found} {timing}"
    if not result.compared:
        ok = [o.name for o in result.outcomes if o.ok]
        built_note = f" (only {ok[0]} built)" if ok else ""
        return f"error: nothing was compared{built_note}; {', '.join(failed) or 'the check'} failed {timing}"
    problems = failed + (["checks"] if result.problems else [])
    rest = found if result.differences else "no differences among the rest"
    return f"error: {', '.join(problems)} failed; {rest} {timing}"


def _entries(differences: list[Difference]) -> list[Difference | list[Difference]]:
    """The group's differences, with the renames of one kind between the same sources as one entry."""
    entries: list[Difference | list[Difference]] = []
    renames: dict[tuple, list[Difference]] = {}
    for difference in differences:
        if difference.attribute == "name" and difference.kind != "column":
            split = (difference.kind, _split(difference))
            if split in renames:
                renames[split].append(difference)
                continue
            renames[split] = [difference]
            entries.append(renames[split])
            continue
        entries.append(difference)
    return [entry[0] if isinstance(entry, list) and len(entry) == 1 else entry for entry in entries]


def _split(difference: Difference) -> tuple[tuple[str, ...], ...]:
    """Which sources use which of the two names: ((sql,), (models, migrations))."""
    first = difference.values[0][1]
    return (
        tuple(source for source, value in difference.values if value == first),
        tuple(source for source, value in difference.values if value != first),
    )


def _merged_renames(renames: list[Difference]) -> list[str]:
    """Several objects of one kind, each under another name in the same sources: one line, one `at` line."""
    left, right = _split(renames[0])
    pairs = ", ".join(f"{d.values[0][1]} = {next(v for s, v in d.values if s == right[0])}" for d in renames)
    sides = f"{', '.join(left)} = {', '.join(right)}"
    lines = [f"  {len(renames)} {renames[0].kind}s, same definitions under other names ({sides}): {pairs}"]
    places: dict[str, list] = {}
    for difference in renames:
        for source, place in difference.locations:
            places.setdefault(source, []).append(place)
    if places:
        lines.append("    at " + "; ".join(f"{source} {_places(found)}" for source, found in places.items()))
    return lines


def _places(places: list) -> str:
    """`a.sql:5, 6` for lines of one file; `a.sql:5, b.sql:2` otherwise."""
    if len({place.file for place in places}) == 1:
        return f"{places[0].file}:{', '.join(str(place.line) for place in places)}"
    return ", ".join(str(place) for place in places)


def _entry_lines(difference: Difference, verbose: bool) -> list[str]:
    """A difference, its note, where each source defines it, and (verbose) what a missing table holds."""
    lines = _difference_lines(difference)
    if difference.note and difference.attribute != "name":
        lines.append(f"    note: {difference.note}")
    if difference.locations:
        lines.append("    at " + "; ".join(f"{source} {place}" for source, place in difference.locations))
    if verbose:
        for child in difference.children:
            lines.extend(f"  {line}" for line in _entry_lines(child, verbose))
    return lines


def _difference_lines(difference: Difference) -> list[str]:
    pointer = f"  ← {difference.odd_one_out} differs" if difference.odd_one_out else ""
    if difference.attribute == "name":  # one object under two names (see `condense`)
        return [f"  {difference.label}: {difference.note}{pointer}"]
    if difference.children:
        present = ", ".join(source for source, value in difference.values if value is not None)
        return [f"  {difference.label} only in {present}: {summary_of(difference.children)}{pointer}"]
    if difference.attribute is None:
        present = [source for source, value in difference.values if value is not None]
        missing = ", ".join(difference.missing_in)
        head = f"  {difference.label}: {difference.kind} only in {', '.join(present)}; missing in {missing}"
        sample = next(value for value in (v for _, v in difference.values) if value is not None)
        return [head + pointer, *_indented(first_line(sample))]
    values = [(source, _text(value)) for source, value in difference.values]
    if all(len(text) <= INLINE_WIDTH and "\n" not in text for _, text in values):
        shown = ", ".join(f"{source}={text}" for source, text in values)
        return [f"  {difference.label}: {difference.attribute}: {shown}{pointer}"]
    lines = [f"  {difference.label}: {difference.attribute} differs{pointer}"]
    grouped = _group_by_value([(source, _text(value, multiline=True)) for source, value in difference.values])
    (base_sources, base), *others = grouped
    for sources, text in others:
        diff = difflib.unified_diff(
            base.splitlines(), text.splitlines(), ", ".join(base_sources), ", ".join(sources), lineterm="", n=1
        )
        lines.extend(_indented("\n".join(diff)))
    return lines


def _group_by_value(values: list[tuple[str, str]]) -> list[tuple[list[str], str]]:
    groups: dict[str, list[str]] = {}
    for source, text in values:
        groups.setdefault(text, []).append(source)
    ordered = sorted(groups.items(), key=lambda item: -len(item[1]))
    return [(sources, text) for text, sources in ordered]


def _text(value: Any, *, multiline: bool = False) -> str:
    """A value as shown in the report; a list is one item per line in multi-line form."""
    if value is None:
        return "(none)"
    if isinstance(value, tuple):
        items = [str(item) for item in value]
        return "\n".join(items) if multiline else "[" + ", ".join(items) + "]"
    return str(value)


def _indented(text: str) -> list[str]:
    return [f"      {line}" for line in text.splitlines()]


def render_json(result: CheckResult) -> str:
    """The same report as a stable JSON document (see the README for its fields)."""
    document = {
        "version": JSON_VERSION,
        "result": {EXIT_IDENTICAL: "identical", EXIT_DRIFT: "drift"}.get(result.exit_code, "error"),
        "exit_code": result.exit_code,
        "seconds": round(result.seconds, 3),
        "sources": [
            {
                "name": o.name,
                "description": o.description,
                "status": "ok" if o.ok else "error",
                "error": o.error,
                "objects": len(o.snapshot.objects) if o.ok else None,
                "seconds": round(o.seconds, 3),
                "cached": o.cached,
                "notes": list(o.notes),
                "problems": list(o.problems),
                "log": o.log if not o.ok else None,
            }
            for o in result.outcomes
        ],
        "errors": list(result.problems),
        "notes": list(result.notes),
        "differences": [
            {
                "group": d.group or None,
                "kind": d.kind,
                "object": d.label,
                "schema": d.schema,
                "table": d.table,
                "name": d.name,
                "attribute": d.attribute,
                "values": {source: _jsonable(value) for source, value in d.values},
                "missing_in": list(d.missing_in),
                "odd_one_out": d.odd_one_out,
                "locations": {source: {"file": place.file, "line": place.line} for source, place in d.locations},
                "note": d.note,
            }
            for d in result.differences
        ],
        "summary": summary_line(result),
    }
    return json.dumps(document, indent=2, sort_keys=False) + "\n"


def render_json_error(message: str, exit_code: int) -> str:
    """A JSON document for a check that never ran (a usage error, no server): the same fields, empty."""
    document = {
        "version": JSON_VERSION,
        "result": "error",
        "exit_code": exit_code,
        "seconds": 0.0,
        "sources": [],
        "errors": [message],
        "notes": [],
        "differences": [],
        "summary": f"error: {message}",
    }
    return json.dumps(document, indent=2) + "\n"


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(item) for item in value]
    return value
