"""The Pydantic schemas in `app.schemas` agree with the tables in `app.models` (no database).

For every mapped table X: `XRead` has every column (secrets excepted) with the column's
nullability, JSON type, string length, enum labels and simple CHECK bounds; `XCreate`
takes what an insert needs and nothing the database generates; `XUpdate` is all
optional. The checkers return one message per mismatch, starting with `table.column:`.
"""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, Field, TypeAdapter, ValidationError, create_model
from sqlalchemy import CHAR, JSON, CheckConstraint, Column, Enum, String, Table, inspect

import app.schemas as schemas
from app.models import Base, MediaFile, TaskStatus, User
from app.models.types import CIText
from app.schemas.comment import CommentText

TABLES = Base.metadata.sorted_tables
MODELS = {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}
KINDS = ("Base", "Create", "Update", "Read")

# A secret column is never read back; the write schemas take a stand-in field instead.
SECRETS = {("user", "hashed_password"): "password"}

JSON_TYPES = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    str: {"type": "string"},
    uuid.UUID: {"type": "string", "format": "uuid"},
    datetime: {"type": "string", "format": "date-time"},
    dict: {"type": "object"},
    list: {"type": "array"},
}
KEYWORDS = {  # JSON-schema keyword -> how the schemas spell it
    "type": "JSON type",
    "format": "JSON format",
    "enum": "enum values",
    "maxLength": "max_length",
    "minLength": "min_length",
    "minimum": "ge",
    "maximum": "le",
}
_NUMBER_BOUND = re.compile(r"\b(\w+) (>=|<=) (\d+(?:\.\d+)?)\b")
_LENGTH_BOUND = re.compile(r"\bchar_length\((\w+)\) (>=|<=) (\d+)\b")
_FUNCTION_CALL = re.compile(r"^\w+\(\)$")


# --- what the tables say ---------------------------------------------------------


def schema_for(table: Table, kind: str) -> type[BaseModel]:
    return getattr(schemas, MODELS[table.name].__name__ + kind)


def python_type(column: Column) -> type:
    if isinstance(column.type, CIText):
        return str
    if isinstance(column.type, JSON):  # JSONB says `object`; the models map it to dict
        return dict
    return column.type.python_type


def generated(column: Column) -> bool:
    """Filled in by the database on insert: an identity, or `now()` / `gen_random_uuid()`."""
    default = column.server_default
    return column.identity is not None or (default is not None and bool(_FUNCTION_CALL.match(str(default.arg))))


def check_bounds(table: Table) -> dict[str, dict[str, float]]:
    """The bounds in the table's simple CHECKs, as JSON-schema keywords per column name."""
    bounds: dict[str, dict[str, float]] = {}
    for constraint in table.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        sql = str(constraint.sqltext)
        for pattern, low, high in (
            (_NUMBER_BOUND, "minimum", "maximum"),
            (_LENGTH_BOUND, "minLength", "maxLength"),
        ):
            for name, operator, number in pattern.findall(sql):
                value = float(number) if "." in number else int(number)
                bounds.setdefault(name, {})[low if operator == ">=" else high] = value
    return bounds


def expected_keywords(column: Column, bounds: dict[str, dict[str, float]]) -> dict[str, Any]:
    if isinstance(column.type, Enum):
        return {"enum": list(column.type.enums)}
    expected = dict(JSON_TYPES[python_type(column)])
    if isinstance(column.type, String) and column.type.length is not None:
        expected["maxLength"] = column.type.length
    expected.update(bounds.get(column.name, {}))
    return expected


# --- what the schemas say --------------------------------------------------------


@dataclass(frozen=True)
class FieldFacts:
    required: bool
    nullable: bool
    json: dict[str, Any]  # the field's JSON schema, `null` branch dropped, `$ref` resolved


