from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from ketacover.core.model import (
    NetworkStatus,
    Outcome,
    PayerCategory,
    PlanType,
    Scale,
    Sex,
    Specialty,
    SubstanceUse,
    Treatment,
    TrialKind,
    Urgency,
)
from ketacover.interop.casefile import load_case
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_create, case_of

from ..conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.django_db

PATIENT = {
    "case_id": "case-wizard-1",
    "given_name": "Robin",
    "family_name": "Wizardtest",
    "date_of_birth": "1990-05-17",
    "sex": "female",
    "line1": "12 Sample Road",
    "line2": "",
    "city": "Springfield",
    "state": "IL",
    "postal_code": "62701",
    "phone": "217-555-0199",
    "email": "",
}
PLAN = {
    "payer": "Example Health",
    "category": "commercial_self_funded",
    "plan_type": "ppo",
    "plan_name": "Choice PPO",
    "member_id": "XKC0001",
    "group_number": "GRP1",
    "state": "IL",
    "phone_behavioral_health": "800-555-0110",
    "phone_medical": "800-555-0111",
    "grandfathered": "no",
    "in_deductible": "1500.00",
    "in_deductible_met": "600",
    "in_coinsurance_percent": "20",
    "in_out_of_pocket_max": "5000",
    "in_out_of_pocket_met": "900",
    "oon_deductible": "3000",
    "oon_coinsurance_percent": "40",
    "oon_out_of_pocket_max": "10000",
    "out_of_network_benefits": "yes",
}
PROVIDERS = {
    "clinic_name": "Maple Hollow Interventional Psychiatry",
    "clinic_npi": "1987654328",
    "clinic_tin": "00-0000101",
    "clinic_network_status": "in_network",
    "clinic_rems_certified": "yes",
    "clinic_line1": "500 Sample Avenue",
    "clinic_city": "Springfield",
    "clinic_state": "IL",
    "clinic_postal_code": "62704",
    "clinic_phone": "217-555-0150",
    "clinic_fax": "217-555-0151",
    "prescriber_name": "Elena Fakename",
    "prescriber_credentials": "MD",
    "prescriber_npi": "1234567893",
    "prescriber_specialty": "psychiatry",
}
PHQ9 = [3, 3, 2, 2, 3, 2, 3, 2, 2]
TREATMENT = {
    "treatment": "esketamine",
    "sessions": "21",
    "price_per_session": "1050.00",
    "dose_mg": "84",
    "start": "2026-12-01",
    "suicidal_ideation": "yes",
    "bipolar_history": "no",
    "psychotic_features": "no",
    "substance_use": "none",
}


def step_url(record, slug):
    return reverse("intake:step", args=[record.pk, slug])


