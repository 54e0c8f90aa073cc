"""Expected failures of the operator commands, as one line each (and their exit code)."""

from __future__ import annotations

from schemaparity.messages import describe, first_line

EXIT_FAILED, EXIT_REFUSED = 1, 3


class Refused(Exception):
    """The command would be unsafe; nothing was executed against the target (exit 3)."""


def explain(error: Exception) -> tuple[int, str]:
    """The exit code and the one line an operator reads for `error`."""
    from psycopg2 import Error as DatabaseError
    from pydantic import ValidationError

    from schemaparity.pg.connect import connection_problem
    from schemaparity.pg.psql import SqlFileError

    if isinstance(error, Refused):
        return EXIT_REFUSED, f"refused: {error}"
    if isinstance(error, SqlFileError):
        return EXIT_FAILED, f"error: {error.describe()}\nnothing was changed: the previous database is still in place"
    if isinstance(error, ValidationError):
        fields = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg'].removeprefix('Value error, ')}" for e in error.errors()
        )
        return EXIT_FAILED, f"error: invalid setting: {fields}"
    if isinstance(error, DatabaseError):
        return EXIT_FAILED, f"error: {connection_problem(error) or first_line(str(error)) or describe(error)}"
    if isinstance(error, OSError | RuntimeError | ValueError | LookupError) or _is_alembic_error(error):
        return EXIT_FAILED, f"error: {first_line(str(error)) or describe(error)}"
    return EXIT_FAILED, f"error: {describe(error)} (OPENTR_DEBUG=1 shows the traceback)"


def _is_alembic_error(error: Exception) -> bool:
    return type(error).__module__.startswith("alembic")
