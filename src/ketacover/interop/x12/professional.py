"""X12 837P (health care claim: professional, 005010X222A1) written from composed claims.

ketacover writes the file; sending it (and reading the acknowledgements that come back) is the
clearinghouse's job. One interchange (ISA/GS) holds one transaction set (ST) with as many claims
as given: a billing-provider level (HL 20) for each billing provider and a subscriber level
(HL 22) for each claim, the patient being the subscriber (SBR02 ``18``).

What goes where (005010X222A1; X12 RFI 2151 for the drug):

- loop 1000A submitter ``NM1*41`` and ``PER``; 1000B receiver ``NM1*40``;
- 2010AA billing provider ``NM1*85`` (NPI), ``N3``/``N4`` (a 9-digit ZIP code), ``REF*EI`` (TIN),
  ``PRV*BI`` taxonomy when known;
- 2000B ``SBR`` with the claim filing indicator; 2010BA subscriber ``NM1*IL`` (member ID),
  address and ``DMG``; 2010BB payer ``NM1*PR`` (payer ID);
- 2300 ``CLM`` (patient control number, total charge, place of service), ``REF*G1`` (prior
  authorization), ``HI`` (``ABK`` principal, ``ABF`` other ICD-10-CM codes); 2310B rendering
  provider ``NM1*82`` and ``PRV*PE``;
- 2400 ``LX``, ``SV1`` (code, modifiers, charge, units, diagnosis pointers), ``DTP*472``,
  ``REF*6R`` (line control number); 2410 ``LIN**N4`` (NDC) and ``CTP`` (quantity and unit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Final

from ketacover.core.billing import ProfessionalClaim
from ketacover.core.errors import MissingFactsError
from ketacover.core.model import Address, Case, Sex

__all__ = ["DOCUMENT", "Interchange", "case_missing_for_837", "missing_for_837", "write_837"]

DOCUMENT: Final = "837P"
VERSION: Final = "005010X222A1"
_ELEMENT: Final = "*"
_COMPONENT: Final = ":"
_SEGMENT: Final = "~\n"
_FORBIDDEN: Final = str.maketrans({"*": " ", "~": " ", ":": " ", "^": " ", "\n": " ", "\r": " "})
_SEX: Final = {Sex.FEMALE: "F", Sex.MALE: "M", Sex.UNKNOWN: "U"}
_ZIP_MISSING: Final = (
    "clinic.address.postal_code: the 837P needs the billing provider's 9-digit ZIP code "
    "(ZIP+4, loop 2010AA)"
)
_PATIENT_ADDRESS: Final = (
    "patient.address: the patient's address, which the 837P gives for a subscriber who is the "
    "patient (loop 2010BA)"
)
NOT_OTHERWISE_CLASSIFIED: Final = frozenset({"J3490"})
"""Codes whose line carries a description of what was given (SV101-7), as payers ask for an
unclassified drug."""


@dataclass(frozen=True, slots=True)
class Interchange:
    """The envelope: who sends, who receives, its control number and when it was made."""

    sender_id: str
    """The submitter ID (ISA06, GS02, loop 1000A)."""
    receiver_id: str
    """The receiver's ID: the clearinghouse's or the payer's (ISA08, GS03, loop 1000B)."""
    receiver_name: str
    control_number: int
    """1 to 999999999, unique per interchange the submitter sends."""
    created: datetime
    production: bool = True
    """``P`` in ISA15; ``T`` marks a test file."""


def missing_for_837(claim: ProfessionalClaim) -> list[str]:
    """What an 837P needs beyond the claim itself (each ``path: why``)."""
    missing = []
    if claim.payer is None:
        missing.append("plan: an 837P goes to a health plan; a self-pay patient has none")
    elif not claim.payer.payer_id:
        missing.append("plan.payer_id: the payer's electronic payer ID (loop 2010BB)")
    if len(_digits(claim.billing.address.postal_code)) != 9:
        missing.append(_ZIP_MISSING)
    if not claim.billing.phone:
        missing.append("clinic.phone: the submitter's contact number (loop 1000A PER)")
    if claim.subscriber.address is None:
        missing.append(_PATIENT_ADDRESS)
    return missing


