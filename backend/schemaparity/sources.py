"""The sources of a schema, each able to build itself into an empty database.

A build failure raises `BuildError` with a message for people: `file:line` and
PostgreSQL's message for a SQL file, the revision and its file for a migration, the
Python error and where it happened for models.
"""

from __future__ import annotations

import importlib
import traceback
from dataclasses import dataclass
from pathlib import Path

import psycopg2
from sqlalchemy import MetaData, create_engine, pool

from schemaparity.messages import describe
from schemaparity.pgclient import connect_kwargs, hide_password
from schemaparity.sqlfile import SqlFileError, run_sql_file


class BuildError(Exception):
    """A source could not be built; the message says where and why."""


@dataclass(frozen=True)
class SqlFileSource:
    path: Path
    name: str = "sql"

    @property
    def description(self) -> str:
        return str(self.path)

    def build(self, url: str) -> None:
        if not self.path.is_file():
            raise BuildError(f"{self.path}: no such file")
        try:
            run_sql_file(url, self.path)
        except SqlFileError as error:
            raise BuildError(error.describe()) from None


@dataclass(frozen=True)
class ModelsSource:
    target: str  # "package.module:attribute", a MetaData or a declarative Base
    name: str = "models"

    @property
    def description(self) -> str:
        return self.target

    def metadata(self) -> MetaData:
        module_name, _, attribute = self.target.partition(":")
        if not attribute:
            raise BuildError(f"{self.target}: expected module:attribute, e.g. app.models:Base")
        try:
            found = getattr(importlib.import_module(module_name), attribute)
        except Exception as error:
            raise BuildError(_python_error(error)) from None
        metadata = found if isinstance(found, MetaData) else getattr(found, "metadata", None)
        if not isinstance(metadata, MetaData):
            raise BuildError(f"{self.target} is neither a MetaData nor a declarative Base")
        return metadata

    def build(self, url: str) -> None:
        metadata = self.metadata()
        engine = create_engine(url, poolclass=pool.NullPool)
        try:
            metadata.create_all(engine)
        except Exception as error:
            raise BuildError(_python_error(error)) from None
        finally:
            engine.dispose()


@dataclass(frozen=True)
class MigrationsSource:
    alembic_ini: Path
    name: str = "migrations"

    @property
    def description(self) -> str:
        return f"alembic upgrade head ({self.alembic_ini})"

    def script(self):
        from alembic.script import ScriptDirectory

        if not self.alembic_ini.is_file():
            raise BuildError(f"{self.alembic_ini}: no such file")
        return ScriptDirectory.from_config(self.config())

    def config(self, connection=None):
        from alembic.config import Config

        config = Config(str(self.alembic_ini))
        config.attributes["configure_logging"] = False
        if connection is not None:
            config.attributes["connection"] = connection
        return config

    def head(self) -> str:
        heads = self.script().get_heads()
        if len(heads) != 1:
            raise BuildError(f"{len(heads)} heads ({', '.join(sorted(heads)) or 'none'}); merge them into one")
        return heads[0]

    def build(self, url: str) -> None:
        from alembic import command

        self.head()
        engine = create_engine(url, poolclass=pool.NullPool)
        try:
            with engine.connect() as connection:
                command.upgrade(self.config(connection), "head")
                connection.commit()
        except BuildError:
            raise
        except Exception as error:
            raise BuildError(self._failed_revision(url, error)) from None
        finally:
            engine.dispose()

    def _failed_revision(self, url: str, error: Exception) -> str:
        """Name the revision that failed: the one after what alembic_version holds now."""
        applied = read_stamp(url)
        script = self.script()
        following = [rev for rev in script.walk_revisions() if rev.down_revision == applied]
        where = f"revision {following[0].revision} ({following[0].path})" if len(following) == 1 else "alembic"
        return f"{where}: {_python_error(error)}"


@dataclass(frozen=True)
class LiveSource:
    """An existing database, only read (never built or written)."""

    url: str
    name: str = "live"

    @property
    def description(self) -> str:
        return hide_password(self.url)


def read_stamp(url: str) -> str | None:
    """The revision in alembic_version, or None when there is none (or more than one)."""
    connection = psycopg2.connect(**connect_kwargs(url))
    try:
        with connection.cursor() as cursor:
            return single_stamp(stamped_revisions(cursor))
    finally:
        connection.close()


def stamped_revisions(cursor) -> tuple[str, ...]:
    """Every revision in alembic_version; none when the table does not exist."""
    cursor.execute("SELECT to_regclass('alembic_version') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return ()
    cursor.execute("SELECT version_num FROM alembic_version ORDER BY version_num")
    return tuple(revision for (revision,) in cursor.fetchall())


def single_stamp(revisions: tuple[str, ...]) -> str | None:
    return revisions[0] if len(revisions) == 1 else None


def _python_error(error: BaseException) -> str:
    """`Type: message` plus the innermost frame outside site-packages, not a whole traceback."""
    if isinstance(error, SyntaxError):
        return f"{error.filename}:{error.lineno}: SyntaxError: {error.msg}"
    message = describe(error)
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if "site-packages" not in frame.filename and not frame.filename.startswith("<")
    ]
    if frames and frames[-1].filename != __file__:
        return f"{frames[-1].filename}:{frames[-1].lineno}: {message}"
    return message


Source = SqlFileSource | ModelsSource | MigrationsSource | LiveSource
