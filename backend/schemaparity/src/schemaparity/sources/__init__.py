"""The sources of a schema: each builds itself into an empty scratch database, or is read as it is.

A build failure raises `BuildError` with a message for people: `file:line` and
PostgreSQL's message for a SQL file, the revision (or env.py) with its file and line
for migrations, the Python error and where it happened for models.
"""

from schemaparity.sources.base import BuildError, Built, Source
from schemaparity.sources.live import LiveSource
from schemaparity.sources.migrations import MigrationsSource
from schemaparity.sources.models import ModelsSource
from schemaparity.sources.sql import SqlFileSource
from schemaparity.sources.stamps import read_stamp, single_stamp, stamp_of, stamped_revisions

__all__ = [
    "BuildError",
    "Built",
    "LiveSource",
    "MigrationsSource",
    "ModelsSource",
    "Source",
    "SqlFileSource",
    "read_stamp",
    "single_stamp",
    "stamp_of",
    "stamped_revisions",
]
