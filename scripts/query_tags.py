#!/usr/bin/env python3
"""Tags and their files: counts per tag, the files of one tag, or tags no file uses.

Usage: .venv/bin/python scripts/query_tags.py [--tag NAME | --orphans] [--url URL]
Tag names match regardless of case and are always bound parameters, never SQL text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

from app.core.config import get_settings  # noqa: E402
from opentr.target import resolve_database_url  # noqa: E402
from schemaparity.messages import first_line  # noqa: E402
from schemaparity.pg.connect import connection  # noqa: E402

COUNTS = """
    SELECT t.name, count(ft.media_file_id)
    FROM tag t LEFT JOIN file_tag ft ON ft.tag_id = t.id
    GROUP BY t.id, t.name ORDER BY count(ft.media_file_id) DESC, t.name
"""
FILES_FOR_TAG = """
    SELECT mf.id, mf.filename, mf.status
    FROM media_file mf
    JOIN file_tag ft ON ft.media_file_id = mf.id
    JOIN tag t ON t.id = ft.tag_id
    WHERE lower(t.name) = lower(%(tag)s)
    ORDER BY mf.id
"""
ORPHANS = """
    SELECT t.name FROM tag t
    WHERE NOT EXISTS (SELECT 1 FROM file_tag ft WHERE ft.tag_id = t.id)
    ORDER BY t.name
"""


def run_query(url: str, args: argparse.Namespace, out: TextIO) -> int:
    with connection(url, readonly=True) as conn, conn.cursor() as cursor:
        if args.tag is not None:
            cursor.execute("SELECT 1 FROM tag WHERE lower(name) = lower(%(tag)s)", {"tag": args.tag})
            if cursor.fetchone() is None:
                print(f"no tag named {args.tag!r}", file=out)
                return 1
            cursor.execute(FILES_FOR_TAG, {"tag": args.tag})
            rows = cursor.fetchall()
            print(f"{len(rows)} file(s) tagged {args.tag!r}", file=out)
            for file_id, filename, status in rows:
                print(f"  {file_id:>8}  {filename}  [{status}]", file=out)
        elif args.orphans:
            cursor.execute(ORPHANS)
            names = [name for (name,) in cursor.fetchall()]
            print(f"{len(names)} tag(s) on no file" + (": " + ", ".join(names) if names else ""), file=out)
        else:
            cursor.execute(COUNTS)
            for name, count in cursor.fetchall():
                print(f"{name:<30} {count:>6}", file=out)
    return 0


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--tag", metavar="NAME", help="list the files carrying this tag")
    which.add_argument("--orphans", action="store_true", help="list tags that no file carries")
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the embedded dev database)")
    args = parser.parse_args(argv)
    try:
        return run_query(args.url or resolve_database_url(get_settings().DATABASE_URL), args, out)
    except psycopg2.Error as error:
        print(f"error: {first_line(str(error))}", file=err)
        return 1


if __name__ == "__main__":
    sys.exit(main())
