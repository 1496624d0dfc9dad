#!/bin/sh
# Installs the Debian packages Marathon needs when they are missing (PDF rendering, fonts, gettext, Chromium).
# Does nothing on systems without apt-get; the README lists the equivalents.
set -e
command -v apt-get >/dev/null 2>&1 || { echo "apt-get not found: install the packages listed in the README by hand"; exit 0; }
need=""
for pkg in gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji poppler-utils chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
[ -z "$need" ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing:$need"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >/dev/null
