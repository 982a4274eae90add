"""The pinned Qt binding keeps Python's reference counts right.

PySide6 6.12.0 on Python 3.11 dropped one reference to None for every call of a Qt method that
returns nothing (setText, setToolTip ...): after a few thousand calls Python freed None and the app
aborted ("Fatal Python error: none_dealloc"); typing a few hundred search keystrokes was enough.
From Python 3.12 on None is immortal and this test checks little there; CI runs 3.11.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2_000):
        label.setText("x")
        label.setToolTip("y")
    assert sys.getrefcount(None) >= before - 50, (before, sys.getrefcount(None))
