from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from ketacover.web.accounts import services
from ketacover.web.accounts.models import Invitation, Membership, Role
from ketacover.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "river-stone-lantern-42"


def _invite(world, client=None, **data):
    client = client or world.client_for(world.owner)
    payload = {"email": "new@example.org", "role": Role.STAFF, **data}
    return client.post(reverse("accounts:members", args=[world.clinic.pk]), payload)


def _link(mail):
    return re.search(r"http://testserver(/\S+)", mail.body).group(1)


def test_an_owner_invites_by_email_with_a_one_time_link(world, mailoutbox):
    response = _invite(world)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.case) == (
        "new@example.org",
        "staff",
        None,
    )
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    assert mailoutbox[0].to == ["new@example.org"]
    link = _link(mailoutbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64
    event = AuditEvent.objects.get(action=Action.CREATE, object_type="invitation")
    assert "new@example.org" not in str(event.detail)


def test_a_patient_invitation_needs_a_case_and_is_tied_to_it(world, mailoutbox):
    response = _invite(world, role=Role.PATIENT, email="pat@example.org")
    assert response.status_code == 200
    assert "Choose the case the patient will see." in response.content.decode()
    assert 'value="pat@example.org"' in response.content.decode()
    assert not Invitation.objects.exists()
    _invite(world, role=Role.PATIENT, email="pat@example.org", case=world.second_case.pk)
    assert Invitation.objects.get().case == world.second_case
    assert "Fictional" not in mailoutbox[0].body
    assert world.second_case.case_id not in mailoutbox[0].body


def test_a_case_of_another_workspace_cannot_be_chosen(world):
    response = _invite(world, role=Role.PATIENT, case=world.other_case.pk)
    assert response.status_code == 200
    assert not Invitation.objects.exists()
    with pytest.raises(services.AccessError):
        services.invitation_create(
            user=world.owner,
            workspace=world.clinic,
            email="x@example.org",
            role=Role.PATIENT,
            case=world.other_case,
            site="http://testserver",
        )


def test_the_service_checks_role_and_case(world):
    common = {"user": world.owner, "workspace": world.clinic, "email": "x@example.org"}
    with pytest.raises(services.AccessError):
        services.invitation_create(**common, role="admin", case=None, site="http://t")
    with pytest.raises(services.AccessError):
        services.invitation_create(**common, role=Role.PATIENT, case=None, site="http://t")
    sent = services.invitation_create(**common, role=Role.STAFF, case=world.case, site="http://t")
    assert sent.invitation.case is None


@pytest.mark.parametrize(("persona", "status"), [("staff", 403), ("outsider", 404)])
def test_only_owners_invite(world, persona, status):
    response = _invite(world, client=world.client_for(getattr(world, persona)))
    assert response.status_code == status
    assert not Invitation.objects.exists()


def test_a_logged_in_user_accepts_and_joins(world, mailoutbox):
    _invite(world, role=Role.PATIENT, email="Pat@Example.org", case=world.second_case.pk)
    link = _link(mailoutbox[0])
    invitee = User.objects.create_user("pat", email="pat@example.org", password=NEW_PASSWORD)
    client = world.client_for(invitee)
    page = client.get(link)
    assert "Maple Hollow" in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    assert client.post(link).status_code == 302
    membership = Membership.objects.get(user=invitee)
    assert (membership.role, membership.case) == (Role.PATIENT, world.second_case)
    assert client.get(reverse("patients:case", args=[world.second_case.pk])).status_code == 200
    assert client.get(reverse("cases:detail", args=[world.case.pk])).status_code == 404
    assert client.get(link).status_code == 404


def test_an_invitation_for_another_address_is_refused(world, mailoutbox):
    _invite(world)
    response = world.client_for(world.outsider).post(_link(mailoutbox[0]))
    assert response.status_code == 400
    assert "different e-mail address" in response.content.decode()
    assert not Membership.objects.filter(user=world.outsider, workspace=world.clinic).exists()


def test_a_member_cannot_join_twice(world, mailoutbox):
    world.staff.email = "new@example.org"
    world.staff.save()
    _invite(world)
    response = world.client_for(world.staff).post(_link(mailoutbox[0]))
    assert "already a member" in response.content.decode()


def test_an_expired_or_unknown_link_is_not_found(world, mailoutbox, client):
    _invite(world)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(_link(mailoutbox[0])).status_code == 404
    assert client.get(reverse("accounts:invitation", args=["made-up"])).status_code == 404


def test_an_anonymous_visitor_is_offered_sign_up_and_log_in(world, mailoutbox, client):
    _invite(world)
    body = client.get(_link(mailoutbox[0])).content.decode()
    assert reverse("accounts:signup") + "?invitation=" in body
    assert reverse("login") + "?next=" in body
    with pytest.raises(services.AccessError):
        services.invitation_accept(user=client.get(reverse("login")).wsgi_request.user, token="x")


def test_signing_up_through_an_invitation_joins_that_workspace_only(world, mailoutbox, client):
    _invite(world, email="new@example.org", role=Role.PRESCRIBER)
    token = _link(mailoutbox[0]).rstrip("/").rsplit("/", 1)[1]
    page = client.get(reverse("accounts:signup"), {"invitation": token}).content.decode()
    assert "You are joining <strong>Maple Hollow</strong> as prescriber" in page
    response = client.post(
        reverse("accounts:signup"),
        {
            "invitation": token,
            "username": "newbie",
            "email": "someone-else@example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert user.email == "new@example.org"
    assert [(m.workspace, m.role) for m in Membership.objects.filter(user=user)] == [
        (world.clinic, Role.PRESCRIBER)
    ]
    assert Invitation.objects.get().accepted_at is not None


def test_an_owner_withdraws_an_open_invitation(world, mailoutbox, client):
    _invite(world)
    invitation = Invitation.objects.get()
    members = world.client_for(world.owner).get(reverse("accounts:members", args=[world.clinic.pk]))
    assert "new@example.org" in members.content.decode()
    url = reverse("accounts:invitation_revoke", args=[world.clinic.pk, invitation.pk])
    assert world.client_for(world.staff).post(url).status_code == 403
    assert world.client_for(world.owner).post(url).status_code == 302
    assert client.get(_link(mailoutbox[0])).status_code == 404
    again = world.client_for(world.owner).post(url, follow=True)
    assert "no longer open" in again.content.decode()


def test_names_of_invitations_and_failures_carry_no_address(world, mailoutbox):
    from ketacover.web.accounts.models import LoginFailure

    _invite(world)
    invitation = Invitation.objects.get()
    assert "new@example.org" not in str(invitation)
    assert "staff" in str(invitation)
    failure = LoginFailure.objects.create(key="0" * 64)
    assert str(failure).startswith("failed login at ")
