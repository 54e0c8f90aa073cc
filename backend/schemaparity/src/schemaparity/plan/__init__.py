"""Planning a change between two snapshots: the statements of an Alembic revision and its downgrade."""

from schemaparity.plan.names import Names
from schemaparity.plan.planner import CannotPlan, plan_change
from schemaparity.plan.steps import Plan, Step

__all__ = ["CannotPlan", "Names", "Plan", "Step", "plan_change"]
