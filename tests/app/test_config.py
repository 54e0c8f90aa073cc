"""Settings defaults and password hiding."""

from __future__ import annotations

import pytest

from app.core.config import AppEnv, Settings, hide_password


def test_pool_defaults_match_the_documented_values(monkeypatch):
    """Without environment, the pool is 20 + 30 with pre-ping and hourly recycling."""
    for name in ("DB_POOL_SIZE", "DB_MAX_OVERFLOW", "DB_POOL_PRE_PING", "DB_POOL_RECYCLE", "APP_ENV"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert (settings.DB_POOL_SIZE, settings.DB_MAX_OVERFLOW) == (20, 30)
    assert settings.DB_POOL_PRE_PING is True and settings.DB_POOL_RECYCLE == 3600
    assert settings.APP_ENV is AppEnv.development


def test_hide_password_masks_passwords_with_special_characters():
    """`@`, `%` and `:` in a password never leak into what is printed."""
    url = "postgresql://app:p%40ss%3Aw%25rd@db.example:5432/ot"
    shown = hide_password(url)
    assert "p%40ss" not in shown and "p@ss" not in shown
    assert shown == "postgresql://app:***@db.example:5432/ot"


def test_unparsable_url_is_not_echoed():
    """A malformed URL may still contain a secret, so it is not shown at all."""
    assert "hunter2" not in hide_password("::not a url hunter2")


def test_safe_database_url_reads_from_settings():
    """The settings' own URL, as it may be logged."""
    settings = Settings(_env_file=None, DATABASE_URL="postgresql+psycopg2://u:secret@h/d")
    assert settings.safe_database_url == "postgresql+psycopg2://u:***@h/d"


def test_plain_postgresql_url_uses_the_installed_driver():
    """`postgresql://` and `postgres://` mean psycopg2 (SQLAlchemy 2.1 would pick psycopg 3, not installed)."""
    for plain in ("postgresql://u@h/d", "postgres://u@h/d"):
        assert Settings(_env_file=None, DATABASE_URL=plain).DATABASE_URL == "postgresql+psycopg2://u@h/d"
    kept = "postgresql+psycopg2://u@h/d"
    assert Settings(_env_file=None, DATABASE_URL=kept).DATABASE_URL == kept


ENV_FILE = """# the developer's .env
export DATABASE_URL="postgres://app:p#ss@127.0.0.1:5433/opentranscribe"
APP_ENV=Prod  # a comment after the value
PGCONNECT_TIMEOUT='4'
"""


@pytest.mark.parametrize(
    "environment",
    [{}, {"APP_ENV": "TEST"}, {"DATABASE_URL": "postgresql+psycopg2://u@h/d"}, {"PGCONNECT_TIMEOUT": "7"}],
)
def test_the_operator_commands_read_settings_as_the_application_does(tmp_path, monkeypatch, environment):
    """The light reader of the commands and pydantic's Settings agree on `.env` and the environment."""
    from app.core.environment import migration_settings, operator_settings

    (tmp_path / ".env").write_text(ENV_FILE)
    for name in ("DATABASE_URL", "APP_ENV", "PGCONNECT_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    light = operator_settings(tmp_path / ".env")
    full = Settings(_env_file=tmp_path / ".env")
    assert (light.DATABASE_URL, light.APP_ENV, light.PGCONNECT_TIMEOUT) == (
        full.DATABASE_URL,
        full.APP_ENV,
        full.PGCONNECT_TIMEOUT,
    )
    migrations = migration_settings(tmp_path / ".env")
    names = ("DATABASE_URL", "PGCONNECT_TIMEOUT", *MIGRATION_SETTINGS)
    assert {name: getattr(migrations, name) for name in names} == {name: getattr(full, name) for name in names}


MIGRATION_SETTINGS = ("MIGRATION_LOCK_TIMEOUT", "MIGRATION_DDL_LOCK_TIMEOUT", "MIGRATION_STATEMENT_TIMEOUT")


@pytest.mark.parametrize(
    "environment",
    [{}, {"MIGRATION_LOCK_TIMEOUT": "0.5", "MIGRATION_DDL_LOCK_TIMEOUT": "250ms", "MIGRATION_STATEMENT_TIMEOUT": "2h"}],
)
def test_the_migrations_read_their_settings_as_the_application_does(tmp_path, monkeypatch, environment):
    """alembic/env.py reads its settings without pydantic, to the same values (defaults included)."""
    from app.core.environment import migration_settings

    for name in MIGRATION_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    light, full = migration_settings(tmp_path / ".env"), Settings(_env_file=tmp_path / ".env")
    assert {name: getattr(light, name) for name in MIGRATION_SETTINGS} == {
        name: getattr(full, name) for name in MIGRATION_SETTINGS
    }


@pytest.mark.parametrize(
    "name", ["MIGRATION_DDL_LOCK_TIMEOUT", "MIGRATION_STATEMENT_TIMEOUT", "MIGRATION_LOCK_TIMEOUT"]
)
def test_a_migration_setting_either_reader_refuses_is_refused_by_both(tmp_path, monkeypatch, name):
    from pydantic import ValidationError

    from app.core.environment import SettingError, migration_settings

    monkeypatch.setenv(name, "10 seconds; DROP TABLE tag")
    with pytest.raises(SettingError, match=name):
        migration_settings(tmp_path / ".env")
    with pytest.raises(ValidationError):
        Settings(_env_file=tmp_path / ".env")


def test_the_operator_commands_import_no_pydantic():
    """Reading the settings of a command costs no pydantic import (the command floor)."""
    import subprocess
    import sys

    code = "import sys, app.core.environment; print('pydantic' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
