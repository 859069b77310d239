#!/usr/bin/env bash
# Builds the Linux package: dist/lawdesk_VERSION_amd64.deb, for Debian-based desktops
# (Debian, Ubuntu, 统信 UOS, 麒麟 Kylin).
#
#   installers/build-deb.sh          # from a clone; installs what it needs, like setup.sh
#
# 1. PyInstaller freezes LawDesk into one folder (installers/lawdesk.spec) under
#    build/frozen/lawdesk: Python, Qt with its plugins, OpenCV, the resources and
#    translations. The machine's glibc is the oldest the package runs on (Depends: libc6):
#    build on the oldest system you deploy to (e.g. a Debian 10 container for UOS 20).
# 2. The folder is staged as /opt/lawdesk with /usr/bin/lawdesk (a wrapper), a desktop
#    entry named 行政执法工作站 and its icon, and packed with dpkg-deb, owned by root.
# Nothing runs as root when LawDesk runs; no udev rule, no service. Installing, upgrading
# and removing the package never touch a user's data folder (~/.local/share/LawDesk).
#
# Fonts: the PDF documents embed a Chinese TrueType font found on the system
# (reports/fonts.py: uming, wqy-zenhei, ...). The package depends on one from the
# distribution instead of carrying one, so the distribution keeps it updated and its
# licence stays with it: Depends: fonts-arphic-uming | fonts-wqy-zenhei (both are in
# Debian, UOS and Kylin); the screen font likewise (fonts-noto-cjk or wqy).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZE_LIMIT_MB=300  # issue 21: the frozen folder

step_start=$(date +%s)
elapsed() { echo $(( $(date +%s) - step_start )); }

