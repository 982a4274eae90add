"""Local additions in the window: the one-time question for an unsigned pack,
"Bestand > Aanvulling toevoegen…" (choose a .zip or a folder's aanvulling.yaml; it is checked,
copied into the user's profile and shown at once), and "Toch gebruiken…" on the Aanvullingen page
for a pack the user declined before (asked once more, then used at once, no restart)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def confirm_unsigned(parent: QWidget | None, pack: Any) -> bool:
    """Ask once whether to use a pack that is not signed by a key IT trusts (default: no)."""
    m = pack.manifest
    why = "niet ondertekend" if pack.verdict is None or not pack.verdict.fingerprint else (
        f"ondertekend met een sleutel die niet in vertrouwd/ staat ({pack.verdict.fingerprint})"
    )
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Aanvulling niet ondertekend")
    box.setTextFormat(Qt.TextFormat.PlainText)  # names from the pack: never HTML
    box.setText(
        f"De aanvulling '{pack.label}' van {m.publisher} ({m.date.day}-{m.date.month}-{m.date.year}) is {why}.\n\n"
        "Gebruik hem alleen als u weet waar hij vandaan komt. Zijn gegevens staan dan overal met "
        "'niet ondertekend' erbij. Deze vraag komt één keer.\n\nAanvulling gebruiken?"
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText("Gebruiken")
    box.button(QMessageBox.StandardButton.No).setText("Niet gebruiken")
    return box.exec() == QMessageBox.StandardButton.Yes


def choose_pack(parent: QWidget) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, "Aanvulling toevoegen", "", "Aanvulling (*.zip aanvulling.yaml);;Alle bestanden (*)"
    )
    if not path:
        return None
    chosen = Path(path)
    return chosen.parent if chosen.name == "aanvulling.yaml" else chosen


def add_pack(window: Any, path: Path | None = None) -> str:
    """Add the pack at `path` (or ask for one) to the user's profile; returns what was said."""
    from ..content.aanvulling import install_pack
    from ..content.aanvulling.reading import PackError
    from ..paths import program_dir, user_packs_dir

    path = path or choose_pack(window)
    if path is None:
        return ""
    try:
        additions = install_pack(path, window.store, program_dir(), user_packs_dir(),
                                 confirm=lambda pack: confirm_unsigned(window, pack))
    except PackError as exc:
        message = str(exc)
        QMessageBox.warning(window, "Aanvulling niet toegevoegd", message)
        return message
    window.open_target("section:Aanvullingen")
    window.additions_changed()
    lines = additions.summary() if additions is not None else []
    message = "Aanvulling toegevoegd.\n\n" + "\n".join(lines)
    QMessageBox.information(window, "Aanvulling toegevoegd", message)
    return message


def accept_pending(window: Any, digest: str) -> str:
    """"Toch gebruiken…": ask once more about the waiting pack with this digest; on yes it is used
    from now on (remembered) and shown at once. Returns what was said ("" when the user says no)."""
    from ..content.aanvulling import accept_pending as use_pack
    from ..content.aanvulling.reading import PackError

    additions = window.store.additions
    pack = next((p for p in additions.pending if p.digest == digest), None) if additions is not None else None
    if pack is None or not confirm_unsigned(window, pack):
        return ""
    try:
        use_pack(window.store, digest)
    except PackError as exc:
        message = f"{pack.label}: {exc}"
        QMessageBox.warning(window, "Aanvulling niet gebruikt", message)
        return message
    window.additions_changed()
    message = f"Aanvulling {pack.label} wordt nu gebruikt (gemarkeerd als 'niet ondertekend')."
    window.statusBar().showMessage(message, 10000)
    return message
