#!/usr/bin/env python3
"""Show what a database holds: tables with rows and sizes, revision against head, target.

Usage: .venv/bin/python scripts/db_inspect.py [--url URL]   (the same as ./opentr.sh inspect)
The target is --url, else DATABASE_URL, else the embedded development database.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import TextIO

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

from opentr.cli import run  # noqa: E402


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    return run(["inspect", *(sys.argv[1:] if argv is None else argv)], out, err)


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `db_inspect.py | head -1` ends quietly
    sys.exit(main())
