"""Assigning a case to a workspace member, and filtering the dashboard and the case list by
stage, payer and assignee."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ketacover.core.errors import KetacoverError
from ketacover.web.accounts.models import Membership, Role
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.queue import deadlines_due
from ketacover.web.cases.selectors import case_list
from ketacover.web.cases.services import PermissionDeniedError, case_assign

from ..conftest import TODAY

pytestmark = pytest.mark.django_db


def _assign(world, user, record, assignee):
    url = reverse("cases:assign", args=[record.pk])
    return world.client_for(user).post(url, {"assignee": "" if assignee is None else assignee})


def test_staff_assign_a_case_to_a_member_and_it_is_audited(world):
    response = _assign(world, world.staff, world.case, world.owner.pk)
    assert response.status_code == 302
    assert CaseRecord.objects.get(pk=world.case.pk).assignee == world.owner
    event = AuditEvent.objects.filter(action=Action.UPDATE, object_id=str(world.case.pk)).last()
    assert event.detail == {"changed": "assignee", "assignee": world.owner.pk}
    _assign(world, world.owner, world.case, None)
    assert CaseRecord.objects.get(pk=world.case.pk).assignee is None


def test_the_case_page_shows_the_assignee_form_to_owners_and_staff_only(world):
    url = reverse("cases:detail", args=[world.case.pk])
    staff_page = world.client_for(world.staff).get(url).content.decode()
    assert f'action="/cases/{world.case.pk}/assignee/"' in staff_page
    patient_page = world.client_for(world.patient).get(url).content.decode()
    assert "/assignee/" not in patient_page


def test_nobody_outside_the_workspace_can_be_assigned(world):
    _assign(world, world.owner, world.case, world.outsider.pk)
    _assign(world, world.owner, world.case, world.patient.pk)
    assert CaseRecord.objects.get(pk=world.case.pk).assignee is None
    with pytest.raises(KetacoverError, match="assignee: not a member"):
        case_assign(user=world.owner, record=world.case, assignee_id=world.patient.pk)


def test_patients_prescribers_and_outsiders_cannot_assign(world):
    assert _assign(world, world.outsider, world.case, world.outsider.pk).status_code == 404
    _assign(world, world.patient, world.case, world.staff.pk)
    assert CaseRecord.objects.get(pk=world.case.pk).assignee is None
    Membership.objects.filter(user=world.staff).update(role=Role.PRESCRIBER)
    with pytest.raises(PermissionDeniedError):
        case_assign(user=world.staff, record=world.case, assignee_id=world.owner.pk)


def test_the_case_list_filters_by_payer_and_assignee(world):
    case_assign(user=world.owner, record=world.second_case, assignee_id=world.staff.pk)
    mine = case_list(user=world.owner, assignee=str(world.staff.pk))
    assert [r.pk for r in mine.object_list] == [world.second_case.pk]
    nobody = case_list(user=world.owner, assignee="none")
    assert [r.pk for r in nobody.object_list] == [world.case.pk]
    payer = world.case.payer
    by_payer = case_list(user=world.owner, payer=payer)
    assert world.case.pk in [r.pk for r in by_payer.object_list]
    assert all(r.payer == payer for r in by_payer.object_list)
    page = world.client_for(world.owner).get(
        reverse("cases:list"), {"assignee": str(world.staff.pk)}
    )
    body = page.content.decode()
    assert world.second_case.case_id in body
    assert f'<option value="{world.staff.pk}" selected>' in body
    assert world.other_case.payer not in body


def test_the_dashboard_filters_by_stage_payer_and_assignee_and_keeps_them_in_the_form(world):
    case_assign(user=world.owner, record=world.second_case, assignee_id=world.staff.pk)
    everything = deadlines_due(user=world.owner, today=TODAY)
    cases = {row.case_pk for group in everything.values() for row in group.rows}
    assert world.second_case.pk in cases
    only = deadlines_due(user=world.owner, today=TODAY, assignee="none")
    assert world.second_case.pk not in {
        row.case_pk for group in only.values() for row in group.rows
    }
    staged = deadlines_due(user=world.owner, today=TODAY, stage="intake")
    assert all(r.stage == "intake" for group in staged.values() for r in group.rows)
    payer = deadlines_due(user=world.owner, today=TODAY, payer="no such payer")
    assert not any(group.total for group in payer.values())
    response = world.client_for(world.owner).get(
        reverse("dashboard"),
        {"stage": "denied", "payer": world.second_case.payer, "assignee": "none"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{world.second_case.payer}" selected>' in body
    assert '<option value="none" selected>' in body


def test_the_filters_offer_only_the_users_own_workspace(world):
    body = world.client_for(world.owner).get(reverse("dashboard")).content.decode()
    assert world.outsider.username not in body
    assert world.other_case.payer not in body
    assert f'<option value="{world.case.payer}">' in body
    assert f">{world.staff.username}</option>" in body
    assert f">{world.patient.username}</option>" not in body
