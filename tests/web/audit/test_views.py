from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from ketacover.web.audit import exports
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.services import case_of, case_save

pytestmark = pytest.mark.django_db


def _log(world, **params):
    return world.client_for(world.owner).get(reverse("audit:log", args=[world.clinic.pk]), params)


def _export(world, **params):
    response = world.client_for(world.owner).get(
        reverse("audit:export", args=[world.clinic.pk]), params
    )
    text = b"".join(response.streaming_content).decode()
    return response, list(csv.reader(io.StringIO(text)))


def test_viewing_a_case_page_shows_up_in_the_owners_audit_log(world):
    world.client_for(world.staff).get(reverse("cases:detail", args=[world.case.pk]))
    body = _log(world, action="view").content.decode()
    assert "<td>staff</td>" in body
    assert f"<td>{world.case.pk}</td>" in body
    assert "Viewed" in body
    assert "Avery" not in body


def test_a_change_through_a_service_shows_up_in_the_audit_log(world):
    case = case_of(world.second_case)
    changed = replace(case, patient=replace(case.patient, phone="555-0100"))
    case_save(
        user=world.staff,
        record=world.second_case,
        case=changed,
        expected_version=world.second_case.version,
        today=timezone.localdate(),
    )
    _, rows = _export(world, action="update")
    assert rows[0] == ["at", "user", "action", "object type", "object id", "ip"]
    assert [row[1:5] for row in rows[1:]] == [
        ["staff", "update", "case", str(world.second_case.pk)]
    ]


@pytest.mark.parametrize(
    ("persona", "status"), [("staff", 403), ("patient", 403), ("outsider", 404)]
)
def test_only_owners_see_or_export_the_log(world, persona, status):
    client = world.client_for(getattr(world, persona))
    for name in ("audit:log", "audit:export"):
        response = client.get(reverse(name, args=[world.clinic.pk]))
        assert response.status_code == status
        assert b"case" not in response.content
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_anonymous_visitors_are_asked_to_log_in(client, world):
    assert client.get(reverse("audit:log", args=[world.clinic.pk])).status_code == 302


def test_the_log_keeps_other_workspaces_events_out(world):
    world.client_for(world.outsider).get(reverse("cases:detail", args=[world.other_case.pk]))
    _, rows = _export(world)
    assert all(row[1] != "outsider" for row in rows[1:])
    assert str(world.other_case.pk) not in {row[4] for row in rows[1:] if row[3] == "case"}


def test_members_logins_are_in_the_log_but_not_outsiders(world):
    world.client_for(world.staff)
    world.client_for(world.outsider)
    _, rows = _export(world, action="login")
    assert {row[1] for row in rows[1:]} == {"staff", "owner"}


def test_the_log_filters_by_user_and_dates(world):
    audit_record(user=world.staff, action=Action.VIEW, object_type="case", workspace=world.clinic)
    old = audit_record(
        user=world.owner, action=Action.VIEW, object_type="case", workspace=world.clinic
    )
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=10))
    today = timezone.localdate()
    _, by_staff = _export(world, user=world.staff.pk, action="view")
    assert [row[1] for row in by_staff[1:]] == ["staff"]
    _, recent = _export(world, action="view", start=(today - timedelta(days=1)).isoformat())
    assert [row[1] for row in recent[1:]] == ["staff"]
    last_week = (today - timedelta(days=7)).isoformat()
    _, older = _export(world, action="view", end=last_week)
    assert [row[1] for row in older[1:]] == ["owner"]


def test_a_reversed_date_range_is_shown_on_the_field(world):
    body = _log(world, start="2026-11-20", end="2026-11-01").content.decode()
    assert "The end date is before the start date." in body
    assert 'value="2026-11-20"' in body


def test_the_log_is_newest_first_and_paged(world):
    for number in range(60):
        audit_record(
            user=world.staff,
            action=Action.VIEW,
            object_type="case",
            object_id=1000 + number,
            workspace=world.clinic,
        )
    first = _log(world, action="view").content.decode()
    assert first.index("<td>1059</td>") < first.index("<td>1010</td>")
    assert "<td>1009</td>" not in first
    assert "page=2" in first
    assert "action=view" in first
    second = _log(world, action="view", page=2).content.decode()
    assert "<td>1009</td>" in second


def test_an_export_is_streamed_and_is_itself_audited(world):
    response, rows = _export(world)
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert (event.user, event.object_type, event.workspace) == (
        world.owner,
        "audit_log",
        world.clinic,
    )
    assert event.detail == {"action": None, "user": None, "start": None, "end": None}
    assert len(rows) > 1


def test_cells_that_would_start_a_formula_are_made_inert(world):
    sneaky = User.objects.create_user("=cmd", password="x-long-password-1")
    world.clinic.memberships.create(user=sneaky, role="staff")
    audit_record(user=sneaky, action=Action.VIEW, object_type="case", workspace=world.clinic)
    _, rows = _export(world, action="view")
    assert rows[1][1] == "'=cmd"
    assert exports.safe_cell("plain") == "plain"
    assert exports.safe_cell("+1") == "'+1"
