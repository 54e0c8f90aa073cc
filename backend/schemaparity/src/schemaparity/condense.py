"""A report as short as the truth: one entry wherever the sources say one thing.

- A table (or schema) missing in some sources is one entry with what it holds (its
  columns, indexes, constraints, ... are its `children`, listed with `--verbose`).
- Two objects of the same kind with the same definition but another name, each missing
  where the other is present, are one rename entry; so are two columns of one table
  with identical attributes, as a possible rename, when the pairing is unambiguous.
- A NOT NULL constraint (PostgreSQL 18 names them) that only restates a difference of
  its column is left out.

Pure functions over differences and snapshots, like `diff`.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from schemaparity.diff import NOT_COMPARED, Difference, odd_one_out
from schemaparity.snapshot import Snapshot

PAIRABLE = ("constraint", "index", "trigger", "sequence", "policy", "enum")
CONTAINERS = ("table", "schema")
PLURALS = {"index": "indexes", "sequence": "sequences", "policy": "policies", "data": "reference rows"}


def condense(differences: Sequence[Difference], snapshots: Mapping[str, Snapshot]) -> list[Difference]:
    found = _without_restated_not_null(list(differences), snapshots)
    for container in CONTAINERS:
        found = _collapse(found, container)
    return _pair_renames(found, snapshots)


def summary_of(children: Sequence[Difference]) -> str:
    """`8 columns, 3 indexes, 2 constraints, 1 sequence`: what a missing table or schema holds."""
    counts = Counter(child.kind for child in children)
    parts = []
    for kind, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        plural = PLURALS.get(kind, f"{kind}s")
        parts.append(f"{count} {kind if count == 1 and kind != 'data' else plural}")
    return ", ".join(parts) if parts else "nothing else"


def _collapse(differences: list[Difference], container: str) -> list[Difference]:
    """Fold every difference that only says "missing where its table (schema) is missing" into that entry."""
    heads = {
        _container_key(difference, container): difference
        for difference in differences
        if difference.kind == container and difference.attribute is None
    }
    if not heads:
        return differences
    children: dict[tuple, list[Difference]] = defaultdict(list)
    kept = []
    for difference in differences:
        head = heads.get(_owner_key(difference, container))
        if head is not None and difference is not head and _missing_with(difference, head):
            children[_container_key(head, container)].append(difference)
        else:
            kept.append(difference)
    return [
        replace(difference, children=tuple(children.get(_container_key(difference, container), ())))
        if difference in heads.values()
        else difference
        for difference in kept
    ]


def _container_key(difference: Difference, container: str) -> tuple:
    return (difference.schema, difference.table) if container == "table" else (difference.name,)


def _owner_key(difference: Difference, container: str) -> tuple:
    if container == "table":
        return (difference.schema, difference.table)
    return (difference.schema,) if difference.kind != "schema" else (None,)


def _missing_with(difference: Difference, head: Difference) -> bool:
    """True when `difference` is absent exactly where `head` is (or, for rows, empty there)."""
    absent = {source for source, value in difference.values if value is None}
    return absent == set(head.missing_in) and (difference.attribute is None or difference.kind == "data")


def _pair_renames(differences: list[Difference], snapshots: Mapping[str, Snapshot]) -> list[Difference]:
    """Merge presence differences that are one object under two names."""
    sources = set(snapshots)
    groups: dict[tuple, list[Difference]] = defaultdict(list)
    for difference in differences:
        if difference.attribute is None and not difference.children and difference.kind in (*PAIRABLE, "column"):
            groups[_shape(difference, snapshots)].append(difference)
    merged: dict[int, Difference] = {}
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) != 2:
            continue  # none, or ambiguous
        first, second = members
        if first.values[0][1] is None:  # the name of the first source first
            first, second = second, first
        present_first, present_second = _present(first), _present(second)
        if present_first & present_second or present_first | present_second != sources:
            continue
        merged[id(first)] = _rename(first, second, present_first, present_second)
        dropped.add(id(second))
    return [merged.get(id(d), d) for d in differences if id(d) not in dropped]


def _shape(difference: Difference, snapshots: Mapping[str, Snapshot]) -> tuple:
    """What the object is apart from its name: kind, place and details with the name taken out."""
    obj = next(s.by_key[difference.key] for s in snapshots.values() if difference.key in s.by_key)
    attributes = {key: value for key, value in obj.attributes_json().items() if key not in NOT_COMPARED}
    details = json.dumps(attributes, sort_keys=True)
    details = re.sub(rf'(?<![\w"]){re.escape(obj.name)}(?![\w"])|"{re.escape(obj.name)}"', "<name>", details)
    return (difference.kind, difference.schema, difference.table, details)


def _present(difference: Difference) -> set[str]:
    return {source for source, value in difference.values if value is not None}


def _rename(first: Difference, second: Difference, in_first: set[str], in_second: set[str]) -> Difference:
    names = {**dict.fromkeys(in_first, first.name), **dict.fromkeys(in_second, second.name)}
    values = tuple((source, names[source]) for source, _ in first.values)
    column = first.kind == "column"
    shown = (lambda d: f"{d.label}") if column else (lambda d: d.label.removeprefix(f"{d.kind} "))
    label = (
        f"{first.kind} {shown(first)} ({', '.join(s for s, _ in first.values if s in in_first)})"
        f" = {shown(second)} ({', '.join(s for s, _ in first.values if s in in_second)})"
    )
    note = "same attributes, another name: a rename?" if column else "same definition, another name"
    return replace(first, label=label, attribute="name", values=values, odd_one_out=odd_one_out(values), note=note)


def _without_restated_not_null(differences: list[Difference], snapshots: Mapping[str, Snapshot]) -> list[Difference]:
    """Drop NOT NULL constraint differences whose column is itself reported (missing, renamed, nullability)."""
    columns = {
        (d.schema, d.table, name)
        for d in differences
        if d.kind == "column" and d.attribute in (None, "name", "nullable")
        for name in {d.name, *(value for _, value in d.values if d.attribute == "name")}
    }

    def restates(difference: Difference) -> bool:
        if difference.kind != "constraint":
            return False
        obj = next((s.by_key[difference.key] for s in snapshots.values() if difference.key in s.by_key), None)
        if obj is None or obj.detail("type") != "not null":
            return False
        column = str(obj.detail("definition")).removeprefix("NOT NULL ").split()[0].strip('"')
        return (difference.schema, difference.table, column) in columns

    return [difference for difference in differences if not restates(difference)]