def field_facts(schema: type[BaseModel]) -> dict[str, FieldFacts]:
    document = schema.model_json_schema(by_alias=False)
    definitions = document.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        return definitions[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node

    facts = {}
    for name, info in schema.model_fields.items():
        node = document["properties"][name]
        branches = [resolve(branch) for branch in node.get("anyOf", [node]) if branch.get("type") != "null"]
        # Null is probed by validating it, since the JSON schema may hide a refused null.
        annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        try:
            TypeAdapter(annotation).validate_python(None)
            nullable = True
        except ValidationError:
            nullable = False
        json = branches[0] if len(branches) == 1 else {"anyOf": branches}
        facts[name] = FieldFacts(required=info.is_required(), nullable=nullable, json=json)
    return facts


# --- the checkers ----------------------------------------------------------------


def _where(table: Table, column: Column) -> str:
    return f"{table.name}.{column.name}"


def _nullability(where: str, schema: type[BaseModel], column: Column, facts: FieldFacts) -> list[str]:
    if facts.nullable == column.nullable:
        return []
    return [
        f"{where}: {schema.__name__} {'accepts' if facts.nullable else 'refuses'} None, "
        f"but the column is {'nullable' if column.nullable else 'NOT NULL'}"
    ]


def _values(where: str, schema: type[BaseModel], column: Column, facts: FieldFacts, *, read: bool) -> list[str]:
    """Type, lengths, enum labels and CHECK bounds. Only the write side may add bounds
    the database lacks: a read schema must accept every row the database holds."""
    expected = expected_keywords(column, check_bounds(column.table))
    problems = []
    for keyword in ("enum",) if isinstance(column.type, Enum) else KEYWORDS:
        want, got = expected.get(keyword), facts.json.get(keyword)
        if want == got:
            continue
        if not read and want is None and keyword in ("minimum", "maximum"):
            continue
        if keyword == "minLength" and isinstance(column.type, CHAR) and got == column.type.length:
            continue  # a char(n) value always has n characters
        problems.append(f"{where}: {KEYWORDS[keyword]} is {got!r} in {schema.__name__}, the column says {want!r}")
    return problems


def _unknown_fields(table: Table, schema: type[BaseModel], facts: dict[str, FieldFacts], *, read: bool) -> list[str]:
    columns = {column.name for column in table.columns}
    stand_ins = {field for (name, _), field in SECRETS.items() if name == table.name}
    problems = []
    for name in facts:
        if (table.name, name) in SECRETS:
            problems.append(f"{table.name}.{name}: a secret column, but {schema.__name__} has it")
        elif name not in columns and (read or name not in stand_ins):
            problems.append(f"{table.name}.{name}: {schema.__name__} has it, the table has no such column")
    return problems


def read_mismatches(table: Table, schema: type[BaseModel]) -> list[str]:
    """Every column but the secrets is a field, with the column's nullability and values."""
    facts = field_facts(schema)
    problems = _unknown_fields(table, schema, facts, read=True)
    if not schema.model_config.get("from_attributes"):
        problems.append(f"{table.name}: {schema.__name__} cannot read ORM rows (from_attributes is off)")
    for column in table.columns:
        where = _where(table, column)
        if (table.name, column.name) in SECRETS:
            continue
        if column.name not in facts:
            problems.append(f"{where}: missing from {schema.__name__}")
            continue
        field = facts[column.name]
        problems += _nullability(where, schema, column, field)
        if not column.nullable and not field.required:
            problems.append(f"{where}: NOT NULL, but {schema.__name__} does not require it")
        problems += _values(where, schema, column, field, read=True)
    return problems


def create_mismatches(table: Table, schema: type[BaseModel]) -> list[str]:
    """No generated column; required exactly where the insert has no value without it."""
    facts = field_facts(schema)
    problems = _unknown_fields(table, schema, facts, read=False)
    for column in table.columns:
        where = _where(table, column)
        stand_in = SECRETS.get((table.name, column.name))
        name = stand_in or column.name
        if generated(column):
            if name in facts:
                problems.append(f"{where}: generated by the database, but {schema.__name__} takes it")
            continue
        needed = not column.nullable and column.server_default is None
        if name not in facts:
            if needed:
                problems.append(f"{where}: NOT NULL without a default, but missing from {schema.__name__}")
            continue
        field = facts[name]
        if field.required != needed:
            problems.append(
                f"{where}: {'required' if field.required else 'optional'} in {schema.__name__}, "
                f"but the insert {'needs it' if needed else 'does not'}"
            )
        if stand_in is None:
            problems += _nullability(where, schema, column, field)
            problems += _values(where, schema, column, field, read=False)
    return problems


def update_mismatches(table: Table, schema: type[BaseModel]) -> list[str]:
    """Every field optional, no generated column, null refused for NOT NULL columns."""
    facts = field_facts(schema)
    problems = _unknown_fields(table, schema, facts, read=False)
    for column in table.columns:
        where = _where(table, column)
        stand_in = SECRETS.get((table.name, column.name))
        field = facts.get(stand_in or column.name)
        if field is None:
            continue
        if generated(column):
            problems.append(f"{where}: generated by the database, but {schema.__name__} takes it")
        if field.required:
            problems.append(f"{where}: required in {schema.__name__}, but an update is partial")
        if stand_in is None:
            problems += _nullability(where, schema, column, field)
            problems += _values(where, schema, column, field, read=False)
    return problems


# --- the tests -------------------------------------------------------------------

by_table = pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)


