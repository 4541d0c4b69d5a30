from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from ketacover.web.accounts import services
from ketacover.web.accounts.models import Membership, Role, Workspace
from ketacover.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "river-stone-lantern-42"


def _signup(client, **extra):
    data = {
        "username": "riley",
        "email": "riley@example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **extra,
    }
    return client.post(reverse("accounts:signup"), data)


def test_signing_up_creates_a_personal_workspace_owned_by_the_new_user(client, db):
    response = _signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    user = User.objects.get(username="riley")
    membership = Membership.objects.get(user=user)
    assert membership.role == Role.OWNER
    assert membership.workspace.kind == Workspace.Kind.PERSONAL
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="user").count() == 1


def test_a_bad_signup_keeps_what_was_typed_and_shows_the_error_on_the_field(client, db):
    response = _signup(client, password2="something-else-77")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="riley@example.org"' in body
    assert 'id="id_password2_errors"' in body
    assert not User.objects.filter(username="riley").exists()


def test_a_taken_username_is_refused(client, world):
    response = _signup(client, username="Staff")
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_the_service_refuses_a_taken_username_too(world):
    with pytest.raises(services.AccessError) as caught:
        services.account_signup(username="STAFF", email="x@example.org", password=NEW_PASSWORD)
    assert caught.value.field == "username"


def test_a_logged_in_user_is_sent_on_from_the_signup_page(world):
    response = world.client_for(world.staff).get(reverse("accounts:signup"))
    assert response.status_code == 302


def test_signup_honours_a_safe_next_address_only(client, db):
    response = _signup(client, next="/cases/")
    assert response["Location"] == "/cases/"
    client.logout()
    response = _signup(
        client, username="other", email="o@example.org", next="https://evil.example/"
    )
    assert response["Location"] == reverse("dashboard")


def test_password_reset_sends_a_link_that_sets_a_new_password(client, world, mailoutbox):
    world.staff.email = "staff@example.org"
    world.staff.save()
    response = client.post(reverse("accounts:password_reset"), {"email": "staff@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/\S+)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Set a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    world.staff.refresh_from_db()
    assert world.staff.check_password(NEW_PASSWORD)


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(
    client, db, mailoutbox
):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_a_spent_reset_link_says_it_is_not_valid(client, db):
    url = reverse("accounts:password_reset_confirm", args=["MQ", "set-password"])
    assert "not valid" in client.get(url).content.decode()


def test_the_workspaces_page_lists_roles_and_the_pages_each_role_may_open(world):
    owner = world.client_for(world.owner).get(reverse("accounts:workspaces")).content.decode()
    assert reverse("accounts:members", args=[world.clinic.pk]) in owner
    assert reverse("audit:log", args=[world.clinic.pk]) in owner
    assert reverse("feeds:list", args=[world.clinic.pk]) in owner
    patient = world.client_for(world.patient).get(reverse("accounts:workspaces")).content.decode()
    assert "Maple Hollow" in patient
    assert reverse("accounts:members", args=[world.clinic.pk]) not in patient
    assert reverse("feeds:list", args=[world.clinic.pk]) not in patient
    outsider = world.client_for(world.outsider).get(reverse("accounts:workspaces"))
    assert "Maple Hollow" not in outsider.content.decode()
