"""The plan's own criteria on the case page: a form that records one criterion the plan stated
(on a benefits call or in its policy) in the plan's words, with the parts ketacover can check,
and the service that adds it to ``plan.criteria``. Criteria on the plan win over any criteria
pack (``docs/rules.md``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest

from ketacover.core.errors import KetacoverError
from ketacover.core.model import PlanCriterion
from ketacover.web.accounts.models import Actor
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of, case_save
from ketacover.web.events.forms import CaseEventForm, text_field

_CHECKS = (
    ("psychiatrist", "A psychiatrist prescribes (or is consulted)"),
    ("rems_setting", "The setting is certified in the SPRAVATO REMS"),
    ("no_psychotic_features", "No psychotic features"),
    ("no_bipolar", "No bipolar disorder"),
)


def _count(label: str, top: int) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=top)


class PlanCriterionForm(CaseEventForm):
    """One criterion as the plan stated it, and what it asks for where ketacover can check it."""

    text = forms.CharField(
        label="The criterion, in the plan's words",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    source = text_field("Where the plan said it (call and reference, or policy and date)", 200)
    min_agents = _count("Failed antidepressant trials it asks for", 10)
    min_classes = _count("Antidepressant classes among them", 10)
    min_weeks = _count("Weeks each trial must last", 52)
    current_episode = forms.BooleanField(label="Trials in the current episode", required=False)
    min_age = _count("Youngest age allowed", 120)
    psychiatrist = forms.BooleanField(label=_CHECKS[0][1], required=False)
    rems_setting = forms.BooleanField(label=_CHECKS[1][1], required=False)
    no_psychotic_features = forms.BooleanField(label=_CHECKS[2][1], required=False)
    no_bipolar = forms.BooleanField(label=_CHECKS[3][1], required=False)
    answer = forms.CharField(
        label="The clinic's answer, where none of the above applies",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        # An unticked box says nothing about the criterion: it is left out, not "no".
        for name in ("current_episode", *(name for name, _ in _CHECKS)):
            fields[name] = True if fields[name] else None
        return fields


def plan_criterion_record(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    text: str,
    source: str | None = None,
    min_agents: int | None = None,
    min_classes: int | None = None,
    min_weeks: int | None = None,
    current_episode: bool | None = None,
    min_age: int | None = None,
    psychiatrist: bool | None = None,
    rems_setting: bool | None = None,
    no_psychotic_features: bool | None = None,
    no_bipolar: bool | None = None,
    answer: str | None = None,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Add one of the plan's own criteria to the case's plan, in the plan's words."""
    case = case_of(record)
    if case.plan is None:
        raise KetacoverError("text: the case has no plan yet; add the plan before its criteria")
    try:
        item = PlanCriterion(
            text=text.strip(),
            source=source,
            min_agents=min_agents,
            min_classes=min_classes,
            min_weeks=min_weeks,
            current_episode=current_episode,
            min_age=min_age,
            psychiatrist=psychiatrist,
            rems_setting=rems_setting,
            no_psychotic_features=no_psychotic_features,
            no_bipolar=no_bipolar,
            answer=answer,
        )
    except ValueError as error:
        raise KetacoverError(f"text: {error}") from None
    plan = replace(case.plan, criteria=(*case.plan.criteria, item))
    return case_save(
        user=user,
        record=record,
        case=replace(case, plan=plan),
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"added": "plan.criteria"},
    )
