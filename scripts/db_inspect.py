#!/usr/bin/env python3
"""Show what a database holds: tables with rows and sizes, revision against head, target.

Usage: .venv/bin/python scripts/db_inspect.py [--url URL]   (or ./opentr.sh inspect)
The target is --url, else DATABASE_URL, else the embedded development database.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

from app.ops.dbinspect import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
