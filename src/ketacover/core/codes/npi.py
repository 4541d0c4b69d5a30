"""National Provider Identifier (NPI): the 10-digit number of a US health-care provider.

An NPI is 9 identifier digits plus 1 check digit, and carries no meaning of its own (NPIs issued
so far start with 1 or 2). The standard was adopted in the NPI Final Rule (69 FR 3434,
2004-01-23). The check digit is the Luhn mod-10 "double-add-double" digit of ISO/IEC 7812,
computed as if the card-issuer prefix ``80840`` (80 = health, 840 = USA) stood in front; that
prefix adds a constant 24 to the Luhn sum, which is how it is computed here.

A valid check digit only means the number is well formed: whether it was issued, and to whom,
is for the NPPES registry to say.

>>> check_digit("123456789")
'3'
>>> validate("1234567893")
'1234567893'
>>> is_valid("1234567890")
False
"""

from __future__ import annotations

from typing import Final

from ketacover.core.errors import InvalidCodeError
from ketacover.core.sourcebook import cite

SOURCE: Final = cite("code-npi-final-rule")
"""Where the format and the check-digit method come from."""
REGISTRY_NOTE: Final = (
    "A valid check digit does not mean the NPI was issued: look it up in the NPPES registry."
)
"""Shown next to a check-digit result, which says nothing about who holds the number."""

_PREFIX_SUM: Final = 24
"""What the digits 8, 0, 8, 4, 0 in front add to the Luhn sum."""
_KIND: Final = "NPI"


def compact(number: str) -> str:
    """The number without spaces or hyphens."""
    return "".join(number.split()).replace("-", "")


def check_digit(base9: str) -> str:
    """The check digit for 9 identifier digits (``123456789`` gives ``3``)."""
    if len(base9) != 9 or not (base9.isascii() and base9.isdigit()):
        raise InvalidCodeError(f"{_KIND} base {base9!r} must be exactly 9 digits")
    total = _PREFIX_SUM
    # The check digit will sit to the right, so the rightmost base digit is doubled first.
    for position, char in enumerate(reversed(base9)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return str((10 - total % 10) % 10)


def validate(number: str) -> str:
    """Check length, digits and check digit; return the 10 digits.

    Raises :class:`InvalidCodeError` naming the problem (empty, not digits, wrong length, wrong
    check digit with the expected one).
    """
    digits = compact(number)
    if not digits:
        raise InvalidCodeError(f"{_KIND} is empty")
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidCodeError(f"{_KIND} {number.strip()!r} must contain only digits")
    if len(digits) != 10:
        raise InvalidCodeError(f"{_KIND} {digits} must have 10 digits, not {len(digits)}")
    expected = check_digit(digits[:9])
    if digits[9] != expected:
        raise InvalidCodeError(
            f"{_KIND} {digits} has a wrong check digit: the last digit should be {expected}, "
            f"not {digits[9]}"
        )
    return digits


def is_valid(number: str) -> bool:
    """Whether ``number`` is a well-formed NPI with a correct check digit. Never raises."""
    try:
        validate(number)
    except InvalidCodeError:
        return False
    return True


def format(number: str) -> str:
    """The NPI as written on claims: 10 digits, no separators."""
    return validate(number)


def describe(number: str) -> str:
    """One line on a valid NPI: the check-digit result and what it does not prove."""
    digits = validate(number)
    return f"NPI {digits}: check digit {digits[9]} is correct. {REGISTRY_NOTE}"
