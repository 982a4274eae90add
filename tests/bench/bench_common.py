"""Shared by the benchmark modules: paths, percentiles, child processes and synthetic content."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = ROOT / "content"

def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank-interpolated percentile (like numpy's default 'linear')."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * pct / 100.0
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def get(results: dict[str, Any], path: str) -> Any:
    value: Any = results
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value




class ChildResult:
    def __init__(self, wall_s: float, maxrss_mb: float | None, exit_code: int, stdout: str, stderr: str):
        self.wall_s = wall_s
        self.maxrss_mb = maxrss_mb
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


def _maxrss_mb(ru_maxrss: int) -> float:
    # Linux reports kilobytes, macOS bytes.
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def run_child(cmd: list[str], env: dict[str, str], timeout: float = 120.0) -> ChildResult:
    """Run one process; wall-clock time from the parent and the child's own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=str(ROOT))
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        try:
            if hasattr(os, "wait4"):
                _, status, usage = os.wait4(proc.pid, 0)
                wall = time.perf_counter() - start
                code = os.waitstatus_to_exitcode(status)
                proc.returncode = code  # we reaped it ourselves
                rss: float | None = _maxrss_mb(usage.ru_maxrss)
            else:  # pragma: no cover - Windows: no per-child rusage without psutil
                code = proc.wait()
                wall = time.perf_counter() - start
                rss = None
        finally:
            watchdog.cancel()
        out.seek(0)
        err.seek(0)
        return ChildResult(
            wall, rss, code, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        )


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Settings go to a throw-away profile, never the real one; the bundled content is used.
    env["HOME"] = str(home)
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env.pop("ROUTEKAART_CONTENT", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # Byte-code caching as on a user's machine, for both sides alike: with PYTHONDONTWRITEBYTECODE
    # (set in some sandboxes and CI images) the app's own modules, which pip did not compile,
    # would be compiled from source on every start. The cache goes to a throw-away folder, so
    # nothing is written into src/ or the venv.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env



def loadavg() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):  # pragma: no cover - Windows
        return None


_SYLLABLES = (  # noqa: SIM905 - the syllables read better as text than as a list of quoted strings
    "ver ge be ont hand el ing heid schap lijk wijk team zorg huis recht meld vei lig kind ou der "
    "gren stra taal plan ko mo ra ti on vro uw mid del ste ke lo ka al ad vies bu ren kwa sie"
).split()


def _pseudo_words(count: int, rng: random.Random) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


class SyntheticStore:
    """Duck-typed content store holding `scale` times the real items (for SearchIndex.build).

    Copy 0 is the real content; every further copy clones each real item with a new id, a title
    with one extra word and a body where about a third of the words are replaced by new words.
    The vocabulary grows like natural text (Heaps' law, ~scale**0.55), so fuzzy matching and
    prefix expansion get the kind of growth real content would give them.
    """

    def __init__(self, store: Any, scale: int, seed: int = 1):
        from routekaart_app.search import words

        rng = random.Random(seed * 1000 + scale)
        real = list(store.all_items())
        vocabulary = {w for item in real for text in item.markdown_fields() for w in words(text or "")}
        pool = _pseudo_words(max(50, int(len(vocabulary) * (scale**0.55 - 1))), rng)
        self.meta = store.meta
        self.section_of: dict[str, str] = dict(store.section_of)
        self._items: list[Any] = list(real)
        # The store's other lookups, in case the index starts using them.
        self.pages: dict[str, Any] = dict(store.pages)
        self.municipalities: dict[str, Any] = dict(store.municipalities)
        self.regions: dict[str, Any] = dict(store.regions)
        self.file_of: dict[str, str] = {}

        def mangle(text: str) -> str:
            if not text:
                return text
            parts = text.split(" ")
            for i in range(len(parts)):
                if rng.random() < 0.33:
                    parts[i] = rng.choice(pool)
            return " ".join(parts)

        for copy in range(1, scale):
            for item in real:
                if item.id not in store.pages and item.id not in store.municipalities:
                    continue  # the two regions stay two (a region is a name the window groups by)
                new_id = f"{item.id}_s{copy}"
                update: dict[str, Any] = {"id": new_id}
                if "name" in type(item).model_fields and "title" not in type(item).model_fields:
                    update["name"] = f"{item.name} {rng.choice(pool)}"  # municipalities
                else:
                    update["title"] = f"{item.title} {rng.choice(pool)}"
                for field_name in ("body", "summary", "notes"):
                    if field_name in type(item).model_fields:
                        update[field_name] = mangle(getattr(item, field_name))
                clone = item.model_copy(update=update)
                self._items.append(clone)
                self.section_of[new_id] = store.section_of.get(item.id, "")
                if item.id in store.pages:
                    self.pages[new_id] = clone
                elif item.id in store.municipalities:
                    self.municipalities[new_id] = clone

    def all_items(self) -> Iterable[Any]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)



    def as_content_store(self, root: Path) -> Any:
        """A real ContentStore of these items (for the window), its folder `root`, with a
        fingerprint of its own so a prebuilt index can be written and checked for it."""
        from routekaart_app.content.store import ContentStore

        store = ContentStore(
            root=root, meta=self.meta, pages=self.pages, regions=self.regions,
            municipalities=self.municipalities, section_of=self.section_of, file_of=self.file_of,
        )
        store.fingerprint = f"synthetic-{len(self._items)}"
        return store
