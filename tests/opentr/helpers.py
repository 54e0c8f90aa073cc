"""Helpers of the operator commands' tests."""

from __future__ import annotations

import io


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """`./opentr.sh ARGV` in-process: exit code, stdout, stderr."""
    from opentr.cli import run

    out, err = io.StringIO(), io.StringIO()
    code = run(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def old_copies_dropped(url: str) -> None:
    """Wait until the old copies that resets and restores drop out of the user's way are gone."""
    from schemaparity.pg.urls import database_name
    from tests.helpers import query
    from tests.waiting import wait_for

    pattern = database_name(url).replace("_", "\\_") + "\\_\\_old"
    wait_for(
        lambda: not query(url, "SELECT 1 FROM pg_database WHERE datname LIKE %s", (pattern,)), "the old copy to go"
    )
