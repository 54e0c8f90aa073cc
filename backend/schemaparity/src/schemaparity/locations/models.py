"""Where the models define an object: the mapped class, or the line of the attribute that maps a column.

Constraints and indexes declared on a column (`unique=True`, `index=True`, a foreign
key) point at that column's attribute; the others at the class's `__table_args__`.
Objects the ORM cannot declare (functions, views, triggers, reference rows, attached
as DDL) are found by their name in the models' own files.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from functools import cache, cached_property
from pathlib import Path

from schemaparity.locations import Location, ObjectKey
from schemaparity.sources.pysource import assigns


class ModelLocations:
    def __init__(self, found, metadata):
        """`found` is what the models target names (a declarative Base, or a MetaData), `metadata` its MetaData."""
        self.metadata = metadata
        registry = getattr(found, "registry", None)
        self.classes = {mapper.local_table.key: mapper for mapper in registry.mappers} if registry else {}
        self.package = _package_folder(found)

    def locate(self, key: ObjectKey) -> Location | None:
        kind, schema, table, name = key
        if kind == "comment":  # `table tag` / `column tag.name`: where that table or column is declared
            what, _, target = name.partition(" ")
            if what in ("table", "column"):
                table, _, column = target.partition(".")
                kind, name = ("column", column) if column else ("table", table)
        qualified = table if schema in (None, "public") else f"{schema}.{table}"
        mapper = self.classes.get(qualified) if table else None
        if mapper is not None:
            found = self._in_class(mapper, kind, name)
            if found:
                return found
        if kind == "data":
            return self._row_listener()
        word = name.split("(", 1)[0] if kind != "comment" else name.split(" ", 1)[-1].split("(")[0]
        found = self._by_name(word)
        if found is None and table and word.startswith(f"{table}_"):  # a name made per table, e.g. a trigger's
            found = self._by_name(word[len(table) + 1 :])
        return found

    def _row_listener(self) -> Location | None:
        """The function attached to create_all that inserts rows (DDL statements aside)."""
        for listener in self.metadata.dispatch.after_create:
            if inspect.isfunction(listener):
                try:
                    return Location(inspect.getsourcefile(listener), inspect.getsourcelines(listener)[1])
                except (OSError, TypeError):
                    continue
        return None

    def _in_class(self, mapper, kind: str, name: str) -> Location | None:
        table = mapper.local_table
        if kind == "column" and name in table.c:
            return self._attribute(mapper, table.c[name])
        if kind in ("constraint", "index"):
            for item in (*table.constraints, *table.indexes):
                if str(item.name) == name:
                    columns = list(item.columns)
                    if getattr(item, "_column_flag", False) and len(columns) == 1:  # unique=True, index=True, ...
                        return self._attribute(mapper, columns[0])
                    declared = assignment_line(mapper.class_, "__table_args__")
                    if declared is None and len(columns) == 1:  # a column's own primary key or foreign key
                        return self._attribute(mapper, columns[0])
                    return declared or _class_line(mapper.class_)
        if kind == "sequence" and name.startswith(f"{table.name}_") and name.endswith("_seq"):
            column = name[len(table.name) + 1 : -len("_seq")]
            if column in table.c:
                return self._attribute(mapper, table.c[column])
        if kind in ("table", "column", "constraint", "index", "sequence"):
            return _class_line(mapper.class_)
        return None

    def _attribute(self, mapper, column) -> Location | None:
        try:
            key = mapper.get_property_by_column(column).key
        except Exception:
            key = column.key
        for owner in mapper.class_.__mro__:
            found = assignment_line(owner, key)
            if found:
                return found
        return _class_line(mapper.class_)

    def _by_name(self, name: str) -> Location | None:
        """The first line of the models' own files that names the object."""
        word = re.compile(rf"\b{re.escape(name)}\b")
        for path, lines in self._sources:
            for number, line in enumerate(lines, start=1):
                if word.search(line):
                    return Location(str(path), number)
        return None

    @cached_property
    def _sources(self) -> list[tuple[Path, list[str]]]:
        if self.package is None:
            return []
        return [(path, path.read_text(errors="replace").splitlines()) for path in sorted(self.package.rglob("*.py"))]


@cache
def model_locations(found, metadata) -> ModelLocations:
    return ModelLocations(found, metadata)


def _package_folder(found) -> Path | None:
    module = inspect.getmodule(found if inspect.isclass(found) else type(found))
    if getattr(found, "registry", None) is not None:
        mappers = list(found.registry.mappers)
        module = inspect.getmodule(mappers[0].class_) if mappers else module
    file = getattr(module, "__file__", None)
    return Path(file).resolve().parent if file else None


def _class_line(cls) -> Location | None:
    try:
        return Location(inspect.getsourcefile(cls), inspect.getsourcelines(cls)[1])
    except (OSError, TypeError):
        return None


def assignment_line(cls, name: str) -> Location | None:
    """The line in `cls`'s own body that assigns `name`."""
    try:
        lines, start = inspect.getsourcelines(cls)
        tree = ast.parse(textwrap.dedent("".join(lines)))
    except (OSError, TypeError, SyntaxError):
        return None
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for node in body:
        if assigns(node, name):
            return Location(inspect.getsourcefile(cls), start + node.lineno - 1)
    return None
