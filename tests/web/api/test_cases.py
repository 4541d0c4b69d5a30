from __future__ import annotations

import json

import pytest

from ketacover.interop.casefile import case_to_data, load_case
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord

from ..conftest import EXAMPLES

pytestmark = pytest.mark.django_db


def _body(response):
    return json.loads(response.content)


def test_the_case_list_shows_the_visible_cases_with_their_summary(world, tokens):
    response = tokens.client("owner").get("/api/cases")
    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 2
    assert (page["page"], page["pages"], page["page_size"]) == (1, 1, 25)
    row = next(r for r in page["results"] if r["id"] == world.case.pk)
    assert row == {
        "id": world.case.pk,
        "case_id": world.case.case_id,
        "patient_name": "Avery Testperson",
        "payer": world.case.payer,
        "stage": world.case.stage,
        "next_due": world.case.next_due.isoformat() if world.case.next_due else None,
        "version": 1,
    }


def test_the_case_list_searches_and_filters_by_stage(world, tokens):
    client = tokens.client("staff")
    found = client.get("/api/cases", {"q": "Testperson"}).json()["results"]
    assert [r["case_id"] for r in found] == [world.case.case_id]
    denied = client.get("/api/cases", {"stage": "denied"}).json()["results"]
    assert [r["case_id"] for r in denied] == [world.second_case.case_id]