def test_package_exports_the_four_schemas_of_every_table_and_nothing_else():
    """`app.schemas.__all__` is exactly XBase/XCreate/XUpdate/XRead for each mapped table."""
    assert set(MODELS) == {table.name for table in TABLES}, "every table is mapped"
    expected = {cls.__name__ + kind for cls in MODELS.values() for kind in KINDS}
    assert set(schemas.__all__) == expected


@by_table
def test_create_and_read_schemas_share_the_base(table):
    """XCreate and XRead both extend XBase, so the shared fields are declared once."""
    base = schema_for(table, "Base")
    assert issubclass(schema_for(table, "Create"), base)
    assert issubclass(schema_for(table, "Read"), base)


@by_table
def test_read_schema_mirrors_every_column(table):
    """XRead has each column with its nullability, type, length, enum labels and CHECK bounds."""
    assert read_mismatches(table, schema_for(table, "Read")) == []


@by_table
def test_create_schema_takes_what_an_insert_needs(table):
    """XCreate requires exactly the NOT NULL columns without default and omits generated ones."""
    assert create_mismatches(table, schema_for(table, "Create")) == []


@by_table
def test_update_schema_is_partial(table):
    """XUpdate has only optional fields and refuses null where the column is NOT NULL."""
    assert update_mismatches(table, schema_for(table, "Update")) == []


def _sample(column: Column) -> Any:
    if isinstance(column.type, Enum):
        return list(column.type.enum_class)[-1]  # not the server default
    kind = python_type(column)
    if kind is str:
        return "x" * (column.type.length or 1) if isinstance(column.type, String) else "x"
    return {
        bool: True,
        int: 7,
        float: 0.5,
        uuid.UUID: uuid.UUID(int=7),
        datetime: datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        dict: {"k": "v"},
        list: ["x"],
    }[kind]


@by_table
def test_read_schema_validates_from_an_orm_row(table):
    """XRead.model_validate(row) reads every attribute (e.g. `metadata_`) and dumps column names."""
    model = MODELS[table.name]
    mapper = inspect(model)
    row = model()
    expected = {}
    for column in table.columns:
        value = _sample(column)
        setattr(row, mapper.get_property_by_column(column).key, value)
        if (table.name, column.name) not in SECRETS:
            expected[column.name] = value
    assert schema_for(table, "Read").model_validate(row).model_dump(by_alias=True) == expected


def test_user_read_never_exposes_hashed_password():
    """Validating a User row into UserRead leaves the password hash out of every dump."""
    user = User(
        id=1,
        uuid=uuid.uuid4(),
        email="a@example.org",
        hashed_password="$2b$12$secret",
        role="user",
        is_active=True,
        created_at=datetime.now(UTC),
        updated_at=datetime.now(UTC),
    )
    read = schemas.UserRead.model_validate(user)
    assert "secret" not in read.model_dump_json() and "secret" not in str(read.model_dump(by_alias=True))