def test_a_staffer_walks_the_whole_wizard_and_every_step_is_stored(world):
    client = world.client_for(world.staff)
    first = client.get(reverse("intake:start"))
    assert first.status_code == 200
    assert "Step 1 of 7" in first.content.decode()
    assert 'value="case-' in first.content.decode()

    response = client.post(reverse("intake:start"), {**PATIENT, "workspace": world.clinic.pk})
    record = CaseRecord.objects.get(case_id="case-wizard-1")
    assert response.status_code == 302
    assert response["Location"] == step_url(record, "plan")
    assert record.workspace == world.clinic
    assert record.version == 1
    case = case_of(record)
    assert case.patient.full_name == "Robin Wizardtest"
    assert case.patient.sex is Sex.FEMALE
    assert case.patient.address is not None
    assert case.patient.address.state == "IL"

    plan_page = client.get(step_url(record, "plan")).content.decode()
    assert "Step 2 of 7" in plan_page
    assert "Self-funded employer plan" in plan_page
    assert f'href="{step_url(record, "patient")}"' in plan_page

    response = client.post(step_url(record, "plan"), {**PLAN, "version": 1})
    assert response["Location"] == step_url(record, "providers")
    response = client.post(step_url(record, "providers"), {**PROVIDERS, "version": 2})
    assert response["Location"] == step_url(record, "diagnoses")
    response = client.post(
        step_url(record, "diagnoses"),
        {"action": "diagnosis_add", "code": "F33.2", "primary": "on", "version": 3},
    )
    assert response["Location"] == step_url(record, "diagnoses")
    items = {f"phq9-item_{n}": answer for n, answer in enumerate(PHQ9, start=1)}
    client.post(
        step_url(record, "scales"),
        {"action": "score_phq9", **items, "phq9-on": "2026-11-09", "version": 4},
    )
    client.post(
        step_url(record, "scales"),
        {
            "action": "score_total",
            "total-scale": "madrs",
            "total-score": "34",
            "total-on": "2026-11-09",
            "version": 5,
        },
    )
    client.post(
        step_url(record, "history"),
        {
            "action": "trial_add",
            "kind": "medication",
            "name": "Zoloft",
            "dose": "200 mg daily",
            "dose_mg_per_day": "200",
            "start": "2025-09-15",
            "end": "2025-12-15",
            "adequate_dose": "yes",
            "outcome": "no_response",
            "reason_stopped": "No response",
            "current_episode": "yes",
            "version": 6,
        },
    )
    response = client.post(step_url(record, "treatment"), {**TREATMENT, "version": 7})
    assert response["Location"] == reverse("cases:detail", args=[record.pk])

    record.refresh_from_db()
    assert record.version == 8
    assert record.payer == "Example Health"
    case = case_of(record)
    plan = case.plan
    assert plan is not None
    assert plan.category is PayerCategory.COMMERCIAL_SELF_FUNDED
    assert plan.plan_type is PlanType.PPO
    assert plan.grandfathered is False
    assert plan.out_of_network_benefits is True
    assert plan.in_network is not None
    assert plan.in_network.deductible == Decimal("1500.00")
    assert plan.in_network.coinsurance_percent == Decimal("20")
    assert plan.out_of_network is not None
    assert plan.out_of_network.deductible_met == 0
    assert case.clinic is not None
    assert case.clinic.npi == "1987654328"
    assert case.clinic.network_status is NetworkStatus.IN_NETWORK
    assert case.clinic.rems_certified is True
    assert case.prescriber is not None
    assert case.prescriber.specialty is Specialty.PSYCHIATRY
    assert [(d.code, d.primary) for d in case.diagnoses] == [("F33.2", True)]
    assert [(s.scale, s.score) for s in case.scores] == [(Scale.PHQ9, 22), (Scale.MADRS, 34)]
    assert case.scores[0].note == "items 3 3 2 2 3 2 3 2 2"
    trial = case.treatment_history[0]
    assert (trial.kind, trial.name, trial.outcome) == (
        TrialKind.MEDICATION,
        "Zoloft",
        Outcome.NO_RESPONSE,
    )
    assert trial.adequate_dose is True
    assert case.treatment_plan is not None
    assert case.treatment_plan.treatment is Treatment.ESKETAMINE
    assert case.treatment_plan.dose_mg == 84
    assert case.treatment_plan.sessions == 21
    assert case.history.suicidal_ideation is True
    assert case.history.substance_use is SubstanceUse.NONE
    assert case.urgency is Urgency.URGENT

    changes = AuditEvent.objects.filter(object_id=str(record.pk), action=Action.UPDATE)
    assert sorted(e.detail["intake"] for e in changes) == sorted(
        [
            "plan",
            "providers",
            "diagnosis_add",
            "score_items",
            "score_total",
            "trial_add",
            "treatment",
        ]
    )
    assert {e.user for e in changes} == {world.staff}
    assert AuditEvent.objects.filter(object_id=str(record.pk), action=Action.CREATE).count() == 1
    assert AuditEvent.objects.filter(object_id=str(record.pk), action=Action.VIEW).exists()

    page = client.get(reverse("cases:detail", args=[record.pk]))
    assert page.status_code == 200
    assert "Ways to pay" in page.content.decode()


