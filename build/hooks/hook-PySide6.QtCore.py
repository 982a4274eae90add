# Replaces PyInstaller's hook for this PySide6 module (hooks in `hookspath` take precedence):
# the same collection, trimmed by qt_trim.py to the plugins and translations the app needs.
import importlib.util
import os

_spec = importlib.util.spec_from_file_location("routekaart_qt_trim", os.path.join(os.path.dirname(__file__), "qt_trim.py"))
_qt_trim = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_qt_trim)

hiddenimports, binaries, datas = _qt_trim.collect(os.path.basename(__file__)[len("hook-"):-len(".py")])