def case_missing_for_837(case: Case) -> list[str]:
    """What an 837P needs from ``case`` beyond what a claim needs (each ``path: why``), so that
    they can be listed together with the claim's own missing facts."""
    missing = []
    plan, clinic = case.plan, case.clinic
    if plan is None:
        missing.append("plan: an 837P goes to a health plan; a self-pay patient has none")
    elif not plan.payer_id:
        missing.append("plan.payer_id: the payer's electronic payer ID (loop 2010BB)")
    address = None if clinic is None else clinic.address
    if address is not None and len(_digits(address.postal_code)) != 9:
        missing.append(_ZIP_MISSING)
    if clinic is not None and not clinic.phone:
        missing.append("clinic.phone: the submitter's contact number (loop 1000A PER)")
    if case.patient.address is None:
        missing.append(_PATIENT_ADDRESS)
    return missing


def write_837(claims: Sequence[ProfessionalClaim], *, interchange: Interchange) -> str:
    """The 837P interchange for ``claims``; raises :class:`MissingFactsError` listing every gap."""
    if not claims:
        raise MissingFactsError(DOCUMENT, ["claims: at least one claim"])
    missing = {why: None for claim in claims for why in missing_for_837(claim)}
    if missing:
        raise MissingFactsError(DOCUMENT, list(missing))
    body = _transaction(claims, interchange)
    at = interchange.created
    control = f"{interchange.control_number:09d}"
    group = str(interchange.control_number)
    head = [
        [
            "ISA", "00", " " * 10, "00", " " * 10,
            "ZZ", _fixed(interchange.sender_id, 15), "ZZ", _fixed(interchange.receiver_id, 15),
            f"{at:%y%m%d}", f"{at:%H%M}", "^", "00501", control, "0",
            "P" if interchange.production else "T", _COMPONENT,
        ],
        [
            "GS", "HC", _text(interchange.sender_id, 15), _text(interchange.receiver_id, 15),
            f"{at:%Y%m%d}", f"{at:%H%M}", group, "X", VERSION,
        ],
    ]  # fmt: skip
    tail = [["GE", "1", group], ["IEA", "1", control]]
    return "".join(_segment(parts) for parts in (*head, *body, *tail))


def _transaction(claims: Sequence[ProfessionalClaim], ic: Interchange) -> list[list[str]]:
    first = claims[0].billing
    segments: list[list[str]] = [
        ["ST", "837", "0001", VERSION],
        ["BHT", "0019", "00", f"{ic.control_number}", f"{ic.created:%Y%m%d}",
         f"{ic.created:%H%M}", "CH"],
        ["NM1", "41", "2", _text(first.name, 60), "", "", "", "", "46", _text(ic.sender_id, 80)],
        ["PER", "IC", _text(first.name, 60), "TE", _digits(first.phone or "")],
        ["NM1", "40", "2", _text(ic.receiver_name, 60), "", "", "", "", "46",
         _text(ic.receiver_id, 80)],
    ]  # fmt: skip
    number = 0
    for npi in dict.fromkeys(claim.billing.npi for claim in claims):
        number += 1
        parent = number
        own = [claim for claim in claims if claim.billing.npi == npi]
        segments.extend(_billing_provider(parent, own[0]))
        for insured in dict.fromkeys(_insured(claim) for claim in own):
            number += 1
            theirs = [claim for claim in own if _insured(claim) == insured]
            segments.extend(_subscriber(number, parent, theirs[0]))
            for claim in theirs:
                segments.extend(_claim(claim))
    segments.append(["SE", str(len(segments) + 1), "0001"])
    return segments


def _insured(claim: ProfessionalClaim) -> tuple[object, ...]:
    """Claims of one subscriber to one payer share a subscriber level (HL 22)."""
    person, payer = claim.subscriber, claim.payer
    return (
        person.member_id,
        person.family_name,
        person.given_name,
        person.date_of_birth,
        None if payer is None else payer.payer_id,
    )


