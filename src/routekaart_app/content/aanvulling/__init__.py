"""Local additions (aanvullingen): a municipality's or an organisation's own contacts and notes.

A pack is a folder or a .zip with `aanvulling.yaml` (see `models`), read safely into memory
(`reading`), checked against its scope and the bundled content (`pack`), verified (`signing`) and
merged into the store as an overlay that keeps each value's origin (`merge`).

Where packs are found: `aanvullingen/` next to the program (placed by IT, read-only) and
`aanvullingen/` in the user's own profile (added through "Bestand > Aanvulling toevoegen…").
Trusted public keys: `vertrouwd/` next to the program.

This module is cheap to import: without packs, start-up only lists two folders.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

PACKS_FOLDER = "aanvullingen"
TRUSTED_FOLDER = "vertrouwd"
#: The digests of unsigned packs the user confirmed once (in the profile's aanvullingen/).
CONFIRMED_FILE = ".bevestigd"
#: At most this many packs per place are looked at.
MAX_PACKS = 50


def candidates(folder: Path | None) -> list[Path]:
    """The packs in `folder`: sub-folders and .zip files (hidden ones are skipped), by name."""
    if folder is None:
        return []
    try:
        with os.scandir(folder) as entries:
            found = [
                Path(e.path) for e in entries
                if not e.name.startswith(".") and (e.is_dir() or e.name.lower().endswith(".zip"))
            ]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name.casefold())[:MAX_PACKS]


def program_packs_dir(program_dir: Path) -> Path:
    return program_dir / PACKS_FOLDER


def trusted_dir(program_dir: Path) -> Path:
    return program_dir / TRUSTED_FOLDER


def confirmed_digests(user_dir: Path | None) -> set[str]:
    if user_dir is None:
        return set()
    try:
        text = (user_dir / CONFIRMED_FILE).read_text(encoding="ascii", errors="replace")[:200_000]
    except OSError:
        return set()
    return {line.strip() for line in text.splitlines() if len(line.strip()) == 64}


def remember_confirmed(user_dir: Path, digest: str) -> None:
    """Remember that the user confirmed an unsigned pack (its digest), so it is asked once."""
    user_dir.mkdir(parents=True, exist_ok=True)
    with open(user_dir / CONFIRMED_FILE, "a", encoding="ascii") as handle:
        handle.write(digest + "\n")


def load_additions(
    store: Any,
    program_dir: Path | None,
    user_dir: Path | None,
    confirm: Callable[[Any], bool] | None = None,
) -> Any | None:
    """Find, check and merge the packs into `store` (`store.additions`); None when there are none.

    A pack signed by a trusted key is used silently; an unsigned or unknown-key pack only when it
    was confirmed before (its digest in the profile) or `confirm(pack)` says yes; otherwise it is
    listed in `pending`. A pack that is damaged, tampered with or out of scope is listed in
    `refused` with a one-line reason. Nothing of a refused pack is used.
    """
    found = [(p, "programma") for p in candidates(program_dir / PACKS_FOLDER if program_dir else None)]
    found += [(p, "profiel") for p in candidates(user_dir)]
    if not found:
        return None
    from .merge import Additions
    from .pack import open_pack
    from .reading import PackError

    additions = Additions()
    additions.program_dir, additions.user_dir = program_dir, user_dir
    try:
        from .signing import trusted_keys

        trusted, key_problems = trusted_keys(trusted_dir(program_dir)) if program_dir else ({}, [])
    except ImportError:  # pragma: no cover - PyNaCl missing from a broken install
        store.additions = additions
        additions.refused.append("aanvullingen niet te controleren: de bibliotheek 'PyNaCl' ontbreekt")
        return additions
    additions.refused.extend(key_problems)
    confirmed = confirmed_digests(user_dir)
    for path, place in found:
        try:
            pack = open_pack(path, store, trusted)
        except PackError as exc:
            additions.refused.append(str(exc))
            continue
        pack.place = place
        if not pack.trusted and pack.digest not in confirmed:
            if confirm is None or not confirm(pack):
                additions.pending.append(pack)
                continue
            if user_dir is not None:
                with contextlib.suppress(OSError):  # then asked again next time; used now
                    remember_confirmed(user_dir, pack.digest)
        additions.add(pack, store)
    store.additions = additions
    return additions


def accept_pending(store: Any, digest: str) -> Any:
    """Use a pack that waits for confirmation after all (the user confirmed it on the
    Aanvullingen page): it is remembered as confirmed, and the packs are merged again from where
    they were found, so it applies at once. Returns the new `Additions`; PackError (one line)
    when no waiting pack has that digest, or it changed since it was listed.
    """
    from .reading import PackError

    old = store.additions
    if old is None or not any(p.digest == digest for p in old.pending):
        raise PackError("deze aanvulling wacht niet (meer) op uw bevestiging")
    # The packs in use stay in use (also one confirmed this session whose digest could not be
    # written down); only the confirmed one is added; whatever else waits keeps waiting.
    use = {p.digest for p in old.packs} | {digest}
    additions = load_additions(store, old.program_dir, old.user_dir, confirm=lambda pack: pack.digest in use)
    if additions is None or not any(p.digest == digest for p in additions.packs):
        raise PackError("deze aanvulling is veranderd of verdwenen sinds hij werd getoond; niet gebruikt")
    return additions


def install_pack(
    path: Path,
    store: Any,
    program_dir: Path | None,
    user_dir: Path,
    confirm: Callable[[Any], bool] | None = None,
) -> Any:
    """"Bestand > Aanvulling toevoegen…": check the pack at `path`, ask for an unsigned one, copy
    it into the user's profile and merge it into `store`. Returns the new `Additions`.

    What is written is exactly what was checked (the bytes held in memory), into a new folder
    named after the pack's id; an older copy of the same pack is replaced. PackError (one line)
    when the pack cannot be used, or the user says no; then nothing is written.
    """
    import shutil

    from .pack import open_pack
    from .reading import PackError
    from .signing import is_inside, trusted_keys

    if program_dir is not None and is_inside(path, program_pack_root := program_dir / PACKS_FOLDER):
        raise PackError(f"{path}: staat al naast het programma ({program_pack_root}); toevoegen is niet nodig")
    trusted, _ = trusted_keys(trusted_dir(program_dir)) if program_dir else ({}, [])
    pack = open_pack(path, store, trusted)
    pack.place = "profiel"
    unconfirmed = not pack.trusted and pack.digest not in confirmed_digests(user_dir)
    if unconfirmed and (confirm is None or not confirm(pack)):
        raise PackError(f"{pack.label}: niet toegevoegd (niet ondertekend en niet bevestigd)")
    target = user_dir / pack.manifest.id
    temporary = user_dir / f".{pack.manifest.id}.nieuw"
    try:
        if temporary.exists():
            shutil.rmtree(temporary)
        for rel, data in pack.files.items():
            out = temporary / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
        if target.exists():
            shutil.rmtree(target)
        temporary.rename(target)
        if not pack.trusted:
            remember_confirmed(user_dir, pack.digest)
    except OSError as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        raise PackError(f"{pack.label}: kan niet in uw profiel worden gezet ({exc.strerror or exc})") from None
    return load_additions(store, program_dir, user_dir, confirm=None)
