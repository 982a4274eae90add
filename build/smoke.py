"""Smoke tests of the frozen bundle (used by `build.py --ci` and tests/test_bundle.py).

Each check starts the frozen program as a subprocess with QT_QPA_PLATFORM=offscreen and needs
exit code 0 and the 'smoke-test ok' line (with more than 0 items: the bundled content was found).

- `check_plain`: dist/Routekaart as built.
- `check_readonly_copy`: a read-only copy in a folder with spaces, an apostrophe and non-ASCII
  characters ("Mijn Programma's/Routekaart é"), started with HOME and XDG_CONFIG_HOME (on
  Windows also APPDATA/LOCALAPPDATA) pointing at a folder that is not writable, so settings can
  only live in memory. As root (where permissions do not bind) it runs as the user 'nobody'.
  Optionally the original bundle is moved aside meanwhile, to prove the copy needs nothing of it.
- `check_content_override`: `validate --content DIR` and ROUTEKAART_CONTENT=DIR use DIR.

Only the standard library; nothing here imports PyInstaller or the app.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "Routekaart"
EXE_NAME = "Routekaart.exe" if sys.platform.startswith("win") else "Routekaart"
SMOKE_LINE = re.compile(r"smoke-test ok: .*?(\d+) items")
#: The awkward install folder of the copy (spaces, an apostrophe, non-ASCII).
ODD_PATH = ("Mijn Programma's", "Routekaart é")


class SmokeFailure(AssertionError):
    pass


def executable(bundle: Path = BUNDLE) -> Path:
    return bundle / EXE_NAME


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ROUTEKAART_CONTENT"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def _run(args: list[str], env: dict[str, str], timeout: float = 120, as_nobody: bool = False):
    kwargs: dict = {}
    if as_nobody:
        kwargs.update(user=_nobody_uid(), group=_nobody_gid(), extra_groups=[])
    try:
        return subprocess.run(args, env=env, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=timeout, **kwargs)
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"{args[0]}: no answer within {timeout:.0f} s") from exc


def _expect_smoke_ok(what: str, result) -> str:
    match = SMOKE_LINE.search(result.stdout)
    if result.returncode != 0 or not match or int(match.group(1)) == 0 or "Traceback" in result.stderr:
        raise SmokeFailure(
            f"{what}: exit code {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return match.group(0)


def check_plain(bundle: Path = BUNDLE) -> str:
    """The bundle as built; returns the smoke-test line."""
    result = _run([str(executable(bundle)), "--smoke-test"], _env())
    return _expect_smoke_ok(f"smoke test of {bundle}", result)


# ------------------------------------------------------------------------------- helpers


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _nobody_uid() -> int:
    import pwd

    try:
        return pwd.getpwnam("nobody").pw_uid
    except KeyError:
        return 65534


def _nobody_gid() -> int:
    import pwd

    try:
        return pwd.getpwnam("nobody").pw_gid
    except KeyError:
        return 65534


def _make_read_only(top: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(top):
        for name in filenames + dirnames:
            path = Path(dirpath) / name
            if not path.is_symlink():
                path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    top.chmod(stat.S_IMODE(top.stat().st_mode) & ~0o222)


def _make_writable(top: Path) -> None:
    """So the temporary tree can be removed again."""
    if not top.exists():
        return
    top.chmod(stat.S_IMODE(top.stat().st_mode) | 0o700)
    for dirpath, dirnames, filenames in os.walk(top):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if not path.is_symlink():
                path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o600 | (0o100 if path.is_dir() else 0))


@contextlib.contextmanager
def _moved_aside(bundle: Path):
    """Temporarily rename the original bundle so nothing can silently fall back to it."""
    aside = bundle.with_name(f".{bundle.name}-aside")
    if aside.exists():
        shutil.rmtree(aside)
    bundle.rename(aside)
    try:
        yield
    finally:
        aside.rename(bundle)


def _tmp_reachable_by_others() -> str | None:
    """A temporary folder whose parents every user may pass through (for the run as 'nobody')."""
    for candidate in (tempfile.gettempdir(), "/tmp", "/var/tmp"):
        path = Path(candidate).resolve()
        if path.is_dir() and all(p.stat().st_mode & stat.S_IXOTH for p in (path, *path.parents)):
            return str(path)
    return None


@contextlib.contextmanager
def readonly_copy(bundle: Path = BUNDLE):
    """(copy of the bundle, a non-writable home folder, run-as-nobody?) in a temporary folder."""
    as_nobody = _running_as_root()
    tmp = Path(tempfile.mkdtemp(prefix="routekaart-smoke-", dir=_tmp_reachable_by_others() if as_nobody else None))
    try:
        if as_nobody:
            tmp.chmod(0o755)  # the user 'nobody' must be able to reach the copy
        target = tmp.joinpath(*ODD_PATH)
        target.parent.mkdir(parents=True)
        shutil.copytree(bundle, target, symlinks=True)
        _make_read_only(target)
        target.parent.chmod(0o555)
        home = tmp / "home zonder schrijfrechten"
        home.mkdir()
        home.chmod(0o555)
        yield target, home, as_nobody
    finally:
        _make_writable(tmp)
        shutil.rmtree(tmp, ignore_errors=True)


def _home_env(home: Path) -> dict[str, str]:
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home)}
    if sys.platform.startswith("win"):
        env.update(APPDATA=str(home), LOCALAPPDATA=str(home), USERPROFILE=str(home))
    return env


def check_readonly_copy(bundle: Path = BUNDLE, move_original_aside: bool = False) -> str:
    """A read-only copy in 'Mijn Programma's/Routekaart é' with a non-writable home folder."""
    with readonly_copy(bundle) as (copy, home, as_nobody):
        if not as_nobody and os.access(home, os.W_OK) and not sys.platform.startswith("win"):
            raise SmokeFailure(f"could not make {home} non-writable")
        guard = _moved_aside(bundle) if move_original_aside else contextlib.nullcontext()
        with guard:
            result = _run([str(executable(copy)), "--smoke-test"], _env(**_home_env(home)), as_nobody=as_nobody)
        line = _expect_smoke_ok(f"smoke test of a read-only copy in {copy} (home {home} not writable)", result)
        leftovers = [p for p in home.rglob("*")]
        if leftovers:
            raise SmokeFailure(f"the app wrote into the non-writable home folder: {leftovers}")
        who = " as 'nobody'" if as_nobody else ""
        return f"{line} (read-only copy in '{copy.parent.name}/{copy.name}', home not writable{who})"


