"""Signing a pack: Ed25519 (the `cryptography` library) over a manifest of file hashes.

`handtekening.json` in the pack holds the SHA-256 of every other file, the signer's public key and
the signature over both. A pack verifies when the signature is valid for that key and every file
is listed with its hash, no more and no fewer. Whether the key is *trusted* is a separate
question: trusted public keys are files in `vertrouwd/` next to the program, placed by IT.

Key files: the private key is PKCS#8 PEM (written by `routekaart aanvulling keygen`, never into
or read from the program's folder); a public key is one line `ed25519 <base64> <name>` (`.pub`).
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


def generate_key(private_path: Path, name: str, program_dir: Path | None = None) -> tuple[Path, str]:
    """Write a new private key (PEM, readable by its owner only) and its `.pub` next to it.

    Returns (public key file, fingerprint). Refuses to overwrite and to write into the program's
    folder.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    _refuse_program_folder(private_path, program_dir, "bewaar")
    public_path = private_path.with_name(private_path.name.removesuffix(".pem") + ".pub")
    for target in (private_path, public_path):
        if target.exists():
            raise PackError(f"{target}: bestaat al (wordt niet overschreven)")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    import os

    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    label = " ".join(name.split()) or "sleutel"
    public_path.write_text(f"{PUBLIC_PREFIX} {base64.b64encode(raw).decode('ascii')} {label}\n", encoding="utf-8")
    return public_path, fingerprint(raw)


def load_private_key(path: Path, program_dir: Path | None = None) -> Any:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    _refuse_program_folder(path, program_dir, "bewaar")
    try:
        data = path.read_bytes()[: MAX_KEY_FILE_BYTES + 1]
    except OSError as exc:
        raise PackError(f"{path}: sleutel niet te lezen ({exc.strerror or exc})") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise PackError(f"{path}: geen (onversleutelde) privésleutel in PEM-vorm") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise PackError(f"{path}: geen Ed25519-sleutel")
    return key


def parse_public_key(text: str, label: str) -> bytes:
    """The raw 32 bytes of a `.pub` line `ed25519 <base64> [name]`."""
    parts = text.strip().split()
    if len(parts) < 2 or parts[0] != PUBLIC_PREFIX:
        raise PackError(f"{label}: geen openbare sleutel (verwacht 'ed25519 <sleutel> <naam>')")
    try:
        raw = base64.b64decode(parts[1], validate=True)
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
    from cryptography.hazmat.primitives import serialization

    raw = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    public = base64.b64encode(raw).decode("ascii")
    hashes = file_hashes(files)
    signature = private_key.sign(_signed_bytes(public, hashes))
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
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(sig, _signed_bytes(public, hashes))
    except (InvalidSignature, ValueError):
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
