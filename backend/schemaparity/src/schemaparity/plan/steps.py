"""What a plan is made of: statements in dependency order, each with its hazards."""

from __future__ import annotations

from dataclasses import dataclass, field

DATA_LOSS = "data loss"
REWRITE = "table rewrite"
LONG_LOCK = "long lock"
IRREVERSIBLE = "irreversible downgrade"

# Dependency order: what is dropped goes first (triggers and views before the columns they
# read, foreign keys before the tables they point at), then what is created (types and
# sequences before tables, constraints and indexes after their columns, functions before
# the views and triggers that use them), then comments and reference rows.
PHASES = (
    "rename",
    "drop trigger",
    "drop view",
    "drop foreign key",
    "drop constraint",
    "drop index",
    "delete rows",
    "drop column",
    "drop table",
    "drop sequence",
    "drop function",
    "recreate enum",
    "drop enum",
    "drop schema",
    "create schema",
    "create extension",
    "create enum",
    "create sequence",
    "create table",
    "add column",
    "alter column",
    "create constraint",
    "create foreign key",
    "create index",
    "create function",
    "create view",
    "create trigger",
    "comment",
    "insert rows",
    "own sequence",
    "drop extension",
)


@dataclass(frozen=True)
class Step:
    """One statement of a revision.

    `sql` is always there (it is what `--sql-only` writes, and what the plan shows);
    `op` is the Alembic operation that does the same, when one fits.
    """

    phase: str
    summary: str
    sql: str
    op: str | None = None
    hazards: tuple[str, ...] = ()
    autocommit: bool = False  # runs outside the revision's transaction (ADD VALUE, CONCURRENTLY)

    @property
    def order(self) -> int:
        return PHASES.index(self.phase)


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...] = ()
    notes: tuple[str, ...] = field(default=())  # what no generator can infer (a data migration, say)

    @property
    def hazards(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hazard for step in self.steps for hazard in step.hazards))

    @property
    def loses_data(self) -> bool:
        return DATA_LOSS in self.hazards

    def ordered(self) -> Plan:
        return Plan(tuple(sorted(self.steps, key=lambda step: step.order)), self.notes)
