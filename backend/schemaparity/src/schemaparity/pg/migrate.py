"""Running Alembic: its configuration read as from the folder of alembic.ini, on a connection handed in.

Alembic resolves a relative `script_location`, `prepend_sys_path` or
`version_locations` against the current directory, so a tool started anywhere else
finds no revisions, or another project's. Here they resolve against the folder of
alembic.ini, whatever the current directory, as `%(here)s` would.
"""

from __future__ import annotations

import io
import os
import sys
import warnings
from pathlib import Path
from typing import TextIO


def alembic_config(
    alembic_ini: Path,
    connection=None,
    *,
    stdout: TextIO | None = None,
    quiet: bool = False,
    configure_logging: bool = False,
):
    """The Alembic `Config` of `alembic_ini`, paths made absolute; a connection, when given, goes to env.py.

    `configure_logging` lets alembic.ini's logging show progress (env.py reads the
    attribute); `quiet` swallows what Alembic prints.
    """
    from alembic.config import Config

    config = Config(str(alembic_ini), stdout=io.StringIO() if quiet else (stdout or sys.stdout))
    _resolve_paths(config, Path(alembic_ini).resolve().parent)
    config.attributes["configure_logging"] = configure_logging
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory(alembic_ini: Path):
    """The revisions of `alembic_ini`."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(alembic_ini, quiet=True))


def run_alembic(
    command_name: str, revision: str, url: str, alembic_ini: Path, *, configure_logging: bool = False
) -> None:
    """`alembic <command_name> <revision>` (upgrade, downgrade, stamp) on `url`, through a handed-in connection."""
    from sqlalchemy import create_engine, pool

    from alembic import command

    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            config = alembic_config(alembic_ini, connection, configure_logging=configure_logging)
            getattr(command, command_name)(config, revision)
            connection.commit()
    finally:
        engine.dispose()


def _resolve_paths(config, here: Path) -> None:
    """Rewrite the path options of `config` as absolute paths, read as from `here`."""
    location = config.get_main_option("script_location")
    if location and not _is_resource(location):
        config.set_main_option("script_location", _escape(str(here / location)))
    with warnings.catch_warnings():  # the legacy separator warning is the project's to fix, not ours
        warnings.simplefilter("ignore")
        lists = {
            "prepend_sys_path": config.get_prepend_sys_paths_list() or [],
            "version_locations": config.get_version_locations_list() or [],
        }
    if not any(lists.values()):
        return
    config.set_main_option("path_separator", "os")
    for key, paths in lists.items():
        if paths:
            absolute = [str(here / path) if not _is_resource(path) else path for path in paths if path]
            config.set_main_option(key, _escape(os.pathsep.join(absolute)))


def _is_resource(location: str) -> bool:
    """`package:folder` names a package resource, not a path (but `C:\\...` is a path)."""
    head, sep, _ = location.partition(":")
    return bool(sep) and len(head) > 1 and not location.startswith("/")


def _escape(value: str) -> str:
    return value.replace("%", "%%")
