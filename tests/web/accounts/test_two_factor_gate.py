"""Owners requiring two-factor login of their staff, and the gate that enforces it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.urls import reverse

from ketacover.web.accounts import authenticator
from ketacover.web.accounts.models import Membership, Role, Workspace
from ketacover.web.accounts.services import AccessError
from ketacover.web.accounts.two_factor_services import workspace_require_two_factor
from ketacover.web.api.services import token_create
from ketacover.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

ENABLE = reverse("accounts:two_factor_enable")


def _requirement_url(world) -> str:
    return reverse("accounts:two_factor_requirement", kwargs={"pk": world.clinic.pk})


@pytest.fixture
def required(world, enrol):
    """The clinic's owner has two-factor login on and requires it of the clinic's staff."""
    enrol(world.owner)
    workspace_require_two_factor(user=world.owner, workspace=world.clinic, required=True)
    return world.clinic


def _secrets(world) -> list[str]:
    record = world.case
    return [record.patient_name, record.case_id, record.data["plan"]["member_id"]]


def test_an_owner_requires_two_factor_login_and_it_is_audited(world, enrol):
    enrol(world.owner)
    client = world.client_for(world.owner)
    response = client.post(_requirement_url(world), {"required": "on"}, follow=True)
    assert "now requires two-factor login" in response.content.decode()
    assert Workspace.objects.get(pk=world.clinic.pk).require_two_factor
    event = AuditEvent.objects.get(action=Action.UPDATE, object_type="workspace")
    assert (event.user, event.workspace) == (world.owner, world.clinic)
    assert event.detail == {"require_two_factor": True}

    client.post(_requirement_url(world), {})
    assert not Workspace.objects.get(pk=world.clinic.pk).require_two_factor
    changes = AuditEvent.objects.filter(object_type="workspace").order_by("id")
    assert [e.detail["require_two_factor"] for e in changes] == [True, False]


def test_saving_the_setting_unchanged_records_nothing(world, enrol):
    enrol(world.owner)
    world.client_for(world.owner).post(_requirement_url(world), {})
    assert not AuditEvent.objects.filter(object_type="workspace").exists()


def test_an_owner_without_two_factor_login_cannot_require_it(world):
    response = world.client_for(world.owner).post(
        _requirement_url(world), {"required": "on"}, follow=True
    )
    assert "Turn on two-factor login for yourself" in response.content.decode()
    assert not Workspace.objects.get(pk=world.clinic.pk).require_two_factor
    with pytest.raises(AccessError) as raised:
        workspace_require_two_factor(user=world.owner, workspace=world.clinic, required=True)
    assert raised.value.field == "required"


def test_only_an_owner_of_the_workspace_may_change_the_setting(world, enrol):
    for person in (world.staff, world.patient, world.outsider):
        enrol(person)
    for person, status in ((world.staff, 403), (world.patient, 403), (world.outsider, 404)):
        response = world.client_for(person).post(_requirement_url(world), {"required": "on"})
        assert response.status_code == status, person
    anonymous = Client().post(_requirement_url(world), {"required": "on"})
    assert anonymous["Location"].startswith(reverse("login"))
    assert not Workspace.objects.get(pk=world.clinic.pk).require_two_factor
    assert not AuditEvent.objects.filter(object_type="workspace").exists()


def test_the_members_page_shows_the_setting_and_who_has_two_factor_on(world, enrol):
    enrol(world.owner)
    body = world.client_for(world.owner).get(
        reverse("accounts:members", kwargs={"pk": world.clinic.pk})
    )
    members = {m.user.username: m.two_factor_on for m in body.context["members"]}
    assert members == {"owner": True, "staff": False, "patient": False}
    assert _requirement_url(world) in body.content.decode()


@pytest.mark.parametrize(
    "page",
    [
        lambda w: reverse("dashboard"),
        lambda w: reverse("cases:list"),
        lambda w: reverse("cases:detail", kwargs={"pk": w.case.pk}),
        lambda w: reverse("intake:start"),
        lambda w: reverse("accounts:workspaces"),
        lambda w: reverse("api_tokens"),
    ],
)
def test_staff_without_two_factor_are_sent_to_set_it_up_first(world, required, page):
    url = page(world)
    response = world.client_for(world.staff).get(url)
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == ENABLE
    assert parse_qs(location.query)["next"] == [url]
    for secret in _secrets(world):
        assert secret not in response.content.decode()


def test_a_change_posted_by_such_a_staffer_is_not_made(world, required, enrol):
    url = reverse("cases:assign", kwargs={"pk": world.case.pk})
    client = world.client_for(world.staff)
    response = client.post(url, {"assignee": world.staff.pk})
    assert response.status_code == 302
    assert response["Location"] == ENABLE
    world.case.refresh_from_db()
    assert world.case.assignee is None

    enrol(world.staff)  # the control: with two-factor login on, the same change is made
    client.post(url, {"assignee": world.staff.pk})
    world.case.refresh_from_db()
    assert world.case.assignee == world.staff


def test_an_htmx_request_is_sent_to_the_set_up_page_as_a_whole_page(world, required):
    response = world.client_for(world.staff).get(
        reverse("cases:list"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(ENABLE)


def test_after_setting_it_up_the_staffer_goes_back_to_the_page_asked_for(world, clock, required):
    client = world.client_for(world.staff)
    asked = reverse("cases:detail", kwargs={"pk": world.case.pk})
    page = client.get(client.get(asked)["Location"])
    assert page.status_code == 200
    assert world.clinic.name in page.content.decode()  # says which workspace requires it
    secret = page.context["secret"].replace(" ", "")
    done = client.post(
        ENABLE, {"code": authenticator.code_at(secret, clock.now), "next": page.context["next"]}
    )
    assert done.context["next"] == asked
    assert client.get(asked).status_code == 200


def test_the_set_up_log_out_and_two_factor_pages_stay_open(world, required):
    client = world.client_for(world.staff)
    assert client.get(ENABLE).status_code == 200
    assert client.get(reverse("accounts:two_factor")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_requirement_does_not_reach_another_workspace(world, required):
    response = world.client_for(world.outsider).get(reverse("dashboard"))
    assert response.status_code == 200
    other = reverse("cases:detail", kwargs={"pk": world.other_case.pk})
    assert world.client_for(world.outsider).get(other).status_code == 200


def test_patients_are_not_required_to_set_it_up(world, required):
    response = world.client_for(world.patient).get(
        reverse("patients:case", kwargs={"pk": world.case.pk})
    )
    assert response.status_code == 200


def test_prescribers_are_required_too(world, required):
    Membership.objects.filter(user=world.staff).update(role=Role.PRESCRIBER)
    response = world.client_for(world.staff).get(reverse("dashboard"))
    assert urlparse(response["Location"]).path == ENABLE


def test_staff_with_two_factor_on_see_the_workspace(world, required, enrol):
    enrol(world.staff)
    assert world.client_for(world.staff).get(reverse("dashboard")).status_code == 200


def test_the_api_refuses_the_session_of_such_a_staffer(world, required):
    response = world.client_for(world.staff).get("/api/cases")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "two_factor_required"
    for secret in _secrets(world):
        assert secret not in response.content.decode()


def test_a_personal_api_token_keeps_working(world, required):
    _, plain = token_create(user=world.staff, name="script")
    response = Client(headers={"Authorization": f"Bearer {plain}"}).get("/api/cases")
    assert response.status_code == 200
    assert world.case.case_id in {row["case_id"] for row in response.json()["results"]}


def test_a_bad_token_with_the_staffers_session_is_still_refused(world, required):
    response = world.client_for(world.staff).get(
        "/api/cases", headers={"Authorization": "Bearer kc_wrong"}
    )
    assert response.status_code == 401


def test_another_authorization_scheme_does_not_get_past_the_gate(world, required):
    response = world.client_for(world.staff).get(
        "/api/cases", headers={"Authorization": "Basic c3RhZmY6eA=="}
    )
    assert response.status_code == 403


def test_anonymous_visitors_get_nothing(world, required):
    response = Client().get(reverse("cases:detail", kwargs={"pk": world.case.pk}))
    assert response["Location"].startswith(reverse("login"))
    assert Client().get("/api/cases").status_code == 401
