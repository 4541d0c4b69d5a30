from __future__ import annotations

import pytest

from ketacover.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

EVENTS = {
    "calls": {
        "at": "2026-11-20T10:30:00-05:00",
        "channel": "phone",
        "representative": "Rep 12",
        "reference": "CALL-1",
    },
    "prior_authorizations": {
        "id": "pa-api-1",
        "treatment": "esketamine",
        "submitted": "2026-11-21",
    },
    "sessions": {"on": "2026-11-21", "treatment": "esketamine", "dose_mg": "56"},
    "denials": {
        "id": "denial-api-1",
        "notice_date": "2026-11-20",
        "received": "2026-11-21",
        "reason": "not_medically_necessary",
    },
    "claims": {"service_from": "2026-11-21", "billed": "450.00"},
}


@pytest.mark.parametrize("kind", sorted(EVENTS))
def test_an_event_of_each_kind_is_added_to_the_case(world, tokens, kind):
    before = len(world.case.data.get(kind, []))
    response = tokens.client("staff").post(
        f"/api/cases/{world.case.pk}/events/{kind}",
        {"version": 1, "event": EVENTS[kind]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 2
    assert len(body["case"][kind]) == before + 1
    world.case.refresh_from_db()
    assert len(world.case.data[kind]) == before + 1
    event = AuditEvent.objects.filter(action=Action.UPDATE).get()
    assert event.detail == {"added": kind}


def test_an_appeal_is_added_against_an_existing_denial(world, tokens):
    appeal = {"denial_id": "denial-1", "submitted": "2026-11-22"}
    response = tokens.client("staff").post(
        f"/api/cases/{world.second_case.pk}/events/appeals",
        {"version": 1, "event": appeal},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["case"]["appeals"][-1]["denial_id"] == "denial-1"


def test_a_bad_event_gets_422_with_its_case_file_path(world, tokens):
    denials = len(world.second_case.data["denials"])
    response = tokens.client("staff").post(
        f"/api/cases/{world.second_case.pk}/events/denials",
        {"version": 1, "event": {"id": "denial-x", "notice_date": "2026-13-01"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_case"
    assert [p["path"] for p in error["problems"]] == [f"denials[{denials}].notice_date"]
    world.second_case.refresh_from_db()
    assert world.second_case.version == 1


def test_an_appeal_of_an_unknown_denial_is_refused(world, tokens):
    response = tokens.client("staff").post(
        f"/api/cases/{world.second_case.pk}/events/appeals",
        {"version": 1, "event": {"denial_id": "no-such-denial", "submitted": "2026-11-22"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["error"]["problems"][0]["path"].startswith("appeals[")


def test_an_event_on_a_stale_version_gets_409(world, tokens):
    client = tokens.client("staff")
    url = f"/api/cases/{world.case.pk}/events/calls"
    assert (
        client.post(url, {"version": 1, "event": EVENTS["calls"]}, "application/json").status_code
        == 201
    )
    response = client.post(url, {"version": 1, "event": EVENTS["calls"]}, "application/json")
    assert response.status_code == 409
    assert response.json()["error"]["current_version"] == 2


def test_an_unknown_event_kind_gets_422(world, tokens):
    response = tokens.client("staff").post(
        f"/api/cases/{world.case.pk}/events/notes",
        {"version": 1, "event": {}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["error"]["problems"][0]["path"] == "kind"
