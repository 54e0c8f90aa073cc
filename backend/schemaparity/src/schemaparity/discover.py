"""`schemaparity init`: find a project's sources and write its `[tool.schemaparity]` section.

It looks for `alembic.ini`, SQL files that create tables, and declarative Bases
(`class Base(DeclarativeBase)`, `Base = declarative_base()`). A Base is only useful
through a module that imports every model, so each candidate module is imported in a
child process (the project's code never runs in this one) and the one yielding the
most tables wins. Reference tables are the ones the SQL file inserts rows into.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from schemaparity.sources.models import SKIPPED_FOLDERS, importing_all, model_modules, module_name, python_files

_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(?:\"?(\w+)\"?\.)?\"?(\w+)\"?", re.IGNORECASE | re.MULTILINE)
_CREATE_TABLE = re.compile(r"\bCREATE\s+(?:UNLOGGED\s+)?TABLE\b", re.IGNORECASE)
_BASE_FACTORIES = ("declarative_base", "generate_base")
_COUNT_TABLES = (
    "import importlib, sys; module, name = sys.argv[1:3]; found = getattr(importlib.import_module(module), name);"
    "print(len(getattr(found, 'metadata', found).tables))"
)


@dataclass(frozen=True)
class ModelsCandidate:
    target: str  # module:attribute
    tables: int


def init_project(root: Path, *, dry_run: bool, force: bool, out: TextIO) -> int:
    """Find the sources under `root` and write (or print) the section; 0 done, 1 nothing found or refused."""
    root = root.resolve()
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and "schemaparity" in tomllib.loads(pyproject.read_text()).get("tool", {}) and not force:
        print(f"{pyproject} has a [tool.schemaparity] section already; --force replaces it", file=out)
        return 1
    found: dict[str, object] = {}
    inis = sorted(_files(root, "alembic.ini"), key=_nearness)
    sqls = sorted((path for path in _files(root, "*.sql") if _creates_tables(path)), key=_sql_rank)
    paths = _import_roots(root, inis[0] if inis else None)
    models = models_candidates(root, paths)
    _report(out, "alembic.ini", [str(p.relative_to(root)) for p in inis])
    _report(out, "SQL file", [str(p.relative_to(root)) for p in sqls])
    _report(out, "models", [f"{c.target} ({c.tables} tables)" for c in models])
    if sqls:
        found["sql"] = str(sqls[0].relative_to(root))
        data_tables = reference_tables(sqls[0])
        if data_tables:
            found["data_tables"] = data_tables
    if models and models[0].tables:
        found["models"] = models[0].target
    if inis:
        found["alembic_ini"] = str(inis[0].relative_to(root))
    extra_paths = [str(path.relative_to(root)) for path in paths if path != root]
    if extra_paths and "models" in found:
        found["pythonpath"] = extra_paths
    if sum(key in found for key in ("sql", "models", "alembic_ini")) < 2:
        print("fewer than two sources found: nothing to compare (see the flags of `schemaparity check`)", file=out)
        return 1
    section = render_section(found)
    if dry_run:
        out.write(section)
        return 0
    _write_section(pyproject, section)
    print(f"wrote [tool.schemaparity] to {pyproject}:\n{section}next: schemaparity check", file=out)
    return 0


def models_candidates(root: Path, import_roots: list[Path]) -> list[ModelsCandidate]:
    """Every module that yields a declarative Base with tables, most tables first."""
    candidates = []
    for import_root in import_roots:
        for module, attribute in declarative_bases(import_root):
            modules = [module, *importing_all(import_root, model_modules(import_root, attribute))]
            for name in dict.fromkeys(modules):
                tables = count_tables(root, import_roots, name, attribute)
                if tables is not None:
                    candidates.append(ModelsCandidate(f"{name}:{attribute}", tables))
    return sorted(candidates, key=lambda c: (-c.tables, c.target.count("."), c.target))


def declarative_bases(import_root: Path) -> list[tuple[str, str]]:
    """(module, name) of every declarative Base defined under `import_root`."""
    found = []
    for path in python_files(import_root):
        try:
            tree = ast.parse(path.read_text(errors="replace"))
        except (SyntaxError, ValueError):
            continue
        module = module_name(import_root, path)
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and any(_name(base) == "DeclarativeBase" for base in node.bases):
                found.append((module, node.name))
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                if _name(node.value.func) in _BASE_FACTORIES:
                    found += [(module, t.id) for t in node.targets if isinstance(t, ast.Name)]
    return found


def count_tables(root: Path, import_roots: list[Path], module: str, attribute: str) -> int | None:
    """Tables the target yields, imported in a child process; None when it does not import."""
    env_path = [str(path) for path in import_roots]
    code = f"import sys; sys.path[:0] = {json.dumps(env_path)}; {_COUNT_TABLES}"
    try:
        result = subprocess.run(
            [sys.executable, "-c", code, module, attribute], cwd=root, capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        return None
    return int(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip().isdigit() else None


def reference_tables(sql_file: Path) -> list[str]:
    """Tables the SQL file inserts rows into (its reference data), alembic_version aside."""
    names = [
        f"{schema}.{table}" if schema and schema != "public" else table
        for schema, table in _INSERT.findall(sql_file.read_text(errors="replace"))
    ]
    return [name for name in dict.fromkeys(names) if name != "alembic_version"]


def render_section(found: dict[str, object]) -> str:
    lines = ["[tool.schemaparity]"]
    for key in ("sql", "models", "alembic_ini", "pythonpath", "data_tables"):
        if key in found:
            lines.append(f"{key} = {json.dumps(found[key])}")
    return "\n".join(lines) + "\n"


def _write_section(pyproject: Path, section: str) -> None:
    text = pyproject.read_text() if pyproject.is_file() else ""
    start = text.find("[tool.schemaparity]")
    if start >= 0:
        following = re.search(r"^\[", text[start + 1 :], re.MULTILINE)
        end = start + 1 + following.start() if following else len(text)
        text = text[:start] + section + ("\n" + text[end:] if end < len(text) else "")
    else:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + section
    pyproject.write_text(text)


def _import_roots(root: Path, alembic_ini: Path | None) -> list[Path]:
    """Where the project's modules are imported from: the root, `src/`, and alembic.ini's prepend_sys_path."""
    roots = [root]
    if (root / "src").is_dir():
        roots.append(root / "src")
    if alembic_ini is not None:
        from schemaparity.pg.migrate import alembic_config

        try:
            extra = alembic_config(alembic_ini, quiet=True).get_prepend_sys_paths_list() or []
        except Exception:
            extra = []
        roots += [Path(path).resolve() for path in extra if Path(path).is_dir()]
    return list(dict.fromkeys(roots))


def _report(out: TextIO, what: str, found: list[str]) -> None:
    if not found:
        print(f"{what}: none found", file=out)
    elif len(found) == 1:
        print(f"{what}: {found[0]}", file=out)
    else:
        print(f"{what}: {found[0]} (other candidates: {', '.join(found[1:])})", file=out)


def _files(root: Path, pattern: str):
    for path in sorted(root.rglob(pattern)):
        if not SKIPPED_FOLDERS.intersection(path.relative_to(root).parts) and path.is_file():
            yield path


def _creates_tables(path: Path) -> bool:
    return bool(_CREATE_TABLE.search(path.read_text(errors="replace")))


def _sql_rank(path: Path) -> tuple:
    """Schema files first (init, schema, create in the name), shallow ones first, then by table count."""
    named = any(word in path.stem.lower() for word in ("init", "schema", "create"))
    return (not named, len(path.parts), -len(_CREATE_TABLE.findall(path.read_text(errors="replace"))), str(path))


def _nearness(path: Path) -> tuple:
    return (len(path.parts), str(path))


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""
