#!/usr/bin/env bash
# Installs what LawDesk needs on a Debian or Ubuntu machine: system packages (fonts with
# Chinese characters, the libraries Qt loads, poppler for PDF checks; with "test" also the
# PostgreSQL server the tests run their own throwaway copy of), then a virtual environment
# in .venv with LawDesk and, with "test", its test tools.
# Sourced by run.sh and test.sh; safe to run again (it only installs what is missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXTRA="${1:-}"

SYSTEM_PACKAGES=(
  fonts-noto-cjk                            # Chinese text on screen (CFF: not for PDFs)
  fonts-arphic-uming fonts-wqy-zenhei       # TrueType Ming (Song) and Hei that PDFs embed
  fonts-liberation2                         # Liberation Serif: figures and Latin letters in PDFs
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
  libxcb-xkb1
  poppler-utils sqlite3 python3-venv
  hashdeep                                  # tests check the offload manifests with it
  graphviz                                  # `dot` lays out the procedure flowcharts
  libportaudio2                             # interview recording (sounddevice, capture/)
)
if [ "$EXTRA" = "test" ]; then
  # The HQ side runs on PostgreSQL: the tests start a private server (scripts/postgres.sh).
  SYSTEM_PACKAGES+=(postgresql)
  # The exported disclosure site is opened in a real browser engine, headless, by Selenium
  # (tests/disclosure/test_portal_browser.py).
  SYSTEM_PACKAGES+=(chromium chromium-driver)
  # Recording tests feed speech (espeak-ng, converted by sox) through ALSA's file device
  # into the real PortAudio stack (tests/capture/conftest.py); alsa-utils to look at it.
  SYSTEM_PACKAGES+=(alsa-utils espeak-ng sox)
fi

missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "Not a Debian system: install these yourself: ${missing[*]}" >&2
  fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  "$PYTHON" -m venv "$ROOT/.venv"
fi
# Reinstall only when the declared dependencies or the set of top-level packages changed
# since the last install (an editable install maps the packages it saw when it ran).
fingerprint=$( (cat "$ROOT/pyproject.toml"; cd "$ROOT" && ls -d */__init__.py) | sha256sum | cut -c1-16)
stamp="$ROOT/.venv/.installed-$fingerprint-${EXTRA:-app}"
if [ ! -f "$stamp" ]; then
  "$ROOT/.venv/bin/python" -m pip install -q --upgrade pip
  if [ -n "$EXTRA" ]; then
    "$ROOT/.venv/bin/python" -m pip install -q -e "$ROOT[$EXTRA]"
  else
    "$ROOT/.venv/bin/python" -m pip install -q -e "$ROOT"
  fi
  rm -f "$ROOT"/.venv/.installed-*
  touch "$stamp"
fi

# Compile LawDesk's own modules now, not at each start. The editable install leaves them as
# source, and where PYTHONDONTWRITEBYTECODE is set (as on our build machines) the
# interpreter compiles every module again on every start and never keeps the result: the
# window's and an offload's imports took 1.17-1.24 s from source against 0.95-1.12 s
# compiled, and a module first imported by one of the window's worker threads holds the
# interpreter lock for its whole compile, the window waiting meanwhile. compileall writes
# regardless of that setting and skips what is up to date (0.3 s).
(cd "$ROOT" && ls -d */__init__.py | xargs -n1 dirname \
  | xargs "$ROOT/.venv/bin/python" -m compileall -q -j 0)
