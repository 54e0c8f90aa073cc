"""The diff on hand-made snapshots: what it reports, about which sources, in which order."""

from __future__ import annotations

import pytest

from schemaparity.diff import diff, odd_one_out
from schemaparity.snapshot import DbObject, Snapshot


def column(name: str, table: str = "media_file", schema: str = "public", **details) -> DbObject:
    details = {"type": "integer", "nullable": True, "default": None} | details
    return DbObject.make("column", schema, table, name, **details)


def check(name: str, definition: str, table: str = "media_file") -> DbObject:
    return DbObject.make("constraint", "public", table, name, definition=definition, type="check")


def table(name: str, schema: str = "public") -> DbObject:
    return DbObject.make("table", schema, name, name, kind="table")


def enum(name: str, *labels: str) -> DbObject:
    return DbObject.make("enum", "public", None, name, labels=labels)


def snapshot(*objects: DbObject) -> Snapshot:
    return Snapshot(frozenset(objects))


def test_identical_snapshots_have_no_differences():
    """Two sources that built the same objects are reported as identical."""
    objects = (table("media_file"), column("id"), check("size_check", "CHECK ((size > 0))"))
    assert diff({"a": snapshot(*objects), "b": snapshot(*objects)}) == []


def test_empty_snapshots_have_no_differences():
    """Nothing against nothing is identical, not an error."""
    assert diff({"a": Snapshot.empty(), "b": Snapshot(frozenset())}) == []


def test_snapshots_of_the_same_objects_are_equal_and_hash_alike():
    """A snapshot is a value: the order objects were found in does not matter."""
    first = snapshot(table("tag"), column("name", "tag", type="text"))
    second = snapshot(column("name", "tag", type="text"), table("tag"))
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second, Snapshot.empty()}) == 2
    assert Snapshot.empty() == Snapshot()


def test_snapshots_with_one_changed_detail_are_not_equal():
    """Equality looks at every compared attribute, not only the names."""
    assert snapshot(column("id")) != snapshot(column("id", type="bigint"))


def test_missing_object_is_reported_with_the_sources_that_lack_it():
    """An object only some sources have names where it is missing."""
    differences = diff({"a": snapshot(table("tag")), "b": snapshot(table("tag"), column("name", "tag"))})
    assert len(differences) == 1
    [difference] = differences
    assert (difference.kind, difference.table, difference.name) == ("column", "tag", "name")
    assert difference.attribute is None
    assert difference.missing_in == ("a",)
    assert difference.values == (("a", None), ("b", "integer"))


def test_missing_object_shows_what_the_present_source_renders():
    """A missing constraint is shown by its definition, so the report says what to add."""
    [difference] = diff({"a": snapshot(check("size_check", "CHECK ((size > 0))")), "b": Snapshot.empty()})
    assert difference.values == (("a", "CHECK ((size > 0))"), ("b", None))
    assert difference.missing_in == ("b",)


def test_each_differing_attribute_is_reported_separately():
    """Type and nullability drift are two differences; agreeing attributes are not reported."""
    a = snapshot(column("file_size", type="integer", nullable=True, default="0"))
    b = snapshot(column("file_size", type="bigint", nullable=False, default="0"))
    differences = diff({"a": a, "b": b})
    assert [d.attribute for d in differences] == ["nullable", "type"]
    assert differences[0].values == (("a", True), ("b", False))
    assert differences[1].values == (("a", "integer"), ("b", "bigint"))
    assert all(d.missing_in == () for d in differences)


def test_an_attribute_one_source_lacks_is_compared_as_none():
    """A detail present in one snapshot only still counts as a difference."""
    a = DbObject.make("sequence", "public", None, "invoice_seq", increment=1)
    b = DbObject.make("sequence", "public", None, "invoice_seq", increment=1, cycle=True)
    [difference] = diff({"a": snapshot(a), "b": snapshot(b)})
    assert (difference.attribute, difference.values) == ("cycle", (("a", None), ("b", True)))


def test_odd_one_out_is_named_when_one_of_three_sources_disagrees():
    """With three sources, the one that disagrees with the two others is named."""
    agreed, other = column("duration", type="real"), column("duration", type="double precision")
    [difference] = diff({"sql": snapshot(agreed), "models": snapshot(other), "migrations": snapshot(agreed)})
    assert difference.odd_one_out == "models"


def test_odd_one_out_is_the_source_missing_an_object_the_others_have():
    """A column two sources have and one lacks points at the one that lacks it."""
    both = snapshot(table("tag"), column("name", "tag"))
    [difference] = diff({"sql": both, "models": both, "migrations": snapshot(table("tag"))})
    assert difference.missing_in == ("migrations",)
    assert difference.odd_one_out == "migrations"


