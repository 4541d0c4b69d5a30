"""The work queue's done and snooze marks, undo, the "Done and snoozed" list and the REMS forms
recorded in bulk, as clinic staff, a patient (who must neither see nor act on the queue) and an
outsider from another clinic."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse

from ketacover.interop.casefile import load_case
from ketacover.web.audit.models import AuditEvent
from ketacover.web.cases import due_list, queue_views, views
from ketacover.web.cases.models import CaseRecord, DeadlineRecord, QueueMark
from ketacover.web.cases.queue import deadlines_due
from ketacover.web.cases.services import case_create, case_of, case_save

from ..conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    caches[due_list.CACHE].clear()
    yield
    caches[due_list.CACHE].clear()


def _on(monkeypatch, day: date) -> None:
    """Make ``day`` the clinic's today for the dashboard and the queue's actions."""
    monkeypatch.setattr(views, "_today", lambda: day)
    monkeypatch.setattr(queue_views, "_today", lambda: day)


def _appeal(world) -> DeadlineRecord:
    return DeadlineRecord.objects.filter(case=world.second_case).order_by("due").first()


def _shown_ids(world, today: date = TODAY) -> set[int]:
    due = deadlines_due(user=world.staff, today=today)
    return {row.pk for group in due.values() for row in group.rows}


def _rems_case(world) -> CaseRecord:
    return case_create(
        user=world.owner,
        workspace=world.clinic,
        case=load_case(EXAMPLES / "approved-pa-reauth.yaml"),
        today=TODAY,
    )


def test_a_180_day_appeal_window_shows_under_later(world):
    due = deadlines_due(user=world.staff, today=TODAY)
    later = {row.case_pk for row in due["later"].rows}
    assert world.second_case.pk in later
    appeal = _appeal(world)
    near = deadlines_due(user=world.staff, today=appeal.due - timedelta(days=20))
    assert appeal.pk in {row.pk for row in near["month"].rows}


def test_staff_mark_an_item_done_and_it_leaves_the_dashboard_audited(world, monkeypatch):
    _on(monkeypatch, TODAY)
    appeal = _appeal(world)
    staff = world.client_for(world.staff)
    assert f'name="done" value="{appeal.pk}"' in staff.get(reverse("dashboard")).content.decode()
    response = staff.post(reverse("cases:queue_act"), {"done": str(appeal.pk)})
    assert response.status_code == 302
    mark = QueueMark.objects.get()
    assert (mark.case_id, mark.kind, mark.due, mark.ref) == (
        appeal.case_id,
        appeal.kind,
        appeal.due,
        appeal.ref,
    )
    assert mark.done
    assert mark.by == world.staff
    body = staff.get(response["Location"]).content.decode()
    assert f'value="{appeal.pk}"' not in body.split('class="queue"')[1]
    assert "Marked 1 item done." in body
    assert f'name="mark" value="{mark.pk}"' in body
    event = AuditEvent.objects.get(object_type="queue_item")
    assert event.user == world.staff
    assert event.workspace_id == world.clinic.pk
    assert event.detail == {"case": appeal.case_id, "kind": "appeal_filing", "set": "done"}


def test_undo_right_after_brings_the_item_back(world, monkeypatch):
    _on(monkeypatch, TODAY)
    appeal = _appeal(world)
    staff = world.client_for(world.staff)
    staff.post(reverse("cases:queue_act"), {"done": str(appeal.pk)})
    mark = QueueMark.objects.get()
    assert appeal.pk not in _shown_ids(world)
    response = staff.post(reverse("cases:queue_undo"), {"mark": str(mark.pk), "stage": "denied"})
    assert response["Location"] == reverse("dashboard") + "?stage=denied"
    assert not QueueMark.objects.exists()
    assert appeal.pk in _shown_ids(world)
    assert f'name="done" value="{appeal.pk}"' in staff.get(reverse("dashboard")).content.decode()
    sets = [e.detail["set"] for e in AuditEvent.objects.filter(object_type="queue_item")]
    assert sorted(sets) == ["back", "done"]


def test_a_snoozed_item_comes_back_on_its_day(world, monkeypatch):
    _on(monkeypatch, TODAY)
    appeal = _appeal(world)
    staff = world.client_for(world.staff)
    staff.post(reverse("cases:queue_act"), {"snooze": f"3:{appeal.pk}"})
    assert QueueMark.objects.get().until == TODAY + timedelta(days=3)
    assert appeal.pk not in _shown_ids(world, TODAY + timedelta(days=2))
    assert appeal.pk in _shown_ids(world, TODAY + timedelta(days=3))
    _on(monkeypatch, TODAY + timedelta(days=3))
    assert f'value="{appeal.pk}"' in staff.get(reverse("dashboard")).content.decode()


def test_a_snooze_other_than_1_3_or_7_days_is_refused(world, monkeypatch):
    _on(monkeypatch, TODAY)
    appeal = _appeal(world)
    staff = world.client_for(world.staff)
    response = staff.post(reverse("cases:queue_act"), {"snooze": f"30:{appeal.pk}"}, follow=True)
    assert "choose 1 day, 3 days or 1 week" in response.content.decode()
    assert not QueueMark.objects.exists()


def test_a_done_item_stays_done_through_a_save_until_its_due_date_changes(world, monkeypatch):
    _on(monkeypatch, TODAY)
    appeal = _appeal(world)
    world.client_for(world.staff).post(reverse("cases:queue_act"), {"done": str(appeal.pk)})
    record = CaseRecord.objects.get(pk=world.second_case.pk)
    case = case_of(record)
    renamed = replace(case, patient=replace(case.patient, given_name="Quinn"))
    case_save(
        user=world.staff, record=record, case=renamed, expected_version=record.version, today=TODAY
    )
    again = DeadlineRecord.objects.get(case=record, kind=appeal.kind, ref=appeal.ref)
    assert again.pk != appeal.pk
    assert again.pk not in _shown_ids(world)
    record.refresh_from_db()
    case = case_of(record)
    first = case.denials[0]
    moved = replace(first, received=first.received + timedelta(days=1))
    case_save(
        user=world.staff,
        record=record,
        case=replace(case, denials=(moved, *case.denials[1:])),
        expected_version=record.version,
        today=TODAY,
    )
    moved_row = DeadlineRecord.objects.get(case=record, kind=appeal.kind, ref=appeal.ref)
    assert moved_row.due != appeal.due
    assert moved_row.pk in _shown_ids(world)


def test_next_due_on_the_case_list_is_the_earliest_open_item(world, monkeypatch):
    rems = _rems_case(world)
    assert rems.next_due == date(2026, 11, 10)
    _on(monkeypatch, TODAY)
    monkeypatch.setattr(views, "_today", lambda: TODAY)
    listing = world.client_for(world.staff).get(reverse("cases:list")).content.decode()
    assert '<td class="overdue">Nov 10, 2026</td>' in listing
    first = DeadlineRecord.objects.filter(case=rems).order_by("due", "id").first()
    world.client_for(world.staff).post(reverse("cases:queue_act"), {"done": str(first.pk)})
    rems.refresh_from_db()
    assert rems.next_due == date(2026, 11, 13)
    earliest = deadlines_due(user=world.staff, today=TODAY)["overdue"].rows[0]
    assert earliest.due == rems.next_due


def test_a_snoozed_item_counts_for_next_due_from_the_day_it_comes_back(world, monkeypatch):
    _on(monkeypatch, TODAY)
    appeal = _appeal(world)
    ids = ",".join(
        str(pk)
        for pk in DeadlineRecord.objects.filter(case=world.second_case).values_list("pk", flat=True)
    )
    world.client_for(world.staff).post(reverse("cases:queue_act"), {"snooze": f"7:{ids}"})
    world.second_case.refresh_from_db()
    assert world.second_case.next_due == TODAY + timedelta(days=7)
    world.client_for(world.staff).post(reverse("cases:queue_act"), {"done": ids})
    world.second_case.refresh_from_db()
    assert world.second_case.next_due is None
    assert appeal.pk not in _shown_ids(world)


def test_the_rems_forms_of_a_case_are_recorded_in_one_go(world, monkeypatch):
    rems = _rems_case(world)
    _on(monkeypatch, TODAY)
    staff = world.client_for(world.staff)
    body = staff.get(reverse("dashboard")).content.decode()
    assert f'name="rems" value="{rems.pk}:{rems.version}"' in body
    assert "&times; 4" in body
    response = staff.post(
        reverse("cases:queue_act"), {"rems": f"{rems.pk}:{rems.version}"}, follow=True
    )
    assert "6 REMS monitoring forms of case" in response.content.decode()
    rems.refresh_from_db()
    case = case_of(rems)
    assert all(s.rems_form_submitted == TODAY for s in case.sessions if s.on <= TODAY)
    assert not DeadlineRecord.objects.filter(case=rems, kind="rems_monitoring_form").exists()
    event = AuditEvent.objects.filter(object_type="case", object_id=str(rems.pk)).latest("id")
    assert event.detail["rems_form"] is True
    assert len(event.detail["indexes"]) == 6


def test_the_bulk_rems_action_refuses_a_case_changed_since_the_page(world, monkeypatch):
    rems = _rems_case(world)
    seen = rems.version
    case = case_of(rems)
    renamed = replace(case, patient=replace(case.patient, given_name="Quinn"))
    case_save(user=world.owner, record=rems, case=renamed, expected_version=seen, today=TODAY)
    _on(monkeypatch, TODAY)
    response = world.client_for(world.staff).post(
        reverse("cases:queue_act"), {"rems": f"{rems.pk}:{seen}"}, follow=True
    )
    assert "The case changed since the page was drawn" in response.content.decode()
    rems.refresh_from_db()
    assert all(s.rems_form_submitted is None for s in case_of(rems).sessions)


def test_done_and_snoozed_lists_the_items_set_aside_and_brings_one_back(world, monkeypatch):
    _on(monkeypatch, TODAY)
    appeal = _appeal(world)
    staff = world.client_for(world.staff)
    staff.post(reverse("cases:queue_act"), {"snooze": f"7:{appeal.pk}"})
    mark = QueueMark.objects.get()
    page = world.client_for(world.owner).get(reverse("cases:queue_marked")).content.decode()
    assert "Last day to file the appeal" in page
    assert "Snoozed until Nov 30, 2026" in page
    assert "by staff" in page
    viewed = AuditEvent.objects.get(object_type="case_list", object_id="queue_set_aside")
    assert viewed.user == world.owner
    assert viewed.detail["rows"] == 1
    response = world.client_for(world.owner).post(
        reverse("cases:queue_undo"), {"mark": str(mark.pk), "back": "marked"}
    )
    assert response["Location"] == reverse("cases:queue_marked")
    assert not QueueMark.objects.exists()


def test_a_patient_neither_sees_nor_works_the_queue(world, monkeypatch):
    _on(monkeypatch, TODAY)
    appeal = _appeal(world)
    patient = world.client_for(world.patient)
    dashboard = patient.get(reverse("dashboard"))
    assert dashboard.status_code == 302
    assert dashboard["Location"] == reverse("patients:home")
    assert patient.post(reverse("cases:queue_act"), {"done": str(appeal.pk)}).status_code == 403
    assert patient.get(reverse("cases:queue_marked")).status_code == 403
    world.client_for(world.staff).post(reverse("cases:queue_act"), {"done": str(appeal.pk)})
    mark = QueueMark.objects.get()
    assert patient.post(reverse("cases:queue_undo"), {"mark": str(mark.pk)}).status_code == 403
    assert QueueMark.objects.filter(pk=mark.pk).exists()


def test_an_outsider_can_neither_mark_nor_bring_back_another_clinics_items(world, monkeypatch):
    _on(monkeypatch, TODAY)
    appeal = _appeal(world)
    outsider = world.client_for(world.outsider)
    response = outsider.post(reverse("cases:queue_act"), {"done": str(appeal.pk)}, follow=True)
    assert "the case changed since the page was drawn" in response.content.decode()
    assert not QueueMark.objects.exists()
    world.client_for(world.staff).post(reverse("cases:queue_act"), {"done": str(appeal.pk)})
    mark = QueueMark.objects.get()
    listed = outsider.get(reverse("cases:queue_marked")).content.decode()
    assert "Nothing is set aside." in listed
    outsider.post(reverse("cases:queue_undo"), {"mark": str(mark.pk)})
    assert QueueMark.objects.filter(pk=mark.pk).exists()
    assert not AuditEvent.objects.filter(object_type="queue_item", user=world.outsider).exists()


def test_anonymous_visitors_are_asked_to_log_in(client, world):
    for url in (reverse("cases:queue_marked"),):
        assert client.get(url)["Location"].startswith(reverse("login"))
    response = client.post(reverse("cases:queue_act"), {"done": "1"})
    assert response["Location"].startswith(reverse("login"))


def test_an_item_number_out_of_range_is_refused_plainly(world, monkeypatch):
    _on(monkeypatch, TODAY)
    staff = world.client_for(world.staff)
    for value in ("99999999999999999999", "1,x", "", "0"):
        response = staff.post(reverse("cases:queue_act"), {"done": value}, follow=True)
        assert response.status_code == 200
        assert "not a list of items" in response.content.decode()
    assert not QueueMark.objects.exists()
