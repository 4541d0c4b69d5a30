"""The named facts coverage rules read, each computed once per case.

A fact is a flat name (``plan.plan_type``) with a value of one kind (yes/no, number, text, date).
``None`` means unknown, and unknown is a first-class answer: a rule that needs an unknown fact
reports it as missing with the :attr:`FactSpec.ask` below, never as a silent no.

Diagnosis groups come from :mod:`ketacover.core.coverage.diagnoses`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Final

from ketacover.core.coverage.diagnoses import dx_groups, substance_use
from ketacover.core.history import HistoryAnalysis
from ketacover.core.model import (
    Case,
    NetworkStatus,
    PayerCategory,
    PlanType,
    Session,
    Specialty,
    SubstanceUse,
    Treatment,
    Urgency,
)

FactValue = bool | int | Decimal | str | date | None
Facts = Mapping[str, FactValue]


class Kind(StrEnum):
    """What kind of value a fact holds; rule comparisons are checked against it on load."""

    BOOL = "yes/no"
    NUMBER = "number"
    TEXT = "text"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class FactSpec:
    """A fact's kind, its allowed text values (if a choice), and how to find it out."""

    kind: Kind
    ask: str
    choices: frozenset[str] = frozenset()


def _choices(enum: type[StrEnum]) -> frozenset[str]:
    return frozenset(member.value for member in enum)


_PRESCRIBER = "Ask the prescriber to document"
_PLAN = "Ask the plan"

