"""Reading a pack (a folder or a .zip) into memory, safely.

A pack comes from outside: a zip from an e-mail, a folder on a share. Everything is read into
memory and nothing is ever extracted to disk. Before a byte is decompressed the archive's
directory is checked: names that climb out (`../`, absolute paths, drive letters, backslashes),
symbolic links, encrypted entries, too many files, too deep, too large, or a compression ratio
no text file has (a zip bomb). While reading, the real size is counted again (a header can lie).
Text must be UTF-8. Any problem ends the reading with one line (`PackError`): nothing is kept.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

#: At most this many files in a pack (a manifest, a signature and a page per municipality).
MAX_FILES = 100
#: One file of a pack: pages are short.
MAX_FILE_BYTES = 256 * 1024
#: All files of a pack together, uncompressed.
MAX_TOTAL_BYTES = 2 * 1024 * 1024
#: The .zip file itself.
MAX_ARCHIVE_BYTES = 4 * 1024 * 1024
#: Folders inside a pack (gemeenten/leiden.md is 2 parts).
MAX_PARTS = 4
#: Deflated Markdown and YAML shrink about 3-10 times; a zip bomb thousands of times.
MAX_RATIO = 50
#: Longer lines are refused (as in content): nobody writes them.
MAX_LINE_CHARS = 20_000
#: Files a pack may hold, by suffix.
SUFFIXES = (".yaml", ".yml", ".md", ".json")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class PackError(Exception):
    """A pack that cannot be used: the message is one line, in Dutch."""


def _ignored(name: str) -> bool:
    """Files that archivers and file managers add (never read, never signed)."""
    parts = name.split("/")
    return any((p.startswith(".") and p not in (".", "..")) or p == "__MACOSX" or p.lower() == "thumbs.db" for p in parts)


def check_name(name: str) -> str:
    """The pack-relative path `name` in its one accepted form, or PackError saying why not."""
    shown = name.encode("unicode_escape").decode("ascii")[:120]
    if not name or any(ord(ch) < 32 or ch == "\x7f" for ch in name):
        raise PackError(f"bestandsnaam met een stuurteken in de aanvulling: '{shown}'")
    if "\\" in name:
        raise PackError(f"bestandsnaam met een backslash in de aanvulling: '{shown}'")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise PackError(f"absoluut pad in de aanvulling: '{shown}' (alleen paden binnen de aanvulling)")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise PackError(f"pad buiten de aanvulling: '{shown}' (.. is niet toegestaan)")
    if len(parts) > MAX_PARTS:
        raise PackError(f"te diep genest: '{shown}' (hoogstens {MAX_PARTS} niveaus)")
    if any(len(p) > 100 for p in parts):
        raise PackError(f"bestandsnaam te lang: '{shown}'")
    return "/".join(parts)


def _check_suffix(rel: str) -> None:
    if not rel.lower().endswith(SUFFIXES):
        raise PackError(f"{rel}: dit soort bestand hoort niet in een aanvulling (alleen .yaml, .md en de handtekening)")


def _add(files: dict[str, bytes], seen: dict[str, str], rel: str, data: bytes) -> None:
    folded = rel.casefold()  # Windows and macOS do not tell A.md from a.md
    if folded in seen:
        raise PackError(f"{rel}: staat twee keer in de aanvulling (ook als {seen[folded]})")
    seen[folded] = rel
    files[rel] = data


def read_pack(path: Path) -> dict[str, bytes]:
    """The files of a pack at `path` (folder or .zip): relative path -> bytes."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        raise PackError(f"{path}: niet te lezen ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise PackError(f"{path}: onbruikbare naam ({exc})") from None
    if stat.S_ISDIR(st.st_mode):
        files = _read_folder(path)
    elif stat.S_ISREG(st.st_mode):
        files = _read_zip(path, st.st_size)
    elif stat.S_ISLNK(st.st_mode):
        raise PackError(f"{path}: is een symbolische koppeling; geef de map of de .zip zelf")
    else:
        raise PackError(f"{path}: geen map en geen .zip")
    return _strip_top_folder(files)


def _strip_top_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    """A zip of the folder (`pack/aanvulling.yaml`, ...): read as if it were the folder."""
    from .models import MANIFEST

    if MANIFEST in files or not files:
        return files
    tops = {rel.split("/", 1)[0] for rel in files}
    if len(tops) == 1 and all("/" in rel for rel in files):
        top = tops.pop()
        return {rel[len(top) + 1 :]: data for rel, data in files.items()}
    return files


