#!/usr/bin/env bash
# Install LawDesk with its test tools and run the whole test suite. Extra arguments go to
# pytest. Qt runs offscreen, so no screen is needed.
#
# The PostgreSQL tests need a server: unless $LAWDESK_TEST_PG already names one, a private
# throwaway server is started (scripts/postgres.sh) and stopped again when pytest ends
# (left running if it was running before, so a developer's own start is kept).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh" test
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
if [ -z "${LAWDESK_TEST_PG:-}" ]; then
  if ! bash "$ROOT/scripts/postgres.sh" status >/dev/null 2>&1; then
    trap 'bash "$ROOT/scripts/postgres.sh" stop' EXIT
  fi
  bash "$ROOT/scripts/postgres.sh" start
  LAWDESK_TEST_PG="$(bash "$ROOT/scripts/postgres.sh" url)"
  export LAWDESK_TEST_PG
fi
# Not exec: the trap above stops the server after pytest, keeping pytest's exit status.
"$ROOT/.venv/bin/python" -m pytest "$@"
