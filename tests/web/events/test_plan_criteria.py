"""Recording the plan's own criteria on the case page: in the plan's words, with the parts
ketacover checks, added to the plan; they show in the calls section and win over any pack."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(record):
    return reverse("events:plan_criterion", args=[record.pk])


def _criterion(form_data, version=1, **extra):
    values = {
        "version": version,
        "text": "Three antidepressants of 8 weeks each in the current episode",
        "source": "Benefits call of December 1, 2026, reference REF-77",
        "min_agents": "3",
        "min_weeks": "8",
        "current_episode": "on",
    }
    values.update(extra)
    return form_data("plan_criterion", **values)


def test_a_criterion_the_plan_stated_is_added_to_the_plan_in_its_words(world, form_data):
    before = len(case_of(world.case).plan.criteria)
    response = world.client_for(world.staff).post(_url(world.case), _criterion(form_data))
    assert response.status_code == 302
    record = CaseRecord.objects.get(pk=world.case.pk)
    criteria = case_of(record).plan.criteria
    assert len(criteria) == before + 1
    added = criteria[-1]
    assert added.text == "Three antidepressants of 8 weeks each in the current episode"
    assert (added.min_agents, added.min_weeks, added.current_episode) == (3, 8, True)
    assert added.psychiatrist is None
    assert AuditEvent.objects.filter(action=Action.UPDATE, object_id=str(record.pk)).exists()


def test_the_calls_section_lists_the_plans_criteria_after_a_save(world, form_data):
    response = world.client_for(world.staff).post(_url(world.case), _criterion(form_data), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "The plan&#x27;s criterion recorded." in body
    assert "Three antidepressants of 8 weeks each in the current episode" in body
    assert "3 failed antidepressant trials, 8 weeks each, in the current episode" in body
    assert "Psychiatrist prescribing" in body


def test_a_criterion_needs_the_plans_words(world, form_data):
    response = world.client_for(world.staff).post(
        _url(world.case), _criterion(form_data, text=""), **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_plan_criterion-text_error"' in body
    assert 'value="Benefits call of December 1, 2026, reference REF-77"' in body
    assert CaseRecord.objects.get(pk=world.case.pk).version == 1


def test_a_patient_cannot_record_the_plans_criteria(world, form_data):
    patient = world.client_for(world.patient)
    response = patient.post(_url(world.case), _criterion(form_data), **HTMX)
    assert response.status_code == 403
    assert CaseRecord.objects.get(pk=world.case.pk).version == 1
