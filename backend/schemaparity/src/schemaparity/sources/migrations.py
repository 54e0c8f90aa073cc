"""The Alembic revisions: `alembic upgrade head` run in a confined scratch database.

The connection is handed to env.py through `config.attributes["connection"]`, and
`sqlalchemy.url` names the scratch database; an env.py that builds its own URL anyway
is redirected there by the confinement (see `schemaparity.confine`). A failure names
the revision whose `upgrade()` raised, with file:line, or env.py when it failed
before any revision ran; revision ids longer than alembic_version holds are built
with a wider version table, so the comparison still runs, and reported.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from schemaparity.confine import confined
from schemaparity.locations import Location
from schemaparity.locations.revisions import revision_locations
from schemaparity.messages import describe
from schemaparity.pg.migrate import alembic_config
from schemaparity.sources.base import BuildError, Built, StampRole, as_build_error
from schemaparity.sources.pysource import module_constant
from schemaparity.sources.stamps import read_stamp
from schemaparity.sources.tracebacks import frames, is_project_file, project_files, python_error

VERSION_NUM_LENGTH = 32  # alembic_version.version_num is varchar(32)
_RUNNING = re.compile(r"Running (?:upgrade|downgrade) \S* ?-> (?P<revision>[^,\s]+)")


@dataclass(frozen=True)
class MigrationsSource:
    alembic_ini: Path
    name: str = "migrations"
    needs_scratch = True
    stamp_role = StampRole(head=True)

    @property
    def description(self) -> str:
        return f"alembic upgrade head ({self.alembic_ini})"

    @property
    def identity(self) -> str:
        return f"migrations {self.alembic_ini.resolve()}"

    def script(self):
        from alembic.script import ScriptDirectory

        if not self.alembic_ini.is_file():
            raise BuildError(f"{self.alembic_ini}: no such file")
        try:
            return ScriptDirectory.from_config(alembic_config(self.alembic_ini, quiet=True))
        except Exception as error:
            raise BuildError(f"{self.alembic_ini}: {describe(error)}") from None

    def head(self, script=None) -> str:
        """The single head; reading it loads every revision file, so a broken one is named here."""
        script = script or self.script()
        try:
            heads = script.get_heads()
        except Exception as error:
            raise BuildError(Blame(script).explain(error, [])) from None
        if len(heads) != 1:
            raise BuildError(f"{len(heads)} heads ({', '.join(sorted(heads)) or 'none'}); merge them into one")
        return heads[0]

    def prepare(self, url: str):
        """Load the revisions now (a broken one is named here); the build runs `alembic upgrade head`."""
        import alembic.command  # noqa: F401  (imported here, once, not by several threads at a time)

        script = self.script()
        head = self.head(script)
        history = reversed(list(script.walk_revisions()))  # base first, as production meets them
        too_long = [rev.revision for rev in history if len(rev.revision) > VERSION_NUM_LENGTH]
        width = max((len(revision) for revision in too_long), default=0)
        blame = Blame(script)

        def build() -> Built:
            with confined(url) as confinement:
                with as_build_error(confinement, lambda error: blame.explain(error, confinement.log)):
                    self._upgrade(url, width)
            stamp = read_stamp(url)
            if stamp != head:
                raise BuildError(not_written(script, stamp, confinement), confinement.output())
            problems = tuple(
                f"revision id {revision!r} is {len(revision)} characters; alembic_version.version_num holds "
                f"{VERSION_NUM_LENGTH}: production `alembic upgrade` fails the same way (compared here with a "
                "wider version table)"
                for revision in too_long
            )
            read = {self.alembic_ini.resolve(), *_script_files(script), *project_files()}
            return Built(
                notes=tuple(confinement.redirected), problems=problems, log=confinement.output(), inputs=frozenset(read)
            )

        return build

    def build(self, url: str) -> Built:
        return self.prepare(url)()

    def locate(self, key) -> Location | None:
        try:
            script = self.script()
            files = tuple(Path(rev.path) for rev in reversed(list(script.walk_revisions())))
        except Exception:
            return None
        return revision_locations(files).locate(key)

    def _upgrade(self, url: str, version_width: int) -> None:
        from sqlalchemy import create_engine, pool

        from alembic import command

        engine = create_engine(url, poolclass=pool.NullPool)
        try:
            with engine.connect() as connection:
                if version_width:
                    connection.exec_driver_sql(
                        f"CREATE TABLE alembic_version (version_num varchar({version_width}) NOT NULL, "
                        "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
                    )
                    connection.commit()
                config = alembic_config(self.alembic_ini, connection, quiet=True)
                config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
                command.upgrade(config, "head")
                connection.commit()
        finally:
            engine.dispose()


def _script_files(script) -> set[Path]:
    """env.py, the templates and every revision file of the script directory."""
    folders = [Path(script.dir), *(Path(folder) for folder in script._version_locations)]
    return {path.resolve() for folder in folders for path in folder.rglob("*") if path.suffix in (".py", ".mako")}


class Blame:
    """Which revision (or env.py) an error of `alembic upgrade` belongs to, with file:line."""

    def __init__(self, script):
        self.env_py = str((Path(script.dir) / "env.py").resolve())
        self.version_dirs = tuple(str(Path(folder).resolve()) for folder in script._version_locations)

    def explain(self, error: BaseException, log: list[str]) -> str:
        if isinstance(error, SyntaxError) and error.filename and self._is_revision(error.filename):
            return f"revision {revision_id(error.filename)} ({error.filename}:{error.lineno}): SyntaxError: {error.msg}"
        seen = frames(error)
        in_revisions = [frame for frame in seen if self._is_revision(frame.filename)]
        if in_revisions:
            frame = in_revisions[-1]
            return f"revision {revision_id(frame.filename)} ({frame.filename}:{frame.lineno}): {describe(error)}"
        running = [found["revision"] for line in log if (found := _RUNNING.search(line))]
        if running:
            return f"revision {running[-1]} (the last one `alembic upgrade` ran): {describe(error)}"
        in_env = [frame for frame in seen if str(Path(frame.filename).resolve()) == self.env_py]
        if in_env:
            where = f"env.py ({in_env[-1].filename}:{in_env[-1].lineno})"
            inner = [frame for frame in seen[seen.index(in_env[-1]) + 1 :] if is_project_file(frame.filename)]
            if inner:
                where += f" failed in {inner[-1].filename}:{inner[-1].lineno}"
            return f"{where}: {describe(error)}"
        return f"alembic: {python_error(error)}"

    def _is_revision(self, filename: str) -> bool:
        resolved = str(Path(filename).resolve())
        return any(resolved.startswith(folder + "/") for folder in self.version_dirs)


def revision_id(path: str) -> str:
    """The `revision = "..."` of a revision file, read as text (it may not even import)."""
    try:
        found = module_constant(ast.parse(Path(path).read_text()), "revision")
    except (OSError, SyntaxError, ValueError):
        found = None
    return found if isinstance(found, str) else Path(path).stem


def not_written(script, stamp: str | None, confinement) -> str:
    """The message for a build that ran but left its scratch database without the head."""
    env_py = Path(script.dir) / "env.py"
    holds = "no alembic_version" if stamp is None else f"revision {stamp}"
    seen = [*confinement.redirected, *(f"a connection to {target} was refused" for target in confinement.refused)]
    also = f" ({'; '.join(seen)})" if seen else ""
    return (
        f"env.py ({env_py}): `alembic upgrade head` finished, but the scratch database holds {holds}: "
        f"env.py migrated another database{also}; make it use config.attributes['connection'] when one is handed in"
    )