def _billing_provider(number: int, claim: ProfessionalClaim) -> list[list[str]]:
    billing = claim.billing
    segments = [["HL", str(number), "", "20", "1"]]
    if billing.taxonomy:
        segments.append(["PRV", "BI", "PXC", billing.taxonomy])
    segments.append(["NM1", "85", "2", _text(billing.name, 60), "", "", "", "", "XX", billing.npi])
    segments.extend(_address(billing.address))
    segments.append(["REF", "EI", billing.tin])
    return segments


def _subscriber(number: int, parent: int, claim: ProfessionalClaim) -> list[list[str]]:
    payer, person = claim.payer, claim.subscriber
    assert payer is not None
    assert payer.payer_id
    group = _text(person.group_number or "", 50)
    segments = [
        ["HL", str(number), str(parent), "22", "0"],
        ["SBR", "P", "18", group, "", "", "", "", "", payer.filing_indicator],
        ["NM1", "IL", "1", _text(person.family_name, 60), _text(person.given_name, 35), "", "",
         "", "MI", _text(person.member_id or "", 80)],
    ]  # fmt: skip
    assert person.address is not None
    segments.extend(_address(person.address))
    segments.append(["DMG", "D8", f"{person.date_of_birth:%Y%m%d}", _SEX[person.sex]])
    segments.append(["NM1", "PR", "2", _text(payer.name, 60), "", "", "", "", "PI",
                     _text(payer.payer_id, 80)])  # fmt: skip
    return segments


def _claim(claim: ProfessionalClaim) -> list[list[str]]:
    place = _COMPONENT.join([claim.place_of_service, "B", "1"])
    segments = [
        ["CLM", _text(claim.control_number, 38), _money(claim.total), "", "", place, "Y", "A",
         "Y", "Y"],
    ]  # fmt: skip
    if claim.authorization_number:
        segments.append(["REF", "G1", _text(claim.authorization_number, 50)])
    codes = [code.replace(".", "") for code in claim.diagnoses]
    segments.append(
        ["HI", *(f"{'ABK' if i == 0 else 'ABF'}{_COMPONENT}{c}" for i, c in enumerate(codes))]
    )
    rendering = claim.rendering
    segments.append(["NM1", "82", "1", _text(rendering.family_name, 60),
                     _text(rendering.given_name, 35), "", "", "", "XX", rendering.npi])  # fmt: skip
    if rendering.taxonomy:
        segments.append(["PRV", "PE", "PXC", rendering.taxonomy])
    for line in claim.lines:
        parts = ["HC", line.code, *line.modifiers]
        if line.code in NOT_OTHERWISE_CLASSIFIED and line.drug is not None:
            parts += [""] * (6 - len(parts)) + [_text(line.drug.description, 80)]
        procedure = _COMPONENT.join(parts)
        pointers = _COMPONENT.join(str(p) for p in line.pointers)
        segments.append(["LX", str(line.number)])
        segments.append(["SV1", procedure, _money(line.charge), "UN", str(line.units), "", "",
                         pointers])  # fmt: skip
        segments.append(["DTP", "472", "D8", f"{line.on:%Y%m%d}"])
        segments.append(["REF", "6R", f"{claim.control_number[-27:]}-{line.number}"])
        if line.drug is not None:
            segments.append(["LIN", "", "N4", line.drug.ndc])
            segments.append(["CTP", "", "", "", _quantity(line.drug.quantity), line.drug.unit])
    return segments


def _address(address: Address) -> Iterable[list[str]]:
    street = ["N3", _text(address.line1, 55)]
    if address.line2:
        street.append(_text(address.line2, 55))
    yield street
    yield ["N4", _text(address.city, 30), address.state.upper(), _digits(address.postal_code)]


def _segment(parts: list[str]) -> str:
    while len(parts) > 1 and parts[-1] == "":
        parts = parts[:-1]
    return _ELEMENT.join(parts) + _SEGMENT


def _text(value: str, limit: int) -> str:
    return " ".join(value.translate(_FORBIDDEN).split())[:limit]


def _fixed(value: str, width: int) -> str:
    return _text(value, width).ljust(width)


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _money(amount: Decimal) -> str:
    text = f"{amount.quantize(Decimal('0.01')):f}"
    return text[:-3] if text.endswith(".00") else text.rstrip("0")


def _quantity(amount: Decimal) -> str:
    text = f"{amount.normalize():f}"
    return text
