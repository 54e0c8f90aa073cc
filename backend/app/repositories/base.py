"""The generic repository: get, get_by_uuid, list (keyset pages, filters), create, update, delete.

A subclass names its model and read schema; writes take the table's `XCreate`/`XUpdate`
and every method gives `XRead` back (or a `Page` of them). Every statement returns what
it changed (RETURNING): async drivers may report a rowcount of -1.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, delete, insert, inspect, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from app.repositories.convert import create_values, to_read, to_reads, update_values
from app.repositories.errors import Invalid, NotFound, entity_name
from app.repositories.plan import Plan, Planned, planned
from app.schemas.views import Page

M = TypeVar("M")
C = TypeVar("C", bound=BaseModel)
U = TypeVar("U", bound=BaseModel)
R = TypeVar("R", bound=BaseModel)
DEFAULT_PAGE = 50


def paged(items: Sequence[R], limit: int, key: Callable[[R], Any]) -> Page[R]:
    """A page from `limit + 1` fetched items: the extra one only says that there is a next page."""
    more = len(items) > limit
    items = list(items[:limit])
    return Page(items=items, next_after=key(items[-1]) if more else None)


def _key_tuple(key: Any):
    return tuple_(*(key if isinstance(key, tuple) else (key,)))


class Repository(Planned, Generic[M, C, U, R]):
    model: ClassVar[type]
    read: ClassVar[type[BaseModel]]

    @property
    def entity(self) -> str:
        return entity_name(self.model.__table__.name)

    @property
    def _key_columns(self) -> tuple:
        return tuple(inspect(self.model).primary_key)

    def _is(self, key: Any) -> ColumnElement[bool]:
        """The WHERE clause for one primary key (a tuple for a composite one)."""
        return tuple_(*self._key_columns) == _key_tuple(key)

    def _key_of(self, item: BaseModel) -> Any:
        key = tuple(getattr(item, column.key) for column in self._key_columns)
        return key if len(key) > 1 else key[0]

    def _one(self, statement: Select, key: Any) -> Plan[R]:
        row = (yield statement).scalar_one_or_none()
        if row is None:
            raise NotFound(self.entity, key)
        return to_read(self.read, row)

    @planned
    def get(self, key: Any) -> Plan[R]:
        """The row with this primary key, or NotFound."""
        return (yield from self._one(select(self.model).where(self._is(key)), key))

    @planned
    def get_by_uuid(self, uuid: UUID) -> Plan[R]:
        """The row with this public identifier, or NotFound."""
        return (yield from self._one(select(self.model).where(self.model.uuid == uuid), uuid))

    @planned
    def list(
        self, *, filters: Mapping[str, Any] | None = None, after: Any = None, limit: int = DEFAULT_PAGE
    ) -> Plan[Page[R]]:
        """Rows in primary-key order, `limit` at a time after the key `after`; `filters` map a column
        to a value (None: IS NULL; a list: IN)."""
        statement = select(self.model).where(*self._filters(filters or {}))
        if after is not None:
            statement = statement.where(tuple_(*self._key_columns) > _key_tuple(after))
        rows = (yield statement.order_by(*self._key_columns).limit(limit + 1)).scalars().all()
        return paged(to_reads(self.read, rows), limit, self._key_of)

    def _filters(self, filters: Mapping[str, Any]) -> list[ColumnElement[bool]]:
        table = self.model.__table__
        unknown = sorted(set(filters) - set(table.c.keys()))
        if unknown:
            raise Invalid(f"{self.entity} has no column {', '.join(unknown)}", entity=self.entity, field=unknown[0])
        return [
            table.c[name].is_(None)
            if value is None
            else table.c[name].in_(value)
            if isinstance(value, list | tuple | set | frozenset)
            else table.c[name] == value
            for name, value in filters.items()
        ]

    @planned
    def create(self, data: C) -> Plan[R]:
        """Insert one row from its `XCreate`; AlreadyExists / NotFound (a missing parent) / Invalid."""
        statement = insert(self.model).values(**create_values(self.model, data)).returning(self.model)
        return to_read(self.read, (yield statement).scalar_one())

    @planned
    def update(self, key: Any, data: U) -> Plan[R]:
        """Change only the fields set in `data`; NotFound when there is no such row."""
        return (yield from self._change(key, update_values(data)))

    def _change(self, key: Any, values: Mapping[str, Any]) -> Plan[R]:
        if not values:
            return (yield from self.get.plan(key))
        statement = (
            update(self.model)
            .where(self._is(key))
            .values(**values)
            .returning(self.model)
            .execution_options(synchronize_session=False)
        )
        return (yield from self._one(statement, key))

    @planned
    def delete(self, key: Any) -> Plan[None]:
        """Delete the row (and what the schema cascades to); NotFound when there is none."""
        statement = delete(self.model).where(self._is(key)).returning(*self._key_columns)
        if (yield statement.execution_options(synchronize_session=False)).first() is None:
            raise NotFound(self.entity, key)

    def _ensure(self, values: Mapping[str, Any], conflict: Sequence[Any], match: Sequence[Any]) -> Plan[R]:
        """The row `match` finds, inserted from `values` first when missing: race-free get-or-create
        (ON CONFLICT on the unique key `conflict` waits for a concurrent insert, then finds its row)."""
        statement = pg_insert(self.model).values(**values).on_conflict_do_nothing(index_elements=conflict)
        row = (yield statement.returning(self.model)).scalar_one_or_none()
        if row is None:
            row = (yield select(self.model).where(*match)).scalar_one()
        return to_read(self.read, row)
