"""A superbill: the itemized statement of sessions given, for out-of-network reimbursement.

The lines follow the coding rules of sourcebook codes.toml:

- **Place of service** 11 (office): ketamine infusions and esketamine sessions are given in
  person (verified).
- **IV ketamine**: J3490 (unclassified drug) x 1, the code payers instruct for racemic ketamine,
  carrying the NDC, drug name, strength and dose given (verified); then the administration codes
  counted from the session's infusion minutes by
  :func:`ketacover.core.codes.procedures.infusion_units` (96365 up to 90 minutes, one 96366 unit for
  each further hour that runs more than 30 minutes past the last full hour (partly verified); 15
  minutes or less is a push, 96374).
- **IM ketamine**: J3490 plus 96372, an injection code not confirmed in a source (unverified), which
  the superbill says in a note.
- **Esketamine**: J0013 per 1 mg (S0013 for dates of service before 2026-01-01) (verified), units
  equal to the milligrams given; for Original Medicare the bundled G2082 (up to 56 mg) or G2083
  (more than 56 mg), which include the drug, so no drug code is added (verified). CGS asks for
  modifier KX on the G-codes (partly verified) and other Medicare contractors were not checked, so
  no modifier is added and a note says what to ask.
- **Diagnosis pointers**: primary diagnosis first, at most four (A to D), as claim lines point.

Charges are the session's charge (or the treatment plan's price per session) for the whole
session, shown once per session: ketacover does not invent per-line prices. Payments are what the
patient paid at the visit and what the plan paid on recorded claims that fall inside the
statement's dates (:mod:`ketacover.core.superbill_payments`, whose ``Payment`` and
``PaymentSource`` are re-exported here). A superbill is for services rendered: a course not yet
given is not billed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from ketacover.core.codes import icd10cm, procedures
from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.model import (
    Address,
    Case,
    PayerCategory,
    Session,
    Treatment,
    cents,
)
from ketacover.core.superbill_payments import (
    Payment,
    PaymentSource,
    patient_payments,
    plan_payments,
    statement_notes,
)

DOCUMENT: Final = "superbill"
OFFICE: Final = "11"
"""Place of service 11, office (sourcebook codes.toml)."""
POINTERS: Final = "ABCD"
"""Diagnosis pointer letters a claim line can carry, primary first."""
G_CODE_MAX_MG: Final = 56
"""G2082 covers up to 56 mg of esketamine; more is G2083 (sourcebook codes.toml)."""

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
    """One procedure or drug line. ``charge`` is set on the first line of a session only."""

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
    """One session's lines, its charge for the whole session, and what was paid at the visit."""

    on: date
    treatment: Treatment
    lines: tuple[ServiceLine, ...]
    charge: Decimal
    paid_at_visit: Decimal


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

    Raises :class:`MissingFactsError` listing every absent fact the statement needs: the
    sessions themselves, the clinic's NPI, TIN and address, the rendering clinician and NPI, a
    diagnosis, the member ID when a plan is on file, and per session the minutes, dose, charge
    and (for J3490) the NDC and strength.
    """
    chosen = _chosen_sessions(case, on)
    missing: dict[str, None] = {}
    for why in _header_missing(case):
        missing[why] = None
    for index, session in chosen:
        for why in _session_missing(case, index, session):
            missing[why] = None
    if missing:
        raise MissingFactsError(DOCUMENT, list(missing))
    diagnoses = _pointers(case)
    pointers = "".join(d.pointer for d in diagnoses)
    sessions = tuple(_bill(case, index, session, pointers) for index, session in chosen)
    visits = tuple((s.on, s.paid_at_visit) for s in sessions)
    payments = patient_payments(visits) + plan_payments(case, {s.on for s in sessions})
    charges = cents(sum((s.charge for s in sessions), _ZERO))
    paid = cents(sum((p.amount for p in payments), _ZERO))
    return Superbill(
        provider=_provider(case),
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
        notes=tuple(_notes(case, chosen, sessions)),
    )


def _chosen_sessions(case: Case, on: date | None) -> list[tuple[int, Session]]:
    indexed = sorted(enumerate(case.sessions), key=lambda item: (item[1].on, item[0]))
    if not indexed:
        raise MissingFactsError(DOCUMENT, ["sessions: no sessions given yet"])
    if on is None:
        return indexed
    chosen = [(index, session) for index, session in indexed if session.on == on]
    if not chosen:
        raise MissingFactsError(DOCUMENT, [f"sessions: no session given on {on.isoformat()}"])
    return chosen


def _header_missing(case: Case) -> Iterable[str]:
    clinic = case.clinic
    if clinic is None:
        yield "clinic: the billing provider (name, NPI, TIN and address)"
    else:
        if not clinic.npi:
            yield "clinic.npi: the billing provider's NPI"
        if not clinic.tin:
            yield "clinic.tin: the billing provider's tax identification number"
        if clinic.address is None:
            yield "clinic.address: the service address (place of service)"
    prescriber = case.prescriber
    if prescriber is None:
        yield "prescriber: the rendering clinician (name and NPI)"
    elif not prescriber.npi:
        yield "prescriber.npi: the rendering clinician's NPI"
    if not case.diagnoses:
        yield "diagnoses: at least one ICD-10-CM diagnosis for the service lines"
    if case.plan is not None and not case.plan.member_id:
        yield "plan.member_id: the plan identifies the patient by member ID"


def _session_missing(case: Case, index: int, session: Session) -> Iterable[str]:
    where = f"sessions[{index}]"
    plan = case.treatment_plan
    if session.charge is None and (plan is None or plan.price_per_session is None):
        yield (
            f"{where}.charge: the session's charge (or treatment_plan.price_per_session) "
            "is the amount billed"
        )
    if session.dose_mg is None:
        yield f"{where}.dose_mg: the drug line states the dose given"
    if session.treatment is Treatment.ESKETAMINE:
        return
    if session.treatment is Treatment.IV_KETAMINE and session.minutes is None:
        yield f"{where}.minutes: infusion minutes decide the administration units"
    if plan is None or not plan.ndc:
        yield "treatment_plan.ndc: a J3490 line must carry the drug's NDC"
    if plan is None or not plan.strength:
        yield "treatment_plan.strength: a J3490 line must carry the drug's strength"


def _pointers(case: Case) -> tuple[DiagnosisPointer, ...]:
    ordered = sorted(case.diagnoses, key=lambda d: not d.primary)
    return tuple(
        DiagnosisPointer(pointer=letter, code=icd10cm.normalize(d.code), primary=d.primary)
        for letter, d in zip(POINTERS, ordered, strict=False)
    )


def _bill(case: Case, index: int, session: Session, pointers: str) -> BilledSession:
    lines = _lines(case, index, session)
    plan = case.treatment_plan
    charge = session.charge
    if charge is None:
        assert plan is not None
        assert plan.price_per_session is not None
        charge = plan.price_per_session
    charge = cents(charge)
    placed = tuple(
        ServiceLine(
            on=session.on,
            place_of_service=OFFICE,
            code=code,
            label=procedures.lookup(code).label,
            units=units,
            pointers=pointers,
            detail=detail,
            charge=charge if position == 0 else None,
        )
        for position, (code, units, detail) in enumerate(lines)
    )
    return BilledSession(
        on=session.on,
        treatment=session.treatment,
        lines=placed,
        charge=charge,
        paid_at_visit=cents(session.amount_paid or _ZERO),
    )


def _lines(case: Case, index: int, session: Session) -> list[tuple[str, int, str]]:
    dose = session.dose_mg
    assert dose is not None  # checked before
    mg = f"{dose.normalize():f} mg"
    if session.treatment is Treatment.ESKETAMINE:
        if _medicare(case):
            code = "G2083" if dose > G_CODE_MAX_MG else "G2082"
            return [(code, 1, f"{mg} given")]
        if dose != dose.to_integral_value():
            raise KetacoverError(
                f"sessions[{index}].dose_mg: esketamine is billed per 1 mg, so the dose must be "
                "whole milligrams"
            )
        code = procedures.esketamine_drug_code(session.on)
        return [(code, int(dose), f"{mg} given")]
    plan = case.treatment_plan
    assert plan is not None
    assert plan.ndc
    assert plan.strength
    lines = [("J3490", 1, f"ketamine, NDC {plan.ndc}, strength {plan.strength}, {mg} given")]
    if session.treatment is Treatment.IM_KETAMINE:
        return [*lines, ("96372", 1, "ketamine given into a muscle")]
    minutes = session.minutes
    assert minutes is not None  # checked before
    for code, units in procedures.infusion_units(minutes):
        lines.append((code, units, f"{minutes} minutes of infusion"))
    return lines


def _medicare(case: Case) -> bool:
    return case.plan is not None and case.plan.category is PayerCategory.MEDICARE


def _provider(case: Case) -> Provider:
    clinic, prescriber = case.clinic, case.prescriber
    assert clinic is not None
    assert clinic.address is not None
    assert clinic.npi
    assert clinic.tin
    assert prescriber is not None
    assert prescriber.npi
    return Provider(
        clinic=clinic.name,
        address=clinic.address,
        phone=clinic.phone,
        npi=clinic.npi,
        tin=clinic.tin,
        clinician=prescriber.name,
        credentials=prescriber.credentials,
        clinician_npi=prescriber.npi,
    )


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


def _notes(
    case: Case, chosen: list[tuple[int, Session]], sessions: tuple[BilledSession, ...]
) -> list[str]:
    return statement_notes(
        case,
        codes={line.code for s in sessions for line in s.lines},
        billed={s.on for s in sessions},
        uncharged=any(session.charge is None for _, session in chosen),
        pointers=POINTERS,
    )
