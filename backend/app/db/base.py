"""The declarative base shared by every model, and the naming convention its constraints follow.

Nothing else lives here: importing the models needs neither the settings nor the async engine
(engines and sessions are in `app.db.sessions`), which keeps a parity check's models build light.
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# PostgreSQL's own default names, so that the models, init_db.sql and the
# migrations name every constraint and index the same way.
NAMING_CONVENTION = {
    "pk": "%(table_name)s_pkey",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "fk": "%(table_name)s_%(column_0_N_name)s_fkey",
    "ck": "%(table_name)s_%(constraint_name)s_check",
    "ix": "%(table_name)s_%(column_0_N_name)s_idx",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
