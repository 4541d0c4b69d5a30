"""The Good Faith Estimate for an uninsured or self-pay patient (No Surprises Act, PHS Act
section 2799B-6; 45 CFR 149.610), composed from the course's planned sessions.

The estimate is a view of the claim the clinic would bill: each planned session is coded by the
same session coding as a claim (:func:`ketacover.core.billing.code_session`, with the self-pay
regime) and priced from the same fee schedule (``clinic.fee_schedule``), never from a second
price list. What it states follows 45 CFR 149.610(c) (sourcebook good_faith.toml):

- the patient's name and date of birth; the primary service in clear language, with its date;
- the items and services, grouped by provider, each with its service code (CPT or HCPCS), the
  diagnosis codes (ICD-10-CM) and the expected charges; the provider's name, NPI, TIN and the
  state and office where the services are given;
- the services the clinic expects to schedule separately, before or after the course;
- the disclaimers: more services may be recommended and scheduled separately; it is only an
  estimate; it is not a contract (HHS model notice, CMS-10791); the right to patient-provider
  dispute resolution when a provider's bill is at least $400 above its total here, within 120
  calendar days of the bill, where to learn how (www.cms.gov/nosurprises), and that disputing
  does not harm the care given (45 CFR 149.620).

When it is due (1 or 3 business days after scheduling, 3 after a request) and when a bill may
be disputed ($400 or more above a provider's total, within 120 days): see
:mod:`ketacover.core.billing.no_surprises`.

Missing facts (no NPI, no TIN, a code without a fee, no scheduled date) raise
:class:`~ketacover.core.errors.MissingFactsError` listing every one by its case-file path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Final

from ketacover.core.billing.claim import compose
from ketacover.core.billing.coding import code_session
from ketacover.core.billing.fees import FeeSchedule
from ketacover.core.billing.lines import CodedLine, LineKind
from ketacover.core.billing.no_surprises import (
    DISCLAIMERS,
    DISPUTE,
    DISPUTE_DAYS,
    INFORMATION_URL,
    MODEL_NOTICE,
    RULE,
    SUBSTANTIAL_EXCESS,
    Excess,
    IssueBy,
    issue_by,
)
from ketacover.core.billing.regime import regime
from ketacover.core.codes import icd10cm, procedures
from ketacover.core.costs.plan_year import session_dates
from ketacover.core.errors import MissingFactsError
from ketacover.core.model import Address, Case, Session, Treatment, TreatmentPlan, cents
from ketacover.core.sources import Source

__all__ = [
    "DISPUTE_DAYS",
    "DOCUMENT",
    "INFORMATION_URL",
    "SUBSTANTIAL_EXCESS",
    "EstimateLine",
    "Excess",
    "GoodFaithEstimate",
    "IssueBy",
    "ProviderEstimate",
    "billed",
    "estimate",
    "excess",
    "is_self_pay",
    "issue_by",
]

DOCUMENT: Final = "Good Faith Estimate"


@dataclass(frozen=True, slots=True)
class EstimateLine:
    """One item or service of the course: a code, its units per session and how many sessions."""

    code: str
    description: str
    """Plain words for the item (the drug and dose for a drug line)."""
    modifiers: tuple[str, ...]
    units: int
    """Billing units per session."""
    sessions: int
    unit_charge: Decimal
    charge: Decimal
    """The fee for ``units`` units times ``sessions``, in cents."""


@dataclass(frozen=True, slots=True)
class ProviderEstimate:
    """The items and services of one provider, with who the provider is (149.610(c)(1)(v))."""

    name: str
    npi: str
    tin: str
    """As the patient reads it, ``12-3456789``."""
    address: Address
    phone: str | None
    clinician: str | None
    """The clinician who gives the sessions, with credentials and NPI, when known."""
    lines: tuple[EstimateLine, ...]

    @property
    def total(self) -> Decimal:
        """The provider's total expected charges: the $400 test compares a bill with this."""
        return cents(sum((line.charge for line in self.lines), Decimal("0")))


@dataclass(frozen=True, slots=True)
class GoodFaithEstimate:
    """Everything a Good Faith Estimate states (45 CFR 149.610(c))."""

    case_id: str
    patient_name: str
    date_of_birth: date
    primary_service: str
    """The course in clear language."""
    service_dates: tuple[date, ...]
    """The planned sessions' dates; the first is the date the primary service is scheduled."""
    diagnoses: tuple[tuple[str, str], ...]
    """ICD-10-CM code and its official description, primary first."""
    providers: tuple[ProviderEstimate, ...]
    separately_scheduled: tuple[str, ...]
    """Services expected before or after the course that need their own scheduling."""
    scheduled_on: date | None
    requested_on: date | None
    issue_by: IssueBy | None
    """None when the course was scheduled fewer than 3 business days ahead and not requested."""
    disclaimers: tuple[str, ...]
    sources: tuple[Source, ...]

    @property
    def total(self) -> Decimal:
        """All providers' expected charges."""
        return cents(sum((provider.total for provider in self.providers), Decimal("0")))


