"""The treatment step records what a self-pay patient's Good Faith Estimate needs: whether the
patient pays the clinic directly, when the course was scheduled or the estimate asked for, when
it was given and the date on the bill."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from ketacover.core.deadlines import case_deadlines
from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.model import Case, Patient
from ketacover.web.cases.services import case_of
from ketacover.web.intake import changes
from ketacover.web.intake.changes import InvalidStepError

TODAY = date(2026, 11, 23)
CASE = Case(
    id="case-gfe",
    patient=Patient(
        given_name="Rosalind", family_name="Whitcombe", date_of_birth=date(1979, 3, 22)
    ),
)
IV = {"treatment": "iv_ketamine", "sessions": 6, "infusion_minutes": 40, "start": date(2026, 12, 7)}


def test_the_self_pay_answer_and_the_estimate_s_dates_are_kept_on_the_plan():
    case = changes.with_treatment(
        CASE,
        {**IV, "self_pay": True, "scheduled_on": date(2026, 11, 20), "billed_on": None},
        TODAY,
    )
    plan = case.treatment_plan
    assert plan is not None
    assert (plan.self_pay, plan.scheduled_on, plan.estimate_given_on) == (
        True,
        date(2026, 11, 20),
        None,
    )
    due = [d for d in case_deadlines(case, TODAY) if d.kind is DeadlineKind.GOOD_FAITH_ESTIMATE]
    assert [d.due for d in due] == [date(2026, 11, 25)]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"self_pay": True, "scheduled_on": date(2026, 12, 1)}, "scheduled_on", "future"),
        (
            {"self_pay": True, "scheduled_on": date(2026, 11, 20), "start": date(2026, 11, 19)},
            "scheduled_on",
            "after the planned first session",
        ),
        ({"self_pay": False, "estimate_given_on": date(2026, 11, 21)}, "estimate_given_on", "Yes"),
        ({"billed_on": date(2026, 11, 21)}, "billed_on", "self-pay patient"),
        (
            {"self_pay": True, "estimate_requested_on": date(2027, 1, 4)},
            "estimate_requested_on",
            "",
        ),
    ],
)
def test_an_estimate_date_that_cannot_be_is_refused_naming_its_field(data, field, words):
    with pytest.raises(InvalidStepError) as caught:
        changes.with_treatment(CASE, {**IV, **data}, TODAY)
    assert list(caught.value.errors) == [field]
    assert words in caught.value.errors[field]


STEP = {
    "treatment": "iv_ketamine",
    "sessions": "6",
    "infusion_minutes": "40",
    "start": "2026-12-07",
    "self_pay": "yes",
    "scheduled_on": "2026-11-20",
    "estimate_given_on": "2026-11-23",
    "suicidal_ideation": "no",
    "bipolar_history": "no",
    "psychotic_features": "no",
    "substance_use": "none",
}


@pytest.mark.django_db
def test_staff_set_self_pay_and_the_estimate_s_dates_on_the_treatment_step(world):
    client = world.client_for(world.staff)
    record = world.case
    url = reverse("intake:step", args=[record.pk, "treatment"])
    page = client.get(url).content.decode()
    assert "Self-pay and the Good Faith Estimate" in page
    response = client.post(url, {**STEP, "version": record.version})
    assert response.status_code == 302
    record.refresh_from_db()
    plan = case_of(record).treatment_plan
    assert plan is not None
    assert (plan.self_pay, plan.scheduled_on, plan.estimate_given_on) == (
        True,
        date(2026, 11, 20),
        date(2026, 11, 23),
    )
    page = client.get(url).content.decode()
    assert 'name="scheduled_on" value="2026-11-20"' in page


@pytest.mark.django_db
def test_a_bill_date_for_a_patient_not_self_pay_is_shown_beside_its_field(world):
    client = world.client_for(world.staff)
    record = world.case
    url = reverse("intake:step", args=[record.pk, "treatment"])
    data = {**STEP, "self_pay": "no", "billed_on": "2026-11-20", "version": record.version}
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This applies to a self-pay patient" in page
    record.refresh_from_db()
    plan = case_of(record).treatment_plan
    assert plan is None or plan.billed_on is None
