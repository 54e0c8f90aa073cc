"""Compare snapshots of two or more sources: pure functions, no database.

A difference is either an object that some sources lack, or one attribute of an
object that the sources render differently. With three or more sources, the source
that disagrees with all the others is named as the odd one out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from schemaparity.defaults import default_value
from schemaparity.locations import Location
from schemaparity.snapshot import DATA_KIND, DbObject, Snapshot

MISSING = None
NOT_COMPARED = {"default_value", "position"}  # a default's value is compared through `default`; position never


@dataclass(frozen=True)
class Difference:
    """One way in which the sources disagree about one object."""

    kind: str
    schema: str | None
    table: str | None
    name: str
    label: str
    attribute: str | None  # None: the object exists in some sources only
    values: tuple[tuple[str, Any], ...]  # (source, value); value None where absent
    odd_one_out: str | None
    locations: tuple[tuple[str, Location], ...] = ()  # (source, where it defines the object)
    note: str | None = None  # what the reader should know about this difference (e.g. only whitespace differs)
    children: tuple[Difference, ...] = ()  # what a missing table or schema holds (see `condense`)

    @property
    def missing_in(self) -> tuple[str, ...]:
        return tuple(source for source, value in self.values if value is MISSING) if self.attribute is None else ()

    @property
    def key(self) -> tuple[str, str | None, str | None, str]:
        return (self.kind, self.schema, self.table, self.name)

    @property
    def group(self) -> str:
        """The table the report files it under ('' for objects outside any table)."""
        if self.table is None:
            return ""
        return self.table if self.schema in (None, "public") else f"{self.schema}.{self.table}"


def diff(snapshots: Mapping[str, Snapshot], *, supersets: frozenset[str] = frozenset()) -> list[Difference]:
    """All differences between the named snapshots, in a stable order.

    The reference rows of a source in `supersets` (a live database) may hold more rows
    than the others: rows that users added are data, not drift, so only missing or
    changed reference rows differ there.
    """
    if len(snapshots) < 2:
        raise ValueError("comparing needs at least two sources")
    names = tuple(snapshots)
    keys = set().union(*(snapshot.by_key for snapshot in snapshots.values()))
    differences: list[Difference] = []
    for key in sorted(keys, key=lambda k: tuple(part or "" for part in k)):
        found = {name: snapshots[name].by_key.get(key) for name in names}
        if key[0] == DATA_KIND and supersets:
            found = _within_reference_rows(found, supersets)
        differences.extend(_object_differences(found))
    return differences


def _within_reference_rows(found: dict[str, DbObject | None], supersets: frozenset[str]) -> dict:
    """The rows of each superset source reduced to those the other sources hold, when those agree."""
    others = {obj.details for name, obj in found.items() if name not in supersets and obj is not None}
    if len(others) != 1:
        return found
    reference = next(obj for name, obj in found.items() if name not in supersets and obj is not None)
    expected = reference.detail("rows")
    if expected is None:
        return found
    wanted = set(expected)
    reduced = dict(found)
    for name in supersets & found.keys():
        obj = found[name]
        rows = obj.detail("rows") if obj is not None else None
        if rows is not None:
            kept = [row for row in rows if row in wanted]
            reduced[name] = DbObject.make(obj.kind, obj.schema, obj.table, obj.name, rows=kept)
    return reduced


def _object_differences(found: dict[str, DbObject | None]) -> list[Difference]:
    """Presence first; then, among the sources that have the object, each differing attribute."""
    sample = next(obj for obj in found.values() if obj is not None)
    result = []
    if any(obj is None for obj in found.values()):
        values = tuple((name, _presence(obj)) for name, obj in found.items())
        presence = tuple((name, obj is not None) for name, obj in found.items())
        result.append(_difference(sample, None, values, odd_one_out(presence)))
    present = {name: obj for name, obj in found.items() if obj is not None}
    if len(present) < 2 or len({obj.details for obj in present.values()}) == 1:
        return result
    parsed = {name: obj.attributes for name, obj in present.items()}
    shown = set().union(*parsed.values()) - NOT_COMPARED
    if sample.kind == "column" and _same_default_value(present):
        shown.discard("default")
    for attribute in sorted(shown):
        values = tuple((name, attributes.get(attribute)) for name, attributes in parsed.items())
        if len({_hashable(value) for _, value in values}) > 1:
            note = _layout_only(values) if attribute == "definition" and sample.kind == "function" else None
            result.append(replace(_difference(sample, attribute, values, odd_one_out(values)), note=note))
    return result


def _same_default_value(present: dict[str, DbObject]) -> bool:
    """Constant defaults that give one value in every source are one default, however spelled."""
    values = {default_value(dict(obj.attributes)) for obj in present.values()}
    return len(values) == 1 and None not in values


def _layout_only(values: tuple[tuple[str, Any], ...]) -> str | None:
    """A function body is compared as written, but says so when only its layout or keyword case differs."""
    if len({_folded(str(value)) for _, value in values}) == 1:
        return "only whitespace or keyword case differs"
    return None


def _folded(text: str) -> str:
    """`text` with runs of white space as one blank and every letter lower case, except in quoted strings."""
    parts = re.split(r"('(?:[^']|'')*')", text)
    return "".join(part if index % 2 else re.sub(r"\s+", " ", part).lower() for index, part in enumerate(parts)).strip()


def _presence(obj: DbObject | None) -> str | None:
    """What the report shows of an object some sources lack: its definition, type or text, else its details."""
    if obj is None:
        return MISSING
    definition = obj.detail("definition") or obj.detail("type") or obj.detail("text")
    if definition is not None:
        return str(definition)
    shown = [
        f"{key} " + ("[" + ", ".join(map(str, value)) + "]" if isinstance(value, tuple) else str(value))
        for key, value in obj.attributes.items()
        if value not in (None, (), "")
    ]
    return "; ".join(shown) if shown else "present"


def _difference(
    sample: DbObject, attribute: str | None, values: tuple[tuple[str, Any], ...], odd: str | None
) -> Difference:
    return Difference(
        kind=sample.kind,
        schema=sample.schema,
        table=sample.table,
        name=sample.name,
        label=sample.label,
        attribute=attribute,
        values=values,
        odd_one_out=odd,
    )


def odd_one_out(values: tuple[tuple[str, Any], ...]) -> str | None:
    """The single source that disagrees with all the others, when there is one (3+ sources)."""
    if len(values) < 3:
        return None
    counts = Counter(_hashable(value) for _, value in values)
    if len(counts) != 2:
        return None
    (_, majority), (lone_value, lone) = counts.most_common()
    if lone != 1 or majority != len(values) - 1:
        return None
    return next(source for source, value in values if _hashable(value) == lone_value)


def _hashable(value: Any) -> Any:
    return repr(value)
