"""What the bundle keeps of Qt: the four modules the app uses and the plugins they need.

Used by the hook-PySide6.Qt*.py files next to this one (they replace PyInstaller's own hooks for
these modules, so unwanted plugins, and the libraries those plugins pull in, are never collected)
and by routekaart.spec (a final filter plus a check that fails the build if something forbidden
slipped in).
"""

from __future__ import annotations

import os
import sys

#: The Qt modules the app imports (QtPrintSupport only for print and PDF).
QT_MODULES = {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"}

#: Qt modules that must not be in the bundle (their python bindings are excluded in the spec).
FORBIDDEN_QT_MODULES = (
    "QtNetwork", "QtQml", "QtQuick", "QtWebEngine", "QtWebChannel", "QtWebSockets", "QtOpenGL", "QtDBus",
    "QtSvg", "QtTest", "QtSql", "QtXml", "QtConcurrent", "QtHelp", "QtUiTools", "QtDesigner", "QtPdf",
    "QtMultimedia", "QtVirtualKeyboard", "QtWayland", "QtEglFS", "QtLabs", "QtLottie", "QtCharts", "QtGraphs",
    "Qt3D", "QtStateMachine", "QtTextToSpeech", "QtBluetooth", "QtPositioning", "QtLocation", "QtSerial",
)

if sys.platform.startswith("win"):
    _PLATFORMS = {"qwindows", "qoffscreen", "qminimal"}
elif sys.platform == "darwin":
    _PLATFORMS = {"qcocoa", "qoffscreen", "qminimal"}
else:  # Linux and other X11 systems; Wayland sessions use xcb through XWayland
    _PLATFORMS = {"qxcb", "qoffscreen", "qminimal"}

#: plugin type -> plugin names to keep (None: all of that type). Types not listed are left out:
#: imageformats (PNG is built into QtGui; the app shows no other images), iconengines (SVG),
#: platformthemes (GTK/portal: native dialogs, but they drag in GTK or D-Bus portals), tls and
#: networkinformation (no network), xcbglintegrations/egldeviceintegrations/wayland-* (OpenGL, Wayland).
PLUGINS: dict[str, set[str] | None] = {
    "platforms": _PLATFORMS,
    # compose: dead keys and accents (é, ë) on X11; ibus: input methods on Linux desktops.
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "printsupport": None,  # whatever the wheel has: cups on Linux, the printer support on Windows
    "styles": None,  # Windows 11/Vista and macOS native widget styles
}

#: Qt translation files kept: Dutch (the app's language) and English.
LANGUAGES = ("nl", "en")


#: Files PyInstaller's top-level PySide6 hook adds on Windows for OpenGL (the software renderer and
#: ANGLE). The app draws with widgets only and never loads them.
UNUSED_FILES = ("opengl32sw.dll", "libegl.dll", "libglesv2.dll", "d3dcompiler_*.dll")


def is_unused_file(path: str) -> bool:
    import fnmatch

    name = os.path.basename(path).lower()
    return any(fnmatch.fnmatch(name, pattern) for pattern in UNUSED_FILES)


def plugin_name(path: str) -> str:
    """`.../libqxcb.so` -> `qxcb`, `qwindows.dll` -> `qwindows`, `libqcocoa.dylib` -> `qcocoa`."""
    name = os.path.basename(path)
    for ext in (".so", ".dll", ".dylib"):
        if name.endswith(ext):
            name = name[: -len(ext)]
    return name[3:] if name.startswith("lib") else name


def plugin_type(dest: str) -> str | None:
    """The plugin type of a destination like `PySide6/Qt/plugins/platforms` (or None)."""
    parts = dest.replace("\\", "/").split("/")
    if "plugins" in parts:
        index = parts.index("plugins")
        if index + 1 < len(parts):
            return parts[index + 1]
    return None


def keep_plugin(src: str, dest_dir: str) -> bool:
    kind = plugin_type(dest_dir)
    if kind is None:
        return True  # not a plugin
    if kind not in PLUGINS:
        return False
    wanted = PLUGINS[kind]
    return wanted is None or plugin_name(src) in wanted


def keep_translation(path: str) -> bool:
    """Keep only the nl/en `.qm` files; anything else passes unchanged."""
    name = os.path.basename(path)
    if not name.endswith(".qm"):
        return True
    lang = name[:-3].split("_", 1)[-1]
    return lang.split("_")[0] in LANGUAGES


#: Qt libraries that QtGui itself links to on some platforms (libQt6Gui -> libQt6DBus on Linux):
#: allowed as a library, never as a python binding.
LINKED_BY_KEPT_MODULES = {"QtDBus"}


def is_forbidden(path: str) -> bool:
    """A Qt library or python binding from a module the app does not use."""
    name = os.path.basename(path)
    binding = name.startswith("Qt") and (".abi3." in name or name.endswith((".pyd", ".so")))
    for prefix in ("libQt6", "Qt6", "Qt"):
        if name.startswith(prefix):
            rest = "Qt" + name[len(prefix):]
            hit = next((m for m in FORBIDDEN_QT_MODULES if rest.startswith(m)), None)
            return hit is not None and (binding or hit not in LINKED_BY_KEPT_MODULES)
    return False


def collect(module_name: str):
    """PyInstaller's own collection for one PySide6 module, trimmed to what the app needs."""
    from PyInstaller.utils.hooks.qt import pyside6_library_info

    hiddenimports, binaries, datas = pyside6_library_info.collect_module(module_name)
    hiddenimports = [m for m in hiddenimports if m.split(".")[-1] in QT_MODULES]
    binaries = [(src, dest) for src, dest in binaries if keep_plugin(src, dest)]
    datas = [(src, dest) for src, dest in datas if keep_translation(src)]
    return hiddenimports, binaries, datas
