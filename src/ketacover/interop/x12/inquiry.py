"""Writing the X12 270 eligibility and benefits inquiry (005010X279A1) for a case, for clinics
whose clearinghouse or payer takes a file.

One interchange, one functional group (HS), one transaction set: the payer (loop 2100A, NM1*PR
with its payer id), the provider asking (2100B, NM1*1P with the clinic's or the prescriber's
NPI), and the subscriber (2100C: NM1*IL with the member id, DMG with the date of birth and sex,
DTP*291 the date the benefits are asked for, and one EQ per service type: 30 the plan's coverage,
MH mental health, A4 psychiatric). The patient is written as the subscriber: a dependent's
inquiry needs the subscriber's own name and member id, which a case does not hold.

Nothing here reads the clock: the date, time and control number come in as arguments, so the
same case, moment and number always write the same file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from ketacover.core.errors import KetacoverError
from ketacover.core.model import Case, Sex

SERVICE_TYPES: Final = ("30", "MH", "A4")
"""EQ01 service types asked for."""
VERSION: Final = "005010X279A1"
_UNSAFE: Final = re.compile(r"[^A-Z0-9 .,'&/()-]")


class InquiryError(KetacoverError):
    """A 270 cannot be written for the case: the message names the missing field."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Envelope:
    """Who sends the interchange to whom, when, and under which control number."""

    created: datetime
    """Date and time written into ISA09/10, GS04/05 and BHT04/05."""
    control: int
    """ISA13 and GS06 (1 to 999,999,999); ST02 is ``0001``."""
    sender_id: str = "KETACOVER"
    """ISA06 and GS02 (qualifier ZZ, mutually defined): the clearinghouse assigns it."""
    receiver_id: str = "CLEARINGHOUSE"
    """ISA08 and GS03 (qualifier ZZ)."""
    production: bool = True
    """ISA15 P (production) or T (test)."""


def _text(value: str, limit: int) -> str:
    """Upper-case text without the delimiters and characters X12's basic set lacks."""
    return _UNSAFE.sub("", value.upper())[:limit].strip()


def _required(value: str | None, what: str) -> str:
    if not value:
        raise InquiryError(f"{what} is missing; the 270 needs it")
    return value


def inquiry_270(case: Case, *, payer_id: str, envelope: Envelope) -> str:
    """The 270 for ``case`` as X12 text, one segment per line.

    Raises :class:`InquiryError` naming the field when the case lacks what the inquiry needs
    (the plan, its member id, a provider NPI).
    """
    plan = case.plan
    if plan is None:
        raise InquiryError("plan is missing; the 270 needs the payer and the member id")
    member_id = _text(_required(plan.member_id, "plan.member_id"), 80)
    npi = (case.clinic.npi if case.clinic else None) or (
        case.prescriber.npi if case.prescriber else None
    )
    npi = _required(npi, "clinic.npi (or prescriber.npi)")
    if not 1 <= envelope.control <= 999_999_999:
        raise InquiryError("the control number must be between 1 and 999999999")
    payer = _text(plan.payer, 60)
    payer_code = _text(_required(payer_id.strip(), "the payer id"), 80)
    if case.clinic is not None and case.clinic.npi:
        provider = f"NM1*1P*2*{_text(case.clinic.name, 60)}*****XX*{npi}"
    else:
        assert case.prescriber is not None
        provider = f"NM1*1P*1*{_text(case.prescriber.name, 60)}*****XX*{npi}"
    patient = case.patient
    sex = {Sex.FEMALE: "F", Sex.MALE: "M"}.get(patient.sex, "")
    created = envelope.created
    day, clock = created.strftime("%Y%m%d"), created.strftime("%H%M")
    control = f"{envelope.control:09d}"
    sender = _text(envelope.sender_id, 15).ljust(15)
    receiver = _text(envelope.receiver_id, 15).ljust(15)
    body = [
        "ST*270*0001*" + VERSION,
        f"BHT*0022*13*{_text(case.id, 50) or 'INQUIRY'}*{day}*{clock}",
        "HL*1**20*1",
        f"NM1*PR*2*{payer}*****PI*{payer_code}",
        "HL*2*1*21*1",
        provider,
        "HL*3*2*22*0",
        f"TRN*1*{control}*9{npi[:9]}",
        f"NM1*IL*1*{_text(patient.family_name, 60)}*{_text(patient.given_name, 35)}****MI*"
        f"{member_id}",
        f"DMG*D8*{patient.date_of_birth.strftime('%Y%m%d')}" + (f"*{sex}" if sex else ""),
        f"DTP*291*D8*{day}",
        *(f"EQ*{service}" for service in SERVICE_TYPES),
    ]
    body.append(f"SE*{len(body) + 1}*0001")
    segments = [
        f"ISA*00*{'':10}*00*{'':10}*ZZ*{sender}*ZZ*{receiver}*{created.strftime('%y%m%d')}*"
        f"{clock}*^*00501*{control}*0*{'P' if envelope.production else 'T'}*:",
        f"GS*HS*{sender.strip()}*{receiver.strip()}*{day}*{clock}*{envelope.control}*X*{VERSION}",
        *body,
        f"GE*1*{envelope.control}",
        f"IEA*1*{control}",
    ]
    return "~\n".join(segments) + "~\n"