def test_user_create_refuses_a_password_shorter_than_8_characters():
    """UserCreate takes a plain `password` of at least 8 characters."""
    assert schemas.UserCreate(email="a@example.org", password="12345678").password == "12345678"
    with pytest.raises(ValidationError, match="at least 8 characters"):
        schemas.UserCreate(email="a@example.org", password="1234567")


def test_media_file_write_schemas_dump_metadata_as_the_orm_attribute():
    """`MediaFile(metadata=...)` would drop the value, so write schemas dump `metadata_` by alias."""
    create = schemas.MediaFileCreate(
        user_id=1,
        filename="a.wav",
        storage_path="u/a.wav",
        file_size=1,
        content_type="audio/wav",
        metadata={"codec": "pcm"},
    )
    assert MediaFile(**create.model_dump(by_alias=True)).metadata_ == {"codec": "pcm"}
    update = schemas.MediaFileUpdate.model_validate({"metadata": {"codec": "flac"}})
    assert update.model_dump(exclude_unset=True, by_alias=True) == {"metadata_": {"codec": "flac"}}


def _reversed_enum(source: type[enum.Enum]) -> type[enum.Enum]:
    return enum.Enum(source.__name__, [(member.name, member.value) for member in reversed(source)])


BROKEN_SCHEMAS = [
    pytest.param(
        read_mismatches,
        "tag",
        "Read",
        {"name": (Annotated[str, Field(max_length=99)], ...)},
        "tag.name",
        "max_length",
        id="read-max-length",
    ),
    pytest.param(
        read_mismatches,
        "user",
        "Read",
        {"full_name": (Annotated[str, Field(max_length=255)], ...)},
        "user.full_name",
        "refuses None",
        id="read-nullability",
    ),
    pytest.param(
        read_mismatches,
        "task",
        "Read",
        {"status": (_reversed_enum(TaskStatus), ...)},
        "task.status",
        "enum values",
        id="read-enum-order",
    ),
    pytest.param(
        read_mismatches,
        "task",
        "Read",
        {"progress": (Annotated[float, Field(ge=0, le=2)], ...)},
        "task.progress",
        "le",
        id="read-check-bound",
    ),
    pytest.param(
        read_mismatches,
        "comment",
        "Read",
        {"timestamp": (int | None, ...)},
        "comment.timestamp",
        "JSON type",
        id="read-type",
    ),
    pytest.param(
        read_mismatches,
        "transcript_segment",
        "Read",
        {"start_time": (Annotated[float, Field(ge=0)], ...)},
        "transcript_segment.start_time",
        "ge",
        id="read-stricter-than-database",
    ),
    pytest.param(
        read_mismatches,
        "user",
        "Read",
        {"hashed_password": (str, ...)},
        "user.hashed_password",
        "secret",
        id="read-secret",
    ),
    pytest.param(
        create_mismatches,
        "collection",
        "Create",
        {"uuid": (uuid.UUID, ...)},
        "collection.uuid",
        "generated",
        id="create-generated",
    ),
    pytest.param(
        create_mismatches,
        "collection",
        "Create",
        {"is_public": (bool, ...)},
        "collection.is_public",
        "required",
        id="create-required",
    ),
    pytest.param(
        update_mismatches,
        "comment",
        "Update",
        {"text": (CommentText | None, None)},
        "comment.text",
        "accepts None",
        id="update-null",
    ),
]


@pytest.mark.parametrize(("checker", "table_name", "kind", "override", "column", "complaint"), BROKEN_SCHEMAS)
def test_checkers_name_the_column_of_a_deliberately_wrong_schema(
    checker, table_name, kind, override, column, complaint
):
    """A schema with one wrong field yields exactly one mismatch, naming that column and the fault."""
    table = Base.metadata.tables[table_name]
    broken = create_model(f"Broken{kind}", __base__=schema_for(table, kind), **override)
    problems = checker(table, broken)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{column}:") and complaint in problems[0], problems[0]
