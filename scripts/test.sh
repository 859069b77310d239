#!/usr/bin/env bash
# Install LawDesk with its test tools and run the whole test suite. Extra arguments go to
# pytest. Qt runs offscreen, so no screen is needed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh" test
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
exec "$ROOT/.venv/bin/python" -m pytest "$@"
