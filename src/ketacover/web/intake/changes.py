"""What each intake step does to a case: the checks against the core (NPI check digits, ICD-10-CM
validity and billable status, rating-scale scoring, order of dates) and the changed case.

Each change takes the case and a step form's cleaned data and returns the changed case, or raises
:class:`InvalidStepError` naming the form fields at fault. Only :mod:`ketacover.web.intake.services`
calls these. Fields a step does not show are kept as the case has them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any, Final

from ketacover.core.codes import icd10cm, icd10cm_search, npi
from ketacover.core.errors import InvalidCodeError, KetacoverError
from ketacover.core.model import (
    Address,
    Case,
    Clinic,
    Clinician,
    CostShare,
    Diagnosis,
    NetworkStatus,
    Outcome,
    Patient,
    PayerCategory,
    Plan,
    PlanType,
    Scale,
    ScaleScore,
    Sex,
    Specialty,
    SubstanceUse,
    Treatment,
    TreatmentPlan,
    TreatmentTrial,
    TrialKind,
    Urgency,
)
from ketacover.core.scales import InvalidScoreError, check_total, score_items

Data = Mapping[str, Any]
ESKETAMINE_DOSES: Final = (56, 84)
"""Esketamine doses per session in mg (J0013 is billed per mg: sourcebook codes.toml)."""


class InvalidStepError(KetacoverError):
    """The step's input has problems; ``errors`` maps each form field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))


def _text(data: Data, name: str) -> str | None:
    value = data.get(name)
    return str(value).strip() or None if value is not None else None


def _address(data: Data, prefix: str) -> Address | None:
    if not _text(data, f"{prefix}line1"):
        return None
    return Address(
        line1=str(_text(data, f"{prefix}line1")),
        line2=_text(data, f"{prefix}line2"),
        city=str(_text(data, f"{prefix}city")),
        state=str(_text(data, f"{prefix}state")).upper(),
        postal_code=str(_text(data, f"{prefix}postal_code")),
    )


def new_patient(data: Data) -> Patient:
    """The patient of step 1."""
    return Patient(
        given_name=str(_text(data, "given_name")),
        family_name=str(_text(data, "family_name")),
        date_of_birth=data["date_of_birth"],
        sex=Sex(data.get("sex") or Sex.UNKNOWN),
        address=_address(data, ""),
        phone=_text(data, "phone"),
        email=_text(data, "email"),
    )


def start_case(case_id: str, data: Data, today: date) -> Case:
    """A new case holding only its patient."""
    if data["date_of_birth"] > today:
        raise InvalidStepError({"date_of_birth": "The date of birth is in the future."})
    return Case(id=case_id, patient=new_patient(data))


def with_patient(case: Case, data: Data, today: date) -> Case:
    """Step 1 on an existing case: the patient's details."""
    if data["date_of_birth"] > today:
        raise InvalidStepError({"date_of_birth": "The date of birth is in the future."})
    return replace(case, patient=new_patient(data))


def _share(data: Data, prefix: str, existing: CostShare | None) -> CostShare | None:
    values: dict[str, Any] = {
        name: data.get(f"{prefix}_{name}")
        for name in ("deductible", "coinsurance_percent", "out_of_pocket_max")
    }
    used = {name: data.get(f"{prefix}_{name}") for name in ("deductible_met", "out_of_pocket_met")}
    if existing is None and all(v is None for v in (*values.values(), *used.values())):
        return None
    met: dict[str, Any] = {
        name: Decimal(0) if amount is None else amount for name, amount in used.items()
    }
    return replace(existing or CostShare(), **values, **met)


def with_plan(case: Case, data: Data, today: date) -> Case:
    """Step 2: the plan and its cost sharing (what the plan said on calls is kept)."""
    fields: dict[str, Any] = {
        "payer": str(_text(data, "payer")),
        "category": PayerCategory(data["category"]),
        "plan_type": PlanType(data["plan_type"]) if data.get("plan_type") else None,
        "grandfathered": data.get("grandfathered"),
        "out_of_network_benefits": data.get("out_of_network_benefits"),
    }
    for name in (
        "plan_name",
        "member_id",
        "group_number",
        "phone_behavioral_health",
        "phone_medical",
        "plan_year_start",
    ):
        fields[name] = _text(data, name)
    state = _text(data, "state")
    fields["state"] = state.upper() if state else None
    old = case.plan
    fields["in_network"] = _share(data, "in", old.in_network if old else None)
    fields["out_of_network"] = _share(data, "oon", old.out_of_network if old else None)
    plan = replace(old, **fields) if old is not None else Plan(**fields)
    return replace(case, plan=plan)


