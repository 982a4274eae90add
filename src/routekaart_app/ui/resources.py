"""Images for the reader, only from the bundled resources folder (`res:` URLs).

Content may come from a replaced folder, so a `res:` address is checked twice: the sanitizer
lets only `res:` + a plain relative path through, and here the file must really lie inside the
resources folder (no `..`, no symbolic link out of it), be a PNG or JPEG, and be small.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage

from ..content.sanitize import is_resource_url
from ..paths import resources_dir

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024


def resource_file(address: str, base: Path | None = None) -> Path | None:
    """The file a `res:` address names, or None when it is not a bundled image."""
    if not is_resource_url(address):
        return None
    try:
        root = (base or resources_dir()).resolve()
        path = (root / address[len("res:") :]).resolve()
        if not path.is_relative_to(root) or path.suffix.lower() not in IMAGE_SUFFIXES:
            return None
        if not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
            return None
    except (OSError, ValueError, RuntimeError):
        return None
    return path


def bundled_image(url: QUrl, base: Path | None = None) -> QImage | None:
    path = resource_file(url.toString(), base)
    if path is None:
        return None
    image = QImage(str(path))
    return None if image.isNull() else image
