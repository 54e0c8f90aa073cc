"""The Pydantic schemas in `app.schemas` agree with the tables in `app.models` (no database).

The engine's Pydantic checker (`schemaparity.pydantic_check`, the one `./opentr.sh
check` runs) judges every table's XRead, XCreate and XUpdate; here it runs per table
and schema kind, and is shown to name the column of a deliberately wrong schema. The
project's own conventions (four schemas per table, a shared XBase) are checked too.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, Field, ValidationError, create_model
from sqlalchemy import JSON, Column, Enum, String, Table, inspect

import app.schemas as schemas
from app.models import Base, MediaFile, TaskStatus, User
from app.schemas.comment import CommentText
from schemaparity.config import load_config
from schemaparity.pydantic_check import create_mismatches, read_mismatches, update_mismatches
from tests.helpers import PYPROJECT

TABLES = Base.metadata.sorted_tables
MODELS = {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}
KINDS = ("Base", "Create", "Update", "Read")
SECRETS = load_config(PYPROJECT).pydantic_exclude  # {"user.hashed_password": "password"}


def schema_for(table: Table, kind: str) -> type[BaseModel]:
    return getattr(schemas, MODELS[table.name].__name__ + kind)


def problems(checker, table: Table, schema: type[BaseModel]) -> list[str]:
    return [str(mismatch) for mismatch in checker(table, schema, SECRETS)]


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
    assert problems(read_mismatches, table, schema_for(table, "Read")) == []


@by_table
def test_create_schema_takes_what_an_insert_needs(table):
    """XCreate requires exactly the NOT NULL columns without default and omits generated ones."""
    assert problems(create_mismatches, table, schema_for(table, "Create")) == []


@by_table
def test_update_schema_is_partial(table):
    """XUpdate has only optional fields and refuses null where the column is NOT NULL."""
    assert problems(update_mismatches, table, schema_for(table, "Update")) == []


def _sample(column: Column) -> Any:
    if isinstance(column.type, Enum):
        return list(column.type.enum_class)[-1]  # not the server default
    kind = dict if isinstance(column.type, JSON) else column.type.python_type
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
        if f"{table.name}.{column.name}" not in SECRETS:
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
    found = problems(checker, table, broken)
    assert len(found) == 1, found
    assert found[0].startswith(f"{column}:") and complaint in found[0], found[0]
