"""The Qt user interface (PySide6)."""

from __future__ import annotations

import sys

_none_kept = False


def keep_none_alive() -> None:
    """Work around PySide6 6.12 on Python 3.11: every call of a Qt method that returns nothing
    (setText, setData, setToolTip ...) drops one reference to None, so after a few thousand calls
    Python frees None and aborts ("Fatal Python error: none_dealloc"); searching a few hundred
    keystrokes was enough. From Python 3.12 on None is immortal and the bug has no effect. On 3.11
    None gets 2**40 extra references, once; called when the window is idle after start (importing
    ctypes costs start-up milliseconds, and the few hundred calls before it are well covered)."""
    global _none_kept
    if _none_kept or sys.version_info >= (3, 12):
        return
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _none_kept = True
