#!/usr/bin/env python3
"""Build the portable Routekaart bundle with PyInstaller (Windows, Linux, macOS).

    python build/build.py                 # bundle + size baseline + zip
    python build/build.py --no-baseline   # without the baseline (faster)
    python build/build.py --ci            # clean build, fail if too large, smoke-test the result

Needs the build extra: `pip install -e ".[build]"`. Produces

- dist/Routekaart/: the one-folder bundle (Routekaart[.exe] plus _internal/ with content/ and
  resources/), from build/routekaart.spec; on macOS also dist/Routekaart.app;
- dist/Routekaart-<version>-<platform>.zip: that folder, zipped (symbolic links kept as links);
- build/_work/: PyInstaller's work folders, the logs, the size baseline and baseline.json.

After PyInstaller, the validated content snapshot is written into the bundle's own copy of the
content (dist/ only), so the frozen window opens without validating every file.

The size baseline is a minimal PySide6 'one window' app (build/baseline_one_window.py) built by
the same PyInstaller with default settings, at the same time as the bundle; the script prints
both sizes (regular files, symbolic links not counted) and their ratio, which must be at most
0.8. `--ci` fails (exit 1) when it is larger, when a file is duplicated in the bundle, when it holds
a developer tool (mypy, pytest ...), or when a
smoke test (build/smoke.py) fails: the bundle as built, and a read-only copy in
"Mijn Programma's/Routekaart é" with a non-writable home folder (the original moved aside).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "Routekaart"
WORK = HERE / "_work"
APP_WORK = WORK / "routekaart"
BASE_WORK = WORK / "baseline"
BASELINE_JSON = WORK / "baseline.json"
MAX_RATIO = 0.8
ICONS = ("routekaart.png", "routekaart.ico", "routekaart.icns")

sys.path.insert(0, str(HERE))
import smoke  # noqa: E402


def version() -> str:
    text = (ROOT / "src" / "routekaart_app" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def platform_tag() -> str:
    if sys.platform.startswith("win"):
        system = "windows"
    elif sys.platform == "darwin":
        system = "macos"
    elif sys.platform.startswith("linux"):
        system = "linux"
    else:
        system = sys.platform
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    if system == "windows" and machine == "x86_64":
        machine = "x64"  # Windows' own name (Routekaart-<version>-windows-x64.zip, as the MSI)
    return f"{system}-{machine}"


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def tree_size(path: Path) -> int:
    """Bytes in regular files (symbolic links are not counted, nor followed)."""
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            st = os.lstat(os.path.join(dirpath, name))
            if stat.S_ISREG(st.st_mode):
                total += st.st_size
    return total


# ------------------------------------------------------------------------------------ building


def pyinstaller(*args: str) -> list[str]:
    return [sys.executable, "-m", "PyInstaller", "--noconfirm", *args]


class Build:
    """One PyInstaller run in the background, its output in a log file."""

    def __init__(self, name: str, cmd: list[str], log: Path):
        self.name, self.cmd, self.log = name, cmd, log
        log.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = open(log, "w", encoding="utf-8")  # noqa: SIM115 (closed in wait)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=self._log_file, stderr=subprocess.STDOUT)
        self.seconds = 0.0

    def wait(self) -> bool:
        code = self.proc.wait()
        self.seconds = time.perf_counter() - self.started
        self._log_file.close()
        if code != 0:
            tail = self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
            print(f"{self.name}: PyInstaller failed (exit {code}); last lines of {self.log}:", file=sys.stderr)
            print("\n".join("    " + line for line in tail), file=sys.stderr)
        else:
            print(f"{self.name}: built in {self.seconds:.0f} s (log: {self.log.relative_to(ROOT)})")
        return code == 0


def ensure_icons() -> None:
    if all((ROOT / "resources" / name).exists() for name in ICONS):
        return
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, str(HERE / "make_icons.py")], check=True, env=env)


def start_builds(with_baseline: bool, clean: bool) -> list[Build]:
    if clean:
        for folder in (APP_WORK, BASE_WORK):
            shutil.rmtree(folder, ignore_errors=True)
        BASELINE_JSON.unlink(missing_ok=True)
    builds = []
    if with_baseline:  # started first: both run at the same time
        builds.append(Build(
            "baseline",
            pyinstaller("--distpath", str(BASE_WORK / "dist"), "--workpath", str(BASE_WORK / "build"),
                        "--specpath", str(BASE_WORK), str(HERE / "baseline_one_window.py")),
            WORK / "baseline.log",
        ))
    builds.append(Build(
        "bundle",
        pyinstaller("--distpath", str(DIST), "--workpath", str(APP_WORK), str(HERE / "routekaart.spec")),
        WORK / "routekaart.log",
    ))
    return builds


def refresh_content_snapshot(bundle: Path) -> str:
    """Write the validated content snapshot into the bundle's own content folder, if the app has one.

    The window then opens from the snapshot instead of validating every file at start-up; it is
    written into dist/ only (the repository's content/ is not touched). Without it the app still
    works: it validates the files.
    """
    import importlib.util

    try:
        if importlib.util.find_spec("routekaart_app.content.snapshot") is None:
            return "no content snapshot module; the app validates the content at start-up"
    except ImportError:
        return "routekaart_app not importable here; no content snapshot written"
    content = bundle / "_internal" / "content"
    result = subprocess.run([sys.executable, "-m", "routekaart_app.content.snapshot", str(content)],
                            capture_output=True, text=True, encoding="utf-8", errors="replace")
    if result.returncode != 0:
        first = (result.stderr.strip().splitlines() or ["?"])[0]
        return f"no content snapshot written ({first}); the app validates the content at start-up"
    return f"content snapshot written to {(content / '.snapshot.json').relative_to(ROOT)}"


# ------------------------------------------------------------------------------------- checking


def duplicates(path: Path, min_size: int = 4096) -> list[list[str]]:
    """Groups of identical regular files (e.g. a library collected twice)."""
    by_size: dict[int, list[Path]] = {}
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            p = Path(dirpath) / name
            st = os.lstat(p)
            if stat.S_ISREG(st.st_mode) and st.st_size >= min_size:
                by_size.setdefault(st.st_size, []).append(p)
    groups: dict[str, list[str]] = {}
    for same in (g for g in by_size.values() if len(g) > 1):
        for p in same:
            digest = hashlib.sha256(p.read_bytes()).hexdigest()
            groups.setdefault(digest, []).append(p.relative_to(path).as_posix())
    return [g for g in groups.values() if len(g) > 1]


#: Packages of the developer's tools, never of the app: in a bundle they mean the build machine's
#: environment leaked into the analysis (pydantic's mypy plugin once pulled in mypy's compiled
#: modules wherever mypy was installed).
DEV_TOOLS = frozenset({
    "mypy", "mypyc", "ast_serialize", "librt", "pytest", "_pytest", "pytestqt", "hypothesis", "ruff",
    "PyInstaller", "pip", "setuptools",
})


def developer_tools(bundle: Path, pyz_toc: Path | None = None) -> list[str]:
    """Developer tools in the bundle: as folders or files beside the program, or as modules in its
    archive (PyInstaller's table of contents of the PYZ, when the work folder is there)."""
    found = set()
    for entry in (bundle / "_internal").iterdir():
        top = re.split(r"[-.]", entry.name, maxsplit=1)[0]
        if top in DEV_TOOLS:
            found.add(entry.name)
    toc = pyz_toc if pyz_toc is not None else APP_WORK / "routekaart" / "PYZ-00.toc"
    if toc.is_file():
        for name in re.findall(r"\('([A-Za-z_][\w.]*)',", toc.read_text(encoding="utf-8")):
            if name.split(".")[0] in DEV_TOOLS:
                found.add(name)
    return sorted(found)


def libraries_from_system(bundle: Path) -> list[str]:
    """Linux: libraries the bundled ones need but that are not in the bundle (ldd 'not found').

    Informational: e.g. libxcb-icccm.so.4 when the build machine lacks it; the xcb plugin then
    needs it from the user's system (as any PySide6 program does).
    """
    if not sys.platform.startswith("linux") or not shutil.which("ldd"):
        return []
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    missing: set[str] = set()
    for dirpath, _dirs, files in os.walk(internal):
        for name in files:
            p = Path(dirpath) / name
            if ".so" in name and not p.is_symlink():
                out = subprocess.run(["ldd", str(p)], capture_output=True, text=True, env=env).stdout
                missing.update(m.split()[0] for m in out.splitlines() if "not found" in m)
    return sorted(missing)


# ------------------------------------------------------------------------------------------ zip


def write_zip(folder: Path, target: Path) -> None:
    """Zip `folder` as `<folder name>/...`; symbolic links are stored as links (unzip restores them)."""
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for dirpath, dirs, files in os.walk(folder):
            for name in sorted(dirs + files):
                path = Path(dirpath) / name
                arcname = f"{folder.name}/{path.relative_to(folder).as_posix()}"
                if path.is_symlink():
                    info = zipfile.ZipInfo(arcname, time.localtime(path.lstat().st_mtime)[:6])
                    info.create_system = 3  # Unix, so the mode bits below count
                    info.external_attr = (stat.S_IFLNK | 0o777) << 16
                    zf.writestr(info, os.readlink(path))
                elif path.is_file():
                    zf.write(path, arcname)
            dirs[:] = [d for d in dirs if not (Path(dirpath) / d).is_symlink()]
    os.replace(partial, target)


# ----------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-baseline", action="store_true", help="skip the size baseline")
    parser.add_argument("--ci", action="store_true",
                        help="clean build with baseline; fail if ratio > 0.8; smoke-test the bundle")
    args = parser.parse_args(argv)
    if args.ci and args.no_baseline:
        parser.error("--ci always builds the baseline")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print('build.py: PyInstaller is missing: pip install -e ".[build]"', file=sys.stderr)
        return 2

    began = time.perf_counter()
    failures: list[str] = []
    ensure_icons()
    builds = start_builds(with_baseline=not args.no_baseline, clean=args.ci)
    results = {b.name: b.wait() for b in builds}
    if not all(results.values()):
        return 1

    print(refresh_content_snapshot(BUNDLE))

    # sizes
    size = tree_size(BUNDLE)
    print(f"bundle   {BUNDLE.relative_to(ROOT)}: {mib(size)} ({size} bytes)")
    if not args.no_baseline:
        base_dir = BASE_WORK / "dist" / "baseline_one_window"
        base = tree_size(base_dir)
        ratio = size / base
        BASELINE_JSON.write_text(json.dumps({
            "size_bytes": base, "path": base_dir.relative_to(ROOT).as_posix(), "bundle_bytes": size,
            "ratio": round(ratio, 4), "max_ratio": MAX_RATIO, "platform": platform_tag(),
        }, indent=2), encoding="utf-8")
        print(f"baseline {base_dir.relative_to(ROOT)}: {mib(base)} ({base} bytes)")
        verdict = "ok" if ratio <= MAX_RATIO else "TOO LARGE"
        print(f"ratio    {ratio:.3f} (at most {MAX_RATIO}): {verdict}")
        if ratio > MAX_RATIO:
            failures.append(f"bundle is {ratio:.3f} x the baseline (at most {MAX_RATIO})")

    dupes = duplicates(BUNDLE)
    for group in dupes:
        print(f"duplicate: {', '.join(group)}", file=sys.stderr)
    if dupes:
        failures.append(f"{len(dupes)} duplicated file(s) in the bundle")
    tools = developer_tools(BUNDLE)
    if tools:
        print(f"developer tools in the bundle: {', '.join(tools[:20])}", file=sys.stderr)
        failures.append(f"{len(tools)} developer tool module(s) or folder(s) in the bundle")
    system_libs = libraries_from_system(BUNDLE)
    if system_libs:
        print(f"note: not on this build machine, so taken from the user's system: {', '.join(system_libs)}")

    archive = DIST / f"Routekaart-{version()}-{platform_tag()}.zip"
    write_zip(BUNDLE, archive)
    print(f"zip      {archive.relative_to(ROOT)}: {mib(archive.stat().st_size)}")

    if args.ci:
        checks = (
            ("smoke test", lambda: smoke.check_plain(BUNDLE)),
            ("smoke test, read-only copy", lambda: smoke.check_readonly_copy(BUNDLE, move_original_aside=True)),
            ("content override", lambda: smoke.check_content_override(BUNDLE)),
        )
        for name, check in checks:
            try:
                print(f"{name}: {check()}", flush=True)
            except smoke.SmokeFailure as exc:
                print(f"{name}: FAILED: {exc}", file=sys.stderr)
                failures.append(name)

    print(f"total    {time.perf_counter() - began:.0f} s")
    if failures:
        print("build.py: FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
