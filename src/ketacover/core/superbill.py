"""A superbill: the itemized statement of sessions given, a view of the same claim lines.

The lines, codes, units, modifiers, diagnosis pointers and charges are those of the claim for each
date of service (:func:`ketacover.core.billing.compose`: each session coded for its plan and each
line priced from the clinic's fee schedule), so the superbill, the CMS-1500 and the 837P never
disagree. The statement adds what a patient's reimbursement request needs: the prior-authorization
number, the payments received (what the patient paid at the visit and what the plan paid on
recorded claims that fall inside the statement's dates, :mod:`ketacover.core.superbill_payments`,
whose ``Payment`` and ``PaymentSource`` are re-exported here), totals and notes. A superbill is
for services rendered: a course not yet given is not billed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from ketacover.core.billing import ProfessionalClaim, compose
from ketacover.core.errors import MissingFactsError
from ketacover.core.model import Address, Case, Treatment, cents
from ketacover.core.superbill_payments import (
    Payment,
    PaymentSource,
    patient_payments,
    plan_payments,
    statement_notes,
)

DOCUMENT: Final = "superbill"
OFFICE: Final = "11"
"""Place of service 11, office."""
POINTERS: Final = "ABCD"
"""Diagnosis pointer letters a claim line can carry, primary first."""
G_CODE_MAX_MG: Final = 56
"""G2082 covers up to 56 mg of esketamine; more is G2083."""

_ZERO: Final = Decimal("0.00")

__all__ = [
    "DOCUMENT",
    "G_CODE_MAX_MG",
    "OFFICE",
    "POINTERS",
    "BilledSession",
    "DiagnosisPointer",
    "Insurance",
    "PatientFacts",
    "Payment",
    "PaymentSource",
    "Provider",
    "ServiceLine",
    "Superbill",
    "Totals",
    "itemize",
]


@dataclass(frozen=True, slots=True)
class Provider:
    """The billing clinic and the rendering clinician."""

    clinic: str
    address: Address
    phone: str | None
    npi: str
    tin: str
    clinician: str
    credentials: str | None
    clinician_npi: str


@dataclass(frozen=True, slots=True)
class PatientFacts:
    """Who the services were for."""

    name: str
    date_of_birth: date
    address: Address | None


@dataclass(frozen=True, slots=True)
class Insurance:
    """The plan the statement is sent to."""

    payer: str
    member_id: str
    group_number: str | None
    plan_name: str | None


@dataclass(frozen=True, slots=True)
class DiagnosisPointer:
    """A diagnosis with the letter the service lines point to it by."""

    pointer: str
    code: str
    primary: bool


@dataclass(frozen=True, slots=True)
class ServiceLine:
    """One procedure or drug line, with its own charge from the fee schedule."""

    on: date
    place_of_service: str
    code: str
    label: str
    units: int
    pointers: str
    detail: str
    """What the line is about: the drug's NDC, strength and dose, the dose, or the minutes."""
    modifiers: tuple[str, ...] = ()
    charge: Decimal | None = None


@dataclass(frozen=True, slots=True)
class BilledSession:
    """One date of service: its lines, their sum, the authorization and what was paid at the
    visit."""

    on: date
    treatment: Treatment
    lines: tuple[ServiceLine, ...]
    charge: Decimal
    """The sum of the lines' charges."""
    paid_at_visit: Decimal
    authorization_number: str | None = None
    """The prior-authorization number the claim for this date carries."""


@dataclass(frozen=True, slots=True)
class Totals:
    """Charges, payments received and the balance, in cents."""

    charges: Decimal
    paid: Decimal
    balance: Decimal


@dataclass(frozen=True, slots=True)
class Superbill:
    """Everything a superbill states: header facts, lines, payments, totals and notes."""

    provider: Provider
    patient: PatientFacts
    insurance: Insurance | None
    diagnoses: tuple[DiagnosisPointer, ...]
    sessions: tuple[BilledSession, ...]
    payments: tuple[Payment, ...]
    totals: Totals
    notes: tuple[str, ...]

    @property
    def lines(self) -> tuple[ServiceLine, ...]:
        """Every service line, session by session."""
        return tuple(line for session in self.sessions for line in session.lines)

    @property
    def first_date(self) -> date:
        """The first date of service on the statement."""
        return self.sessions[0].on

    @property
    def last_date(self) -> date:
        """The last date of service on the statement."""
        return self.sessions[-1].on


