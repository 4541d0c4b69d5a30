"""Claim adjustment reason codes (CARC) and group codes, as they appear on remittances.

A remittance line says why a claim was paid less than billed with a *group code* (who bears the
adjustment: CO, PR, OA, PI) and a *reason code* (why), often written together: ``CO-50``.
CARCs are maintained by X12 (the Claim Adjustment Status Code Maintenance Committee) and updated
several times a year; the official wording is on https://x12.org/codes/claim-adjustment-reason-codes.
Whether that text may be redistributed was not checked, so ketacover ships code numbers with its
own paraphrases only, for the codes that matter in ketamine and esketamine denials, and maps each
to the :class:`~ketacover.core.model.DenialReason` that decides the response.

A numeric or letter-and-digit code that is not in the table is accepted (X12 adds codes; wrongly
rejecting a real code is worse than wrongly accepting one): :func:`describe` then says ketacover
has no paraphrase and points to x12.org.

>>> parse("co 50")
('CO', '50')
>>> classify(["CO-16", "CO-50"])
<DenialReason.NOT_MEDICALLY_NECESSARY: 'not_medically_necessary'>
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ketacover.core.errors import InvalidCodeError
from ketacover.core.model import DenialReason
from ketacover.core.sourcebook import cite
from ketacover.core.sources import Source

X12_URL: Final = "https://x12.org/codes/claim-adjustment-reason-codes"
"""Where the official CARC list and wording are published."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReasonCode:
    """One CARC with our paraphrase and the denial category it points to."""

    code: str
    """The reason code, e.g. ``50``."""
    meaning: str
    """ketacover's paraphrase (not the X12 text)."""
    reason: DenialReason
    """The denial category it points to."""
    source: Source


_TABLE_SOURCE = cite("code-carc-x12")

_GROUP_SOURCE = cite("code-carc-groups")

GROUPS: Final[dict[str, tuple[str, Source]]] = {
    "CO": (
        "Contractual obligation: the provider absorbs the amount; an in-network provider may not "
        "bill the patient for it.",
        cite("code-carc-co"),
    ),
    "PR": (
        "Patient responsibility: the patient's share.",
        _GROUP_SOURCE,
    ),
    "OA": (
        "Other adjustment.",
        _GROUP_SOURCE,
    ),
    "PI": (
        "Payer-initiated reduction.",
        _GROUP_SOURCE,
    ),
}
"""Group code -> (our paraphrase, source)."""

_R = DenialReason
_TABLE: Final[tuple[tuple[str, str, DenialReason], ...]] = (
    (
        "15",
        "The authorization number is missing, invalid, or does not match the billed service or "
        "provider.",
        _R.NO_PRIOR_AUTHORIZATION,
    ),
    # 16 is "information missing or a billing error" on the claim itself: the fix is a corrected
    # claim, not documentation for a medical review, so it belongs with coding errors rather than
    # missing_documentation (which calls for records to support medical necessity).
    (
        "16",
        "The claim is missing information or has a billing error; a remark code (RARC) says "
        "what. Fix it and resubmit: this is not a medical appeal.",
        _R.CODING_ERROR,
    ),
    ("39", "Denied when the authorization was requested.", _R.NO_PRIOR_AUTHORIZATION),
    (
        "50",
        "The payer judges the service not medically necessary, so it is not covered.",
        _R.NOT_MEDICALLY_NECESSARY,
    ),
    (
        "55",
        "The payer treats the procedure, treatment or drug as experimental or investigational. "
        "Eligible for ACA external review.",
        _R.EXPERIMENTAL_INVESTIGATIONAL,
    ),
    (
        "56",
        "The payer does not consider the treatment proven effective.",
        _R.EXPERIMENTAL_INVESTIGATIONAL,
    ),
    (
        "96",
        "A generic non-covered charge; the remark code (RARC) gives the real reason.",
        _R.BENEFIT_EXCLUSION,
    ),
    ("114", "The product is not FDA-approved.", _R.EXPERIMENTAL_INVESTIGATIONAL),
    (
        "119",
        "The benefit maximum for the period or occurrence has been used up.",
        _R.FREQUENCY_LIMIT,
    ),
    (
        "151",
        "The payer says the records do not support this number or frequency of services (for "
        "example, too many infusions).",
        _R.FREQUENCY_LIMIT,
    ),
    ("167", "The diagnosis billed is not covered.", _R.BENEFIT_EXCLUSION),
    (
        "188",
        "Covered only when used as the FDA recommends (off-label use is not covered).",
        _R.EXPERIMENTAL_INVESTIGATIONAL,
    ),
    (
        "197",
        "Required precertification, authorization, notification or pre-treatment approval was "
        "not obtained.",
        _R.NO_PRIOR_AUTHORIZATION,
    ),
    ("198", "The authorization was exceeded.", _R.FREQUENCY_LIMIT),
    (
        "204",
        "The service, equipment or drug is excluded from the patient's current benefit plan.",
        _R.BENEFIT_EXCLUSION,
    ),
    ("242", "Services were not provided by network or primary-care providers.", _R.OUT_OF_NETWORK),
    (
        "243",
        "Services were not authorized by network or primary-care providers.",
        _R.OUT_OF_NETWORK,
    ),
)