def is_self_pay(case: Case) -> bool:
    """Whether the case says the patient pays the clinic directly (``treatment_plan.self_pay``)."""
    return case.treatment_plan is not None and case.treatment_plan.self_pay is True


def excess(
    provider: ProviderEstimate, billed: Decimal, *, bill_date: date | None = None
) -> Excess | None:
    """The dispute a bill of ``billed`` from ``provider`` opens, or None when it is less than
    $400 above the provider's total (45 CFR 149.620: at least $400 more may be disputed)."""
    billed = cents(billed)
    if billed - provider.total < SUBSTANTIAL_EXCESS:
        return None
    dispute_by = None if bill_date is None else bill_date + timedelta(days=DISPUTE_DAYS)
    return Excess(provider.name, provider.total, billed, bill_date, dispute_by, DISPUTE)


def billed(case: Case, estimate: GoodFaithEstimate) -> Decimal | None:
    """What the clinic's claims bill for the sessions given since the estimate's first planned
    date (the same claim composition as ``ketacover claim``), or None when none was given yet;
    raises :class:`MissingFactsError` when a session cannot be priced."""
    first = estimate.service_dates[0]
    given = sorted({session.on for session in case.sessions if session.on >= first})
    if not given:
        return None
    return cents(sum((compose(case, on=on).total for on in given), Decimal("0")))


def estimate(case: Case, *, sessions: int | None = None) -> GoodFaithEstimate:
    """The Good Faith Estimate for the case's planned course (``sessions`` overrides the plan's
    count); raises :class:`MissingFactsError` listing every missing fact."""
    missing: dict[str, None] = dict.fromkeys(_header_missing(case))
    plan = case.treatment_plan
    if plan is None:
        raise MissingFactsError(DOCUMENT, list(missing))
    count = plan.sessions if sessions is None else sessions
    if count < 1:
        missing["--sessions: at least one session"] = None
    dates = _dates(plan, count, missing)
    fees = FeeSchedule(() if case.clinic is None else case.clinic.fee_schedule)
    rules = regime(None)
    coded: list[tuple[date, CodedLine]] = []
    for on in dates:
        coding = code_session(_planned(plan, on), "treatment_plan", regime=rules, plan=plan)
        missing.update(dict.fromkeys(coding.missing))
        coded.extend((on, line) for line in coding.lines)
    for _, line in coded:
        if line.code not in fees:
            missing[f"clinic.fee_schedule: no charge for {line.code}, which the estimate lists"] = (
                None
            )
    if missing:
        raise MissingFactsError(DOCUMENT, list(missing))
    clinic, prescriber = case.clinic, case.prescriber
    assert clinic is not None
    assert clinic.npi
    assert clinic.tin
    assert clinic.address is not None
    clinician = None
    if prescriber is not None:
        credentials = f", {prescriber.credentials}" if prescriber.credentials else ""
        npi = f" (NPI {prescriber.npi})" if prescriber.npi else ""
        clinician = f"{prescriber.name}{credentials}{npi}"
    provider = ProviderEstimate(
        name=clinic.name,
        npi=clinic.npi,
        tin=_tin(clinic.tin),
        address=clinic.address,
        phone=clinic.phone,
        clinician=clinician,
        lines=_lines(coded, fees),
    )
    ordered = sorted(case.diagnoses, key=lambda d: not d.primary)
    return GoodFaithEstimate(
        case_id=case.id,
        patient_name=case.patient.full_name,
        date_of_birth=case.patient.date_of_birth,
        primary_service=_primary(plan, len(dates)),
        service_dates=dates,
        diagnoses=tuple((icd10cm.normalize(d.code), icd10cm.describe(d.code)) for d in ordered),
        providers=(provider,),
        separately_scheduled=_separately(plan),
        scheduled_on=plan.scheduled_on,
        requested_on=plan.estimate_requested_on,
        issue_by=issue_by(
            service=dates[0], scheduled=plan.scheduled_on, requested=plan.estimate_requested_on
        ),
        disclaimers=DISCLAIMERS,
        sources=(RULE, DISPUTE, MODEL_NOTICE),
    )


