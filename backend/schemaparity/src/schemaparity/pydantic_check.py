"""Pydantic schemas against the ORM models: the API edge must say what the table says.

For every mapped class `X` of the models, in the schemas module:

- `XRead` has a field per column (secrets excepted) with the column's nullability,
  JSON type, declared length, enum labels in the order of the PostgreSQL labels and
  simple CHECK bounds (`x >= 0`, `char_length(x) <= 80`), and can read ORM rows;
- `XCreate`, when there is one, takes no column the database generates (identities,
  `now()`, `gen_random_uuid()`) and requires exactly the NOT NULL columns without a
  default; it may bound values more tightly than the database;
- `XUpdate`, when there is one, has only optional fields and refuses null where the
  column is NOT NULL.

A secret column (`pydantic_exclude`) is never in a read schema; write schemas may take
it under another name (`{"user.hashed_password" = "password"}`). Facts are read from
each schema's JSON schema, the form Pydantic itself publishes, and null is probed by
validating it, so `Annotated` aliases and unions need no special cases.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import CHAR, JSON, CheckConstraint, Column, Enum, String, Table

from schemaparity.diff import Difference

SCHEMA_SOURCE, MODEL_SOURCE = "pydantic", "models"
KEYWORDS = {  # JSON-schema keyword -> how a schema spells it
    "type": "JSON type",
    "format": "JSON format",
    "enum": "enum values",
    "maxLength": "max_length",
    "minLength": "min_length",
    "minimum": "ge",
    "maximum": "le",
}
JSON_TYPES = {
    "bool": {"type": "boolean"},
    "int": {"type": "integer"},
    "float": {"type": "number"},
    "Decimal": {"type": "string"},
    "str": {"type": "string"},
    "UUID": {"type": "string", "format": "uuid"},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "dict": {"type": "object"},
    "list": {"type": "array"},
}
_NUMBER_BOUND = re.compile(r"\b(\w+) (>=|<=) (\d+(?:\.\d+)?)\b")
_LENGTH_BOUND = re.compile(r"\bchar_length\((\w+)\) (>=|<=) (\d+)\b")
_FUNCTION_CALL = re.compile(r"^\w+\(\)$")


@dataclass(frozen=True)
class FieldFacts:
    required: bool
    nullable: bool
    json: dict[str, Any]  # the field's JSON schema, `null` branch dropped, `$ref` resolved


@dataclass(frozen=True)
class Mismatch:
    """One way a schema disagrees with its table: where, what the column says, what the schema says."""

    table: str
    column: str
    schema: str
    attribute: str
    expected: Any
    found: Any
    message: str

    def __str__(self) -> str:
        return f"{self.table}.{self.column}: {self.message}" if self.column else f"{self.table}: {self.message}"

    def difference(self) -> Difference:
        label = f"{self.schema}.{self.column}" if self.column else self.schema
        return Difference(
            kind="pydantic",
            schema="public",
            table=self.table,
            name=label,
            label=label,
            attribute=self.attribute,
            values=((MODEL_SOURCE, self.expected), (SCHEMA_SOURCE, self.found)),
            odd_one_out=SCHEMA_SOURCE,
        )


def field_facts(schema: type[BaseModel]) -> dict[str, FieldFacts]:
    """Per field (by attribute name and by every alias it reads from): what it accepts."""
    document = schema.model_json_schema(by_alias=False)
    definitions = document.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        return definitions[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node

    facts: dict[str, FieldFacts] = {}
    for name, info in schema.model_fields.items():
        node = document["properties"][name]
        branches = [resolve(branch) for branch in node.get("anyOf", [node]) if branch.get("type") != "null"]
        json = branches[0] if len(branches) == 1 else {"anyOf": branches}
        fact = FieldFacts(required=info.is_required(), nullable=_accepts_none(info), json=json)
        for key in (name, *_aliases(info)):
            facts.setdefault(key, fact)
    return facts


def read_mismatches(table: Table, schema: type[BaseModel], secrets: Mapping[str, str | None]) -> list[Mismatch]:
    """Every column but the secrets is a field, with the column's nullability and values."""
    facts = field_facts(schema)
    found = _unknown_fields(table, schema, facts, secrets, read=True)
    if not schema.model_config.get("from_attributes"):
        found.append(
            _mismatch(table, "", schema, "from_attributes", True, False, f"{schema.__name__} cannot read ORM rows")
        )
    for column in table.columns:
        if _qualified(table, column) in secrets:
            continue
        if column.name not in facts:
            found.append(
                _mismatch(table, column.name, schema, "field", column.name, None, f"missing from {schema.__name__}")
            )
            continue
        field = facts[column.name]
        found += _nullability(table, schema, column, field)
        if not column.nullable and not field.required:
            found.append(
                _mismatch(
                    table,
                    column.name,
                    schema,
                    "required",
                    True,
                    False,
                    f"NOT NULL, but {schema.__name__} does not require it",
                )
            )
        found += _values(table, schema, column, field, read=True)
    return found


