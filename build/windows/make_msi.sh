#!/usr/bin/env bash
# Build the Windows Installer package from a Windows bundle folder, on Linux, with wixl (msitools).
#
#   bash build/windows/make_msi.sh VERSION BUNDLE_DIR TARGET.msi
#
# BUNDLE_DIR is the PyInstaller folder (…/Routekaart with Routekaart.exe and _internal/).
# wixl-heat lists every file of it (except Routekaart.exe, which routekaart.wxs declares itself with
# the Start-menu shortcut); wixl builds routekaart.wxs + that list. Used by build/windows.sh and by
# .github/workflows/release.yml. Needs the Debian package wixl.
set -euo pipefail
VERSION=${1:?usage: make_msi.sh VERSION BUNDLE_DIR TARGET.msi}
BUNDLE=$(cd "${2:?usage: make_msi.sh VERSION BUNDLE_DIR TARGET.msi}" && pwd)
TARGET=${3:?usage: make_msi.sh VERSION BUNDLE_DIR TARGET.msi}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ -f "$BUNDLE/Routekaart.exe" ] || { echo "make_msi.sh: no Routekaart.exe in $BUNDLE" >&2; exit 2; }
# Windows Installer versions are major.minor.build (at most 255.255.65535).
[[ $VERSION =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -le 255 ] && [ "${BASH_REMATCH[2]}" -le 255 ] \
    && [ "${BASH_REMATCH[3]}" -le 65535 ] || { echo "make_msi.sh: '$VERSION' is no MSI version (a.b.c, at most 255.255.65535)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
name=$(basename "$BUNDLE")
(cd "$BUNDLE/.." && find "$name" -type f | LC_ALL=C sort) \
    | wixl-heat -p "$name/" -x Routekaart.exe --component-group BundleFiles --var var.BundleDir \
                --directory-ref INSTALLDIR --win64 >"$tmp/files.wxs"
TARGET=$(cd "$(dirname "$TARGET")" && pwd)/$(basename "$TARGET")
# wixl looks sources up relative to the current folder (an absolute path is refused).
(cd "$BUNDLE/.." && wixl -a x64 -D Win64=yes -D "Version=$VERSION" -D "BundleDir=$name" -o "$TARGET.part" \
     "$HERE/routekaart.wxs" "$tmp/files.wxs" 2> >(grep -v -e 'GLib-GObject-WARNING' -e '^$' >&2 || true))
mv "$TARGET.part" "$TARGET"