FACTS: Final[dict[str, FactSpec]] = {
    "patient.age": FactSpec(Kind.NUMBER, "Add the patient's date of birth."),
    "plan.category": FactSpec(
        Kind.TEXT,
        "Find out the patient's health plan and what kind it is (employer, Marketplace, "
        "Medicare, Medicaid, ...).",
        _choices(PayerCategory),
    ),
    "plan.government": FactSpec(
        Kind.BOOL, "Find out whether the coverage is Medicare, Medicaid, TRICARE or commercial."
    ),
    "plan.plan_type": FactSpec(
        Kind.TEXT, "Find out the plan type (PPO, HMO, EPO, POS) from the card.", _choices(PlanType)
    ),
    "plan.out_of_network_benefits": FactSpec(
        Kind.BOOL, f"{_PLAN} whether it pays anything for out-of-network providers."
    ),
    "plan.prior_authorization_required": FactSpec(
        Kind.BOOL, f"{_PLAN} whether prior authorization is required for the planned treatment."
    ),
    "plan.ketamine_infusion_covered": FactSpec(
        Kind.BOOL, f"{_PLAN} whether IV ketamine infusion is covered for this diagnosis."
    ),
    "plan.esketamine_covered": FactSpec(
        Kind.BOOL, f"{_PLAN} whether esketamine (Spravato) is covered and under which criteria."
    ),
    "dx.recorded": FactSpec(Kind.BOOL, f"{_PRESCRIBER} the ICD-10-CM diagnosis codes."),
    "dx.depression": FactSpec(Kind.BOOL, f"{_PRESCRIBER} the depression diagnosis (F32.x/F33.x)."),
    "dx.psychotic_features": FactSpec(
        Kind.BOOL, f"{_PRESCRIBER} whether the current episode has psychotic features."
    ),
    "dx.bipolar": FactSpec(
        Kind.BOOL, f"{_PRESCRIBER} whether there is any current or past bipolar disorder or mania."
    ),
    "dx.ptsd": FactSpec(Kind.BOOL, f"{_PRESCRIBER} the diagnosis codes."),
    "dx.crps": FactSpec(Kind.BOOL, f"{_PRESCRIBER} the diagnosis codes."),
    "dx.chronic_pain": FactSpec(Kind.BOOL, f"{_PRESCRIBER} the diagnosis codes."),
    "history.substance_use": FactSpec(
        Kind.TEXT,
        f"{_PRESCRIBER} substance use disorder status (none, active, or in remission since when).",
        _choices(SubstanceUse),
    ),
    "history.substance_remission_months": FactSpec(
        Kind.NUMBER, f"{_PRESCRIBER} when remission from substance use began."
    ),
    "history.recorded": FactSpec(
        Kind.BOOL,
        f"{_PRESCRIBER} the treatment history: each antidepressant, dose, dates, outcome.",
    ),
    "history.adequate_trials": FactSpec(
        Kind.NUMBER, f"{_PRESCRIBER} each antidepressant trial: dose, dates and outcome."
    ),
    "history.distinct_classes": FactSpec(
        Kind.NUMBER, f"{_PRESCRIBER} each antidepressant trial by name so its class is known."
    ),
    "history.augmentation": FactSpec(Kind.BOOL, f"{_PRESCRIBER} any augmentation trial."),
    "history.psychotherapy": FactSpec(Kind.BOOL, f"{_PRESCRIBER} any psychotherapy tried."),
    "history.tms_or_ect": FactSpec(Kind.BOOL, f"{_PRESCRIBER} any TMS or ECT course."),
    "history.max_improvement_percent": FactSpec(
        Kind.NUMBER, f"{_PRESCRIBER} the improvement on a rating scale during each trial."
    ),
    "history.current_antidepressant": FactSpec(
        Kind.BOOL, f"{_PRESCRIBER} whether the patient takes an oral antidepressant now."
    ),
    "criteria.met": FactSpec(
        Kind.BOOL, f"{_PRESCRIBER} the failed treatments the payer's criteria ask for."
    ),
    "scores.madrs": FactSpec(Kind.NUMBER, f"{_PRESCRIBER} a recent MADRS score."),
    "scores.hamd17": FactSpec(Kind.NUMBER, f"{_PRESCRIBER} a recent HAM-D 17 score."),
    "scores.phq9": FactSpec(Kind.NUMBER, f"{_PRESCRIBER} a recent PHQ-9 score."),
    "scores.baseline": FactSpec(
        Kind.BOOL, f"{_PRESCRIBER} a baseline rating scale (PHQ-9, MADRS or HAM-D)."
    ),
    "clinic.rems_certified": FactSpec(
        Kind.BOOL, "Ask the clinic whether its site is certified in the SPRAVATO REMS."
    ),
    "clinic.network_status": FactSpec(
        Kind.TEXT, f"{_PLAN} whether the clinic is in network.", _choices(NetworkStatus)
    ),
    "prescriber.network_status": FactSpec(
        Kind.TEXT, f"{_PLAN} whether the clinician is in network.", _choices(NetworkStatus)
    ),
    "prescriber.in_network": FactSpec(
        Kind.BOOL, f"{_PLAN} whether the prescribing clinician (or the clinic) is in network."
    ),
    "prescriber.psychiatry": FactSpec(
        Kind.BOOL, "Find out whether the prescriber is a psychiatrist or has consulted one."
    ),
    "treatment.requested": FactSpec(
        Kind.TEXT,
        "Add the treatment plan (which treatment, how many sessions).",
        _choices(Treatment),
    ),
    "service.date": FactSpec(Kind.DATE, "Add the planned start date of treatment."),
    "urgent": FactSpec(Kind.BOOL, f"{_PRESCRIBER} whether there is current suicidal ideation."),
    "esketamine.denied": FactSpec(Kind.BOOL, "Record any denial received."),
    "esketamine.pending": FactSpec(Kind.BOOL, "Record any prior-authorization request sent."),
    "esketamine.approved": FactSpec(Kind.BOOL, "Record any approval received."),
    "ketamine.denied": FactSpec(Kind.BOOL, "Record any denial received."),
    "ketamine.pending": FactSpec(Kind.BOOL, "Record any prior-authorization request sent."),
    "sessions.unauthorized": FactSpec(
        Kind.BOOL, "Ask the plan whether the treatment needs prior authorization."
    ),
}
"""Every fact a rule may read. A rule naming any other fact is a load error."""

_GOVERNMENT: Final = frozenset(
    {
        PayerCategory.MEDICARE,
        PayerCategory.MEDICARE_ADVANTAGE,
        PayerCategory.MEDICAID,
        PayerCategory.MEDICAID_MANAGED_CARE,
        PayerCategory.TRICARE,
    }
)
_KETAMINE: Final = frozenset({Treatment.IV_KETAMINE, Treatment.IM_KETAMINE})