def create_mismatches(table: Table, schema: type[BaseModel], secrets: Mapping[str, str | None]) -> list[Mismatch]:
    """No generated column; required exactly where the insert has no value without it."""
    facts = field_facts(schema)
    found = _unknown_fields(table, schema, facts, secrets, read=False)
    for column in table.columns:
        stand_in = secrets.get(_qualified(table, column))
        name = stand_in or column.name
        if generated(column):
            if name in facts:
                found.append(
                    _mismatch(
                        table,
                        column.name,
                        schema,
                        "field",
                        None,
                        name,
                        f"generated by the database, but {schema.__name__} takes it",
                    )
                )
            continue
        needed = not column.nullable and column.server_default is None
        if name not in facts:
            if needed:
                found.append(
                    _mismatch(
                        table,
                        column.name,
                        schema,
                        "field",
                        name,
                        None,
                        f"NOT NULL without a default, but missing from {schema.__name__}",
                    )
                )
            continue
        field = facts[name]
        if field.required != needed:
            state, insert = ("required", "does not") if field.required else ("optional", "needs it")
            said = f"{state} in {schema.__name__}, but the insert {insert}"
            found.append(_mismatch(table, column.name, schema, "required", needed, field.required, said))
        if stand_in is None:
            found += _nullability(table, schema, column, field)
            found += _values(table, schema, column, field, read=False)
    return found


def update_mismatches(table: Table, schema: type[BaseModel], secrets: Mapping[str, str | None]) -> list[Mismatch]:
    """Every field optional, no generated column, null refused for NOT NULL columns."""
    facts = field_facts(schema)
    found = _unknown_fields(table, schema, facts, secrets, read=False)
    for column in table.columns:
        stand_in = secrets.get(_qualified(table, column))
        field = facts.get(stand_in or column.name)
        if field is None:
            continue
        if generated(column):
            found.append(
                _mismatch(
                    table,
                    column.name,
                    schema,
                    "field",
                    None,
                    column.name,
                    f"generated by the database, but {schema.__name__} takes it",
                )
            )
        if field.required:
            found.append(
                _mismatch(
                    table,
                    column.name,
                    schema,
                    "required",
                    False,
                    True,
                    f"required in {schema.__name__}, but an update is partial",
                )
            )
        if stand_in is None:
            found += _nullability(table, schema, column, field)
            found += _values(table, schema, column, field, read=False)
    return found


CHECKERS = {"Read": read_mismatches, "Create": create_mismatches, "Update": update_mismatches}


def schema_mismatches(base_target: str, schemas_module: str, secrets: Mapping[str, str | None]) -> list[Mismatch]:
    """Every mismatch of the schemas in `schemas_module` with the models of `base_target` (module:attribute)."""
    module_name, _, attribute = base_target.partition(":")
    base = getattr(importlib.import_module(module_name), attribute)
    schemas = importlib.import_module(schemas_module)
    found: list[Mismatch] = []
    for mapper in sorted(base.registry.mappers, key=lambda m: m.local_table.name):
        table = mapper.local_table
        for kind, checker in CHECKERS.items():
            name = f"{mapper.class_.__name__}{kind}"
            schema = getattr(schemas, name, None)
            if schema is not None:
                found += checker(table, schema, secrets)
            elif kind == "Read":
                found.append(Mismatch(table.name, "", name, "schema", name, None, f"no {name} in {schemas_module}"))
    return found


def pydantic_differences(base_target: str, schemas_module: str, secrets: Mapping[str, str | None]) -> list[Difference]:
    """The mismatches as differences of the check's report."""
    return [mismatch.difference() for mismatch in schema_mismatches(base_target, schemas_module, secrets)]


def generated(column: Column) -> bool:
    """Filled in by the database on insert: an identity, or a call such as `now()` or `gen_random_uuid()`."""
    default = column.server_default
    return column.identity is not None or (default is not None and bool(_FUNCTION_CALL.match(str(default.arg))))


