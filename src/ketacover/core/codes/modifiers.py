"""Procedure code modifiers: two characters after a CPT/HCPCS code that change its meaning.

ketacover describes the modifiers that come up in ketamine and esketamine billing:

- **25**: a significant, separately identifiable E/M by the same physician on the same day as a
  procedure or drug administration; it goes on the E/M line.
- **59** and the more specific **XE**, **XS**, **XP**, **XU**: a distinct procedural service,
  used to bypass an NCCI pair edit whose modifier indicator is 1; never on E/M codes.
- **KX**: asked for by CGS (a Medicare contractor) on G2082/G2083 to show REMS enrollment.

Any other two letters or digits are accepted as well formed, without a description.

>>> validate("kx")
'KX'
>>> is_valid("2")
False
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ketacover.core.errors import InvalidCodeError
from ketacover.core.sourcebook import cite
from ketacover.core.sources import Source


@dataclass(frozen=True, slots=True, kw_only=True)
class Modifier:
    """One modifier, described in our words."""

    code: str
    """Two characters, e.g. ``25`` or ``KX``."""
    name: str
    """Short name."""
    description: str
    """When it is used and on which line, in plain words."""
    source: Source


_DISTINCT = cite("code-modifier-distinct")
_X_MODIFIER = (
    "One of the four X modifiers (XE, XS, XP, XU), more specific forms of modifier 59 for a "
    "distinct procedural service; like 59, it bypasses only NCCI pair edits with modifier "
    "indicator 1 and is not used on E/M codes."
)

MODIFIERS: Final[tuple[Modifier, ...]] = (
    Modifier(
        code="25",
        name="Significant, separately identifiable E/M on the same day",
        description=(
            "An E/M by the same physician on the same day as a procedure or drug administration "
            "(such as an infusion). It goes on the E/M line, and the E/M documentation must "
            "stand on its own."
        ),
        source=cite("code-modifier-25"),
    ),
    Modifier(
        code="59",
        name="Distinct procedural service",
        description=(
            "Bypasses an NCCI pair edit whose modifier indicator is 1 (indicator 0 cannot be "
            "bypassed). Not used on E/M codes. A second IV site may allow a second initial "
            "infusion code with modifier 59 (codingahead.com 96365 (partly verified))."
        ),
        source=_DISTINCT,
    ),
    *(
        Modifier(
            code=code,
            name="Distinct service (specific form of 59)",
            description=_X_MODIFIER,
            source=_DISTINCT,
        )
        for code in ("XE", "XS", "XP", "XU")
    ),
    Modifier(
        code="KX",
        name="REMS enrollment on Medicare esketamine G-codes (CGS)",
        description=(
            "CGS (Medicare contractor, J15) asks for KX on G2082/G2083 to show REMS enrollment, "
            "with the treating facility and ZIP in the claim note or box 19. Other Medicare "
            "contractors were not checked."
        ),
        source=cite("code-modifier-kx-cgs"),
    ),
)
"""The modifiers ketacover describes."""

_BY_CODE: Final = {modifier.code: modifier for modifier in MODIFIERS}
_KIND: Final = "modifier"


def normalize(code: str) -> str:
    """The modifier without spaces or a leading hyphen, in upper case (``-kx`` gives ``KX``)."""
    return "".join(code.split()).lstrip("-").upper()


def validate(code: str) -> str:
    """Check the modifier is two letters or digits; return it normalized."""
    bare = normalize(code)
    if not bare:
        raise InvalidCodeError(f"{_KIND} is empty")
    if len(bare) != 2 or not (bare.isascii() and bare.isalnum()):
        raise InvalidCodeError(f"{_KIND} {code.strip()!r} must be two letters or digits")
    return bare


def is_valid(code: str) -> bool:
    """Whether ``code`` is a well-formed modifier. Never raises."""
    try:
        validate(code)
    except InvalidCodeError:
        return False
    return True


def known(code: str) -> Modifier | None:
    """The description of a well-formed modifier, or ``None`` when ketacover has none."""
    return _BY_CODE.get(validate(code))


def describe(code: str) -> str:
    """One line on the modifier: its name and use, or that ketacover has no description."""
    modifier = known(code)
    bare = validate(code)
    if modifier is None:
        return f"Modifier {bare}: ketacover has no description for this modifier"
    return f"Modifier {bare}: {modifier.name}. {modifier.description}"
