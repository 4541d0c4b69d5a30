"""From the navigator's answers to core cases the coverage engine can assess.

A case has one payer category and one birth date, but a person may answer "I don't know" to the
kind of plan (an employer plan that is fully insured or self-funded, Original Medicare or Medicare
Advantage, ...) or to whether the patient is 18 or older. Each way the answers can be read is a
:class:`Reading`, with its own case; :mod:`ketacover.core.navigator.outlook` assesses every
reading with the real engine and keeps what they agree on. Nothing is guessed: where the readings
disagree, the answer depends on the fact not known, and it is reported as such.

How answers become case facts:

- the patient's name and address are those given, or empty when not given (the assessment reads
  neither); the birth date is the one given, else, for an age group, the latest birth date in
  that group on ``today`` (the engine reads only the age it gives)
- diagnoses come from :mod:`.conditions`, each noted as matched from the person's words
- medications, psychotherapy, TMS and ECT become the treatment history, with the outcome and
  weeks the person gave and nothing else (doses are for the prescriber to document)
- thoughts of suicide make the request urgent (sourcebook esketamine.toml and appeals.toml)
- a denial letter with its date becomes a denial; without a date no deadline can be computed
- the treatment plan has the sessions the clinic planned, else the usual first course
  (:data:`TYPICAL_SESSIONS`), said so in the case's notes
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import product
from typing import Final

from ketacover.core.model import (
    Address,
    Case,
    Clinic,
    ClinicalHistory,
    CostShare,
    Denial,
    DenialLevel,
    Diagnosis,
    NetworkStatus,
    Patient,
    PayerCategory,
    Plan,
    Treatment,
    TreatmentPlan,
    TreatmentTrial,
    TrialKind,
    Urgency,
)
from ketacover.core.navigator.answers import (
    KINDS,
    AgeGroup,
    Answers,
    Coverage,
    DenialLevelAnswer,
    PlanKind,
)
from ketacover.core.navigator.conditions import diagnosis_codes
from ketacover.core.sourcebook import cite

CASE_ID: Final = "navigator"
"""The id of a case built by the navigator (case ids carry no names or diagnoses)."""

CATEGORY: Final = {
    PlanKind.FULLY_INSURED: PayerCategory.COMMERCIAL_FULLY_INSURED,
    PlanKind.SELF_FUNDED: PayerCategory.COMMERCIAL_SELF_FUNDED,
    PlanKind.MARKETPLACE: PayerCategory.MARKETPLACE_QHP,
    PlanKind.DIRECT: PayerCategory.INDIVIDUAL,
    PlanKind.ORIGINAL_MEDICARE: PayerCategory.MEDICARE,
    PlanKind.MEDICARE_ADVANTAGE: PayerCategory.MEDICARE_ADVANTAGE,
    PlanKind.MEDICAID_FEE_FOR_SERVICE: PayerCategory.MEDICAID,
    PlanKind.MEDICAID_MANAGED_CARE: PayerCategory.MEDICAID_MANAGED_CARE,
}
"""The payer category of each kind of plan."""

_SINGLE: Final = {Coverage.TRICARE: PayerCategory.TRICARE, Coverage.OTHER: PayerCategory.OTHER}

TYPICAL_SESSIONS: Final = {Treatment.IV_KETAMINE: 6, Treatment.ESKETAMINE: 8}
"""The first course assumed when the clinic's plan is not known: six infusions, the most common
induction series for mood disorders, and for esketamine twice weekly in the first four weeks."""
TYPICAL_SESSIONS_SOURCE: Final = {
    Treatment.IV_KETAMINE: cite("consumer-ketamine-prices"),
    Treatment.ESKETAMINE: cite("premera-5-01-609"),
}

MATCHED_NOTE: Final = (
    "Matched from the patient's own words in the navigator; the prescriber confirms the code."
)
ADULT_AGE: Final = 18


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read the answers, and the case it gives.

    ``kind`` and ``age`` are set only when the reading assumes them because the person did not
    know; a reading that assumes nothing has both ``None``.
    """

    case: Case
    kind: PlanKind | None = None
    age: AgeGroup | None = None

    @property
    def assumes(self) -> bool:
        """Whether this reading fills in something the person did not know."""
        return self.kind is not None or self.age is not None


