"""Draw the Routekaart app icon and write resources/routekaart.{png,ico,icns}.

A sober icon, drawn with QPainter (no extra dependency): a dark blue rounded square with a white
route from a start point via a waypoint to a destination marker. The .ico (Windows exe) and .icns
(macOS) are written by hand with PNG-compressed entries, so no image-format plugin is needed.

    python build/make_icons.py          # (re)writes the three files in resources/
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: icns type code -> pixel size (PNG payloads; supported since macOS 10.7)
ICNS_TYPES = (("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512))


def render_png(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
    from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64.0  # design grid: 64 x 64

    # Background: rounded square, dark blue.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f4e79"))
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 12 * s, 12 * s)

    # The route: a white curve from bottom left to top right.
    route = QPainterPath(QPointF(16 * s, 43 * s))
    route.cubicTo(QPointF(18 * s, 32 * s), QPointF(44 * s, 40 * s), QPointF(44 * s, 24 * s))
    pen = QPen(QColor("#ffffff"), max(1.5, 5 * s))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    if size >= 48:  # dashes only where they stay readable
        pen.setDashPattern([1.2, 1.6])
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(route)

    # Start point (white dot) and destination marker (warm accent with a white centre).
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("#ffffff")))
    p.drawEllipse(QPointF(16 * s, 50 * s), 5 * s, 5 * s)
    pin = QPainterPath()
    pin.moveTo(44 * s, 30 * s)
    pin.cubicTo(QPointF(36 * s, 20 * s), QPointF(38 * s, 8 * s), QPointF(44 * s, 8 * s))
    pin.cubicTo(QPointF(50 * s, 8 * s), QPointF(52 * s, 20 * s), QPointF(44 * s, 30 * s))
    p.setBrush(QColor("#f2a541"))
    p.drawPath(pin)
    p.setBrush(QColor("#ffffff"))
    p.drawEllipse(QPointF(44 * s, 16 * s), 3 * s, 3 * s)
    p.end()

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(pngs))
    entries, blobs = b"", b""
    offset = 6 + 16 * len(pngs)
    for size, png in sorted(pngs.items()):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def icns_bytes(pngs: dict[str, bytes]) -> bytes:
    body = b"".join(kind.encode("ascii") + struct.pack(">I", 8 + len(png)) + png for kind, png in pngs.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (keeps Qt alive)
    sizes = sorted(set(ICO_SIZES) | {s for _, s in ICNS_TYPES})
    pngs = {size: render_png(size) for size in sizes}
    RESOURCES.mkdir(exist_ok=True)
    (RESOURCES / "routekaart.png").write_bytes(pngs[256])
    (RESOURCES / "routekaart.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (RESOURCES / "routekaart.icns").write_bytes(icns_bytes({kind: pngs[s] for kind, s in ICNS_TYPES}))
    for name in ("routekaart.png", "routekaart.ico", "routekaart.icns"):
        print(f"{RESOURCES / name} ({(RESOURCES / name).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