def _flag(coded: bool, flag: bool | None, coded_no: bool = False) -> bool | None:
    if coded or flag is True:
        return True
    if flag is False or coded_no:
        return False
    return None


def case_facts(
    case: Case, today: date, history: HistoryAnalysis, criteria_met: bool | None
) -> dict[str, FactValue]:
    """All facts for one case, computed once (``history`` is the case's analyzed history)."""
    clinic = case.clinic
    prescriber = case.prescriber
    groups: frozenset[str] = frozenset().union(*(dx_groups(dx.code) for dx in case.diagnoses))
    has_dx = bool(case.diagnoses)
    flags = case.history
    suicidal = "suicidal_ideation" in groups or flags.suicidal_ideation is True
    service = today
    if case.treatment_plan is not None and case.treatment_plan.start is not None:
        service = case.treatment_plan.start
    facts: dict[str, FactValue] = {
        "patient.age": case.patient.age_on(service),
        "dx.recorded": has_dx,
        "dx.depression": ("depression" in groups) if has_dx else None,
        "dx.psychotic_features": _flag(
            "psychotic" in groups, flags.psychotic_features, "without_psychosis" in groups
        ),
        "dx.bipolar": _flag("bipolar" in groups, flags.bipolar_history),
        "dx.ptsd": ("ptsd" in groups) if has_dx else None,
        "dx.crps": ("crps" in groups) if has_dx else None,
        "dx.chronic_pain": ("pain" in groups) if has_dx else None,
        "history.substance_use": substance_use(groups, flags.substance_use),
        "history.substance_remission_months": _months(flags.substance_remission_since, service),
        "urgent": case.urgency is Urgency.URGENT or suicidal,
        "service.date": service,
        "treatment.requested": (
            None if case.treatment_plan is None else case.treatment_plan.treatment.value
        ),
        "criteria.met": criteria_met,
    }
    facts.update(_plan_facts(case))
    facts.update(_history_facts(history))
    facts.update(_score_facts(case))
    facts.update(_event_facts(case))
    facts["clinic.rems_certified"] = None if clinic is None else clinic.rems_certified
    clinic_status = None if clinic is None else clinic.network_status
    prescriber_status = None if prescriber is None else prescriber.network_status
    facts["clinic.network_status"] = _status(clinic_status)
    facts["prescriber.network_status"] = _status(prescriber_status)
    facts["prescriber.in_network"] = _in_network(prescriber_status, clinic_status)
    facts["prescriber.psychiatry"] = None
    if prescriber is not None:
        facts["prescriber.psychiatry"] = (
            True
            if prescriber.specialty is Specialty.PSYCHIATRY or prescriber.consults_psychiatrist
            else (None if prescriber.specialty is None else prescriber.consults_psychiatrist)
        )
    return facts


def _plan_facts(case: Case) -> dict[str, FactValue]:
    plan = case.plan
    if plan is None:
        return dict.fromkeys(
            (
                "plan.category",
                "plan.government",
                "plan.plan_type",
                "plan.out_of_network_benefits",
                "plan.prior_authorization_required",
                "plan.ketamine_infusion_covered",
                "plan.esketamine_covered",
            )
        )
    government = None if plan.category is PayerCategory.OTHER else plan.category in _GOVERNMENT
    return {
        "plan.category": plan.category.value,
        "plan.government": government,
        "plan.plan_type": None if plan.plan_type is None else plan.plan_type.value,
        "plan.out_of_network_benefits": plan.out_of_network_benefits,
        "plan.prior_authorization_required": plan.prior_authorization_required,
        "plan.ketamine_infusion_covered": plan.ketamine_infusion_covered,
        "plan.esketamine_covered": plan.esketamine_covered,
    }


def _history_facts(history: HistoryAnalysis) -> dict[str, FactValue]:
    if not history.recorded:
        return {
            "history.recorded": False,
            "history.adequate_trials": None,
            "history.distinct_classes": None,
            "history.augmentation": None,
            "history.psychotherapy": None,
            "history.tms_or_ect": None,
            "history.max_improvement_percent": None,
            "history.current_antidepressant": None,
        }
    return {
        "history.recorded": True,
        "history.adequate_trials": history.adequate_trials,
        "history.distinct_classes": history.distinct_classes,
        "history.augmentation": bool(history.augmentation),
        "history.psychotherapy": bool(history.psychotherapy),
        "history.tms_or_ect": history.tms or history.ect,
        "history.max_improvement_percent": history.best_improvement_percent,
        "history.current_antidepressant": history.current_antidepressant,
    }


