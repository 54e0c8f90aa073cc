"""`schemaparity revision`: the next Alembic revision, planned from the SQL file and proven before it is written.

Head and SQL file are built side by side in scratch databases; the change between
their snapshots is planned both ways (upgrade and downgrade); the revision is
rendered, linted when the project gives a linter, and proven on the head's scratch
database (upgrade reaches the SQL file's snapshot and stamp, downgrade the head's
again). Only then are the file and the SQL file's new stamp written. Nothing is
written on any failure, and no database is touched but the scratch ones.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from schemaparity.config import Config, ConfigError
from schemaparity.generate.files import StampError, fingerprint, stamp_edit, write_whole
from schemaparity.generate.proof import Proof, offline_sql, prove, revision_folder
from schemaparity.generate.sides import SideError, Sides, built_sides
from schemaparity.plan import CannotPlan, Plan, plan_change
from schemaparity.plan.revision_file import render, revision_id
from schemaparity.process import as_project
from schemaparity.scratch import ScratchSession
from schemaparity.sources import BuildError, MigrationsSource, SqlFileSource

EXIT_DONE, EXIT_FAILED, EXIT_DATA_LOSS = 0, 1, 3


@dataclass(frozen=True)
class Request:
    message: str
    initial: bool = False
    sql_only: bool = False
    online: bool = False
    allow_data_loss: bool = False
    dry_run: bool = False


@dataclass(frozen=True)
class LintVerdict:
    """A linter's word on a revision's SQL: the rules the plan accepts (rule -> reason), and what it refuses."""

    exemptions: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


Linter = Callable[[str, Plan], LintVerdict]
Formatter = Callable[[str], str]


@dataclass
class Generation:
    """What `generate_revision` did; `exit_code` says how it ended."""

    exit_code: int = EXIT_FAILED
    problems: list[str] = field(default_factory=list)
    revision: str | None = None
    head: str | None = None
    path: Path | None = None
    text: str = ""
    upgrade: Plan = field(default_factory=Plan)
    downgrade: Plan = field(default_factory=Plan)
    exemptions: dict[str, str] = field(default_factory=dict)
    proof: Proof | None = None
    stamped: Path | None = None
    log: str = ""
    seconds: float = 0.0

    @property
    def empty(self) -> bool:
        return not self.upgrade.steps


def generate_revision(
    config: Config,
    request: Request,
    server,
    *,
    linter: Linter | None = None,
    formatter: Formatter | None = None,
    say: Callable[[str], None] = lambda line: None,
) -> Generation:
    """Plan, render, lint, prove and (unless a dry run) write the revision; see the module docstring."""
    started, result = time.monotonic(), Generation()
    if not (config.sql and config.alembic_ini):
        raise ConfigError("a revision needs both the SQL file (sql) and alembic.ini (alembic_ini)")
    migrations, sql = MigrationsSource(config.alembic_ini), SqlFileSource(config.sql)
    try:
        with as_project(config.root, config.pythonpath):
            _generate(config, request, server, migrations, sql, result, linter, formatter, say)
    except (SideError, BuildError) as error:
        result.problems.append(str(error))
        result.log = getattr(error, "log", "")
    except (CannotPlan, StampError) as error:
        result.problems.append(str(error))
    result.seconds = time.monotonic() - started
    return result


def _generate(config, request, server, migrations, sql, result, linter, formatter, say) -> None:
    script = migrations.script()
    existing = [rev.revision for rev in script.walk_revisions()]
    if request.initial and existing:
        raise ConfigError(f"--initial starts a chain, but {config.alembic_ini} has {len(existing)} revision(s) already")
    if not request.initial and not existing:
        raise ConfigError(f"{config.alembic_ini} has no revision yet: --initial writes the first one")
    before_edit = fingerprint(config.sql)
    say(f"building {'an empty database' if request.initial else 'the head'} and {config.sql} ...")
    with (
        server.running() as url,
        ScratchSession(url) as scratch,
        built_sides(scratch, migrations, sql, config.snapshot, initial=request.initial) as sides,
    ):
        result.head = sides.head
        result.upgrade = plan_change(sides.before, sides.after, sides.names, online=request.online)
        result.downgrade = plan_change(sides.after, sides.before, sides.names, online=request.online)
        if result.empty:
            result.exit_code = EXIT_DONE
            return
        if result.upgrade.loses_data and not request.allow_data_loss:
            result.problems.append("the plan loses data; nothing written (--allow-data-loss generates it anyway)")
            result.exit_code = EXIT_DATA_LOSS
            return
        result.revision = revision_id(request.message, existing)
        result.path = Path(script._version_locations[0]) / f"{result.revision}.py"
        edit = stamp_edit(config.sql, sides.head, result.revision)
        with revision_folder(config.alembic_ini, result.revision) as folder:
            result.text = _rendered(request, result, sides, folder, linter, formatter, say)
            if result.problems:
                return
            say("proving it on the head's scratch database ...")
            result.proof = prove(folder, sides, options=config.snapshot)
        if not result.proof.proven:
            return
    if request.dry_run:
        result.exit_code = EXIT_DONE
        return
    if fingerprint(config.sql) != before_edit:
        result.problems.append(f"{config.sql} changed while the revision was generated; nothing written: run it again")
        return
    write_whole(result.path, result.text)
    if edit is not None:
        write_whole(edit.path, edit.text)
        result.stamped = edit.path
    result.exit_code = EXIT_DONE


def _rendered(request: Request, result: Generation, sides: Sides, folder, linter, formatter, say) -> str:
    """The revision's text: rendered, formatted, and rendered again with the exemptions the linter grants."""

    def text(exemptions: dict[str, str]) -> str:
        rendered = render(
            message=request.message,
            revision=result.revision,
            down_revision=sides.head,
            upgrade=result.upgrade,
            downgrade=result.downgrade,
            sql_only=request.sql_only,
            exemptions=exemptions,
        )
        return formatter(rendered) if formatter else rendered

    written = text({})
    folder.write(written)
    if linter is None:
        return written
    say("linting its SQL ...")
    verdict = linter(offline_sql(folder, sides.head), result.upgrade)
    result.problems += verdict.problems
    result.exemptions = dict(verdict.exemptions)
    if verdict.exemptions:
        written = text(result.exemptions)
        folder.write(written)
    return written
