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
# The tests write real footage (~1.2 GB over a run, kept until the next run) and run a
# PostgreSQL server. On a nearly full disk they would fail by the hundred with "database or
# disk is full": say so once instead.
SCRATCH="${TMPDIR:-/tmp}"
NEEDED_MIB=2048
free_mib="$(df -Pm "$SCRATCH" | awk 'NR == 2 {print $4}')"
if [ "${free_mib:-0}" -lt "$NEEDED_MIB" ]; then
  echo "Only ${free_mib} MiB free in $SCRATCH; the tests need about ${NEEDED_MIB} MiB." \
       "Free some space, or point TMPDIR at a larger disk." >&2
  exit 1
fi
if [ -z "${LAWDESK_TEST_PG:-}" ]; then
  if ! bash "$ROOT/scripts/postgres.sh" status >/dev/null 2>&1; then
    trap 'bash "$ROOT/scripts/postgres.sh" stop' EXIT
  fi
  bash "$ROOT/scripts/postgres.sh" start
  LAWDESK_TEST_PG="$(bash "$ROOT/scripts/postgres.sh" url)"
  export LAWDESK_TEST_PG
fi
# Not exec: the trap above stops the server after pytest, keeping pytest's exit status.
# One worker per core (pytest-xdist); LAWDESK_TEST_WORKERS=0 runs in one process.
"$ROOT/.venv/bin/python" -m pytest -n "${LAWDESK_TEST_WORKERS:-$(nproc)}" "$@"