def _read_folder(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    seen: dict[str, str] = {}
    total = 0

    def walk(folder: str, rel_parts: tuple[str, ...]) -> None:
        nonlocal total
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            raise PackError(f"{folder}: map niet te lezen ({exc.strerror or exc})") from None
        for entry in entries:
            rel = "/".join((*rel_parts, entry.name))
            if _ignored(rel):
                continue
            rel = check_name(rel)
            if entry.is_symlink():
                raise PackError(f"{rel}: symbolische koppeling in de aanvulling (niet toegestaan)")
            if entry.is_dir(follow_symlinks=False):
                if len(rel_parts) + 1 >= MAX_PARTS:
                    raise PackError(f"{rel}: te diep genest (hoogstens {MAX_PARTS} niveaus)")
                walk(entry.path, (*rel_parts, entry.name))
                continue
            if not entry.is_file(follow_symlinks=False):
                raise PackError(f"{rel}: geen gewoon bestand")
            _check_suffix(rel)
            if len(files) >= MAX_FILES:
                raise PackError(f"te veel bestanden in de aanvulling (hoogstens {MAX_FILES})")
            size = entry.stat(follow_symlinks=False).st_size
            if size > MAX_FILE_BYTES:
                raise PackError(f"{rel}: te groot ({size} bytes, hoogstens {MAX_FILE_BYTES})")
            try:
                with open(entry.path, "rb") as handle:
                    data = handle.read(MAX_FILE_BYTES + 1)
            except OSError as exc:
                raise PackError(f"{rel}: niet te lezen ({exc.strerror or exc})") from None
            if len(data) > MAX_FILE_BYTES:
                raise PackError(f"{rel}: te groot (meer dan {MAX_FILE_BYTES} bytes)")
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise PackError(f"de aanvulling is te groot (meer dan {MAX_TOTAL_BYTES} bytes)")
            _add(files, seen, rel, data)

    walk(str(root), ())
    return files


def _read_zip(path: Path, size: int) -> dict[str, bytes]:

    if size > MAX_ARCHIVE_BYTES:
        raise PackError(f"{path.name}: te groot ({size} bytes, hoogstens {MAX_ARCHIVE_BYTES})")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_ARCHIVE_BYTES + 1)
    except OSError as exc:
        raise PackError(f"{path.name}: niet te lezen ({exc.strerror or exc})") from None
    return read_zip_bytes(raw, path.name)


def read_zip_bytes(raw: bytes, label: str = "aanvulling.zip") -> dict[str, bytes]:
    """The files of a zip archive held in memory (checked first, then read with counted sizes)."""
    import io
    import zipfile

    if len(raw) > MAX_ARCHIVE_BYTES:
        raise PackError(f"{label}: te groot (hoogstens {MAX_ARCHIVE_BYTES} bytes)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise PackError(f"{label}: geen geldig zip-bestand") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_FILES * 2:
            raise PackError(f"{label}: te veel bestanden (hoogstens {MAX_FILES})")
        wanted = []
        total = 0
        for info in infos:
            name = info.filename
            if _ignored(name):
                continue
            rel = check_name(name)
            mode = (info.external_attr >> 16) & 0xFFFF
            if stat.S_ISLNK(mode):
                raise PackError(f"{rel}: symbolische koppeling in de zip (niet toegestaan)")
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise PackError(f"{rel}: versleuteld bestand in de zip (niet toegestaan)")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise PackError(f"{rel}: onbekende compressie in de zip (alleen 'deflate')")
            _check_suffix(rel)
            if info.file_size > MAX_FILE_BYTES:
                raise PackError(f"{rel}: te groot ({info.file_size} bytes, hoogstens {MAX_FILE_BYTES})")
            if info.file_size > 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise PackError(
                    f"{rel}: verdacht sterk ingepakt ({info.file_size} bytes uit {info.compress_size}; "
                    f"een zip-bom?)"
                )
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise PackError(f"{label}: uitgepakt te groot (meer dan {MAX_TOTAL_BYTES} bytes)")
            wanted.append((info, rel))
        if len(wanted) > MAX_FILES:
            raise PackError(f"{label}: te veel bestanden (hoogstens {MAX_FILES})")
        files: dict[str, bytes] = {}
        seen: dict[str, str] = {}
        for info, rel in wanted:
            try:
                with archive.open(info) as member:  # the CRC is checked at the end of the entry
                    data = member.read(MAX_FILE_BYTES + 1)
                    if len(data) > info.file_size or len(data) > MAX_FILE_BYTES:
                        raise PackError(f"{rel}: groter dan de zip opgeeft (een zip-bom?)")
            except PackError:
                raise
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
                raise PackError(f"{rel}: beschadigd in de zip ({' '.join(str(exc).split())[:80]})") from None
            except Exception:  # zlib.error and friends
                raise PackError(f"{rel}: beschadigd in de zip") from None
            _add(files, seen, rel, data)
    return files


def decode_text(rel: str, data: bytes) -> str:
    """A pack file as text: UTF-8 (with or without BOM), no NUL or other control characters."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError(
            f"{rel}: geen geldige UTF-8-tekst (byte {exc.start}); sla het bestand op als UTF-8"
        ) from None
    control = _CONTROL.search(text)
    if control:
        raise PackError(f"{rel}: bevat een stuurteken (U+{ord(control.group()):04X}); geen tekstbestand?")
    if len(text) > MAX_LINE_CHARS:
        for number, line in enumerate(text.split("\n"), start=1):
            if len(line) > MAX_LINE_CHARS:
                raise PackError(f"{rel}:{number}: regel te lang ({len(line)} tekens, hoogstens {MAX_LINE_CHARS})")
    return text


def pack_label(path: Path) -> str:
    """How a pack is named in messages: its folder or file name."""
    return PurePosixPath(path.as_posix()).name or str(path)