def latest_birth_date(today: date, years: int) -> date:
    """The latest birth date of someone who is ``years`` old on ``today`` (29 February becomes
    28 February in a year without it)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def readings(answers: Answers, today: date) -> tuple[Reading, ...]:
    """Every reading of ``answers``: one when nothing is open, more when a kind of plan or the
    age group is not known. The first is the one that assumes the first kinds listed in
    :data:`ketacover.core.navigator.answers.KINDS`, and adulthood."""
    kinds: tuple[PlanKind | None, ...] = (answers.plan_kind,)
    kind_open = False
    if answers.coverage is not None and answers.plan_kind is None and KINDS[answers.coverage]:
        kinds, kind_open = KINDS[answers.coverage], True
    ages: tuple[AgeGroup | None, ...] = (answers.age,)
    age_open = answers.date_of_birth is None and answers.age is None
    if age_open:
        ages = (AgeGroup.ADULT, AgeGroup.MINOR)
    found = []
    for kind, age in product(kinds, ages):
        case = build_case(answers, today, kind=kind, age=age)
        found.append(Reading(case, kind=kind if kind_open else None, age=age if age_open else None))
    return tuple(found)


def build_case(
    answers: Answers,
    today: date,
    *,
    kind: PlanKind | None = None,
    age: AgeGroup | None = None,
    for_documents: bool = False,
) -> Case:
    """The case for one reading. ``kind`` and ``age`` fill the plan kind and age group when the
    answers leave them open. ``for_documents`` leaves out what a document would print empty (an
    unnamed clinic)."""
    trials = _history(answers)
    return Case(
        id=CASE_ID,
        patient=Patient(
            given_name=answers.given_name or "",
            family_name=answers.family_name or "",
            date_of_birth=_birth(answers, today, age),
            address=_address(answers),
        ),
        plan=_plan(answers, kind or answers.plan_kind),
        clinic=_clinic(answers, for_documents=for_documents),
        diagnoses=tuple(
            Diagnosis(code=code, primary=index == 0, note=MATCHED_NOTE)
            for index, code in enumerate(diagnosis_codes(answers))
        ),
        treatment_history=trials,
        history=ClinicalHistory(
            bipolar_history=answers.bipolar,
            psychotic_features=answers.psychotic,
            suicidal_ideation=answers.suicidal,
            recurrent=answers.recurrent,
        ),
        treatment_plan=_treatment_plan(answers),
        urgency=Urgency.URGENT if answers.suicidal else Urgency.STANDARD,
        denials=_denials(answers),
        notes=_notes(answers) or None,
    )


def _birth(answers: Answers, today: date, age: AgeGroup | None) -> date:
    if answers.date_of_birth is not None:
        return answers.date_of_birth
    group = age or answers.age or AgeGroup.ADULT
    adult = latest_birth_date(today, ADULT_AGE)
    return adult if group is AgeGroup.ADULT else adult + timedelta(days=1)


def _address(answers: Answers) -> Address | None:
    if not answers.address_complete:
        return None
    return Address(
        line1=answers.street or "",
        city=answers.city or "",
        state=answers.state or "",
        postal_code=answers.postal_code or "",
    )


def _plan(answers: Answers, kind: PlanKind | None) -> Plan | None:
    coverage = answers.coverage
    if coverage is None:
        return None
    category = _SINGLE.get(coverage)
    if kind is not None:
        category = CATEGORY[kind]
    if category is None:
        return None
    share = None
    if any(
        value is not None
        for value in (answers.deductible, answers.coinsurance_percent, answers.out_of_pocket_max)
    ):
        share = CostShare(
            deductible=answers.deductible,
            coinsurance_percent=answers.coinsurance_percent,
            out_of_pocket_max=answers.out_of_pocket_max,
        )
    return Plan(
        payer=answers.insurer or "",
        category=category,
        plan_type=answers.plan_type,
        member_id=answers.member_id,
        group_number=answers.group_number,
        state=answers.state,
        out_of_network_benefits=answers.out_of_network,
        in_network=share,
    )


def _clinic(answers: Answers, *, for_documents: bool) -> Clinic | None:
    rems = answers.clinic_rems if answers.treatment is Treatment.ESKETAMINE else None
    if for_documents and not answers.clinic_name:
        return None
    if answers.clinic_name is None and answers.clinic_in_network is None and rems is None:
        return None
    status = NetworkStatus.UNKNOWN
    if answers.clinic_in_network is not None:
        status = (
            NetworkStatus.IN_NETWORK if answers.clinic_in_network else NetworkStatus.OUT_OF_NETWORK
        )
    return Clinic(name=answers.clinic_name or "", network_status=status, rems_certified=rems)


def _history(answers: Answers) -> tuple[TreatmentTrial, ...]:
    trials = [
        TreatmentTrial(
            kind=TrialKind.MEDICATION, name=item.name, outcome=item.outcome, weeks=item.weeks
        )
        for item in answers.medications
    ]
    for tried, kind, name in (
        (answers.therapy, TrialKind.PSYCHOTHERAPY, "psychotherapy"),
        (answers.tms, TrialKind.TMS, "TMS"),
        (answers.ect, TrialKind.ECT, "ECT"),
    ):
        if tried:
            trials.append(TreatmentTrial(kind=kind, name=name))
    return tuple(trials)


def _treatment_plan(answers: Answers) -> TreatmentPlan | None:
    if answers.treatment is None:
        return None
    return TreatmentPlan(
        treatment=answers.treatment,
        sessions=answers.sessions or TYPICAL_SESSIONS[answers.treatment],
        price_per_session=answers.price_per_session,
    )


_LEVELS: Final = {
    DenialLevelAnswer.FIRST: DenialLevel.INITIAL,
    DenialLevelAnswer.APPEAL_MORE_LEVELS: DenialLevel.INTERNAL_APPEAL,
    DenialLevelAnswer.APPEAL_FINAL: DenialLevel.FINAL_INTERNAL,
}


def _denials(answers: Answers) -> tuple[Denial, ...]:
    if not answers.denial or answers.denial_date is None:
        return ()
    return (
        Denial(
            id="denial-1",
            notice_date=answers.denial_date,
            pre_service=answers.denial_pre_service is not False,
            level=_LEVELS[answers.denial_level or DenialLevelAnswer.FIRST],
            reason=answers.denial_reason,
            urgent=answers.suicidal is True,
        ),
    )


def _notes(answers: Answers) -> str:
    notes = []
    if answers.treatment is not None and answers.sessions is None:
        sessions = TYPICAL_SESSIONS[answers.treatment]
        source = TYPICAL_SESSIONS_SOURCE[answers.treatment]
        notes.append(
            f"Sessions: {sessions} assumed (the usual first course; source: {source}); ask the "
            "clinic for its plan."
        )
    if answers.denial and answers.denial_date is not None:
        if answers.denial_pre_service is None:
            notes.append("Denial: not known whether of a request or of a bill; taken as a request.")
        if answers.denial_level is None:
            notes.append("Denial: not known which decision it is; taken as the first decision.")
    return " ".join(notes)