def _npi(data: Data, name: str, errors: dict[str, str]) -> str | None:
    typed = _text(data, name)
    if typed is None:
        return None
    try:
        return npi.validate(typed)
    except InvalidCodeError as error:
        errors[name] = f"{error}. Check the number against the NPPES registry."
        return None


def with_providers(case: Case, data: Data, today: date) -> Case:
    """Step 3: the clinic and the prescriber, with NPI check digits checked."""
    errors: dict[str, str] = {}
    clinic_npi = _npi(data, "clinic_npi", errors)
    prescriber_npi = _npi(data, "prescriber_npi", errors)
    if errors:
        raise InvalidStepError(errors)
    clinic = case.clinic
    if _text(data, "clinic_name"):
        fields: dict[str, Any] = {
            "name": str(_text(data, "clinic_name")),
            "npi": clinic_npi,
            "tin": _text(data, "clinic_tin"),
            "network_status": NetworkStatus(data.get("clinic_network_status") or "unknown"),
            "rems_certified": data.get("clinic_rems_certified"),
            "address": _address(data, "clinic_"),
            "phone": _text(data, "clinic_phone"),
            "fax": _text(data, "clinic_fax"),
        }
        clinic = replace(clinic, **fields) if clinic is not None else Clinic(**fields)
    else:
        clinic = None
    prescriber = case.prescriber
    if _text(data, "prescriber_name"):
        specialty = data.get("prescriber_specialty")
        values: dict[str, Any] = {
            "name": str(_text(data, "prescriber_name")),
            "credentials": _text(data, "prescriber_credentials"),
            "npi": prescriber_npi,
            "specialty": Specialty(specialty) if specialty else None,
        }
        prescriber = replace(prescriber, **values) if prescriber else Clinician(**values)
    else:
        prescriber = None
    return replace(case, clinic=clinic, prescriber=prescriber)


def with_diagnosis(case: Case, data: Data, today: date) -> Case:
    """Step 4: add a diagnosis; only a billable ICD-10-CM code is taken."""
    typed = str(data["code"]).strip()
    try:
        code = icd10cm.validate(typed)
    except InvalidCodeError as error:
        raise InvalidStepError({"code": f"{error}."}) from None
    if not icd10cm.is_billable(code):
        under = icd10cm_search.billable_codes_under(code, limit=8)
        raise InvalidStepError(
            {
                "code": f"{code} is a category, not a billable code: choose a more specific one"
                + (f" ({', '.join(under)})." if under else ".")
            }
        )
    if any(icd10cm.normalize(d.code) == code for d in case.diagnoses):
        raise InvalidStepError({"code": f"{code} is already on the case."})
    since = data.get("since")
    if since is not None and since > today:
        raise InvalidStepError({"since": "This date is in the future."})
    primary = bool(data.get("primary"))
    kept = tuple(replace(d, primary=False) if primary else d for d in case.diagnoses)
    added = Diagnosis(code=code, primary=primary, since=since)
    return replace(case, diagnoses=(*kept, added))


def _index(data: Data, length: int) -> int:
    index = int(data["index"])
    if not 0 <= index < length:
        raise InvalidStepError({"index": "That entry is no longer on the case."})
    return index


def without_diagnosis(case: Case, data: Data, today: date) -> Case:
    """Step 4: remove a diagnosis."""
    index = _index(data, len(case.diagnoses))
    return replace(case, diagnoses=case.diagnoses[:index] + case.diagnoses[index + 1 :])


def with_primary(case: Case, data: Data, today: date) -> Case:
    """Step 4: make one diagnosis the primary one."""
    index = _index(data, len(case.diagnoses))
    diagnoses = tuple(replace(d, primary=i == index) for i, d in enumerate(case.diagnoses))
    return replace(case, diagnoses=diagnoses)


