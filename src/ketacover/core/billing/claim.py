"""The professional claim: one date of service, its lines priced from the clinic's fee schedule,
and the parties. The superbill, the CMS-1500, the 837P and the Good Faith Estimate are views of
it, never separate computations.

:func:`compose` builds the claim for one date of service; :func:`claims` builds one per date of
service on the case. Every missing fact is listed at once (a :class:`MissingFactsError` whose
``missing`` entries are ``path: why``), and a line the fee schedule cannot price is one of them,
named by code: the session's total charge is never put on one line.

The place of service is the clinic's (``clinic.place_of_service``), 11 (office) when the case
does not say, where ketamine infusions and esketamine sessions are usually given (CMS place of
service code set). Each line points at up to four diagnoses, primary first (NUCC
1500 instructions, item 24E; 837P SV107); the claim lists up to 12 (item 21; HI segment).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Final

from ketacover.core.billing.abn import covered_line, liability_modifier
from ketacover.core.billing.coding import code_session
from ketacover.core.billing.fees import FeeSchedule, billing_unit
from ketacover.core.billing.filing import FilingLimit, filing_limit
from ketacover.core.billing.lines import CodedLine, Drug, LineKind
from ketacover.core.billing.parties import BillingProvider, Payer, RenderingProvider, Subscriber
from ketacover.core.billing.regime import regime
from ketacover.core.codes import icd10cm, pos, procedures
from ketacover.core.errors import MissingFactsError
from ketacover.core.model import Case, ClaimStatus, Decision, Session, cents
from ketacover.core.model import Claim as ClaimRecord

__all__ = [
    "DOCUMENT",
    "MAX_DIAGNOSES",
    "MAX_POINTERS",
    "OFFICE",
    "ClaimLine",
    "ProfessionalClaim",
    "claims",
    "compose",
    "service_dates",
]

DOCUMENT: Final = "claim"
OFFICE: Final = "11"
"""Place of service 11, office."""
MAX_DIAGNOSES: Final = 12
MAX_POINTERS: Final = 4
_LETTERS: Final = "ABCDEFGHIJKL"


@dataclass(frozen=True, slots=True)
class ClaimLine:
    """One priced service line (CMS-1500 item 24; 837P loop 2400)."""

    number: int
    """1 for the first line."""
    on: date
    code: str
    label: str
    """ketacover's plain-language label for the code (never an AMA descriptor)."""
    modifiers: tuple[str, ...]
    units: int
    unit_charge: Decimal
    charge: Decimal
    """``unit_charge`` times ``units``, in cents."""
    pointers: tuple[int, ...]
    """1-based positions in :attr:`ProfessionalClaim.diagnoses`."""
    place_of_service: str
    kind: LineKind
    detail: str
    drug: Drug | None
    status: ClaimStatus

    @property
    def pointer_letters(self) -> str:
        """The pointers as the CMS-1500 prints them (``AB``)."""
        return "".join(_LETTERS[p - 1] for p in self.pointers)


@dataclass(frozen=True, slots=True)
class ProfessionalClaim:
    """Everything a claim for one date of service states."""

    case_id: str
    control_number: str
    """The patient control number (CLM01, box 26): the case id and the date of service."""
    service_date: date
    billing: BillingProvider
    rendering: RenderingProvider
    subscriber: Subscriber
    payer: Payer | None
    """None for a self-pay patient: the lines still price a statement or estimate."""
    diagnoses: tuple[str, ...]
    """ICD-10-CM codes with their dot, primary first, at most 12."""
    lines: tuple[ClaimLine, ...]
    authorization_number: str | None
    """The prior-authorization number (box 23; REF*G1)."""
    place_of_service: str
    status: ClaimStatus
    filing: FilingLimit | None
    """The last day to file, when the plan's limit is known."""
    notes: tuple[str, ...]
    signature_on_file: bool = False
    """The patient's signed release and assignment of benefits are on file (boxes 12, 13)."""
    accept_assignment: bool | None = None
    """The plan setting for box 27; None when the case does not say."""

    @property
    def total(self) -> Decimal:
        """The sum of the lines' charges (box 28; CLM02)."""
        return cents(sum((line.charge for line in self.lines), Decimal("0")))


def service_dates(case: Case) -> tuple[date, ...]:
    """The dates of service of the case's sessions, oldest first, each once."""
    return tuple(sorted({session.on for session in case.sessions}))


