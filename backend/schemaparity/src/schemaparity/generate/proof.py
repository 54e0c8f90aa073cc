"""A revision proven before it is written: applied at head in a scratch database, then undone.

The revision file lives in a temporary folder that is added to the project's
`version_locations` for the proof only, so that env.py, script.py.mako and the
earlier revisions are the project's own, where they are, and nothing is written into
the project. Upgrade and downgrade run confined to the scratch database (see
`schemaparity.confine`), as `alembic upgrade head` does in a check.
"""

from __future__ import annotations

import io
import os
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from schemaparity.build import read_snapshot
from schemaparity.confine import confined
from schemaparity.diff import Difference, diff
from schemaparity.generate.sides import Sides
from schemaparity.pg.migrate import alembic_config
from schemaparity.snapshot import SnapshotOptions
from schemaparity.sources.base import BuildError, as_build_error
from schemaparity.sources.migrations import Blame

# Alembic's bookkeeping, rendered before the first revision of an offline run: not the revision's SQL.
_VERSION_TABLE = "CREATE TABLE alembic_version"


@dataclass(frozen=True)
class Proof:
    """What the revision did: the differences left after upgrade (against the SQL file) and after downgrade
    (against the head), and the stamps it left."""

    after_upgrade: tuple[Difference, ...]
    after_downgrade: tuple[Difference, ...]
    upgrade_stamp: str | None
    downgrade_stamp: str | None
    revision: str
    head: str | None

    @property
    def problems(self) -> list[str]:
        found = []
        if self.upgrade_stamp != self.revision:
            found.append(f"after upgrade alembic_version holds {self.upgrade_stamp or 'nothing'}, not {self.revision}")
        if (self.downgrade_stamp or None) != self.head:
            found.append(f"after downgrade alembic_version holds {self.downgrade_stamp or 'nothing'}, not {self.head}")
        return found

    @property
    def proven(self) -> bool:
        return not (self.after_upgrade or self.after_downgrade or self.problems)


class RevisionFolder:
    """A temporary version location holding the new revision; the project's Alembic config extended by it."""

    def __init__(self, alembic_ini: Path, revision: str):
        self.alembic_ini = alembic_ini
        self.revision = revision
        self._folder = tempfile.TemporaryDirectory(prefix="schemaparity-revision-")
        self.path = Path(self._folder.name) / f"{revision}.py"

    def write(self, text: str) -> None:
        self.path.write_text(text)
        for cached in self.path.parent.glob("__pycache__/*"):
            cached.unlink()  # the same file name with other text: never a stale bytecode

    def config(self, connection=None, *, output: io.StringIO | None = None):
        from alembic.script import ScriptDirectory

        config = alembic_config(self.alembic_ini, connection, quiet=output is None)
        if output is not None:
            config.output_buffer = output
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            locations = [*map(str, ScriptDirectory.from_config(config)._version_locations), str(self.path.parent)]
        for option in ("path_separator", "version_path_separator"):  # the first is Alembic ≥ 1.16's name
            config.set_main_option(option, "os")
        config.set_main_option("version_locations", os.pathsep.join(locations).replace("%", "%%"))
        return config

    def close(self) -> None:
        self._folder.cleanup()


@contextmanager
def revision_folder(alembic_ini: Path, revision: str) -> Iterator[RevisionFolder]:
    folder = RevisionFolder(alembic_ini, revision)
    try:
        yield folder
    finally:
        folder.close()


def prove(folder: RevisionFolder, sides: Sides, *, options: SnapshotOptions) -> Proof:
    """Upgrade the head's scratch database to the revision, compare with the SQL file's snapshot; downgrade
    it again and compare with the head's. An upgrade that misses the SQL file ends the proof there: its
    differences are the report, and its downgrade proves nothing. Both snapshots are read on the sides'
    open connection to that database."""
    url, head = sides.head_url, sides.head
    _alembic(folder, url, "upgrade", folder.revision)
    upgraded, upgrade_stamp = read_snapshot(sides.head_reader, options)
    proof = Proof(
        after_upgrade=tuple(diff({"sql": sides.after, "revision": upgraded})),
        after_downgrade=(),
        upgrade_stamp=upgrade_stamp,
        downgrade_stamp=head,  # not run yet: an upgrade that misses is the whole report
        revision=folder.revision,
        head=head,
    )
    if proof.after_upgrade:
        return proof
    _alembic(folder, url, "downgrade", head or "base")
    downgraded, downgrade_stamp = read_snapshot(sides.head_reader, options)
    return replace(
        proof,
        after_downgrade=tuple(diff({"head": sides.before, "downgrade": downgraded})),
        downgrade_stamp=downgrade_stamp,
    )


def offline_sql(folder: RevisionFolder, head: str | None) -> str:
    """The revision's upgrade as `alembic upgrade <head>:<revision> --sql` prints it (what a linter reads)."""
    from alembic import command

    output = io.StringIO()
    with confined(None):
        command.upgrade(folder.config(output=output), f"{head or 'base'}:{folder.revision}", sql=True)
    text = output.getvalue()
    if _VERSION_TABLE in text:  # the table alembic_version, created before the first revision
        start = text.index(_VERSION_TABLE)
        text = text[:start] + text[text.index(";\n", start) + 2 :]
    return text


def _alembic(folder: RevisionFolder, url: str, command_name: str, target: str) -> None:
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, pool

    from alembic import command

    blame = Blame(ScriptDirectory.from_config(folder.config()))
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with confined(url) as confinement, engine.connect() as connection:
            with as_build_error(confinement, lambda error: blame.explain(error, confinement.log)):
                getattr(command, command_name)(folder.config(connection), target)
            connection.commit()
    except BuildError as error:
        raise BuildError(f"`alembic {command_name} {target}` of the new revision failed: {error}", error.log) from None
    finally:
        engine.dispose()