# --- what the build needs -------------------------------------------------------------
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
command -v objdump >/dev/null || missing+=(binutils)   # PyInstaller reads ELF headers
command -v dpkg-deb >/dev/null || missing+=(dpkg)
if ((${#missing[@]})); then
  echo "Installing build tools: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  bash scripts/setup.sh            # system packages and the virtual environment
fi
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
  echo "Installing PyInstaller (the build extra)"
  .venv/bin/python -m pip install -q -e ".[build]"
fi

VERSION="$(.venv/bin/python -c 'from core.version import __version__; print(__version__)')"
ARCH="$(dpkg --print-architecture)"
GLIBC="$(ldd --version | sed -n '1s/.* \([0-9]*\.[0-9]*\)$/\1/p')"

# --- 1. freeze ------------------------------------------------------------------------
echo "Freezing LawDesk $VERSION with PyInstaller (several minutes on a busy machine)"
.venv/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath build/frozen --workpath build/pyinstaller installers/lawdesk.spec
FROZEN=build/frozen/lawdesk
# libpython comes unstripped (17 of its 23 MB are symbols). The wheels' libraries are left
# alone: auditwheel rewrote them with patchelf, and strip can break such files.
strip --strip-unneeded "$FROZEN"/_internal/libpython3*.so* 2>/dev/null || true
# Python extension modules no wheel repair touched (auditwheel's patchelf gives a repaired
# file a RUNPATH) carry their symbols too: cryptography, SQLAlchemy's, the standard
# library's (about 11 MB), stripped as Debian strips every package's modules.
find "$FROZEN/_internal" -type f \( -name '*.cpython-*.so' -o -name '*.abi3.so' \) -print0 |
  while IFS= read -r -d '' module; do
    if ! readelf -d "$module" 2>/dev/null | grep -qE 'R(UN)?PATH'; then
      strip --strip-unneeded "$module" 2>/dev/null || true
    fi
  done
"$FROZEN/lawdesk" --version
frozen_mb=$(du -sm "$FROZEN" | cut -f1)
echo "Frozen folder: ${frozen_mb} MB ($FROZEN), built in $(elapsed) s"
if [ "$frozen_mb" -gt "$SIZE_LIMIT_MB" ]; then
  echo "WARNING: the frozen folder is over ${SIZE_LIMIT_MB} MB; the largest parts:"
  du -sm "$FROZEN"/_internal/* | sort -rn | sed -n '1,8s/^/  /p'
fi

# --- 2. stage -------------------------------------------------------------------------
STAGE="build/deb/lawdesk_${VERSION}_${ARCH}"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/256x256/apps" "$STAGE/usr/share/icons/hicolor/scalable/apps" \
  "$STAGE/usr/share/doc/lawdesk"
cp -a "$FROZEN" "$STAGE/opt/lawdesk"
# A wrapper rather than a symbolic link: the frozen program finds its libraries next to
# the path it was started by.
cat > "$STAGE/usr/bin/lawdesk" <<'EOF'
#!/bin/sh
exec /opt/lawdesk/lawdesk "$@"
EOF
chmod 755 "$STAGE/usr/bin/lawdesk"
cp resources/icons/lawdesk-256.png "$STAGE/usr/share/icons/hicolor/256x256/apps/lawdesk.png"
cp resources/icons/lawdesk.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/lawdesk.svg"
cat > "$STAGE/usr/share/applications/lawdesk.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Name=行政执法工作站
Name[zh_CN]=行政执法工作站
Name[en]=LawDesk law-enforcement workstation
GenericName=行政执法三项制度工作站
Comment=行政执法公示、全过程记录、重大执法决定法制审核
Comment[en]=Enforcement disclosure, whole-process recording and legal review
Exec=/usr/bin/lawdesk gui
Icon=lawdesk
Terminal=false
Categories=Office;
StartupNotify=true
EOF
cat > "$STAGE/usr/share/doc/lawdesk/copyright" <<'EOF'
LawDesk 行政执法工作站: proprietary; see the licence agreement you received with it.

/opt/lawdesk/_internal holds third-party components under their own licences, among
them Python (PSF), Qt for Python / Qt 6 (LGPLv3), OpenCV (Apache-2.0) with FFmpeg
(LGPLv2.1+) and OpenBLAS (BSD-3-Clause), SQLAlchemy and Alembic (MIT), reportlab (BSD),
cryptography (Apache-2.0 or BSD). Their licence texts are in the *.dist-info folders
next to them. Fonts are not included: the package depends on the distribution's.
EOF

cat > "$STAGE/DEBIAN/postinst" <<'EOF'
#!/bin/sh
# Registers the menu entry and icon. Never touches a user's data folder.
set -e
if [ "$1" = "configure" ]; then
  command -v update-desktop-database >/dev/null 2>&1 && \
    update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && \
    gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
EOF
cat > "$STAGE/DEBIAN/prerm" <<'EOF'
#!/bin/sh
# Nothing to stop (LawDesk runs no service) and nothing to clean: the data folders
# (~/.local/share/LawDesk, or wherever --data-dir / $LAWDESK_HOME point) belong to their
# users and stay, on removal and on upgrade alike.
set -e
exit 0
EOF
cat > "$STAGE/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = "remove" ] || [ "$1" = "purge" ]; then
  command -v update-desktop-database >/dev/null 2>&1 && \
    update-desktop-database -q /usr/share/applications || true
fi
exit 0
EOF
chmod 755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/prerm" "$STAGE/DEBIAN/postrm"

installed_kb=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<EOF
Package: lawdesk
Version: ${VERSION}
Architecture: ${ARCH}
Maintainer: LawDesk <lawdesk@localhost>
Installed-Size: ${installed_kb}
Section: misc
Priority: optional
Depends: libc6 (>= ${GLIBC}), libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3,
 libglib2.0-0t64 | libglib2.0-0, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0,
 libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0,
 libxcb-shape0, libxcb-xinerama0, libxcb-xkb1,
 fonts-arphic-uming | fonts-wqy-zenhei,
 fonts-noto-cjk | fonts-wqy-zenhei | fonts-wqy-microhei
Recommends: graphviz, libportaudio2, fonts-liberation2 | fonts-liberation
Description: 行政执法工作站 LawDesk law-enforcement workstation
 The desktop workstation of a county or district enforcement bureau for the three
 systems of administrative law enforcement: enforcement disclosure, whole-process
 recording and legal review of major decisions. Works offline; syncs to the bureau's
 headquarters when the network is there. Run "lawdesk self-check" after installing.
EOF
(cd "$STAGE" && find opt usr -type f -print0 | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
chmod -R u+rwX,go+rX,go-w "$STAGE"

# --- 3. pack --------------------------------------------------------------------------
mkdir -p dist
DEB="dist/lawdesk_${VERSION}_${ARCH}.deb"
# xz: what every dpkg reads (zstd needs dpkg 1.21.18, newer than UOS 20 and Kylin V10).
# Level 1, measured here on the 470 MB tree: 150 MB in 80 s; level 6 (the default) saves
# 20 MB and takes 330 s; gzip: 180 MB in 100 s.
threads=()
[[ "$(dpkg-deb --help)" == *--threads-max* ]] && threads=(--threads-max="$(nproc)")
dpkg-deb "${threads[@]}" --build --root-owner-group -Zxz -z1 "$STAGE" "$DEB" >/dev/null
echo "Package: $DEB ($(du -m "$DEB" | cut -f1) MB; frozen folder ${frozen_mb} MB); $(elapsed) s in all"
