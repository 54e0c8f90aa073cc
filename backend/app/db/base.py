"""Engine, sessions and the declarative base shared by every model."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from sqlalchemy import MetaData, create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from app.core.config import get_settings

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


def make_engine(url: str | None = None) -> Engine:
    """An engine with the pool settings from `Settings`."""
    settings = get_settings()
    url = url or settings.DATABASE_URL
    if not url:
        raise RuntimeError(
            "DATABASE_URL is not set; run `./opentr.sh db start` and use the URL it prints, "
            "or set DATABASE_URL in the environment or .env"
        )
    return create_engine(
        url,
        pool_size=settings.DB_POOL_SIZE,
        max_overflow=settings.DB_MAX_OVERFLOW,
        pool_pre_ping=settings.DB_POOL_PRE_PING,
        pool_recycle=settings.DB_POOL_RECYCLE,
        pool_timeout=settings.DB_POOL_TIMEOUT,
        connect_args={"connect_timeout": settings.PGCONNECT_TIMEOUT},
    )


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine, created on first use (importing models needs no database)."""
    return make_engine()


class _AppSession(Session):
    """Binds to the process-wide engine on first use, so importing needs no database."""

    def get_bind(self, *args, **kwargs):
        if self.bind is None:
            self.bind = get_engine()
        return super().get_bind(*args, **kwargs)


SessionLocal = sessionmaker(class_=_AppSession, autoflush=False)


def get_db() -> Iterator[Session]:
    """FastAPI-style dependency: one session per request, always closed."""
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()
