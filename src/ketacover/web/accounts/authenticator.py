"""The authenticator app's side of two-factor login: time-based one-time passwords (RFC 6238
TOTP: 30-second steps, 6 digits, HMAC-SHA-1, the parameters every authenticator app reads),
the QR code that hands the secret to the app, and the encryption of the stored secret.

The secret is 160 random bits (RFC 4226 section 4 recommends 160) in base32. It is stored
encrypted with Fernet (AES-128-CBC with HMAC-SHA-256, from the ``cryptography`` package) under a
key derived by HKDF-SHA-256 from Django's ``SECRET_KEY``; keys in ``SECRET_KEY_FALLBACKS`` still
decrypt, so the secret key can be rotated. The QR code is drawn here as SVG (``segno``): the page
loads nothing from elsewhere.

The test vector of RFC 6238 appendix B (the ASCII secret ``12345678901234567890``, SHA-1),
cut to six digits:

>>> secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
>>> code_at(secret, 59.0)
'287082'
>>> matching_step(secret, "287082", at=59.0)
1
>>> matching_step(secret, "000000", at=59.0) is None
True
"""

from __future__ import annotations

import base64
import time
from functools import cache
from typing import Final

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from pyotp.exceptions import OTPVerificationError

ISSUER: Final = "ketacover"
"""The name the authenticator app shows above the codes."""
DIGITS: Final = 6
STEP_SECONDS: Final = 30
DRIFT_STEPS: Final = 1
"""Codes of the step before and after the current one are accepted too, for clock drift and
typing time (RFC 6238 section 5.2 recommends at most one step back)."""
SECRET_LENGTH: Final = 32
"""Base32 characters of a new secret: 160 bits."""


class SecretUnreadableError(Exception):
    """The stored secret cannot be decrypted: the secret key changed without a fallback."""


def clock() -> float:
    """Seconds since the Unix epoch: the time codes are checked against."""
    return time.time()


def new_secret() -> str:
    """A fresh random base32 secret for one user's authenticator."""
    return pyotp.random_base32(length=SECRET_LENGTH)


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)


def code_at(secret: str, at: float) -> str:
    """The code the authenticator shows at time ``at`` (seconds since the epoch)."""
    return _totp(secret).at(at)


def matching_step(secret: str, code: str, *, at: float) -> int | None:
    """The time step whose code is ``code``, within one step of ``at``; ``None`` if none is."""
    if len(code) != DIGITS or not code.isdigit():
        return None
    try:
        return _totp(secret).verify_and_get_timecode(code, for_time=at, valid_window=DRIFT_STEPS)
    except OTPVerificationError:
        return None


def provisioning_uri(secret: str, *, account: str) -> str:
    """The ``otpauth://totp/...`` address an authenticator app reads from the QR code."""
    return _totp(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_code_svg(uri: str) -> str:
    """The QR code holding ``uri`` as an SVG ``data:`` URL, for an ``<img>`` on the page."""
    return str(segno.make(uri, error="m").svg_data_uri(scale=5, border=2, light="#fff"))


def spaced(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(_derive(key)) for key in keys])


def _derive(key: str) -> bytes:
    material = HKDF(
        algorithm=SHA256(), length=32, salt=b"ketacover", info=b"two-factor secret"
    ).derive(key.encode("utf-8"))
    return base64.urlsafe_b64encode(material)


def _keys() -> tuple[str, ...]:
    return (str(settings.SECRET_KEY), *map(str, getattr(settings, "SECRET_KEY_FALLBACKS", [])))


def seal(secret: str) -> str:
    """``secret`` encrypted for storage."""
    return _fernet(_keys()).encrypt(secret.encode("ascii")).decode("ascii")


def unseal(sealed: str) -> str:
    """The secret stored as ``sealed``; :class:`SecretUnreadableError` if no key opens it."""
    try:
        return _fernet(_keys()).decrypt(sealed.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise SecretUnreadableError("the two-factor secret cannot be decrypted") from error
