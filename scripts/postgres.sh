#!/usr/bin/env bash
# A private, throwaway PostgreSQL server for the tests: never the machine's own cluster.
#
#   scripts/postgres.sh start   make it (first time) and start it; fine when already running
#   scripts/postgres.sh stop    stop it (the files stay, so the next start is quick)
#   scripts/postgres.sh url     print the SQLAlchemy URL of its maintenance database
#
# It lives in $LAWDESK_TEST_PG_DIR (default /tmp/lawdesk-test-pg), listens on 127.0.0.1 and
# on a unix socket in that folder, port $LAWDESK_TEST_PG_PORT (default 54329), and trusts
# every local connection. Durability is switched off (fsync, synchronous_commit,
# full_page_writes): a crash loses only test data, and the tests run much faster.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail

DIR="${LAWDESK_TEST_PG_DIR:-/tmp/lawdesk-test-pg}"
PORT="${LAWDESK_TEST_PG_PORT:-54329}"
DATA="$DIR/data"
LOG="$DIR/server.log"
URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"

die() { echo "postgres.sh: $*" >&2; exit 1; }

find_bindir() {
  local dir
  # pg_config may come from libpq-dev alone, without a server beside it: check for initdb.
  if command -v pg_config >/dev/null; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  dir="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"
  [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  die "no PostgreSQL server found (initdb); install it: apt-get install postgresql"
}

# Run a server program as the user that owns the cluster.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (apt-get install postgresql makes it)"
    # cd: the server's user may not be allowed into the caller's working folder.
    # 9>&-: the start lock must not be inherited by the server, which outlives us.
    (cd / && runuser -u postgres -- "$@" 9>&-)
  else
    (cd / && "$@" 9>&-)
  fi
}

running() {
  [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
  mkdir -p "$DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
  chmod 0700 "$DIR"
  # One starter at a time: two test runs starting together must not both run initdb.
  exec 9>"$DIR/.lock"
  flock 9
  if running; then
    return 0
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; die "initdb failed in $DATA"; }
    cat >>"$DATA/postgresql.conf" <<'EOF'

# scripts/postgres.sh: a throwaway test server. Speed over durability.
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
shared_buffers = 64MB
listen_addresses = '127.0.0.1'
EOF
  fi
  # Port and socket folder on the command line, so changing them needs no new cluster.
  if ! as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
      -o "-p $PORT -k $DIR" start >/dev/null; then
    tail -n 20 "$LOG" >&2 || true
    die "the test PostgreSQL server did not start (is port $PORT taken?); log: $LOG"
  fi
}

stop() {
  if running; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
  fi
}

BIN="$(find_bindir)"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  status) if running; then echo "running: $URL"; else echo "stopped"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
