"""The check runs a project's code as if started from the project's folder, and leaves no trace.

A project's env.py and settings read `.env` and other files relative to the current
directory, and may set environment variables or extend sys.path while they load.
`as_project(root, paths)` runs the check from `root` with `root` (then `paths`) first
on sys.path, then puts the current directory, environment and sys.path back as they were.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def as_project(root: Path | None, paths: tuple[Path, ...] = ()) -> Iterator[None]:
    if root is None:
        yield
        return
    saved_cwd, saved_env, saved_path = os.getcwd(), dict(os.environ), list(sys.path)
    sys.path[:0] = [str(folder) for folder in (root, *paths)]
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        sys.path[:] = saved_path
        if dict(os.environ) != saved_env:
            os.environ.clear()
            os.environ.update(saved_env)
