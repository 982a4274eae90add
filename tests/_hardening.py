"""Helpers for the hardening tests: read-only folders, file snapshots, a network blocker."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest


def _writable(folder: Path) -> bool:
    probe = folder / ".schrijftest"
    try:
        probe.write_bytes(b"")
    except OSError:
        return False
    probe.unlink()
    return True


def _chmod_tree(root: Path, dirs: int, files: int) -> None:
    for path in [root, *root.rglob("*")]:
        if not path.is_symlink():
            path.chmod(dirs if path.is_dir() else files)


@contextlib.contextmanager
def read_only(root: Path) -> Iterator[Path]:
    """Make `root` (and everything in it) read-only for this process, also when running as root.

    chmod does not stop root; then the immutable attribute (chattr +i) does, where the file system
    allows it. Skips the test when neither works.
    """
    _chmod_tree(root, 0o555, 0o444)
    immutable = False
    try:
        if _writable(root) and shutil.which("chattr"):
            immutable = subprocess.run(["chattr", "-R", "+i", str(root)], capture_output=True).returncode == 0
        if _writable(root):
            pytest.skip("kan geen alleen-lezen map maken (root zonder chattr)")
        yield root
    finally:
        if immutable:
            subprocess.run(["chattr", "-R", "-i", str(root)], capture_output=True)
        _chmod_tree(root, 0o755, 0o644)


def snapshot(*roots: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `roots`: path -> (size, modification time)."""
    found: dict[str, tuple[int, int]] = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            for name in dirnames + filenames:
                path = os.path.join(dirpath, name)
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                found[path] = (st.st_size if not os.path.isdir(path) else -1, st.st_mtime_ns)
    return found


def created_files(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(p for p, (size, _) in after.items() if p not in before and size != -1)


def changed_files(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(p for p, info in after.items() if p in before and info != before[p] and info[0] != -1)


SITECUSTOMIZE = textwrap.dedent(
    '''
    """Test harness: every attempt to open a network connection is refused and recorded."""
    import atexit
    import os
    import socket
    import sys

    _RECORD = os.environ["ROUTEKAART_TEST_NET_LOG"]


    def _record(what):
        with open(_RECORD, "a", encoding="utf-8") as handle:
            handle.write(what + "\\n")


    class _BlockedSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            _record("socket.socket" + repr(args))
            raise OSError("network blocked by the test")


    def _blocked(name):
        def refuse(*args, **kwargs):
            _record("socket." + name + repr(args[:2]))
            raise OSError("network blocked by the test")

        return refuse


    socket.socket = _BlockedSocket
    socket.SocketType = _BlockedSocket
    for _name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname",
                  "gethostbyname_ex", "gethostbyaddr", "socketpair", "fromfd"):
        setattr(socket, _name, _blocked(_name))


    def _dump_modules():
        with open(_RECORD + ".modules", "w", encoding="utf-8") as handle:
            handle.write("\\n".join(sorted(sys.modules)))
        try:
            with open("/proc/self/maps", encoding="utf-8") as maps, open(_RECORD + ".maps", "w", encoding="utf-8") as out:
                out.write(maps.read())
        except OSError:
            pass


    atexit.register(_dump_modules)
    '''
)


def network_blocker(folder: Path) -> tuple[dict[str, str], Path]:
    """Environment that loads the blocker into a Python subprocess, and the log it writes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = folder / "net.log"
    log.write_text("", encoding="utf-8")
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "ROUTEKAART_TEST_NET_LOG": str(log)}, log


# -- what the sanitizer may let through -------------------------------------------------------

from html.parser import HTMLParser  # noqa: E402

SAFE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}
SAFE_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "td": {"align"}, "th": {"align"}, "abbr": {"title"}}
LINK_SCHEMES = ("item:", "section:", "home:", "http://", "https://")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_safe_html(fragment: str) -> None:
    """Only allowed tags and attributes; links only internal or http(s); images only res:."""
    import re

    collector = _Collector()
    collector.feed(fragment)
    collector.close()
    for tag, attrs in collector.tags:
        assert tag in SAFE_TAGS, (tag, fragment[:300])
        for name, value in attrs:
            assert name in SAFE_ATTRIBUTES.get(tag, set()), (tag, name, fragment[:300])
            if tag == "a" and name == "href":
                assert (value or "").lower().startswith(LINK_SCHEMES), value
            if tag == "img" and name == "src":
                assert re.fullmatch(r"res:[a-z0-9_-][a-z0-9_.-]*(/[a-z0-9_-][a-z0-9_.-]*)*", value or ""), value
                assert ".." not in value
    lowered = fragment.lower()
    for bad in ("<script", "<style", "<iframe", "<object", "<embed", "<form", "<base", "<meta", "<link", "<svg", "<math"):
        assert bad not in lowered, (bad, fragment[:300])
