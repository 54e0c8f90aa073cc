"""Where a project's sources are: `[tool.schemaparity]` in pyproject.toml, then flags.

    [tool.schemaparity]
    sql = "database/init_db.sql"          # a SQL file that builds the schema
    models = "app.models:Base"            # module:attribute, a MetaData or declarative Base
    alembic_ini = "alembic.ini"           # Alembic configuration; its head is built
    data_tables = ["tag"]                 # reference rows compared row by row
    ignore_tables = ["app_metadata"]      # bookkeeping tables left out (alembic_version always is)
    pydantic = "app.schemas"              # XRead schemas checked against the models
    pydantic_exclude = ["user.hashed_password"]

Relative paths are relative to the pyproject.toml that names them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from schemaparity.snapshot import DEFAULT_IGNORED_TABLES


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
    ignore_tables: tuple[str, ...] = ()
    pydantic: str | None = None
    pydantic_exclude: frozenset[str] = field(default_factory=frozenset)

    @property
    def ignored_qualified(self) -> tuple[str, ...]:
        extra = tuple(name if "." in name else f"public.{name}" for name in self.ignore_tables)
        return DEFAULT_IGNORED_TABLES + extra

    def override(self, **flags) -> Config:
        """A copy with the given flags (None means: keep the configured value)."""
        changes = {key: value for key, value in flags.items() if value is not None}
        for key in ("sql", "alembic_ini"):
            if key in changes:
                changes[key] = Path(changes[key]).resolve()
        return replace(self, **changes)


def load_config(pyproject: Path) -> Config:
    """Read `[tool.schemaparity]`; a missing file or section gives an empty config."""
    root = pyproject.resolve().parent
    if not pyproject.is_file():
        return Config(root=root)
    try:
        section = tomllib.loads(pyproject.read_text()).get("tool", {}).get("schemaparity", {})
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{pyproject}: {error}") from None
    known = {"sql", "models", "alembic_ini", "data_tables", "ignore_tables", "pydantic", "pydantic_exclude"}
    unknown = sorted(set(section) - known)
    if unknown:
        raise ConfigError(f"{pyproject}: unknown [tool.schemaparity] key(s): {', '.join(unknown)}")
    return Config(
        root=root,
        sql=root / section["sql"] if "sql" in section else None,
        models=section.get("models"),
        alembic_ini=root / section["alembic_ini"] if "alembic_ini" in section else None,
        data_tables=tuple(section.get("data_tables", ())),
        ignore_tables=tuple(section.get("ignore_tables", ())),
        pydantic=section.get("pydantic"),
        pydantic_exclude=frozenset(section.get("pydantic_exclude", ())),
    )
