#!/usr/bin/env bash
# OpenTranscribe database layer: the one entry point.
# Makes .venv and installs the project and its engine on first use (and whenever a
# pyproject.toml changes), then hands the command to Python. `./opentr.sh help` lists commands.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.installed-from"
ENGINE="$ROOT/backend/schemaparity"

find_python() {
    local candidate
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "error: Python 3.11 or newer is needed (none of python3.13, python3.12, python3.11, python3 is)" >&2
    return 1
}

ensure_venv() {
    local want
    want="$(cat "$ROOT/pyproject.toml" "$ENGINE/pyproject.toml" | sha256sum | cut -d' ' -f1)"
    if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(<"$STAMP")" == "$want" ]]; then
        return 0
    fi
    local started=$SECONDS python
    python="$(find_python)"
    echo "setting up .venv (first run, or a pyproject.toml changed); this takes a minute..." >&2
    [[ -x "$VENV/bin/python" ]] || "$python" -m venv "$VENV"
    if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        -e "$ENGINE[embedded,pydantic]" -e "$ROOT[dev]" >"$VENV/install.log" 2>&1; then
        echo "error: installing the project failed; see $VENV/install.log" >&2
        tail -n 20 "$VENV/install.log" >&2
        return 1
    fi
    # Bytecode now, once: where PYTHONDONTWRITEBYTECODE is set, every command would compile it again.
    "$VENV/bin/python" -c "from opentr.commands.test import compile_sources; compile_sources()" >/dev/null 2>&1 || true
    echo "$want" >"$STAMP"
    echo ".venv ready in $((SECONDS - started))s" >&2
}

ensure_venv
cd "$ROOT"
exec "$VENV/bin/python" -m opentr "$@"