def check_content_override(bundle: Path = BUNDLE) -> str:
    """`validate --content DIR` and ROUTEKAART_CONTENT=DIR read DIR (a folder with an odd name)."""
    exe = str(executable(bundle))
    with tempfile.TemporaryDirectory(prefix="routekaart-content-") as tmp:
        content = Path(tmp) / "Eigen inhoud é"
        shutil.copytree(bundle / "_internal" / "content", content)
        for what, args, env in (
            ("--content", [exe, "validate", "--content", str(content)], _env()),
            ("ROUTEKAART_CONTENT", [exe, "validate"], _env(ROUTEKAART_CONTENT=str(content))),
        ):
            result = _run(args, env)
            # 0 = valid, 1 = content problems (reported by `routekaart validate` in CI already):
            # either way the last line names the folder that was read.
            if result.returncode not in (0, 1) or content.name not in result.stderr:
                raise SmokeFailure(
                    f"{what}: exit code {result.returncode}, expected the folder {content} in:\n{result.stderr}"
                )
        return f"--content and ROUTEKAART_CONTENT read '{content.name}'"


def main() -> int:
    """`python build/smoke.py`: all checks on dist/Routekaart."""
    if not executable().exists():
        print(f"{executable()} does not exist: run python build/build.py first", file=sys.stderr)
        return 2
    try:
        for check in (check_plain, check_readonly_copy, check_content_override):
            print(check(), flush=True)
    except SmokeFailure as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
