"""Python errors as people read them: `file:line: Type: message` at the project's own frame."""

from __future__ import annotations

import sys
import sysconfig
import traceback
from functools import cache
from pathlib import Path

from schemaparity.messages import describe

_NOT_PROJECT = tuple(
    {str(Path(sysconfig.get_paths()[key]).resolve()) for key in ("stdlib", "platstdlib", "purelib", "platlib")}
) + (str(Path(__file__).resolve().parents[1]),)


def chain(error: BaseException) -> list[BaseException]:
    """`error` and the errors it was raised from or during, innermost cause first."""
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return list(reversed(seen))


def frames(error: BaseException) -> list[traceback.FrameSummary]:
    """Every frame of `error`'s chain, outermost first within each error."""
    return [frame for link in chain(error) for frame in traceback.extract_tb(link.__traceback__)]


def is_project_file(filename: str) -> bool:
    """Code of the project being checked: not the standard library, installed packages or this engine."""
    if filename.startswith("<"):
        return False
    resolved = str(_resolved(filename))
    return not resolved.startswith(_NOT_PROJECT) and "site-packages" not in resolved


@cache
def _resolved(filename: str) -> Path:
    """A module file's real path, found once per process: `project_files` asks for every module imported
    (thousands in a long-lived process), and each resolution reads every folder of the path."""
    return Path(filename).resolve()


def python_error(error: BaseException) -> str:
    """`Type: message`, prefixed with the innermost project frame's `file:line` when there is one."""
    if isinstance(error, SyntaxError) and error.filename:
        return f"{error.filename}:{error.lineno}: SyntaxError: {error.msg}"
    own = [frame for frame in frames(error) if is_project_file(frame.filename)]
    return f"{own[-1].filename}:{own[-1].lineno}: {describe(error)}" if own else describe(error)


def project_files() -> set[Path]:
    """The files of every module imported so far that is the project's own (not installed, not the engine)."""
    found = set()
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file and file.endswith(".py") and is_project_file(file):
            found.add(_resolved(file))
    return found
