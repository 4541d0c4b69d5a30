"""Recovery codes: one-time lookup secrets for logging in when the authenticator app is lost
(OWASP ASVS 2.6, look-up secret verifiers).

A code is 12 characters from a 31-letter alphabet without look-alikes (0/O, 1/I/L), about 59
bits, shown as three groups of four. Only a SHA-256 digest salted with 128 random bits per code
is stored (ASVS 2.6.2); a typed code is compared in constant time, ignoring case, spaces and
dashes.

>>> normalized(" abcd-efgh jkmn ")
'ABCDEFGHJKMN'
>>> digest("ABCDEFGHJKMN", salt="00") == digest("abcd efgh-jkmn", salt="00")
True
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Final

ALPHABET: Final = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH: Final = 12
GROUP: Final = 4
COUNT: Final = 10
"""Recovery codes handed out at enrolment."""


def generate() -> list[str]:
    """``COUNT`` fresh codes, formatted for showing (``ABCD-EFGH-JKMN``)."""
    return [_format("".join(secrets.choice(ALPHABET) for _ in range(LENGTH))) for _ in range(COUNT)]


def _format(code: str) -> str:
    return "-".join(code[index : index + GROUP] for index in range(0, len(code), GROUP))


def normalized(typed: str) -> str:
    """A typed code without spaces or dashes, upper case."""
    return "".join(typed.split()).replace("-", "").upper()


def looks_like_a_code(typed: str) -> bool:
    """Whether ``typed`` has the shape of a recovery code (not whether it is one)."""
    code = normalized(typed)
    return len(code) == LENGTH and all(letter in ALPHABET for letter in code)


def new_salt() -> str:
    """A random salt for one code's digest."""
    return secrets.token_hex(16)


def digest(code: str, *, salt: str) -> str:
    """The stored form of ``code``: SHA-256 of the salt and the normalized code, hex."""
    return hashlib.sha256(f"{salt}:{normalized(code)}".encode()).hexdigest()


def matches(code: str, *, salt: str, stored: str) -> bool:
    """Whether ``code`` is the one stored as ``stored`` (constant-time comparison)."""
    return hmac.compare_digest(digest(code, salt=salt), stored)
