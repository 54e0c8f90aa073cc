"""Where a project's sources are: `[tool.schemaparity]` in pyproject.toml, then flags.

    [tool.schemaparity]
    sql = "database/init_db.sql"          # a SQL file that builds the schema
    models = "app.models:Base"            # module:attribute, a MetaData or declarative Base
    alembic_ini = "alembic.ini"           # Alembic configuration; its head is built
    data_tables = ["tag"]                 # reference rows compared row by row
    data_keep_columns = {tag = ["uuid"]}  # compared although a default (gen_random_uuid()) fills them
    ignore_tables = ["app_metadata"]      # bookkeeping tables left out (alembic_version always is)
    pydantic = "app.schemas"              # XRead schemas checked against the models
    pydantic_exclude = {"user.hashed_password" = "password"}   # secret columns (a list, or
                                          # column = the write schemas' stand-in field)
    pythonpath = ["backend"]              # folders the project's modules import from (the root always)
    compare_owners = true                 # also compare who owns each object (default: no; the
                                          # scratch builds all run as one role)

Relative paths are relative to the pyproject.toml that names them; flags, to the
current directory. Without `--config`, the nearest pyproject.toml with a
`[tool.schemaparity]` section in the current directory or above it is used.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from schemaparity.snapshot import DEFAULT_IGNORED_TABLES, SnapshotOptions


class ConfigError(Exception):
    """The configuration or a flag is wrong; the message says which."""


@dataclass(frozen=True)
class Config:
    root: Path
    sql: Path | None = None
    models: str | None = None
    alembic_ini: Path | None = None
    live: str | None = None
    data_tables: tuple[str, ...] = ()
    data_keep_columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    ignore_tables: tuple[str, ...] = ()
    pydantic: str | None = None
    pydantic_exclude: Mapping[str, str | None] = field(default_factory=dict)
    pythonpath: tuple[Path, ...] = ()
    compare_owners: bool = False

    @property
    def ignored_qualified(self) -> tuple[str, ...]:
        extra = tuple(name if "." in name else f"public.{name}" for name in self.ignore_tables)
        return DEFAULT_IGNORED_TABLES + extra

    @property
    def snapshot(self) -> SnapshotOptions:
        return SnapshotOptions(self.ignored_qualified, self.data_tables, self.data_keep_columns, self.compare_owners)

    def override(self, **flags) -> Config:
        """A copy with the given flags (None means: keep the configured value)."""
        changes = {key: value for key, value in flags.items() if value is not None}
        for key in ("sql", "alembic_ini"):
            if key in changes:
                changes[key] = Path(changes[key]).resolve()
        return replace(self, **changes)


def find_config(start: Path) -> Path:
    """The nearest pyproject.toml with a `[tool.schemaparity]` section, from `start` upwards."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "schemaparity" in _read(candidate).get("tool", {}):
            return candidate
    return start / "pyproject.toml"


def load_config(pyproject: Path, *, required: bool = False) -> Config:
    """Read `[tool.schemaparity]`; a missing file or section gives an empty config unless `required`."""
    root = pyproject.resolve().parent
    if not pyproject.is_file():
        if required:
            raise ConfigError(f"{pyproject}: no such file")
        return Config(root=root)
    section = _read(pyproject).get("tool", {}).get("schemaparity", {})
    known = {
        "sql",
        "models",
        "alembic_ini",
        "data_tables",
        "data_keep_columns",
        "ignore_tables",
        "pydantic",
        "pydantic_exclude",
        "pythonpath",
        "compare_owners",
    }
    unknown = sorted(set(section) - known)
    if unknown:
        raise ConfigError(f"{pyproject}: unknown [tool.schemaparity] key(s): {', '.join(unknown)}")
    return Config(
        root=root,
        sql=root / section["sql"] if "sql" in section else None,
        models=section.get("models"),
        alembic_ini=root / section["alembic_ini"] if "alembic_ini" in section else None,
        data_tables=tuple(section.get("data_tables", ())),
        data_keep_columns={table: tuple(columns) for table, columns in section.get("data_keep_columns", {}).items()},
        ignore_tables=tuple(section.get("ignore_tables", ())),
        pydantic=section.get("pydantic"),
        pydantic_exclude=_secrets(section.get("pydantic_exclude", {})),
        pythonpath=tuple(root / folder for folder in section.get("pythonpath", ())),
        compare_owners=_boolean(pyproject, section, "compare_owners"),
    )


def _boolean(pyproject: Path, section: dict, key: str) -> bool:
    value = section.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{pyproject}: [tool.schemaparity] {key} must be true or false, not {value!r}")
    return value


def _secrets(value) -> dict[str, str | None]:
    """`pydantic_exclude` as {table.column: stand-in field or None}, from a list or a table."""
    return dict(value) if isinstance(value, dict) else dict.fromkeys(value)


def _read(pyproject: Path) -> dict:
    try:
        return tomllib.loads(pyproject.read_text())
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{pyproject}: {error}") from None