def itemize(case: Case, *, on: date | None = None) -> Superbill:
    """The superbill for every session given (``on=None``) or for the sessions on one date.

    Raises :class:`MissingFactsError` listing every absent fact the claims behind it need (the
    sessions, the billing and rendering providers, a diagnosis, the member ID, what each session's
    coding needs, and a fee for every code a line bills).
    """
    dates = _chosen_dates(case, on)
    claims: list[ProfessionalClaim] = []
    missing: dict[str, None] = {}
    for day in dates:
        try:
            claims.append(compose(case, on=day))
        except MissingFactsError as error:
            missing.update(dict.fromkeys(error.missing))
    if missing:
        raise MissingFactsError(DOCUMENT, list(missing))
    first = claims[0]
    diagnoses = tuple(
        DiagnosisPointer(pointer=letter, code=code, primary=index == 0)
        for index, (letter, code) in enumerate(zip(POINTERS, first.diagnoses, strict=False))
    )
    sessions = tuple(_billed(case, claim) for claim in claims)
    visits = tuple((s.on, s.paid_at_visit) for s in sessions)
    payments = patient_payments(visits) + plan_payments(case, {s.on for s in sessions})
    charges = cents(sum((s.charge for s in sessions), _ZERO))
    paid = cents(sum((p.amount for p in payments), _ZERO))
    notes = statement_notes(
        case,
        codes={line.code for s in sessions for line in s.lines},
        billed={s.on for s in sessions},
        pointers=POINTERS,
    )
    coding_notes = [note for claim in claims for note in claim.notes]
    return Superbill(
        provider=_provider(first),
        patient=PatientFacts(
            name=case.patient.full_name,
            date_of_birth=case.patient.date_of_birth,
            address=case.patient.address,
        ),
        insurance=_insurance(case),
        diagnoses=diagnoses,
        sessions=sessions,
        payments=payments,
        totals=Totals(charges=charges, paid=paid, balance=cents(charges - paid)),
        notes=tuple(dict.fromkeys([*notes, *coding_notes])),
    )


def _chosen_dates(case: Case, on: date | None) -> list[date]:
    dates = sorted({session.on for session in case.sessions})
    if not dates:
        raise MissingFactsError(DOCUMENT, ["sessions: no sessions given yet"])
    if on is None:
        return dates
    if on not in dates:
        raise MissingFactsError(DOCUMENT, [f"sessions: no session given on {on.isoformat()}"])
    return [on]


def _billed(case: Case, claim: ProfessionalClaim) -> BilledSession:
    given = [s for s in case.sessions if s.on == claim.service_date]
    lines = tuple(
        ServiceLine(
            on=line.on,
            place_of_service=line.place_of_service,
            code=line.code,
            label=line.label,
            units=line.units,
            pointers=line.pointer_letters,
            detail=line.detail,
            modifiers=line.modifiers,
            charge=line.charge,
        )
        for line in claim.lines
    )
    paid = sum((s.amount_paid or _ZERO for s in given), _ZERO)
    return BilledSession(
        on=claim.service_date,
        treatment=given[0].treatment,
        lines=lines,
        charge=claim.total,
        paid_at_visit=cents(paid),
        authorization_number=claim.authorization_number,
    )


def _provider(claim: ProfessionalClaim) -> Provider:
    billing, rendering = claim.billing, claim.rendering
    return Provider(
        clinic=billing.name,
        address=billing.address,
        phone=billing.phone,
        npi=billing.npi,
        tin=_tin(billing.tin),
        clinician=f"{rendering.given_name} {rendering.family_name}".strip(),
        credentials=rendering.credentials,
        clinician_npi=rendering.npi,
    )


def _tin(digits: str) -> str:
    return f"{digits[:2]}-{digits[2:]}" if len(digits) == 9 else digits


def _insurance(case: Case) -> Insurance | None:
    plan = case.plan
    if plan is None or not plan.member_id:
        return None
    return Insurance(
        payer=plan.payer,
        member_id=plan.member_id,
        group_number=plan.group_number,
        plan_name=plan.plan_name,
    )
