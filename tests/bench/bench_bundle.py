"""Bundle size: dist/Routekaart against a bare baseline bundle under build/_work/ (both made by
build/build.py); null figures until a bundle exists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench_common import ROOT


def _size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total


def _app_bundle(root: Path) -> Path | None:
    for name in ("Routekaart", "Routekaart.app", "Routekaart.exe"):
        candidate = root / "dist" / name
        if candidate.exists():
            return candidate
    return None


def find_baseline_bundle(root: Path) -> tuple[Path | None, int | None, str]:
    """A bare baseline bundle built by build/build.py under build/_work/ (layout not fixed yet).

    Accepts, in this order: a JSON file under build/_work/ whose name contains 'baseline' with a
    size in bytes (`size_bytes`/`bytes`/`size`) or MB (`size_mb`/`mb`); a PyInstaller output
    folder `.../dist/<name>` or an executable whose path contains 'baseline'.
    """
    work = root / "build" / "_work"
    if not work.is_dir():
        return None, None, "build/_work/ bestaat niet (nog geen build/build.py gedraaid)"
    for js in sorted(work.rglob("*baseline*.json")):
        try:
            data = json.loads(js.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            for key in ("size_bytes", "bytes", "size"):
                if isinstance(data.get(key), (int, float)) and data[key] > 0:
                    return js, int(data[key]), f"grootte uit {js.relative_to(root)}"
            for key in ("size_mb", "mb"):
                if isinstance(data.get(key), (int, float)) and data[key] > 0:
                    return js, int(data[key] * 1024 * 1024), f"grootte uit {js.relative_to(root)}"
    candidates = []
    for dist in work.rglob("dist"):
        if not dist.is_dir() or "baseline" not in dist.relative_to(work).as_posix().lower():
            continue
        candidates.extend(p for p in dist.iterdir() if not p.name.startswith("."))
    if not candidates:
        for p in work.rglob("*baseline*"):
            if p.is_dir() and ((p / "_internal").is_dir() or any(c.suffix == ".exe" for c in p.iterdir())):
                candidates.append(p)
    if candidates:
        best = max(candidates, key=lambda p: p.stat().st_mtime)
        return best, _size_of(best), f"baseline-bundel {best.relative_to(root)}"
    found = ", ".join(sorted(p.relative_to(root).as_posix() for p in work.iterdir())[:8]) or "leeg"
    return None, None, f"geen baseline-bundel gevonden in build/_work/ (wel: {found})"


def measure_bundle(root: Path = ROOT) -> dict[str, Any]:
    app = _app_bundle(root)
    base_path, base_bytes, note = find_baseline_bundle(root)
    result: dict[str, Any] = {"app_mb": None, "baseline_mb": None, "ratio": None}
    if app is None:
        result["note"] = "dist/Routekaart bestaat niet (nog geen bundel gebouwd)"
        if base_bytes:
            result["baseline_mb"] = round(base_bytes / 2**20, 1)
        return result
    app_bytes = _size_of(app)
    result["app_mb"] = round(app_bytes / 2**20, 1)
    result["path"] = app.relative_to(root).as_posix()
    if base_bytes:
        result["baseline_mb"] = round(base_bytes / 2**20, 1)
        result["ratio"] = round(app_bytes / base_bytes, 3)
        result["baseline_path"] = base_path.relative_to(root).as_posix() if base_path else None
    result["note"] = note
    return result


def measure_windows_bundle(root: Path = ROOT) -> dict[str, Any] | None:
    """The Windows bundle that build/windows.sh built under Wine (dist/windows/), when present:
    its size against the bare baseline bundle built beside it (dist/windows/baseline.json)."""
    folder = root / "dist" / "windows" / "Routekaart"
    if not folder.is_dir():
        return None
    app_bytes = _size_of(folder)
    result: dict[str, Any] = {"app_mb": round(app_bytes / 2**20, 1), "baseline_mb": None, "ratio": None,
                              "path": folder.relative_to(root).as_posix()}
    try:
        base_bytes = int(json.loads((folder.parent / "baseline.json").read_text(encoding="utf-8"))["size_bytes"])
        result["baseline_mb"] = round(base_bytes / 2**20, 1)
        result["ratio"] = round(app_bytes / base_bytes, 3)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        result["note"] = f"geen baseline naast de Windows-bundel ({type(exc).__name__})"
    return result
