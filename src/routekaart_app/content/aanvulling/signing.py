"""Signing a pack: Ed25519 (libsodium, through PyNaCl) over a manifest of file hashes.

`handtekening.json` in the pack holds the SHA-256 of every other file, the signer's public key and
the signature over both. A pack verifies when the signature is valid for that key and every file
is listed with its hash, no more and no fewer. Whether the key is *trusted* is a separate
question: trusted public keys are files in `vertrouwd/` next to the program, placed by IT.

Key files are one line of text: the private key `ed25519-prive <base64 seed>` (written by
`routekaart aanvulling keygen`, readable by its owner only, never into or read from the program's
folder) and the public key `ed25519 <base64> <name>` (`.pub`).

Why PyNaCl and not `cryptography`: both are kept by the Python Cryptographic Authority, but
`cryptography` adds an 11.5 MB Rust/OpenSSL library to the bundle (measured: 127.5 MiB, 0.805 x the
baseline, over the 0.8 budget), PyNaCl about 1 MB for the same Ed25519.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any, NamedTuple

from .models import SIGNATURE
from .reading import PackError

FORMAT = 1
ALGORITHM = "ed25519"
PUBLIC_PREFIX = "ed25519"
PRIVATE_PREFIX = "ed25519-prive"
MAX_KEY_FILE_BYTES = 16 * 1024
MAX_TRUSTED_KEYS = 200

#: Signature states.
SIGNED = "ondertekend"  # valid, by a trusted key
UNKNOWN_KEY = "onbekende sleutel"  # valid, by a key not in vertrouwd/
UNSIGNED = "niet ondertekend"  # no handtekening.json


class Verdict(NamedTuple):
    state: str
    #: The signer's key fingerprint ("" when unsigned).
    fingerprint: str
    #: The trusted key's name (its file name in vertrouwd/), when trusted.
    key_name: str = ""

    @property
    def trusted(self) -> bool:
        return self.state == SIGNED


def fingerprint(raw_public: bytes) -> str:
    """A short, readable fingerprint of a public key (the first 16 hex digits of its SHA-256)."""
    digest = hashlib.sha256(raw_public).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def file_hashes(files: dict[str, bytes]) -> dict[str, str]:
    return {rel: hashlib.sha256(data).hexdigest() for rel, data in sorted(files.items()) if rel != SIGNATURE}


def _signed_bytes(public_key: str, hashes: dict[str, str]) -> bytes:
    body = {"format": FORMAT, "algorithm": ALGORITHM, "public_key": public_key, "files": hashes}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


# -- keys ---------------------------------------------------------------------------------------


def is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def _refuse_program_folder(path: Path, program_dir: Path | None, what: str) -> None:
    if program_dir is not None and is_inside(path, program_dir):
        raise PackError(
            f"{path}: een privésleutel hoort nooit in de map van het programma ({program_dir}); "
            f"{what} hem op een eigen, beveiligde plek"
        )


def public_path_for(private_path: Path) -> Path:
    if private_path.suffix in (".key", ".pem"):
        return private_path.with_suffix(".pub")
    return private_path.with_name(private_path.name + ".pub")


def generate_key(private_path: Path, name: str, program_dir: Path | None = None) -> tuple[Path, str]:
    """Write a new private key (readable by its owner only) and its `.pub` next to it.

    Returns (public key file, fingerprint). Refuses to overwrite and to write into the program's
    folder.
    """
    import os

    from nacl.signing import SigningKey

    _refuse_program_folder(private_path, program_dir, "bewaar")
    public_path = public_path_for(private_path)
    for target in (private_path, public_path):
        if target.exists():
            raise PackError(f"{target}: bestaat al (wordt niet overschreven)")
    key = SigningKey.generate()
    raw = bytes(key.verify_key)
    try:
        fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise PackError(f"{private_path}: kan de sleutel niet schrijven ({exc.strerror or exc})") from None
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(f"{PRIVATE_PREFIX} {base64.b64encode(bytes(key)).decode('ascii')}\n")
    label = " ".join(name.split()) or "sleutel"
    public_path.write_text(f"{PUBLIC_PREFIX} {base64.b64encode(raw).decode('ascii')} {label}\n", encoding="utf-8")
    return public_path, fingerprint(raw)


def load_private_key(path: Path, program_dir: Path | None = None) -> Any:
    """The signing key in `path` (a file written by `keygen`)."""
    from nacl.signing import SigningKey

    _refuse_program_folder(path, program_dir, "bewaar")
    try:
        data = path.read_bytes()[: MAX_KEY_FILE_BYTES + 1]
    except OSError as exc:
        raise PackError(f"{path}: sleutel niet te lezen ({exc.strerror or exc})") from None
    parts = data.decode("ascii", errors="replace").split()
    if len(parts) != 2 or parts[0] != PRIVATE_PREFIX:
        raise PackError(f"{path}: geen privésleutel van 'routekaart aanvulling keygen'")
    return SigningKey(_key_bytes(parts[1], str(path)))


def parse_public_key(text: str, label: str) -> bytes:
    """The raw 32 bytes of a `.pub` line `ed25519 <base64> [name]`."""
    parts = text.strip().split()
    if len(parts) < 2 or parts[0] != PUBLIC_PREFIX:
        raise PackError(f"{label}: geen openbare sleutel (verwacht 'ed25519 <sleutel> <naam>')")
    return _key_bytes(parts[1], label)


def _key_bytes(text: str, label: str) -> bytes:
    """The 32 bytes of an Ed25519 key written as base64 (private seed or public key alike)."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (ValueError, TypeError):
        raise PackError(f"{label}: sleutel is geen geldige base64") from None
    if len(raw) != 32:
        raise PackError(f"{label}: sleutel heeft de verkeerde lengte")
    return raw


