"""A project's check, assembled in one place from its configuration: which sources, which extra checks.

The command line, a project's own operator commands, the pytest plugin and the
benchmarks all run a project's check through `ProjectCheck`, so they compare the
same things in the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from schemaparity.check import ExtraCheck, run_check
from schemaparity.config import Config, ConfigError
from schemaparity.result import CheckResult
from schemaparity.sources import LiveSource, MigrationsSource, ModelsSource, Source, SqlFileSource

SOURCE_NAMES = ("sql", "models", "migrations", "live")


def select_sources(config: Config, only: str | None = None) -> list[Source]:
    """The sources to build, from the config and `--only`; errors name what is missing."""
    available: dict[str, Callable[[], Source]] = {}
    if config.sql:
        available["sql"] = lambda: SqlFileSource(config.sql)
    if config.models:
        available["models"] = lambda: ModelsSource(config.models)
    if config.alembic_ini:
        available["migrations"] = lambda: MigrationsSource(config.alembic_ini)
    if config.live:
        available["live"] = lambda: LiveSource(config.live)
    wanted = [name.strip() for name in only.split(",") if name.strip()] if only else list(available)
    unknown = [name for name in wanted if name not in SOURCE_NAMES]
    if unknown:
        raise ConfigError(f"unknown source(s) {', '.join(unknown)}; choose from {', '.join(SOURCE_NAMES)}")
    missing = [name for name in wanted if name not in available]
    if missing:
        raise ConfigError(f"source(s) {', '.join(missing)} not configured (see [tool.schemaparity] or the flags)")
    if len(wanted) < 2:
        raise ConfigError("comparing needs at least two sources")
    return [available[name]() for name in wanted]


def extra_checks(config: Config, pydantic: bool | None) -> list[ExtraCheck]:
    """The Pydantic check, when asked for (`pydantic` None: when configured)."""
    wanted = pydantic if pydantic is not None else bool(config.pydantic)
    if not wanted or not config.models:
        return []
    if not config.pydantic:
        raise ConfigError("--pydantic needs the schemas module ([tool.schemaparity] pydantic)")

    def check():
        from schemaparity.pydantic_check import pydantic_differences

        return pydantic_differences(config.models, config.pydantic, config.pydantic_exclude)

    return [check]


@dataclass(frozen=True)
class ProjectCheck:
    """What a project's check compares, validated before any server is started."""

    config: Config
    sources: tuple[Source, ...]
    extra_checks: tuple[ExtraCheck, ...] = ()

    @classmethod
    def of(cls, config: Config, *, only: str | None = None, pydantic: bool | None = None) -> ProjectCheck:
        return cls(config, tuple(select_sources(config, only)), tuple(extra_checks(config, pydantic)))

    @property
    def needs_scratch(self) -> bool:
        return any(source.needs_scratch for source in self.sources)

    def run(self, server_url: str | None) -> CheckResult:
        """The check on the scratch server `server_url`."""
        return run_check(
            self.sources,
            server_url,
            ignored_tables=self.config.ignored_qualified,
            data_tables=self.config.data_tables,
            compare_owners=self.config.compare_owners,
            extra_checks=self.extra_checks,
            project_root=self.config.root,
            pythonpath=self.config.pythonpath,
        )