def claims(case: Case) -> tuple[ProfessionalClaim, ...]:
    """One claim per date of service; raises :class:`MissingFactsError` listing every gap."""
    built: list[ProfessionalClaim] = []
    missing: dict[str, None] = {}
    for on in service_dates(case):
        try:
            built.append(compose(case, on=on))
        except MissingFactsError as error:
            missing.update(dict.fromkeys(error.missing))
    if not case.sessions:
        missing["sessions: no sessions given yet"] = None
    if missing:
        raise MissingFactsError(DOCUMENT, list(missing))
    return tuple(built)


def compose(case: Case, *, on: date) -> ProfessionalClaim:
    """The claim for the sessions given on ``on``."""
    chosen = [(i, s) for i, s in enumerate(case.sessions) if s.on == on]
    missing: dict[str, None] = dict.fromkeys(_header_missing(case))
    if not chosen:
        missing[f"sessions: no session given on {on.isoformat()}"] = None
    rules = regime(case.plan)
    fees = FeeSchedule(() if case.clinic is None else case.clinic.fee_schedule)
    coded: list[tuple[Session, CodedLine]] = []
    notes: list[str] = []
    for index, session in chosen:
        coding = code_session(session, f"sessions[{index}]", regime=rules, plan=case.treatment_plan)
        missing.update(dict.fromkeys(coding.missing))
        notes.extend(coding.notes)
        coded.extend(_with_liability(case, session, coding.lines, notes))
    for _, line in coded:
        if line.code not in fees:
            per = billing_unit(line.code)
            missing[
                f"clinic.fee_schedule: no charge for {line.code} ({per}), which a claim line bills"
            ] = None
    if missing:
        raise MissingFactsError(DOCUMENT, list(missing))
    diagnoses = _diagnoses(case)
    pointers = tuple(range(1, min(len(diagnoses), MAX_POINTERS) + 1))
    record = _record(case.claims, on)
    place = _place(case)
    lines = tuple(
        _priced(number, session, line, fees, pointers, record, place)
        for number, (session, line) in enumerate(coded, start=1)
    )
    return ProfessionalClaim(
        case_id=case.id,
        control_number=f"{case.id}-{on:%Y%m%d}"[-38:],
        service_date=on,
        billing=_billing(case),
        rendering=_rendering(case),
        subscriber=_subscriber(case),
        payer=_payer(case),
        diagnoses=diagnoses,
        lines=lines,
        authorization_number=_authorization(case, [s for _, s in chosen]),
        place_of_service=place,
        status=ClaimStatus.DRAFT if record is None else record.status,
        filing=filing_limit(case.plan, on),
        notes=tuple(dict.fromkeys(notes)),
        signature_on_file=case.patient.signature_on_file is True,
        accept_assignment=None if case.plan is None else case.plan.accept_assignment,
    )


def _with_liability(
    case: Case, session: Session, lines: Iterable[CodedLine], notes: list[str]
) -> Iterable[tuple[Session, CodedLine]]:
    """The lines with the ABN modifier where Original Medicare may deny them (:mod:`.abn`):
    GA with a signed notice, GZ without; left off when the patient chose not to bill Medicare."""
    for line in lines:
        if not covered_line(case, session, line):
            yield session, line
            continue
        modifier = liability_modifier(case, session)
        if modifier is None:
            notes.append(
                f"{session.on.isoformat()}: {line.code} is not billed to Medicare: the patient "
                "chose option 2 on the ABN (do not bill Medicare)."
            )
            continue
        yield session, replace(line, modifiers=(*line.modifiers, modifier))


def _header_missing(case: Case) -> Iterable[str]:
    clinic = case.clinic
    if clinic is None:
        yield "clinic: the billing provider (name, NPI, TIN, address and fee schedule)"
    else:
        if not clinic.npi:
            yield "clinic.npi: the billing provider's NPI (box 33a)"
        if not clinic.tin:
            yield "clinic.tin: the billing provider's tax identification number (box 25)"
        if clinic.address is None:
            yield "clinic.address: the billing provider's address (box 33)"
    prescriber = case.prescriber
    if prescriber is None:
        yield "prescriber: the rendering clinician (name and NPI, box 24J)"
    elif not prescriber.npi:
        yield "prescriber.npi: the rendering clinician's NPI (box 24J)"
    if not case.diagnoses:
        yield "diagnoses: at least one ICD-10-CM diagnosis (box 21)"
    if case.plan is not None and not case.plan.member_id:
        yield "plan.member_id: the insured's ID number (box 1a)"