def test_the_case_list_refuses_an_unknown_stage_and_a_bad_page(world, tokens):
    client = tokens.client("staff")
    response = client.get("/api/cases", {"stage": "nowhere"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"
    assert response.json()["error"]["problems"][0]["path"] == "stage"
    assert client.get("/api/cases", {"page": "0"}).status_code == 422


def test_a_page_past_the_end_gives_the_last_page(world, tokens):
    page = tokens.client("staff").get("/api/cases", {"page": 9}).json()
    assert page["page"] == 1
    assert len(page["results"]) == 2


def test_reading_a_case_returns_its_case_file_data_and_is_audited(world, tokens):
    response = tokens.client("staff").get(f"/api/cases/{world.case.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 1
    assert body["stage"] == world.case.stage
    assert body["case"] == world.case.data
    event = AuditEvent.objects.filter(action=Action.VIEW, object_type="case").get()
    assert (event.user, event.object_id) == (world.staff, str(world.case.pk))


def test_adding_a_case_returns_201_with_its_location(world, tokens):
    text = (EXAMPLES / "bipolar-depression.yaml").read_text()
    data = case_to_data(load_case(EXAMPLES / "bipolar-depression.yaml"))
    assert "id:" in text
    response = tokens.client("staff").post(
        "/api/cases", json.dumps(data), content_type="application/json"
    )
    assert response.status_code == 201
    record = CaseRecord.objects.get(workspace=world.clinic, case_id=data["id"])
    assert response["Location"] == f"/api/cases/{record.pk}"
    assert response.json()["case"] == data
    assert AuditEvent.objects.filter(action=Action.CREATE, object_id=str(record.pk)).exists()


def test_a_bad_case_gets_422_with_every_problem_and_nothing_is_stored(world, tokens):
    text = '{\n  "id": "case-bad",\n  "patient": {"given_name": "A"},\n  "urgency": "whenever"\n}'
    response = tokens.client("staff").post("/api/cases", text, content_type="application/json")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_case"
    paths = {p["path"] for p in error["problems"]}
    assert "urgency" in paths
    assert any(p.startswith("patient") for p in paths)
    assert all(set(p) == {"path", "message", "line"} for p in error["problems"])
    assert not CaseRecord.objects.filter(case_id="case-bad").exists()


def test_text_that_is_not_json_or_not_utf8_gets_422(world, tokens):
    client = tokens.client("staff")
    broken = client.post("/api/cases", "{not json", content_type="application/json")
    assert broken.status_code == 422
    assert broken.json()["error"]["problems"][0]["line"] == 1
    latin = client.post("/api/cases", b'{"id": "\xe9"}', content_type="application/json")
    assert latin.status_code == 422
    assert latin.json()["error"]["problems"] == [
        {"path": "", "message": "is not UTF-8 text", "line": None}
    ]


def test_a_case_id_that_exists_gets_400(world, tokens):
    data = world.case.data
    response = tokens.client("staff").post(
        "/api/cases", json.dumps(data), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert "already exists" in response.json()["error"]["message"]


def test_replacing_a_case_saves_a_new_version(world, tokens):
    data = dict(world.case.data, notes="Called the plan back.")
    response = tokens.client("staff").put(
        f"/api/cases/{world.case.pk}",
        {"version": 1, "case": data},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    world.case.refresh_from_db()
    assert world.case.data["notes"] == "Called the plan back."
    assert AuditEvent.objects.filter(action=Action.UPDATE, object_id=str(world.case.pk)).exists()


def test_a_stale_version_gets_409_with_the_current_version(world, tokens):
    client = tokens.client("staff")
    url = f"/api/cases/{world.case.pk}"
    first = dict(world.case.data, notes="first")
    assert (
        client.put(url, {"version": 1, "case": first}, content_type="application/json").status_code
        == 200
    )
    second = dict(world.case.data, notes="second")
    response = client.put(url, {"version": 1, "case": second}, content_type="application/json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert (error["code"], error["current_version"]) == ("conflict", 2)
    world.case.refresh_from_db()
    assert world.case.data["notes"] == "first"


def test_replacing_with_a_bad_case_gets_422_and_changes_nothing(world, tokens):
    data = dict(world.case.data, urgency="whenever")
    response = tokens.client("staff").put(
        f"/api/cases/{world.case.pk}", {"version": 1, "case": data}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [p["path"] for p in response.json()["error"]["problems"]] == ["urgency"]
    world.case.refresh_from_db()
    assert world.case.version == 1


def test_a_missing_version_gets_422_naming_the_field(world, tokens):
    response = tokens.client("staff").put(
        f"/api/cases/{world.case.pk}", {"case": world.case.data}, content_type="application/json"
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert [p["path"] for p in error["problems"]] == ["version"]
    assert "Avery" not in response.content.decode()


def test_the_case_id_cannot_change(world, tokens):
    data = dict(world.case.data, id="case-renamed")
    response = tokens.client("staff").put(
        f"/api/cases/{world.case.pk}", {"version": 1, "case": data}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "id: the case id cannot change"


def test_the_assessment_comes_as_json_with_every_pathway(world, tokens):
    response = tokens.client("staff").get(f"/api/cases/{world.case.pk}/assessment")
    assert response.status_code == 200
    body = response.json()
    assessment = body["assessment"]
    assert assessment["case_id"] == world.case.case_id
    by_pathway = {p["pathway"]: p for p in assessment["pathways"]}
    assert by_pathway["esketamine_pa"]["verdict"] == "likely"
    reason = by_pathway["esketamine_pa"]["reasons"][0]
    assert set(reason) >= {"rule_id", "explain", "source", "as_of", "confidence"}
    assert AuditEvent.objects.filter(action=Action.VIEW, object_type="case").count() == 1


def test_the_deadlines_come_soonest_first_with_days_left(world, tokens):
    response = tokens.client("staff").get(f"/api/cases/{world.second_case.pk}/deadlines")
    assert response.status_code == 200
    body = response.json()
    deadlines = body["deadlines"]
    assert deadlines
    dues = [d["due"] for d in deadlines]
    assert dues == sorted(dues)
    first = deadlines[0]
    assert set(first["source"]) == {"citation", "confidence", "url", "key"}
    assert first["rule_id"]
    from datetime import date

    today = date.fromisoformat(body["today"])
    assert first["days_left"] == (date.fromisoformat(first["due"]) - today).days
    assert AuditEvent.objects.filter(action=Action.VIEW, object_type="case").count() == 1