def test_going_back_shows_what_was_saved_and_saving_again_keeps_other_facts(world):
    client = world.client_for(world.staff)
    record = world.case
    before = case_of(record)
    page = client.get(step_url(record, "plan")).content.decode()
    assert 'value="Example Health"' in page
    assert 'value="XKC000123456"' in page
    data = {**PLAN, "payer": "Example Health", "version": record.version}
    response = client.post(step_url(record, "plan"), data)
    assert response.status_code == 302
    record.refresh_from_db()
    after = case_of(record)
    assert after.plan is not None
    assert before.plan is not None
    # What the plan said on calls is not on this step's form and must survive it.
    assert after.plan.prior_authorization_required == before.plan.prior_authorization_required
    assert after.plan.esketamine_covered is True
    assert after.calls == before.calls


def test_every_step_page_shows_the_progress_and_links_back(world):
    client = world.client_for(world.staff)
    for number, slug in enumerate(
        ["patient", "plan", "providers", "diagnoses", "scales", "history", "treatment"], start=1
    ):
        response = client.get(step_url(world.case, slug))
        body = response.content.decode()
        assert response.status_code == 200, slug
        assert f"Step {number} of 7" in body
        assert 'aria-current="step"' in body
    history = client.get(step_url(world.case, "history")).content.decode()
    assert "sertraline" in history
    assert "SSRI" in history
    diagnoses = client.get(step_url(world.case, "diagnoses")).content.decode()
    assert "Major depressive disorder, recurrent severe without psychotic features" in diagnoses


def test_resume_opens_the_furthest_step_the_case_has_reached(world):
    response = world.client_for(world.staff).get(reverse("intake:resume", args=[world.case.pk]))
    assert response["Location"] == step_url(world.case, "treatment")


def test_list_entries_can_be_removed_and_made_primary(world):
    client = world.client_for(world.staff)
    record = world.case
    client.post(
        step_url(record, "diagnoses"),
        {"action": "diagnosis_add", "code": "F41.1", "version": record.version},
    )
    record.refresh_from_db()
    assert [d.code for d in case_of(record).diagnoses] == ["F33.2", "F41.1"]
    client.post(
        step_url(record, "diagnoses"),
        {"action": "diagnosis_primary", "index": 1, "version": record.version},
    )
    record.refresh_from_db()
    assert [d.primary for d in case_of(record).diagnoses] == [False, True]
    client.post(
        step_url(record, "diagnoses"),
        {"action": "diagnosis_remove", "index": 0, "version": record.version},
    )
    record.refresh_from_db()
    assert [d.code for d in case_of(record).diagnoses] == ["F41.1"]
    scores = len(case_of(record).scores)
    client.post(
        step_url(record, "scales"),
        {"action": "score_remove", "index": 0, "version": record.version},
    )
    record.refresh_from_db()
    assert len(case_of(record).scores) == scores - 1
    trials = len(case_of(record).treatment_history)
    client.post(
        step_url(record, "history"),
        {"action": "trial_remove", "index": 0, "version": record.version},
    )
    record.refresh_from_db()
    assert len(case_of(record).treatment_history) == trials - 1


def test_a_stale_form_is_refused_with_both_versions_and_the_typing_kept(world):
    client = world.client_for(world.staff)
    record = world.case
    stale = record.version
    client.post(step_url(record, "plan"), {**PLAN, "version": stale})
    response = client.post(
        step_url(record, "plan"), {**PLAN, "plan_name": "Typed Meanwhile", "version": stale}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f"you opened version {stale}; it is now version {stale + 1}" in body
    assert 'value="Typed Meanwhile"' in body
    assert f'name="version" value="{stale + 1}"' in body
    record.refresh_from_db()
    assert record.version == stale + 1
    plan = case_of(record).plan
    assert plan is not None
    assert plan.plan_name == "Choice PPO"


def test_the_history_step_shows_a_trials_note_beside_its_outcome(world):
    record = case_create(
        user=world.owner,
        workspace=world.clinic,
        case=load_case(EXAMPLES / "approved-pa-reauth.yaml"),
        today=TODAY,
    )
    history = world.client_for(world.staff).get(step_url(record, "history")).content.decode()
    assert "still taken, as the oral" in history
