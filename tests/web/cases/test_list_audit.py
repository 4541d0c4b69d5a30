"""Finding 7: views of the case list, its search, the dashboard and the API's case list are
audited (who, which list, how many rows), and the search text is written nowhere."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ketacover.web.api.services import token_create
from ketacover.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def _list_events():
    return AuditEvent.objects.filter(action=Action.VIEW, object_type="case_list")


def test_finding_7_a_staffer_searching_the_case_list_is_audited_without_the_text(world):
    name = world.case.patient_name
    response = world.client_for(world.staff).get(reverse("cases:list"), {"q": name})
    assert response.status_code == 200
    event = _list_events().get()
    assert (event.user, event.workspace, event.object_id) == (world.staff, world.clinic, "cases")
    assert event.detail == {"rows": 1, "page": 1, "filters": [], "searched": True}
    assert name not in str(event.detail)


def test_finding_7_the_dashboard_view_is_audited_with_its_row_count(world):
    world.client_for(world.owner).get(reverse("dashboard"), {"stage": "appeal"})
    event = _list_events().get()
    assert (event.user, event.object_id) == (world.owner, "dashboard")
    assert event.detail["filters"] == ["stage"]
    assert event.detail["searched"] is False
    assert isinstance(event.detail["rows"], int)


def test_finding_7_a_patient_asking_for_the_list_is_sent_to_their_own_page_unlisted(world):
    response = world.client_for(world.patient).get(reverse("cases:list"))
    assert response["Location"] == reverse("patients:home")
    assert not _list_events().exists()


def test_finding_7_an_outsiders_list_view_lands_in_their_own_workspace_only(world):
    world.client_for(world.outsider).get(reverse("cases:list"))
    assert [event.workspace for event in _list_events()] == [world.other_clinic]


def test_finding_7_the_api_case_list_is_audited_too(world):
    _, plain = token_create(user=world.staff, name="t")
    Client(headers={"Authorization": f"Bearer {plain}"}).get("/api/cases", {"q": "zzz"})
    event = _list_events().get()
    assert event.object_id == "api_cases"
    assert event.detail == {"rows": 0, "page": 1, "filters": [], "searched": True}
