"""Building blocks shared by every schema module.

Conventions, for each table X (columns as declared in `app.models`):

- `XBase`: the client-settable columns that are declared the same way for writing
  and for reading.
- `XCreate`: what an insert needs. Columns the database generates (identity, `uuid`,
  `now()` timestamps) are absent; a column with a literal server default is optional
  and defaults to that same value.
- `XUpdate`: the columns that may change after creation, every one optional. Apply it
  with `model_dump(exclude_unset=True)`, so that a left-out field keeps its value.
- `XRead`: every column, nullable exactly where the column is. Its constraints are the
  database's own, so it accepts every row the database can hold; a check stricter
  than the database belongs on the write side only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

T = TypeVar("T")

VarChar100 = Annotated[str, Field(max_length=100)]
VarChar255 = Annotated[str, Field(max_length=255)]

Fraction = Annotated[float, Field(ge=0, le=1)]
"""A share or score in [0, 1], as the `x >= 0 AND x <= 1` CHECKs require."""


def _reject_null(value: T | None) -> T:
    if value is None:
        raise ValueError("may be left out, but not null: the column is NOT NULL")
    return value


Omittable = Annotated[T | SkipJsonSchema[None], AfterValidator(_reject_null)]
"""An update field for a NOT NULL column: leave it out to keep the value; an explicit
null is refused here instead of failing the UPDATE."""


class ORMRead(BaseModel):
    """Base of every `XRead`: built from ORM rows with `XRead.model_validate(row)`."""

    model_config = ConfigDict(from_attributes=True)


class TimestampedRead(ORMRead):
    """`created_at` and `updated_at`, stamped by the database (see `app.models.types.Timestamps`)."""

    created_at: datetime
    updated_at: datetime