def trusted_keys(folder: Path) -> tuple[dict[bytes, str], list[str]]:
    """The trusted public keys in `folder` (vertrouwd/): raw key -> file name; and problems."""
    keys: dict[bytes, str] = {}
    problems: list[str] = []
    try:
        entries = sorted(p for p in folder.iterdir() if p.suffix == ".pub")
    except OSError:
        return keys, problems
    for path in entries[:MAX_TRUSTED_KEYS]:
        try:
            if path.is_symlink() or not path.is_file():
                continue
            text = path.read_bytes()[:MAX_KEY_FILE_BYTES].decode("utf-8")
            keys[parse_public_key(text, path.name)] = path.stem
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"vertrouwd/{path.name}: niet te lezen ({exc})")
        except PackError as exc:
            problems.append(f"vertrouwd/{exc}")
    return keys, problems


# -- signing and verifying ----------------------------------------------------------------------


def sign_files(files: dict[str, bytes], private_key: Any) -> bytes:
    """The contents of `handtekening.json` for `files` (any existing signature is left out)."""
    raw = bytes(private_key.verify_key)
    public = base64.b64encode(raw).decode("ascii")
    hashes = file_hashes(files)
    signature = private_key.sign(_signed_bytes(public, hashes)).signature
    body = {
        "format": FORMAT,
        "algorithm": ALGORITHM,
        "public_key": public,
        "files": hashes,
        "signature": base64.b64encode(signature).decode("ascii"),
    }
    return (json.dumps(body, indent=2, sort_keys=True, ensure_ascii=True) + "\n").encode("ascii")


def verify(files: dict[str, bytes], trusted: dict[bytes, str]) -> Verdict:
    """Check a pack's signature. Raises PackError when a file does not match (one line)."""
    blob = files.get(SIGNATURE)
    if blob is None:
        return Verdict(UNSIGNED, "")
    try:
        body = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackError(f"{SIGNATURE}: geen geldige handtekening (geen JSON)") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT or body.get("algorithm") != ALGORITHM:
        raise PackError(f"{SIGNATURE}: onbekend formaat (verwacht format {FORMAT}, algorithm {ALGORITHM})")
    public, hashes, signature = body.get("public_key"), body.get("files"), body.get("signature")
    if not (isinstance(public, str) and isinstance(signature, str) and isinstance(hashes, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in hashes.items())):
        raise PackError(f"{SIGNATURE}: onvolledig (public_key, files en signature zijn nodig)")
    try:
        raw = base64.b64decode(public, validate=True)
        sig = base64.b64decode(signature, validate=True)
    except (ValueError, TypeError):
        raise PackError(f"{SIGNATURE}: sleutel of handtekening is geen geldige base64") from None
    from nacl.exceptions import CryptoError
    from nacl.signing import VerifyKey

    try:
        VerifyKey(raw).verify(_signed_bytes(public, hashes), sig)
    except (CryptoError, ValueError, TypeError):
        raise PackError(
            f"{SIGNATURE}: de handtekening klopt niet (de lijst van bestanden is gewijzigd of de handtekening is beschadigd)"
        ) from None
    actual = file_hashes(files)
    for rel in sorted(set(hashes) | set(actual)):
        if rel not in actual:
            raise PackError(f"{rel}: ontbreekt, maar is wel ondertekend")
        if rel not in hashes:
            raise PackError(f"{rel}: is niet ondertekend (na het ondertekenen toegevoegd?)")
        if hashes[rel] != actual[rel]:
            raise PackError(f"{rel}: komt niet overeen met de handtekening (gewijzigd na het ondertekenen)")
    name = trusted.get(raw)
    if name is not None:
        return Verdict(SIGNED, fingerprint(raw), name)
    return Verdict(UNKNOWN_KEY, fingerprint(raw))
