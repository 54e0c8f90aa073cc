"""Revision generation: the next Alembic revision from an edit of the SQL file, proven before it is written."""

from schemaparity.generate.run import EXIT_DATA_LOSS, Generation, LintVerdict, Request, generate_revision

__all__ = ["EXIT_DATA_LOSS", "Generation", "LintVerdict", "Request", "generate_revision"]
