from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.urls import reverse

from ketacover.core.errors import InvalidCaseFileError, Problem
from ketacover.core.model import Case, Patient, Treatment
from ketacover.web.cases.services import PermissionDeniedError, case_of
from ketacover.web.intake import changes, services
from ketacover.web.intake.changes import InvalidStepError
from ketacover.web.intake.forms import PlanForm

TODAY = date(2026, 11, 23)
CASE = Case(
    id="case-x", patient=Patient(given_name="A", family_name="B", date_of_birth=date(1990, 1, 1))
)


def test_a_new_case_cannot_have_a_future_birth_date():
    with pytest.raises(InvalidStepError) as caught:
        changes.start_case("case-x", {"date_of_birth": date(2027, 1, 1)}, TODAY)
    assert caught.value.errors == {"date_of_birth": "The date of birth is in the future."}
    assert "date_of_birth: The date of birth is in the future." in str(caught.value)


def test_clearing_the_clinic_and_prescriber_names_removes_them():
    filled = changes.with_providers(
        CASE, {"clinic_name": "C", "prescriber_name": "P", "clinic_npi": " 1234567893 "}, TODAY
    )
    assert filled.clinic is not None
    assert filled.clinic.npi == "1234567893"
    assert filled.prescriber is not None
    cleared = changes.with_providers(filled, {"clinic_name": "", "prescriber_name": ""}, TODAY)
    assert (cleared.clinic, cleared.prescriber) == (None, None)


def test_a_plan_without_cost_sharing_keeps_the_tiers_empty():
    case = changes.with_plan(CASE, {"payer": "P", "category": "medicare"}, TODAY)
    assert case.plan is not None
    assert (case.plan.in_network, case.plan.out_of_network) == (None, None)


@pytest.mark.parametrize(
    ("change", "data", "field"),
    [
        (changes.with_diagnosis, {"code": "F41.1", "since": date(2027, 1, 1)}, "since"),
        (changes.with_trial, {"name": "CBT", "start": date(2027, 1, 1)}, "start"),
        (
            changes.with_treatment,
            {"treatment": "esketamine", "sessions": 4, "dose_mg": 60},
            "dose_mg",
        ),
    ],
)
def test_each_change_names_the_field_at_fault(change, data, field):
    with pytest.raises(InvalidStepError) as caught:
        change(CASE, data, TODAY)
    assert list(caught.value.errors) == [field]


def test_a_plan_without_urgency_or_suicidal_ideation_is_standard():
    case = changes.with_treatment(
        replace(CASE), {"treatment": "iv_ketamine", "sessions": 6, "infusion_minutes": 40}, TODAY
    )
    assert case.treatment_plan is not None
    assert case.treatment_plan.treatment is Treatment.IV_KETAMINE
    assert case.urgency == "standard"
    assert case.history.substance_use is None


@pytest.mark.django_db
def test_editing_the_patient_step_saves_the_new_details(world):
    record = world.case
    response = world.client_for(world.staff).post(
        reverse("intake:step", args=[record.pk, "patient"]),
        {
            "given_name": "Avery",
            "family_name": "Renamed",
            "date_of_birth": "1984-03-14",
            "sex": "female",
            "version": record.version,
        },
    )
    assert response["Location"] == reverse("intake:step", args=[record.pk, "plan"])
    record.refresh_from_db()
    assert case_of(record).patient.full_name == "Avery Renamed"
    assert record.patient_name == "Avery Renamed"


@pytest.mark.django_db
def test_a_problem_the_case_check_finds_is_shown_above_the_form(world, monkeypatch):
    def refuse(**kwargs):
        raise InvalidCaseFileError([Problem("plan.state", "is not a two-letter state code")])

    monkeypatch.setattr(services, "intake_apply", refuse)
    response = world.client_for(world.staff).post(
        reverse("intake:step", args=[world.case.pk, "plan"]),
        {"payer": "P", "category": "medicare", "version": world.case.version},
    )
    assert "plan.state: is not a two-letter state code" in response.content.decode()


@pytest.mark.django_db
def test_a_refused_change_is_forbidden(world, monkeypatch):
    def refuse(**kwargs):
        raise PermissionDeniedError("only workspace staff can change cases")

    monkeypatch.setattr(services, "intake_apply", refuse)
    monkeypatch.setattr(services, "intake_start", refuse)
    client = world.client_for(world.staff)
    response = client.post(
        reverse("intake:step", args=[world.case.pk, "plan"]),
        {"payer": "P", "category": "medicare", "version": world.case.version},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("intake:start"),
        {
            "case_id": "case-new",
            "workspace": world.clinic.pk,
            "given_name": "A",
            "family_name": "B",
            "date_of_birth": "1990-01-01",
            "sex": "unknown",
        },
    )
    assert response.status_code == 403


def test_the_plan_year_start_is_kept_on_the_plan():
    case = changes.with_plan(
        CASE,
        {"payer": "P", "category": "commercial_self_funded", "plan_year_start": "07-01"},
        TODAY,
    )
    assert case.plan is not None
    assert case.plan.plan_year_start == "07-01"
    assert changes.with_plan(CASE, {"payer": "P", "category": "medicare"}, TODAY).plan is not None


@pytest.mark.parametrize(("value", "valid"), [("07-01", True), ("", True), ("02-30", False)])
def test_the_plan_form_takes_a_plan_year_start_as_month_and_day(value, valid):
    form = PlanForm({"payer": "P", "category": "medicare", "plan_year_start": value})
    assert form.is_valid() is valid
    if not valid:
        assert form.errors["plan_year_start"] == [
            "Give a month and day of the year as MM-DD, e.g. 07-01."
        ]
