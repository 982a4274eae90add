"""The size baseline: a minimal PySide6 'one window' app (QMainWindow with a QTextBrowser).

build.py builds it with PyInstaller's default settings, in the same run as the real bundle, and
compares the sizes (the bundle must stay at most 0.8 times this one).
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QTextBrowser())
window.show()
if "--smoke-test" in sys.argv:
    QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
