"""Encryption at rest of stored file bytes: AES-256-GCM with a ring of data keys.

Uploaded files, generated documents and uploads waiting for their confirmation are kept
encrypted in the database (HIPAA Security Rule, 45 CFR 164.312(a)(2)(iv), encryption and
decryption; 164.312(c)(1), integrity; OWASP ASVS 4.0 V6.2, algorithms). AES-GCM (NIST SP 800-38D)
is authenticated encryption: stored bytes that were changed, damaged or moved to another column
do not decrypt, they fail loudly.

The keys come from ``KETACOVER_DATA_KEY`` (or the file named by ``KETACOVER_DATA_KEY_FILE``): one
or more keys, newest first, separated by commas, spaces or new lines, each 32 random bytes in
URL-safe base64 (``ketacover datakey`` prints a new one). The newest key encrypts; every key
listed decrypts, so a key is rotated by putting a new one in front, running ``ketacover rekey``,
and then dropping the old one. Without a configured key, one is generated into the data
directory (``data_key``, mode 0600) on first use, as the secret key is.

A stored value is ``KCE1`` (format 1), the 8-byte id of the key that sealed it, a 12-byte random
nonce, then the ciphertext with its 16-byte tag. The header and the value's *purpose* (the
column it belongs to, such as ``uploads.upload.content``) are authenticated as associated data.
Error messages name the purpose and key ids, never the content.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import re
import secrets
import tempfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from ketacover.core.errors import KetacoverError

MAGIC: Final = b"KCE1"
"""The first bytes of every sealed value: format 1."""
KEY_ID_BYTES: Final = 8
NONCE_BYTES: Final = 12
TAG_BYTES: Final = 16
HEADER_BYTES: Final = len(MAGIC) + KEY_ID_BYTES
"""Magic and key id: what identifies the key a value was sealed with."""
KEY_BYTES: Final = 32
"""AES-256."""
KEY_FILE_NAME: Final = "data_key"
"""The generated key's file in the data directory."""
_SEPARATORS: Final = re.compile(r"[\s,]+")
_KEY_ID_LABEL: Final = b"ketacover data key id\x00"


class DataKeyError(KetacoverError):
    """The data keys are missing, malformed, or do not open what is stored."""


class DecryptionError(KetacoverError):
    """Stored bytes cannot be decrypted with the configured keys; the message names the column
    and the key id, never the content."""


def new_key() -> str:
    """A new random data key, as URL-safe base64 text."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")


def key_id(key: bytes) -> bytes:
    """The 8-byte id stored beside what ``key`` sealed: a hash of the key, which reveals nothing
    of it."""
    return hashlib.sha256(_KEY_ID_LABEL + key).digest()[:KEY_ID_BYTES]


@dataclass(frozen=True, slots=True)
class KeyRing:
    """The configured data keys, newest first: the newest seals, each one opens what it sealed."""

    keys: tuple[tuple[bytes, AESGCM], ...]
    """(key id, cipher) pairs, newest first."""

    @property
    def newest_id(self) -> str:
        """The id (hex) of the key that seals new values."""
        return self.keys[0][0].hex()

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids (hex) of every configured key, newest first."""
        return tuple(ident.hex() for ident, _ in self.keys)

    def seal(self, data: bytes, *, purpose: str) -> bytes:
        """``data`` encrypted with the newest key, bound to ``purpose``."""
        ident, cipher = self.keys[0]
        header = MAGIC + ident
        nonce = os.urandom(NONCE_BYTES)
        return header + nonce + cipher.encrypt(nonce, data, header + purpose.encode("utf-8"))

    def open(self, blob: bytes, *, purpose: str) -> bytes:
        """The bytes ``blob`` holds; DecryptionError if no configured key opens it."""
        if not is_sealed(blob):
            raise DecryptionError(
                f"{purpose}: the stored bytes are not encrypted (run `ketacover migrate`)"
            )
        header, nonce = blob[:HEADER_BYTES], blob[HEADER_BYTES : HEADER_BYTES + NONCE_BYTES]
        ident = header[len(MAGIC) :]
        cipher = next((c for i, c in self.keys if i == ident), None)
        if cipher is None:
            raise DecryptionError(
                f"{purpose}: encrypted with data key {ident.hex()}, which is not configured "
                f"(configured: {', '.join(self.ids)}); add it to KETACOVER_DATA_KEY"
            )
        try:
            return cipher.decrypt(
                nonce, blob[HEADER_BYTES + NONCE_BYTES :], header + purpose.encode("utf-8")
            )
        except InvalidTag:
            raise DecryptionError(
                f"{purpose}: the stored bytes fail their integrity check (changed or damaged)"
            ) from None


