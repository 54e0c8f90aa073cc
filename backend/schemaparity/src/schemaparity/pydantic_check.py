"""Pydantic read schemas against the ORM models: the API edge must say what the table says.

For every mapped class `X`, `<schemas module>.XRead` must have a field per column
(except the excluded ones), accept None exactly where the column is nullable, carry
`max_length` equal to a varchar/char length, and list an enum's values in the order of
the PostgreSQL labels. The facts are read from each schema's JSON schema, the form
Pydantic itself publishes, so `Annotated` aliases and unions need no special cases.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import Column, Enum, String

from schemaparity.diff import Difference

SCHEMA_SOURCE, MODEL_SOURCE = "pydantic", "models"


@dataclass(frozen=True)
class FieldFacts:
    nullable: bool
    max_length: int | None
    enum: tuple | None


def field_facts(schema: type[BaseModel]) -> dict[str, FieldFacts]:
    """Per field (by attribute name and by every alias it reads from): what it accepts."""
    document = schema.model_json_schema(by_alias=False)
    definitions = document.get("$defs", {})
    facts: dict[str, FieldFacts] = {}
    for name, info in schema.model_fields.items():
        node = document["properties"][name]
        branches = [_resolve(branch, definitions) for branch in node.get("anyOf", [node])]
        branches = [branch for branch in branches if branch.get("type") != "null"]
        json = branches[0] if len(branches) == 1 else {}
        enum = json.get("enum")
        fact = FieldFacts(_accepts_none(info), json.get("maxLength"), tuple(enum) if enum else None)
        for key in (name, *_aliases(info)):
            facts.setdefault(key, fact)
    return facts


def _resolve(node: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    return definitions[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node


def _aliases(info) -> list[str]:
    alias = info.validation_alias
    if alias is None:
        return [info.alias] if info.alias else []
    choices = getattr(alias, "choices", [alias])
    return [choice for choice in choices if isinstance(choice, str)]


def _accepts_none(info) -> bool:
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    try:
        TypeAdapter(annotation).validate_python(None)
    except ValidationError:
        return False
    return True


def read_schema_differences(
    base_target: str, schemas_module: str, exclude: frozenset[str] = frozenset()
) -> list[Difference]:
    """Every way the `XRead` schemas in `schemas_module` disagree with the models of `base_target`."""
    module_name, _, attribute = base_target.partition(":")
    base = getattr(importlib.import_module(module_name), attribute)
    schemas = importlib.import_module(schemas_module)
    differences: list[Difference] = []
    for mapper in sorted(base.registry.mappers, key=lambda m: m.local_table.name):
        table = mapper.local_table
        schema_name = f"{mapper.class_.__name__}Read"
        schema = getattr(schemas, schema_name, None)
        if schema is None:
            differences.append(_difference(table.name, schema_name, None, (table.name, None)))
            continue
        facts = field_facts(schema)
        for column in table.columns:
            if f"{table.name}.{column.name}" not in exclude:
                differences += _column_differences(table.name, schema_name, column, facts.get(column.name))
    return differences


def _column_differences(table: str, schema_name: str, column: Column, fact: FieldFacts | None) -> list[Difference]:
    label = f"{schema_name}.{column.name}"
    if fact is None:
        return [_difference(table, label, None, (column.name, None))]
    expected = FieldFacts(column.nullable, _length(column), _labels(column))
    # A text column may still carry a max_length (from a CHECK); only declared lengths must match.
    compared = ("nullable", "max_length", "enum") if expected.max_length is not None else ("nullable", "enum")
    return [
        _difference(table, label, attribute, (getattr(expected, attribute), getattr(fact, attribute)))
        for attribute in compared
        if getattr(expected, attribute) != getattr(fact, attribute)
    ]


def _length(column: Column) -> int | None:
    """The declared varchar/char length (an Enum is a String to SQLAlchemy, but has none)."""
    if isinstance(column.type, String) and not isinstance(column.type, Enum):
        return column.type.length
    return None


def _labels(column: Column) -> tuple | None:
    return tuple(column.type.enums) if isinstance(column.type, Enum) else None


def _difference(table: str, label: str, attribute: str | None, values: tuple[Any, Any]) -> Difference:
    model_value, schema_value = values
    return Difference(
        kind="pydantic",
        schema="public",
        table=table,
        name=label,
        label=label,
        attribute=attribute,
        values=((MODEL_SOURCE, model_value), (SCHEMA_SOURCE, schema_value)),
        odd_one_out=SCHEMA_SOURCE,
    )
