"""A virtual environment holding the engine alone, as a foreign project installs it.

The engine's own distribution (backend/schemaparity) is built and installed into a
new venv, offline. Its third-party dependencies come from this project's venv through
a path entry, whose own `.pth` files (the editable installs of `app` and `opentr`)
Python does not process there: so `app` is not importable in that venv, exactly as in
a foreign project's.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import venv
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import PROJECT_ROOT

ENGINE = PROJECT_ROOT / "backend" / "schemaparity"


@dataclass(frozen=True)
class Standalone:
    root: Path

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    @property
    def schemaparity(self) -> Path:
        return self.root / "bin" / "schemaparity"

    def run(self, *argv: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600):
        """`schemaparity ARGV` in the standalone venv: the completed process (stdout and stderr apart)."""
        return subprocess.run(
            [str(self.schemaparity), *argv],
            cwd=cwd,
            env=clean_env(env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def python_run(self, code: str):
        """`python -c CODE` in the standalone venv."""
        return subprocess.run(
            [str(self.python), "-c", code], env=clean_env(), capture_output=True, text=True, timeout=60
        )


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without this project's settings (a foreign project knows nothing of them)."""
    own = ("DATABASE_URL", "APP_ENV", "OPENTR_", "PYTHONPATH", "VIRTUAL_ENV", "POSTGRES_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(own)}
    return {**env, **(extra or {})}


def make_standalone(root: Path) -> Standalone:
    """Create the venv at `root` and install the engine there from a copy (the build leaves the tree as it was)."""
    source = Path(shutil.copytree(ENGINE, root.parent / "engine-source", ignore=shutil.ignore_patterns("__pycache__")))
    venv.EnvBuilder(with_pip=False, symlinks=True).create(root)
    purelib = Path(sysconfig.get_paths(vars={"base": str(root), "platbase": str(root)})["purelib"])
    (purelib / "_third_party.pth").write_text("".join(f"{path}\n" for path in site.getsitepackages()))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(root / "bin" / "python"), "install", "--quiet", "--no-deps",
         "--no-index", "--no-build-isolation", "--disable-pip-version-check", str(source)],
        check=True, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return Standalone(root)
