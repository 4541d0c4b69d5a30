"""National Drug Codes (NDC) as claims carry them: 11 digits in the 5-4-2 layout.

A package label prints the NDC in one of three 10-digit layouts (4-4-2, 5-3-2 or 5-4-1, with
hyphens); claims want the 11-digit 5-4-2 form, made by adding a leading zero to the short
segment. An 837P sends it without hyphens after the qualifier ``N4`` (loop 2410 ``LIN``), and
the CMS-1500 prints ``N4`` and the 11 digits in the shaded part of item 24 (X12 RFI 2151;
NUCC 1500 instructions). A 10-digit NDC without hyphens cannot be converted (the short segment
is unknown), so it is refused.

>>> normalize("1234-5678-90")
'01234567890'
>>> format("12345678901")
'12345-6789-01'
>>> is_valid("12345-678-90")
True
"""

from __future__ import annotations

import re
from typing import Final

from ketacover.core.errors import InvalidCodeError

__all__ = ["format", "is_valid", "normalize", "validate"]

_HYPHENATED: Final = re.compile(r"(\d{4,5})-(\d{3,4})-(\d{1,2})")
_LAYOUTS: Final = {(4, 4, 2), (5, 3, 2), (5, 4, 1), (5, 4, 2)}
_SHAPE: Final = (
    "is not an NDC: write the 11 digits in the 5-4-2 layout (e.g. 12345-6789-01) or the "
    "10-digit NDC with its hyphens as on the package (4-4-2, 5-3-2 or 5-4-1)"
)


def normalize(ndc: str) -> str:
    """The 11-digit NDC without hyphens; raises :class:`InvalidCodeError` for any other shape."""
    text = "".join(ndc.split())
    if text.isdigit() and len(text) == 11:
        return text
    match = _HYPHENATED.fullmatch(text)
    if match is None:
        raise InvalidCodeError(_SHAPE)
    parts = match.groups()
    if tuple(len(part) for part in parts) not in _LAYOUTS:
        raise InvalidCodeError(_SHAPE)
    labeler, product, package = parts
    return labeler.zfill(5) + product.zfill(4) + package.zfill(2)


def validate(ndc: str) -> str:
    """The 11-digit NDC (same as :func:`normalize`)."""
    return normalize(ndc)


def is_valid(ndc: str) -> bool:
    """Whether ``ndc`` reads as an NDC ketacover can put on a claim. Never raises."""
    try:
        normalize(ndc)
    except InvalidCodeError:
        return False
    return True


def format(ndc: str) -> str:
    """The 11-digit NDC with hyphens, 5-4-2 (``12345-6789-01``)."""
    digits = normalize(ndc)
    return f"{digits[:5]}-{digits[5:9]}-{digits[9:]}"