def check_bounds(table: Table) -> dict[str, dict[str, float]]:
    """The bounds in the table's simple CHECKs, as JSON-schema keywords per column name."""
    bounds: dict[str, dict[str, float]] = {}
    for constraint in table.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        text = str(constraint.sqltext)
        for pattern, low, high in ((_NUMBER_BOUND, "minimum", "maximum"), (_LENGTH_BOUND, "minLength", "maxLength")):
            for name, operator, number in pattern.findall(text):
                value = float(number) if "." in number else int(number)
                bounds.setdefault(name, {})[low if operator == ">=" else high] = value
    return bounds


def expected_keywords(column: Column, bounds: dict[str, dict[str, float]]) -> dict[str, Any]:
    """The JSON-schema keywords a field for `column` should carry (empty when its Python type is unknown)."""
    if isinstance(column.type, Enum):
        return {"enum": list(column.type.enums)}
    try:
        python_type = dict if isinstance(column.type, JSON) else column.type.python_type
    except NotImplementedError:  # a type that does not say which Python type it holds
        return {}
    expected = dict(JSON_TYPES.get(python_type.__name__, {}))
    if isinstance(column.type, String) and column.type.length is not None:
        expected["maxLength"] = column.type.length
    expected.update(bounds.get(column.name, {}))
    return expected


def _values(table, schema, column: Column, facts: FieldFacts, *, read: bool) -> list[Mismatch]:
    """Type, lengths, enum labels and CHECK bounds. Only the write side may add bounds the
    database lacks: a read schema must accept every row the database holds."""
    expected = expected_keywords(column, check_bounds(column.table))
    if not expected:
        return []
    found = []
    for keyword in ("enum",) if isinstance(column.type, Enum) else KEYWORDS:
        want, got = expected.get(keyword), facts.json.get(keyword)
        if want == got:
            continue
        if not read and want is None and keyword in ("minimum", "maximum"):
            continue
        if keyword == "minLength" and isinstance(column.type, CHAR) and got == column.type.length:
            continue  # a char(n) value always has n characters
        said = f"{KEYWORDS[keyword]} is {got!r} in {schema.__name__}, the column says {want!r}"
        found.append(_mismatch(table, column.name, schema, KEYWORDS[keyword], want, got, said))
    return found


def _nullability(table, schema, column: Column, facts: FieldFacts) -> list[Mismatch]:
    if facts.nullable == column.nullable:
        return []
    said = (
        f"{schema.__name__} {'accepts' if facts.nullable else 'refuses'} None, "
        f"but the column is {'nullable' if column.nullable else 'NOT NULL'}"
    )
    return [_mismatch(table, column.name, schema, "nullable", column.nullable, facts.nullable, said)]


def _unknown_fields(table: Table, schema, facts, secrets: Mapping[str, str | None], *, read: bool) -> list[Mismatch]:
    """Fields that are no column of the table (a field is known by its name or any of its aliases)."""
    columns = {column.name for column in table.columns}
    stand_ins = {field for qualified, field in secrets.items() if field and qualified.startswith(f"{table.name}.")}
    found = []
    for field_name, info in schema.model_fields.items():
        names = {field_name, *_aliases(info)}
        name = next((candidate for candidate in names if candidate in columns), field_name)
        if f"{table.name}.{name}" in secrets:
            found.append(
                _mismatch(table, name, schema, "field", None, name, f"a secret column, but {schema.__name__} has it")
            )
        elif name not in columns and (read or name not in stand_ins):
            found.append(
                _mismatch(
                    table, name, schema, "field", None, name, f"{schema.__name__} has it, the table has no such column"
                )
            )
    return found


def _mismatch(table: Table, column: str, schema, attribute: str, expected: Any, found: Any, message: str) -> Mismatch:
    return Mismatch(table.name, column, schema.__name__, attribute, expected, found, message)


def _qualified(table: Table, column: Column) -> str:
    return f"{table.name}.{column.name}"


def _accepts_none(info) -> bool:
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    try:
        TypeAdapter(annotation).validate_python(None)
    except ValidationError:
        return False
    return True


def _aliases(info) -> list[str]:
    alias = info.validation_alias
    if alias is None:
        return [info.alias] if info.alias else []
    choices = getattr(alias, "choices", [alias])
    return [choice for choice in choices if isinstance(choice, str)]
