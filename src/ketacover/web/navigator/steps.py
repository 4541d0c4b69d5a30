"""The steps of the navigator's question flow: their order, their forms, and how a step's cleaned
form data becomes answers (and answers become the form's initial values).

The flow is ``coverage → plan → condition → history → treatment → denial``, then the answer; the
``details`` step (name, member ID, address, for the documents) is optional and reached from the
answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from django import forms
from django.utils.translation import gettext_lazy as _

from ketacover.core.model import Outcome
from ketacover.core.navigator.answers import MAX_MEDICATIONS, Answers
from ketacover.web.navigator import forms as nav_forms
from ketacover.web.navigator.fields import UNKNOWN, flag, flag_choice

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

Changes = dict[str, object]


@dataclass(frozen=True, slots=True)
class Step:
    """One page of questions."""

    slug: str
    title: StrPromise
    form: type[forms.Form]
    changes: Callable[[Mapping[str, Any]], Changes]
    initial: Callable[[Answers], dict[str, object]]


def _choice(value: object) -> object:
    return None if value in (None, "", UNKNOWN) else value


def _value(value: object) -> object:
    return None if value in (None, "") else value


def _iso(value: object) -> object:
    return None if value in (None, "") else value.isoformat()  # type: ignore[attr-defined]


def _coverage(data: Mapping[str, Any]) -> Changes:
    return {
        "age": _choice(data.get("age")),
        "state": _value(data.get("home_state")),
        "coverage": _choice(data.get("coverage")),
    }


def _coverage_initial(answers: Answers) -> dict[str, object]:
    return {
        "age": answers.age or UNKNOWN,
        "home_state": answers.state or "",
        "coverage": answers.coverage or UNKNOWN,
    }


def _plan(data: Mapping[str, Any]) -> Changes:
    return {
        "plan_kind": _choice(data.get("plan_kind")),
        "plan_type": _choice(data.get("plan_type")),
        "insurer": _value(data.get("insurer")),
        "out_of_network": flag(data.get("out_of_network")),
        "deductible": _money(data.get("deductible")),
        "coinsurance_percent": _money(data.get("coinsurance_percent")),
        "out_of_pocket_max": _money(data.get("out_of_pocket_max")),
    }


def _money(value: object) -> object:
    return None if value is None else str(value)


def _plan_initial(answers: Answers) -> dict[str, object]:
    return {
        "plan_kind": answers.plan_kind or UNKNOWN,
        "plan_type": answers.plan_type or UNKNOWN,
        "insurer": answers.insurer or "",
        "out_of_network": flag_choice(answers.out_of_network),
        "deductible": answers.deductible,
        "coinsurance_percent": answers.coinsurance_percent,
        "out_of_pocket_max": answers.out_of_pocket_max,
    }


def _condition(data: Mapping[str, Any]) -> Changes:
    return {
        "conditions": list(data.get("conditions") or []),
        "recurrent": flag(data.get("recurrent")),
        "severity": _choice(data.get("severity")),
        "psychotic": flag(data.get("psychotic")),
        "bipolar": flag(data.get("bipolar")),
        "suicidal": flag(data.get("suicidal")),
    }


def _condition_initial(answers: Answers) -> dict[str, object]:
    return {
        "conditions": sorted(condition.value for condition in answers.conditions),
        "recurrent": flag_choice(answers.recurrent),
        "severity": answers.severity or UNKNOWN,
        "psychotic": flag_choice(answers.psychotic),
        "bipolar": flag_choice(answers.bipolar),
        "suicidal": flag_choice(answers.suicidal),
    }


def _history(data: Mapping[str, Any]) -> Changes:
    medications = []
    for index in range(MAX_MEDICATIONS):
        name = str(data.get(f"med_{index}_name") or "").strip()
        if not name:
            continue
        outcome = data.get(f"med_{index}_outcome") or Outcome.UNKNOWN.value
        weeks = data.get(f"med_{index}_weeks")
        medications.append({"name": name, "outcome": outcome, "weeks": weeks})
    return {
        "medications": medications,
        "therapy": flag(data.get("therapy")),
        "tms": flag(data.get("tms")),
        "ect": flag(data.get("ect")),
    }


def _history_initial(answers: Answers) -> dict[str, object]:
    initial: dict[str, object] = {
        "therapy": flag_choice(answers.therapy),
        "tms": flag_choice(answers.tms),
        "ect": flag_choice(answers.ect),
    }
    for index, medication in enumerate(answers.medications):
        initial[f"med_{index}_name"] = medication.name
        initial[f"med_{index}_outcome"] = medication.outcome.value
        initial[f"med_{index}_weeks"] = medication.weeks
    return initial


def _treatment(data: Mapping[str, Any]) -> Changes:
    return {
        "treatment": _choice(data.get("treatment")),
        "sessions": data.get("sessions"),
        "price_per_session": _money(data.get("price_per_session")),
        "clinic_name": _value(data.get("clinic_name")),
        "clinic_in_network": flag(data.get("clinic_in_network")),
        "clinic_rems": flag(data.get("clinic_rems")),
    }


def _treatment_initial(answers: Answers) -> dict[str, object]:
    return {
        "treatment": answers.treatment or UNKNOWN,
        "sessions": answers.sessions,
        "price_per_session": answers.price_per_session,
        "clinic_name": answers.clinic_name or "",
        "clinic_in_network": flag_choice(answers.clinic_in_network),
        "clinic_rems": flag_choice(answers.clinic_rems),
    }


def _denial(data: Mapping[str, Any]) -> Changes:
    denied = flag(data.get("denial"))
    if denied is not True:
        # Details of a letter that was not received mean nothing: they are dropped.
        return dict.fromkeys(
            ("denial_date", "denial_pre_service", "denial_reason", "denial_level"), None
        ) | {"denial": denied}
    return {
        "denial": True,
        "denial_date": _iso(data.get("denial_date")),
        "denial_pre_service": flag(data.get("denial_pre_service")),
        "denial_reason": _choice(data.get("denial_reason")),
        "denial_level": _choice(data.get("denial_level")),
    }


def _denial_initial(answers: Answers) -> dict[str, object]:
    return {
        "denial": flag_choice(answers.denial),
        "denial_date": answers.denial_date,
        "denial_pre_service": flag_choice(answers.denial_pre_service),
        "denial_reason": answers.denial_reason or UNKNOWN,
        "denial_level": answers.denial_level or UNKNOWN,
    }


_DETAILS: Final = (
    "given_name",
    "family_name",
    "member_id",
    "group_number",
    "street",
    "city",
    "postal_code",
)


def _details(data: Mapping[str, Any]) -> Changes:
    changes: Changes = {name: _value(data.get(name)) for name in _DETAILS}
    changes["date_of_birth"] = _iso(data.get("date_of_birth"))
    return changes


def _details_initial(answers: Answers) -> dict[str, object]:
    initial: dict[str, object] = {name: getattr(answers, name) or "" for name in _DETAILS}
    initial["date_of_birth"] = answers.date_of_birth
    return initial


STEPS: Final = (
    Step("coverage", _("Your insurance"), nav_forms.CoverageForm, _coverage, _coverage_initial),
    Step("plan", _("Your plan"), nav_forms.PlanForm, _plan, _plan_initial),
    Step("condition", _("Your condition"), nav_forms.ConditionForm, _condition, _condition_initial),
    Step("history", _("Treatments you tried"), nav_forms.HistoryForm, _history, _history_initial),
    Step("treatment", _("The treatment"), nav_forms.TreatmentForm, _treatment, _treatment_initial),
    Step("denial", _("A denial letter"), nav_forms.DenialForm, _denial, _denial_initial),
)
"""The question flow, in order."""

DETAILS: Final = Step(
    "details",
    _("Your details for the documents"),
    nav_forms.DetailsForm,
    _details,
    _details_initial,
)
"""The optional step reached from the answer."""

BY_SLUG: Final = {step.slug: step for step in (*STEPS, DETAILS)}


def position(step: Step) -> int | None:
    """The step's number in the flow (1-based), or None for the details step."""
    return STEPS.index(step) + 1 if step in STEPS else None


def following(step: Step) -> Step | None:
    """The next step of the flow, or None after the last (and after the details step)."""
    if step not in STEPS:
        return None
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous(step: Step) -> Step | None:
    """The step before, or None for the first (the details step goes back to the answer)."""
    if step not in STEPS:
        return None
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None
