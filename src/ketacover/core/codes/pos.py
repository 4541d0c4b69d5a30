"""Place-of-service (POS) codes: the two-digit code on a claim line saying where care happened.

POS codes are set by CMS. ketacover describes the ones that matter for ketamine and esketamine
care: 11 (office), 19 and 22 (outpatient hospital off and on campus), 02 and 10 (telehealth
away from or at the patient's home). Infusions and Spravato sessions are given in person, so
they go under 11 or the facility's POS; the telehealth codes fit only remote psychiatric E/M or
psychotherapy.

Any other two-digit code is accepted as well formed (wrongly rejecting a real code is worse than
wrongly accepting one), but ketacover has no description for it.

>>> validate("11")
'11'
>>> validate("2")
'02'
>>> is_telehealth("10")
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from ketacover.core.errors import InvalidCodeError
from ketacover.core.sourcebook import cite
from ketacover.core.sources import Source


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceOfService:
    """One place-of-service code, described in our words."""

    code: str
    """Two digits, e.g. ``11``."""
    name: str
    """Short name, e.g. ``Office``."""
    description: str
    """What the code means and when it fits, in plain words."""
    telehealth: bool
    """Whether the code is for care given by telehealth."""
    effective_from: date | None = None
    """First date of service the code applies to, when known."""
    source: Source


_TELEHEALTH = cite("code-pos-telehealth")

PLACES: Final[tuple[PlaceOfService, ...]] = (
    PlaceOfService(
        code="02",
        name="Telehealth, patient not at home",
        description=(
            "Care by telehealth while the patient is somewhere other than home. Fits remote "
            "psychiatric E/M or psychotherapy, never an infusion or a Spravato session."
        ),
        telehealth=True,
        source=_TELEHEALTH,
    ),
    PlaceOfService(
        code="10",
        name="Telehealth, patient at home",
        description=(
            "Care by telehealth while the patient is at home. Fits remote psychiatric E/M or "
            "psychotherapy, never an infusion or a Spravato session."
        ),
        telehealth=True,
        effective_from=date(2022, 1, 1),
        source=_TELEHEALTH,
    ),
    PlaceOfService(
        code="11",
        name="Office",
        description=(
            "A place, other than a hospital or other facility, where the professional routinely "
            "sees ambulatory patients. The usual POS for in-office ketamine infusions and "
            "Spravato sessions."
        ),
        telehealth=False,
        source=cite("code-pos-list"),
    ),
    PlaceOfService(
        code="19",
        name="Off campus outpatient hospital",
        description=(
            "A department of a hospital away from its main campus that gives outpatient care: "
            "the POS of a hospital-based clinic off campus."
        ),
        telehealth=False,
        source=cite("code-pos-list"),
    ),
    PlaceOfService(
        code="22",
        name="On campus outpatient hospital",
        description=(
            "A department of a hospital on its campus that gives outpatient care: the POS of a "
            "hospital-based clinic on campus."
        ),
        telehealth=False,
        source=cite("code-pos-list"),
    ),
)
"""The place-of-service codes ketacover describes."""

IN_PERSON: Final = ("11", "19", "22")
"""The places where an infusion or a Spravato session can be given (in person), office first."""

IN_PERSON_NOTE: Final = (
    "Ketamine infusions and Spravato sessions are given in person: use POS 11 or the facility's "
    "POS. The telehealth codes (02, 10) fit only remote psychiatric E/M or psychotherapy."
)
IN_PERSON_SOURCE: Final = cite("code-pos-in-person")

_BY_CODE: Final = {place.code: place for place in PLACES}
_KIND: Final = "place-of-service code"


def normalize(code: str) -> str:
    """The code as two digits: ``"2"`` and ``" 02 "`` both give ``02``."""
    bare = "".join(code.split())
    return bare.zfill(2) if len(bare) == 1 else bare


def known(code: str) -> PlaceOfService | None:
    """The description of a well-formed code, or ``None`` when ketacover has none."""
    return _BY_CODE.get(validate(code))


def validate(code: str, on: date | None = None) -> str:
    """Check the code is two digits (01-99) and, for a known code, in effect on ``on``.

    Returns the two digits; raises :class:`InvalidCodeError` naming the problem.
    """
    bare = normalize(code)
    if not bare:
        raise InvalidCodeError(f"{_KIND} is empty")
    if len(bare) != 2 or not (bare.isascii() and bare.isdigit()) or bare == "00":
        raise InvalidCodeError(f"{_KIND} {code.strip()!r} must be two digits from 01 to 99")
    place = _BY_CODE.get(bare)
    starts = place.effective_from if place else None
    if on is not None and starts is not None and on < starts:
        raise InvalidCodeError(
            f"{_KIND} {bare} is not in effect on {on.isoformat()}: it applies to dates of "
            f"service from {starts.isoformat()}"
        )
    return bare


def is_valid(code: str, on: date | None = None) -> bool:
    """Whether ``code`` is a well-formed POS code (in effect on ``on`` when known)."""
    try:
        validate(code, on)
    except InvalidCodeError:
        return False
    return True


def is_telehealth(code: str) -> bool:
    """Whether ``code`` is one of the telehealth codes ketacover knows (02, 10)."""
    place = known(code)
    return place is not None and place.telehealth


def describe(code: str) -> str:
    """One line on the code: its name and meaning, or that ketacover has no description."""
    bare = validate(code)
    place = _BY_CODE.get(bare)
    if place is None:
        return f"POS {bare}: ketacover has no description for this place-of-service code"
    return f"POS {bare}: {place.name}. {place.description}"