def _priced(
    number: int,
    session: Session,
    line: CodedLine,
    fees: FeeSchedule,
    pointers: tuple[int, ...],
    record: ClaimRecord | None,
    place: str,
) -> ClaimLine:
    each = fees.unit_charge(line.code)
    assert each is not None  # checked before
    return ClaimLine(
        number=number,
        on=session.on,
        code=line.code,
        label=procedures.lookup(line.code).label,
        modifiers=line.modifiers,
        units=line.units,
        unit_charge=cents(each),
        charge=cents(each * line.units),
        pointers=pointers,
        place_of_service=place,
        kind=line.kind,
        detail=line.detail,
        drug=line.drug,
        status=_line_status(record, number, line.code),
    )


def _record(records: Iterable[ClaimRecord], on: date) -> ClaimRecord | None:
    found = None
    for record in records:
        if record.service_from <= on <= (record.service_to or record.service_from):
            found = record
    return found


def _place(case: Case) -> str:
    """The clinic's place of service, office (11) when the case does not say."""
    clinic = case.clinic
    if clinic is None or not clinic.place_of_service:
        return OFFICE
    return pos.normalize(clinic.place_of_service)


def _line_status(record: ClaimRecord | None, number: int, code: str) -> ClaimStatus:
    """The line's status on the recorded claim: the remittance's answer for this line number
    (read back from ``REF*6R``), else for its code, else the claim's."""
    if record is None:
        return ClaimStatus.DRAFT
    for line in record.lines:
        if line.line_number == number:
            return line.status
    for line in record.lines:
        if procedures.normalize(line.code) == code:
            return line.status
    return record.status


def _diagnoses(case: Case) -> tuple[str, ...]:
    ordered = sorted(case.diagnoses, key=lambda d: not d.primary)
    return tuple(icd10cm.normalize(d.code) for d in ordered[:MAX_DIAGNOSES])


def _authorization(case: Case, sessions: list[Session]) -> str | None:
    by_id = {pa.id: pa for pa in case.prior_authorizations}
    for session in sessions:
        pa = by_id.get(session.authorization_id or "")
        if pa is not None and pa.authorization_number:
            return pa.authorization_number
    approved = (Decision.APPROVED, Decision.PARTIALLY_APPROVED)
    for session in sessions:
        for pa in case.prior_authorizations:
            covers = (pa.valid_from is None or pa.valid_from <= session.on) and (
                pa.valid_through is None or session.on <= pa.valid_through
            )
            if (
                pa.decision in approved
                and pa.treatment is session.treatment
                and covers
                and pa.authorization_number
            ):
                return pa.authorization_number
    return None


def _billing(case: Case) -> BillingProvider:
    clinic = case.clinic
    assert clinic is not None
    assert clinic.npi
    assert clinic.tin
    assert clinic.address is not None
    return BillingProvider(
        name=clinic.name,
        npi=clinic.npi,
        tin="".join(ch for ch in clinic.tin if ch.isdigit()),
        address=clinic.address,
        phone=clinic.phone,
        taxonomy=None if clinic.taxonomy is None else clinic.taxonomy.strip().upper(),
        submitter_id=clinic.submitter_id or clinic.npi,
    )


def _rendering(case: Case) -> RenderingProvider:
    prescriber = case.prescriber
    assert prescriber is not None
    assert prescriber.npi
    given, _, family = prescriber.name.strip().rpartition(" ")
    taxonomy = prescriber.taxonomy
    return RenderingProvider(
        given_name=given,
        family_name=family,
        credentials=prescriber.credentials,
        npi=prescriber.npi,
        taxonomy=None if taxonomy is None else taxonomy.strip().upper(),
    )


def _subscriber(case: Case) -> Subscriber:
    patient, plan = case.patient, case.plan
    return Subscriber(
        given_name=patient.given_name,
        family_name=patient.family_name,
        date_of_birth=patient.date_of_birth,
        sex=patient.sex,
        address=patient.address,
        member_id=None if plan is None else plan.member_id,
        group_number=None if plan is None else plan.group_number,
        plan_name=None if plan is None else plan.plan_name,
    )


def _payer(case: Case) -> Payer | None:
    plan = case.plan
    if plan is None:
        return None
    return Payer(name=plan.payer, payer_id=plan.payer_id, category=plan.category)
