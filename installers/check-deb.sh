#!/usr/bin/env bash
# Installs the package built by installers/build-deb.sh on this machine and checks the
# installed copy as an IT person would, then removes it again:
#   - dpkg -i (apt-get -f brings in its Depends), `lawdesk --version` from PATH;
#   - a fresh data folder made by the installed copy, and `lawdesk self-check` on it;
#   - the login window and the main window drawn offscreen into PNGs, which must not be
#     blank (pixel variance, checked with the installed copy's own Qt, so nothing from
#     the development tree is involved) and must have come from a font with Chinese;
#   - removing the package leaves the data folder.
#
#   installers/check-deb.sh [dist/lawdesk_VERSION_amd64.deb]   # as root, or with sudo
# Environment: LAWDESK_CHECK_OUT=DIR keeps the screenshots there (default: a temporary
# folder, printed); LAWDESK_KEEP_INSTALLED=1 leaves the package installed (benchmarks).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEB="${1:-$(ls -t "$ROOT"/dist/lawdesk_*_amd64.deb 2>/dev/null | sed -n 1p)}"
[ -f "$DEB" ] || { echo "no package: run installers/build-deb.sh first" >&2; exit 1; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
OUT="${LAWDESK_CHECK_OUT:-$(mktemp -d /tmp/lawdesk-check.XXXXXX)}"
mkdir -p "$OUT"
DATA="$(mktemp -d /tmp/lawdesk-check-data.XXXXXX)/data"
PASSWORD="check-pass-1"
fail() { echo "check-deb: FAILED: $*" >&2; exit 1; }

echo "== installing $DEB"
start=$(date +%s)
if ! $SUDO dpkg -i "$DEB" >/dev/null 2>"$OUT/dpkg.err"; then
  # Missing dependencies leave it unconfigured; apt-get -f installs them and finishes.
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -f -y -qq >/dev/null
fi
# (No `| grep -q` under pipefail: grep quitting early would fail the pipe.)
[[ "$(dpkg-query -W -f='${Status}' lawdesk 2>/dev/null)" == "install ok installed" ]] \
  || fail "the package did not install: $(cat "$OUT/dpkg.err")"
echo "installed in $(( $(date +%s) - start )) s"

# Run as the installed program does, without anything from the development tree.
run() { env -i HOME="$HOME" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
          LAWDESK_PASSWORD="$PASSWORD" "$@"; }

echo "== lawdesk --version"
[ "$(command -v lawdesk)" = /usr/bin/lawdesk ] || fail "lawdesk is not /usr/bin/lawdesk"
version=$(run lawdesk --version)
echo "$version"
expected="lawdesk $(dpkg-deb -f "$DEB" Version)"
[ "$version" = "$expected" ] || fail "--version says '$version', the package is '$expected'"

echo "== a new data folder, and self-check on it"
run lawdesk --data-dir "$DATA" init --admin admin --bureau 某县市场监督管理局
run lawdesk --data-dir "$DATA" self-check || fail "self-check failed (table above)"
run lawdesk --data-dir "$DATA" self-check --json > "$OUT/self-check.json"
[[ "$(grep -A2 '"name": "screen_font"' "$OUT/self-check.json")" == *'"status": "ok"'* ]] \
  || fail "no font for Chinese on screen: the screenshots would show boxes"

echo "== screenshots, offscreen"
run lawdesk --data-dir "$DATA" gui --login-window --screenshot "$OUT/login.png" \
  || fail "the login window did not draw"
run lawdesk --data-dir "$DATA" --user admin gui --screenshot "$OUT/main.png" \
  || fail "the main window did not draw"
for picture in "$OUT/login.png" "$OUT/main.png"; do
  # The installed copy's own Qt reads the picture back (the Qt probe of self-check,
  # asked for the picture's pixel statistics).
  stats=$(run lawdesk self-check --qt-probe --picture "$picture") \
    || fail "could not read $picture"
  echo "$(basename "$picture"): $stats"
  [[ "$stats" == *'"blank": false'* ]] || fail "$picture is blank"
done

echo "== removing the package keeps the data folder"
if [ "${LAWDESK_KEEP_INSTALLED:-0}" != 1 ]; then
  $SUDO dpkg -r lawdesk >/dev/null
  [ ! -e /opt/lawdesk ] || fail "/opt/lawdesk is still there after removal"
  [ -f "$DATA/lawdesk.sqlite" ] || fail "removing the package removed the data folder"
  echo "removed; $DATA is still there"
else
  echo "kept installed (LAWDESK_KEEP_INSTALLED=1)"
fi
rm -rf "$(dirname "$DATA")"
echo "check-deb: all checks passed; screenshots in $OUT"
