#!/usr/bin/env bash
# Install LawDesk and open it on the embedded default: SQLite and a local footage store in
# the user data folder (or --data-dir DIR / $LAWDESK_HOME). Extra arguments go to `lawdesk`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
exec "$ROOT/.venv/bin/lawdesk" "$@"
