"""The SQLAlchemy models: `module:attribute` naming a MetaData or declarative Base, built with create_all."""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path

from schemaparity.confine import confined
from schemaparity.locations import Location
from schemaparity.locations.models import model_locations
from schemaparity.sources.base import BuildError, Built, StampRole, as_build_error
from schemaparity.sources.pysource import assigns
from schemaparity.sources.tracebacks import project_files, python_error

SKIPPED_FOLDERS = {".git", ".venv", "venv", "node_modules", "__pycache__", "site-packages", ".tox", "build", "dist"}


@dataclass(frozen=True)
class ModelsSource:
    target: str  # "package.module:attribute", a MetaData or a declarative Base
    name: str = "models"
    needs_scratch = True
    stamp_role = StampRole()

    @property
    def description(self) -> str:
        return self.target

    @property
    def identity(self) -> str:
        return f"models {self.target}"

    def metadata(self):
        """The target's MetaData, imported now; a target that holds no tables is an error that says why."""
        return self.resolve()[1]

    def locate(self, key) -> Location | None:
        try:
            found, metadata = self.resolve()
        except BuildError:
            return None
        return model_locations(found, metadata).locate(key)

    def resolve(self):
        """What the target names (a Base or a MetaData) and its MetaData."""
        from sqlalchemy import MetaData

        module_name, _, attribute = self.target.partition(":")
        if not module_name or not attribute:
            raise BuildError(f"{self.target}: expected module:attribute, e.g. app.models:Base")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                raise BuildError(
                    f"{self.target}: no module {error.name!r} on the path (the project's root is searched first)"
                ) from None
            raise BuildError(python_error(error)) from None
        except Exception as error:
            raise BuildError(python_error(error)) from None
        found = getattr(module, attribute, None)
        if found is None:
            raise BuildError(f"{self.target}: module {module_name} has no attribute {attribute!r}")
        metadata = found if isinstance(found, MetaData) else getattr(found, "metadata", None)
        if not isinstance(metadata, MetaData):
            raise BuildError(f"{self.target} is neither a MetaData nor a declarative Base")
        if not metadata.tables:
            raise BuildError(no_tables_message(self.target, module))
        return found, metadata

    def prepare(self, url: str):
        """Import the models now (confined to `url`, as their import may connect somewhere)."""
        from sqlalchemy import create_engine, pool

        with confined(url) as confinement, as_build_error(confinement):
            metadata = self.metadata()

        def build() -> Built:
            with confined(url, confinement), as_build_error(confinement):
                engine = create_engine(url, poolclass=pool.NullPool)
                try:
                    metadata.create_all(engine)
                finally:
                    engine.dispose()
            return Built(
                notes=tuple(confinement.redirected), log=confinement.output(), inputs=frozenset(project_files())
            )

        return build

    def build(self, url: str) -> Built:
        return self.prepare(url)()


def no_tables_message(target: str, module) -> str:
    """Why `target` holds no tables, and which module to import instead."""
    attribute = target.partition(":")[2]
    message = f"{target} holds no tables: importing {module.__name__} does not import the modules that define them"
    root = import_root(module)
    if root is None:
        return message
    defining = model_modules(root, attribute)
    if not defining:
        return f"{message} (no class with __tablename__ derives from {attribute} under {root})"
    importers = [name for name in importing_all(root, defining) if name != module.__name__]
    shown = ", ".join(defining[:5]) + (", ..." if len(defining) > 5 else "")
    advice = (
        f"use --models {importers[0]}:{attribute}"
        if importers
        else f"import them in {module.__name__}, or point --models at a module that does"
    )
    return f"{message} ({shown}): {advice}"


def import_root(module) -> Path | None:
    """The folder on sys.path that `module` was imported from."""
    file = getattr(module, "__file__", None)
    if not file:
        return None
    path = Path(file).resolve()
    depth = module.__name__.count(".") + (2 if path.name == "__init__.py" else 1)
    return path.parents[depth - 1]


def model_modules(root: Path, base_name: str) -> list[str]:
    """Modules under `root` that define a class deriving from `base_name` with a `__tablename__`."""
    found = []
    for path in python_files(root):
        tree = _parse(path)
        if tree is not None and any(_is_model(node, base_name) for node in ast.walk(tree)):
            found.append(module_name(root, path))
    return sorted(found)


def importing_all(root: Path, modules: list[str]) -> list[str]:
    """Modules under `root` whose imports name every one of `modules` (shortest names first)."""
    wanted = set(modules)
    found = []
    for path in python_files(root):
        tree = _parse(path)
        if tree is None:
            continue
        name = module_name(root, path)
        if wanted - {name} <= _imported(tree, name, path.name == "__init__.py"):
            found.append(name)
    return sorted(found, key=lambda n: (n.count("."), n))


def _is_model(node: ast.AST, base_name: str) -> bool:
    if not isinstance(node, ast.ClassDef):
        return False
    bases = {base.id if isinstance(base, ast.Name) else getattr(base, "attr", "") for base in node.bases}
    return base_name in bases and any(assigns(item, "__tablename__") for item in node.body)


def _imported(tree: ast.Module, module_name: str, is_package: bool) -> set[str]:
    package = module_name if is_package else module_name.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def python_files(root: Path):
    """The .py files under `root`, virtual environments and build folders left out."""
    for path in sorted(root.rglob("*.py")):
        if not SKIPPED_FOLDERS.intersection(path.relative_to(root).parts):
            yield path


def _parse(path: Path) -> ast.Module | None:
    try:
        return ast.parse(path.read_text(errors="replace"), filename=str(path))
    except (SyntaxError, ValueError):
        return None


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)
