#!/usr/bin/env bash
# OpenTranscribe database layer: the one entry point.
# Makes .venv and installs the project on first use (and whenever pyproject.toml
# changes), then hands the command to Python. `./opentr.sh help` lists commands.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.installed-from"

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
    want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
        return 0
    fi
    local started=$SECONDS python
    python="$(find_python)"
    echo "setting up .venv (first run, or pyproject.toml changed); this takes a minute..." >&2
    [[ -x "$VENV/bin/python" ]] || "$python" -m venv "$VENV"
    if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT[dev]" >"$VENV/install.log" 2>&1; then
        echo "error: installing the project failed; see $VENV/install.log" >&2
        tail -n 20 "$VENV/install.log" >&2
        return 1
    fi
    echo "$want" >"$STAMP"
    echo ".venv ready in $((SECONDS - started))s" >&2
}

main() {
    ensure_venv
    cd "$ROOT"
    case "${1:-help}" in
        test)
            shift
            exec "$VENV/bin/python" -m pytest "$@"
            ;;
        *)
            exec "$VENV/bin/python" -m app.ops.cli "$@"
            ;;
    esac
}

main "$@"