REASON_CODES: Final[dict[str, ReasonCode]] = {
    code: ReasonCode(code=code, meaning=meaning, reason=reason, source=_TABLE_SOURCE)
    for code, meaning, reason in _TABLE
}
"""The CARCs ketacover paraphrases, by code."""

PRECEDENCE: Final[tuple[DenialReason, ...]] = (
    _R.EXPERIMENTAL_INVESTIGATIONAL,
    _R.NOT_MEDICALLY_NECESSARY,
    _R.NO_PRIOR_AUTHORIZATION,
    _R.OUT_OF_NETWORK,
    _R.FREQUENCY_LIMIT,
    _R.BENEFIT_EXCLUSION,
    _R.CODING_ERROR,
)
"""Which reason wins when a remittance carries several codes, first wins.

The most specific, substantive reason decides the response: an experimental/investigational
determination names the payer's exact position and opens external review, so it comes first;
medical necessity next. Process reasons (authorization, network, limits) follow; a benefit
exclusion is often the generic 96 whose real reason sits in a remark code; a billing error (16)
comes last because it is fixed by a corrected claim, alongside any other reason.
"""

_PATTERN: Final = re.compile(r"(?:([A-Z]{2})[\s:-]*)?([A-Z]?[0-9]{1,3})")
_KIND: Final = "claim adjustment reason code"


def parse(text: str) -> tuple[str | None, str]:
    """Split ``CO-50``, ``co 50``, ``CO50`` or ``50`` into (group code or ``None``, reason code).

    Raises :class:`InvalidCodeError` for text that is not a reason code or names an unknown group.
    """
    cleaned = text.strip().upper()
    if not cleaned:
        raise InvalidCodeError(f"{_KIND} is empty")
    match = _PATTERN.fullmatch(cleaned)
    if match is None:
        raise InvalidCodeError(
            f"{_KIND} {text.strip()!r} is malformed: expected a number such as 50, optionally "
            "after a group code (CO-50, PR-1)"
        )
    group, code = match.groups()
    if group is not None and group not in GROUPS:
        raise InvalidCodeError(
            f"{_KIND} {text.strip()!r} has an unknown group code {group}: group codes are "
            f"{', '.join(GROUPS)}"
        )
    return group, code.lstrip("0") or "0"


def validate(text: str) -> str:
    """Check the code and return it normalized: ``CO-50``, or ``50`` without a group."""
    group, code = parse(text)
    if code == "0":
        raise InvalidCodeError(f"{_KIND} {text.strip()!r} is not a reason code: codes start at 1")
    return f"{group}-{code}" if group else code


def is_valid(text: str) -> bool:
    """Whether ``text`` is a well-formed reason code (known to ketacover or not)."""
    try:
        validate(text)
    except InvalidCodeError:
        return False
    return True


def lookup(text: str) -> ReasonCode | None:
    """The table entry for a well-formed code, or ``None`` when ketacover has no paraphrase."""
    validate(text)
    return REASON_CODES.get(parse(text)[1])


def describe(text: str) -> str:
    """Our paraphrase of the group and reason, or a pointer to x12.org for codes we lack."""
    normalized = validate(text)
    group, code = parse(text)
    entry = REASON_CODES.get(code)
    meaning = (
        entry.meaning
        if entry
        else f"ketacover has no paraphrase for reason code {code}; see {X12_URL}"
    )
    if group is None:
        return f"{normalized}: {meaning}"
    return f"{normalized}: {GROUPS[group][0]} Reason {code}: {meaning}"


def classify(codes: Iterable[str]) -> DenialReason | None:
    """The denial category the codes point to, the first in :data:`PRECEDENCE` that any names.

    Codes ketacover has no paraphrase for are skipped; ``None`` when no code names a category.
    Raises :class:`InvalidCodeError` for a malformed code.
    """
    found: set[DenialReason] = set()
    for text in codes:
        entry = lookup(text)
        if entry is not None:
            found.add(entry.reason)
    return next((reason for reason in PRECEDENCE if reason in found), None)