def test_no_odd_one_out_when_three_sources_all_disagree():
    """A 1-1-1 split names nobody: there is no majority to be odd against."""
    snapshots = {
        name: snapshot(column("id", type=kind)) for name, kind in zip("abc", ("int2", "int4", "int8"), strict=True)
    }
    [difference] = diff(snapshots)
    assert difference.odd_one_out is None


def test_no_odd_one_out_with_only_two_sources():
    """Two sources that disagree are each as odd as the other."""
    [difference] = diff({"a": snapshot(column("id")), "b": snapshot(column("id", type="bigint"))})
    assert difference.odd_one_out is None
    assert odd_one_out((("a", 1), ("b", 2))) is None


def test_odd_one_out_needs_a_single_dissenter():
    """Three against one names the one; two against two names nobody."""
    assert odd_one_out((("a", 1), ("b", 1), ("c", 2), ("d", 1))) == "c"
    assert odd_one_out((("a", 1), ("b", 2), ("c", 2), ("d", 1))) is None


def test_differences_come_in_a_stable_order():
    """By kind, schema, table, name and attribute, whatever order objects and sources came in."""
    a = snapshot(
        table("tag"),
        column("name", "tag", type="text"),
        column("id", "media_file"),
        enum("file_status", "new"),
        check("b_check", "CHECK (true)"),
    )
    b = snapshot(
        column("name", "tag", type="varchar", nullable=False),
        column("id", "media_file", type="bigint"),
        enum("file_status", "new", "done"),
        check("a_check", "CHECK (true)"),
    )
    first = diff({"a": a, "b": b})
    assert first == diff({"a": a, "b": b})
    assert [(d.kind, d.table, d.name, d.attribute) for d in first] == [
        ("column", "media_file", "id", "type"),
        ("column", "tag", "name", "nullable"),
        ("column", "tag", "name", "type"),
        ("constraint", "media_file", "a_check", None),
        ("constraint", "media_file", "b_check", None),
        ("enum", None, "file_status", "labels"),
        ("table", "tag", "tag", None),
    ]


def test_values_follow_the_order_the_sources_were_given_in():
    """Each difference lists the sources as the caller named them, so reports read alike."""
    snapshots = {"sql": snapshot(column("id")), "models": snapshot(column("id", type="bigint"))}
    [difference] = diff(snapshots)
    assert [source for source, _ in difference.values] == ["sql", "models"]
    [reversed_difference] = diff(dict(reversed(snapshots.items())))
    assert [source for source, _ in reversed_difference.values] == ["models", "sql"]


def test_comparing_needs_at_least_two_sources():
    """One snapshot has nothing to be compared with; that is a usage error."""
    with pytest.raises(ValueError, match="at least two"):
        diff({"a": Snapshot.empty()})


def test_difference_is_grouped_by_its_table_qualified_outside_public():
    """The report files a difference under its table; other schemas keep their prefix."""
    public = column("id", "media_file", type="bigint")
    audit = column("id", "event", schema="audit", type="bigint")
    differences = diff({"a": snapshot(column("id"), column("id", "event", "audit")), "b": snapshot(public, audit)})
    assert [(d.group, d.label) for d in differences] == [
        ("audit.event", "audit.event.id"),
        ("media_file", "media_file.id"),
    ]


def test_objects_outside_tables_have_an_empty_group():
    """Enums, schemas, functions and standalone sequences are filed outside any table."""
    [difference] = diff({"a": snapshot(enum("file_status", "new")), "b": Snapshot.empty()})
    assert (difference.group, difference.label) == ("", "enum file_status")


def test_odd_one_out_is_the_missing_source_even_when_the_others_render_it_differently():
    """The source lacking an object is the odd one out whatever the others say about it."""
    snapshots = {
        "sql": snapshot(check("size_check", "CHECK ((size > 0))")),
        "models": snapshot(check("size_check", "CHECK ((size >= 0))")),
        "migrations": Snapshot.empty(),
    }
    [difference] = [d for d in diff(snapshots) if d.attribute is None]
    assert difference.odd_one_out == "migrations"


def test_attribute_drift_is_reported_among_sources_that_have_the_object():
    """A CHECK the models and the migrations spell differently is drift even if the SQL file lacks it."""
    snapshots = {
        "sql": Snapshot.empty(),
        "models": snapshot(check("size_check", "CHECK ((size > 0))")),
        "migrations": snapshot(check("size_check", "CHECK ((size >= 0))")),
    }
    assert [d.attribute for d in diff(snapshots)] == [None, "definition"]
