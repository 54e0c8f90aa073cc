"""Helpers of the operator commands' tests."""

from __future__ import annotations

import io


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """`./opentr.sh ARGV` in-process: exit code, stdout, stderr."""
    from opentr.cli import run

    out, err = io.StringIO(), io.StringIO()
    code = run(argv, out, err)
    return code, out.getvalue(), err.getvalue()