def is_sealed(blob: bytes) -> bool:
    """Whether ``blob`` is in the sealed format (it may still be sealed with an unknown key)."""
    return len(blob) >= HEADER_BYTES + NONCE_BYTES + TAG_BYTES and blob.startswith(MAGIC)


def sealed_key_id(blob: bytes) -> str | None:
    """The id (hex) of the key ``blob`` was sealed with; None for bytes not sealed."""
    return blob[len(MAGIC) : HEADER_BYTES].hex() if is_sealed(blob) else None


@lru_cache(maxsize=16)
def keyring_from_text(text: str, *, source: str = "KETACOVER_DATA_KEY") -> KeyRing:
    """The ring of keys written in ``text`` (newest first); ``source`` names where they came
    from in errors, which never show a key."""
    words = [word for word in _SEPARATORS.split(text.strip()) if word]
    if not words:
        raise DataKeyError(f"{source}: no data key given")
    keys: list[tuple[bytes, AESGCM]] = []
    for number, word in enumerate(words, start=1):
        try:
            raw = base64.urlsafe_b64decode(word + "=" * (-len(word) % 4))
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != KEY_BYTES:
            raise DataKeyError(
                f"{source}: key {number} is not {KEY_BYTES} bytes of URL-safe base64 "
                "(make one with `ketacover datakey`)"
            )
        ident = key_id(raw)
        if any(ident == known for known, _ in keys):
            raise DataKeyError(f"{source}: key {number} is listed twice")
        keys.append((ident, AESGCM(raw)))
    return KeyRing(tuple(keys))


def key_file_text(path: Path) -> str:
    """The keys kept in ``path``. When the file does not exist, a new key is written to it first
    (mode 0600). Concurrent first runs agree on one key: the file appears whole (a hard link to a
    finished temporary file) or not at all, and whoever comes second reads the first one's."""
    try:
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".data_key-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(new_key() + "\n")
                stream.flush()
                os.fsync(stream.fileno())
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataKeyError(
            f"{path}: cannot create the data key there ({error.strerror}); "
            "set KETACOVER_DATA_KEY or KETACOVER_DATA_KEY_FILE"
        ) from None


@lru_cache(maxsize=4)
def _file_keyring(path: str) -> KeyRing:
    return keyring_from_text(key_file_text(Path(path)), source=path)


def keyring() -> KeyRing:
    """The configured keys: ``KETACOVER_DATA_KEY`` (or its ``_FILE``), else the data directory's
    key file, created on first use. Read once per process for a given setting."""
    configured: str = getattr(settings, "DATA_KEY", "")
    if configured.strip():
        return keyring_from_text(configured)
    return _file_keyring(str(Path(settings.DATA_DIR) / KEY_FILE_NAME))


def seal(data: bytes, *, purpose: str) -> bytes:
    """``data`` encrypted with the newest configured key, bound to ``purpose``."""
    return keyring().seal(data, purpose=purpose)


def unseal(blob: bytes, *, purpose: str) -> bytes:
    """What ``blob`` (sealed for ``purpose``) holds; DecryptionError if it cannot be opened."""
    return keyring().open(blob, purpose=purpose)


def seal_text(text: str, *, purpose: str) -> str:
    """``text`` compressed, sealed and written as URL-safe base64, to travel in a form field or
    a session."""
    sealed = seal(zlib.compress(text.encode("utf-8")), purpose=purpose)
    return base64.urlsafe_b64encode(sealed).decode("ascii")


def unseal_text(token: str, *, purpose: str) -> str:
    """The text :func:`seal_text` sealed; DecryptionError if it cannot be opened."""
    try:
        blob = base64.b64decode(token.encode("ascii"), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise DecryptionError(f"{purpose}: not sealed text") from None
    try:
        return zlib.decompress(unseal(blob, purpose=purpose)).decode("utf-8")
    except (zlib.error, UnicodeDecodeError):
        raise DecryptionError(f"{purpose}: the sealed text is damaged") from None