def with_diagnosis_date(case: Case, data: Data, today: date) -> Case:
    """Step 4: change the date of a diagnosis already on the case (empty clears it)."""
    index = _index(data, len(case.diagnoses))
    since = data.get("since")
    if since is not None and since > today:
        raise InvalidStepError({"since": "This date is in the future."})
    changed = replace(case.diagnoses[index], since=since)
    return replace(case, diagnoses=(*case.diagnoses[:index], changed, *case.diagnoses[index + 1 :]))


def _score(case: Case, scale: Scale, total: int, data: Data, today: date, note: str) -> Case:
    on: date = data["on"]
    if on > today:
        raise InvalidStepError({"on": "This date is in the future."})
    added = ScaleScore(scale=scale, score=total, on=on, note=note or None)
    return replace(case, scores=(*case.scores, added))


def with_items_score(case: Case, data: Data, today: date) -> Case:
    """Step 5: a PHQ-9 or GAD-7 scored from its item answers (items kept in the note)."""
    scale = Scale(data["scale"])
    count = int(data["count"])
    answers = [data.get(f"item_{n}") for n in range(1, count + 1)]
    missing = [n for n, answer in enumerate(answers, start=1) if answer is None]
    if missing:
        raise InvalidStepError(
            {f"item_{n}": f"{scale.label} item {n}: give an answer from 0 to 3." for n in missing}
        )
    items = [int(answer) for answer in answers if answer is not None]
    try:
        total = score_items(scale, items)
    except InvalidScoreError as error:
        field = f"item_{error.item}" if error.item else "on"
        raise InvalidStepError({field: f"{error}."}) from None
    note = "; ".join(
        part
        for part in (f"items {' '.join(str(i) for i in items)}", _text(data, "note") or "")
        if part
    )
    return _score(case, scale, total, data, today, note)


def with_total_score(case: Case, data: Data, today: date) -> Case:
    """Step 5: a scale entered as its total, checked against the scale's range."""
    scale = Scale(data["scale"])
    try:
        total = check_total(scale, int(data["score"]))
    except InvalidScoreError as error:
        raise InvalidStepError({"score": f"{error}."}) from None
    return _score(case, scale, total, data, today, _text(data, "note") or "")


def without_score(case: Case, data: Data, today: date) -> Case:
    """Step 5: remove a score."""
    index = _index(data, len(case.scores))
    return replace(case, scores=case.scores[:index] + case.scores[index + 1 :])


def with_trial(case: Case, data: Data, today: date) -> Case:
    """Step 6: add a treatment tried, with its dates in order."""
    start, end = data.get("start"), data.get("end")
    errors = _trial_dates(start, end, today)
    if end is not None and data.get("still_taking"):
        errors["still_taking"] = "Give an end date or tick 'still taking', not both."
    if errors:
        raise InvalidStepError(errors)
    outcome = Outcome(data.get("outcome") or Outcome.UNKNOWN)
    if data.get("still_taking") and outcome is Outcome.UNKNOWN:
        outcome = Outcome.ONGOING
    trial = TreatmentTrial(
        kind=TrialKind(data.get("kind") or TrialKind.MEDICATION),
        name=str(_text(data, "name")),
        dose=_text(data, "dose"),
        dose_mg_per_day=data.get("dose_mg_per_day"),
        start=start,
        end=end,
        adequate_dose=data.get("adequate_dose"),
        augmentation=bool(data.get("augmentation")),
        outcome=outcome,
        reason_stopped=_text(data, "reason_stopped"),
        current_episode=data.get("current_episode"),
    )
    return replace(case, treatment_history=(*case.treatment_history, trial))