def _header_missing(case: Case) -> list[str]:
    missing: list[str] = []
    plan = case.treatment_plan
    if plan is None:
        missing.append("treatment_plan: the course the estimate is for (treatment and sessions)")
    elif plan.self_pay is not True:
        missing.append(
            "treatment_plan.self_pay: a Good Faith Estimate is for a patient who pays the clinic "
            "directly, uninsured or not filing a claim with a plan"
        )
    clinic = case.clinic
    if clinic is None:
        missing.append("clinic: the provider (name, NPI, TIN, office and fee schedule)")
    else:
        if not clinic.npi:
            missing.append("clinic.npi: the provider's NPI, which the estimate states")
        if not clinic.tin:
            missing.append("clinic.tin: the provider's tax identification number")
        if clinic.address is None:
            missing.append("clinic.address: the office where the services are given")
    if not case.diagnoses:
        missing.append("diagnoses: at least one ICD-10-CM diagnosis code")
    if plan is not None:
        if plan.start is None:
            missing.append("treatment_plan.start: the date of the first session")
        if plan.scheduled_on is None and plan.estimate_requested_on is None:
            missing.append(
                "treatment_plan.scheduled_on: the day the first session was scheduled, from "
                "which the estimate is due (or estimate_requested_on, the day the patient asked)"
            )
        if plan.treatment is Treatment.IV_KETAMINE and not plan.infusion_minutes:
            missing.append("treatment_plan.infusion_minutes: the infusion codes follow from them")
    return missing


def _dates(plan: TreatmentPlan, count: int, missing: dict[str, None]) -> tuple[date, ...]:
    if plan.start is None or count < 1:
        return ()
    if count == 1:
        return (plan.start,)
    if plan.weeks is None:
        missing["treatment_plan.weeks: the course's length, which dates the planned sessions"] = (
            None
        )
        return ()
    esketamine = plan.treatment is Treatment.ESKETAMINE
    return session_dates(plan.start, plan.weeks, count, esketamine=esketamine)


def _planned(plan: TreatmentPlan, on: date) -> Session:
    """A planned session as the session coding reads one given."""
    dose = None if plan.dose_mg is None else Decimal(plan.dose_mg)
    minutes = plan.infusion_minutes if plan.treatment is Treatment.IV_KETAMINE else None
    return Session(on=on, treatment=plan.treatment, dose_mg=dose, minutes=minutes)


def _lines(coded: list[tuple[date, CodedLine]], fees: FeeSchedule) -> tuple[EstimateLine, ...]:
    grouped: dict[tuple[str, tuple[str, ...], int, str], int] = {}
    for _, line in coded:
        key = (line.code, line.modifiers, line.units, _describe(line))
        grouped[key] = grouped.get(key, 0) + 1
    lines = []
    for (code, modifiers, units, description), sessions in grouped.items():
        each = fees.unit_charge(code)
        per_session = fees.charge(code, units)
        assert each is not None
        assert per_session is not None
        lines.append(
            EstimateLine(
                code=code,
                description=description,
                modifiers=modifiers,
                units=units,
                sessions=sessions,
                unit_charge=cents(each),
                charge=cents(per_session * sessions),
            )
        )
    return tuple(lines)


def _describe(line: CodedLine) -> str:
    if line.kind is LineKind.DRUG:
        text = (
            line.detail if line.drug is None else line.drug.description.replace(" mg given", " mg")
        )
        return text[:1].upper() + text[1:]
    return procedures.lookup(line.code).label


def _primary(plan: TreatmentPlan, count: int) -> str:
    sessions = "session" if count == 1 else "sessions"
    if plan.treatment is Treatment.IV_KETAMINE:
        infusions = "infusion" if count == 1 else "infusions"
        what = (
            f"{count} ketamine {infusions} into a vein (IV), {plan.infusion_minutes} minutes each"
        )
    elif plan.treatment is Treatment.ESKETAMINE:
        what = (
            f"{count} esketamine nasal spray (Spravato) {sessions} of {plan.dose_mg} mg, each "
            "with at least 2 hours of monitoring at the clinic"
        )
    else:
        injections = "injection" if count == 1 else "injections"
        what = f"{count} ketamine {injections} into a muscle (IM)"
    return f"A course of {what}."


def _separately(plan: TreatmentPlan) -> tuple[str, ...]:
    if plan.evaluation_price is not None:
        return (
            "The initial evaluation before the first session is scheduled separately and is "
            "not in this estimate; ask for its own Good Faith Estimate.",
        )
    return ()


def _tin(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    return f"{digits[:2]}-{digits[2:]}" if len(digits) == 9 else value