def _score_facts(case: Case) -> dict[str, FactValue]:
    latest: dict[str, tuple[date, int]] = {}
    for score in case.scores:
        seen = latest.get(score.scale.value)
        if seen is None or score.on >= seen[0]:
            latest[score.scale.value] = (score.on, score.score)
    madrs = latest.get("madrs")
    hamd = latest.get("hamd17")
    phq9 = latest.get("phq9")
    return {
        "scores.phq9": None if phq9 is None else phq9[1],
        "scores.madrs": None if madrs is None else madrs[1],
        "scores.hamd17": None if hamd is None else hamd[1],
        "scores.baseline": bool(latest.keys() & {"phq9", "madrs", "hamd17"}),
    }


def _event_facts(case: Case) -> dict[str, FactValue]:
    pa_treatment = {pa.id: pa.treatment for pa in case.prior_authorizations}
    planned = None if case.treatment_plan is None else case.treatment_plan.treatment
    denied = {pa_treatment.get(d.prior_authorization_id or "", planned) for d in case.denials}
    pending = {pa.treatment for pa in case.prior_authorizations if pa.decision.value == "pending"}
    approved = {
        pa.treatment
        for pa in case.prior_authorizations
        if pa.decision.value in ("approved", "partially_approved")
    }
    return {
        "sessions.unauthorized": _unauthorized(case),
        "esketamine.denied": Treatment.ESKETAMINE in denied,
        "esketamine.pending": Treatment.ESKETAMINE in pending,
        "esketamine.approved": Treatment.ESKETAMINE in approved,
        "ketamine.denied": bool(denied & _KETAMINE),
        "ketamine.pending": bool(pending & _KETAMINE),
    }


def _unauthorized(case: Case) -> bool | None:
    """Whether a session was given without the authorization the plan requires: none linked to
    an approved request for its treatment covering its date. Unknown while the requirement is."""
    required = None if case.plan is None else case.plan.prior_authorization_required
    if required is not True:
        return None if required is None and case.sessions else False
    approved = [
        pa
        for pa in case.prior_authorizations
        if pa.decision.value in ("approved", "partially_approved")
    ]

    def covered(session: Session) -> bool:
        return any(
            pa.treatment is session.treatment
            and (session.authorization_id in (None, pa.id))
            and (pa.valid_from is None or pa.valid_from <= session.on)
            and (pa.valid_through is None or session.on <= pa.valid_through)
            for pa in approved
        )

    return any(not covered(session) for session in case.sessions)


def denial_treatments(case: Case) -> dict[str, Treatment | None]:
    """Which treatment each denial, prior authorization and appeal id is about."""
    planned = None if case.treatment_plan is None else case.treatment_plan.treatment
    refs: dict[str, Treatment | None] = {pa.id: pa.treatment for pa in case.prior_authorizations}
    for denial in case.denials:
        refs[denial.id] = refs.get(denial.prior_authorization_id or "", planned)
    for appeal in case.appeals:
        refs.setdefault(appeal.denial_id, planned)
    return refs


def is_ketamine(treatment: Treatment | None) -> bool:
    """Whether a treatment is racemic ketamine (IV or IM)."""
    return treatment in _KETAMINE


def _status(status: NetworkStatus | None) -> str | None:
    return None if status is None or status is NetworkStatus.UNKNOWN else status.value


def _in_network(prescriber: NetworkStatus | None, clinic: NetworkStatus | None) -> bool | None:
    statuses = {prescriber, clinic}
    if NetworkStatus.IN_NETWORK in statuses:
        return True
    if (
        statuses <= {NetworkStatus.OUT_OF_NETWORK, None}
        and NetworkStatus.OUT_OF_NETWORK in statuses
    ):
        return False
    return None


def _months(since: date | None, day: date) -> int | None:
    if since is None:
        return None
    months = (day.year - since.year) * 12 + day.month - since.month
    return months - int(day.day < since.day)