def _trial_dates(start: date | None, end: date | None, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if start is not None and start > today:
        errors["start"] = "This date is in the future."
    if end is not None and start is not None and end < start:
        errors["end"] = f"The end ({end.isoformat()}) is before the start ({start.isoformat()})."
    return errors


def with_trial_dates(case: Case, data: Data, today: date) -> Case:
    """Step 6: change the start and end of a treatment already on the case."""
    index = _index(data, len(case.treatment_history))
    start, end = data.get("start"), data.get("end")
    errors = _trial_dates(start, end, today)
    if errors:
        raise InvalidStepError(errors)
    trial = case.treatment_history[index]
    outcome = trial.outcome
    if end is not None and outcome is Outcome.ONGOING:
        outcome = Outcome.UNKNOWN
    changed = replace(trial, start=start, end=end, outcome=outcome)
    history = case.treatment_history
    return replace(case, treatment_history=(*history[:index], changed, *history[index + 1 :]))


def without_trial(case: Case, data: Data, today: date) -> Case:
    """Step 6: remove a treatment tried."""
    index = _index(data, len(case.treatment_history))
    history = case.treatment_history
    return replace(case, treatment_history=history[:index] + history[index + 1 :])


_ESTIMATE_DATES: Final = ("scheduled_on", "estimate_requested_on", "estimate_given_on", "billed_on")


def _estimate_dates(data: Data, today: date) -> dict[str, str]:
    """The Good Faith Estimate's dates: none in the future, scheduling before the first session,
    the estimate given and the bill only for a self-pay patient (45 CFR 149.610)."""
    errors: dict[str, str] = {}
    for name in _ESTIMATE_DATES:
        value = data.get(name)
        if value is not None and value > today:
            errors[name] = "This date is in the future."
    scheduled, start = data.get("scheduled_on"), data.get("start")
    if "scheduled_on" not in errors and scheduled and start and scheduled > start:
        errors["scheduled_on"] = (
            f"This is after the planned first session ({start.isoformat()}): a session is "
            "scheduled before it is given."
        )
    if data.get("self_pay") is not True:
        for name in ("estimate_given_on", "billed_on"):
            if name not in errors and data.get(name) is not None:
                errors[name] = (
                    "This applies to a self-pay patient: answer Yes to the self-pay question, "
                    "or leave it empty."
                )
    return errors


def with_treatment(case: Case, data: Data, today: date) -> Case:
    """Step 7: the treatment plan, the urgency and the history flags."""
    treatment = Treatment(data["treatment"])
    errors: dict[str, str] = {}
    minutes, dose = data.get("infusion_minutes"), data.get("dose_mg")
    if minutes is not None and treatment is not Treatment.IV_KETAMINE:
        errors["infusion_minutes"] = "Infusion minutes apply to IV ketamine only."
    if dose is not None and treatment is not Treatment.ESKETAMINE:
        errors["dose_mg"] = "The 56 or 84 mg dose applies to esketamine only."
    elif dose is not None and dose not in ESKETAMINE_DOSES:
        errors["dose_mg"] = "Choose 56 or 84 mg."
    errors.update(_estimate_dates(data, today))
    if errors:
        raise InvalidStepError(errors)
    fields: dict[str, Any] = {
        "treatment": treatment,
        "sessions": int(data["sessions"]),
        "price_per_session": data.get("price_per_session"),
        "allowed_per_session": data.get("allowed_per_session"),
        "infusion_minutes": minutes,
        "dose_mg": dose,
        "start": data.get("start"),
        "self_pay": data.get("self_pay"),
        **{name: data.get(name) for name in _ESTIMATE_DATES},
    }
    old = case.treatment_plan
    plan = replace(old, **fields) if old is not None else TreatmentPlan(**fields)
    substance = data.get("substance_use")
    history = replace(
        case.history,
        suicidal_ideation=data.get("suicidal_ideation"),
        bipolar_history=data.get("bipolar_history"),
        psychotic_features=data.get("psychotic_features"),
        substance_use=SubstanceUse(substance) if substance else None,
    )
    urgent = bool(data.get("urgent")) or history.suicidal_ideation is True
    return replace(
        case,
        treatment_plan=plan,
        history=history,
        urgency=Urgency.URGENT if urgent else Urgency.STANDARD,
    )


Change = Callable[[Case, Data, date], Case]
CHANGES: Final[dict[str, Change]] = {
    "patient": with_patient,
    "plan": with_plan,
    "providers": with_providers,
    "diagnosis_add": with_diagnosis,
    "diagnosis_remove": without_diagnosis,
    "diagnosis_primary": with_primary,
    "diagnosis_date": with_diagnosis_date,
    "score_items": with_items_score,
    "score_total": with_total_score,
    "score_remove": without_score,
    "trial_add": with_trial,
    "trial_remove": without_trial,
    "trial_dates": with_trial_dates,
    "treatment": with_treatment,
}
"""Every change the wizard makes, by the name its forms post."""
