from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from ketacover.web.accounts import models, signups
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


def _confirm_link(message) -> str:
    return re.search(r"http://testserver(/accounts/signup/\S+/)", message.body).group(1)


def test_signing_up_creates_a_personal_workspace_from_the_emailed_link(client, db, mailoutbox):
    response = _signup(client)
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert not User.objects.filter(username="riley").exists()
    link = _confirm_link(mailoutbox[0])
    assert mailoutbox[0].to == ["riley@example.org"]
    page = client.get(link)
    assert "riley" in page.content.decode()
    assert not User.objects.filter(username="riley").exists()
    done = client.post(link)
    assert done["Location"] == reverse("dashboard")
    user = User.objects.get(username="riley")
    assert user.check_password(NEW_PASSWORD)
    membership = Membership.objects.get(user=user)
    assert membership.role == Role.OWNER
    assert membership.workspace.kind == Workspace.Kind.PERSONAL
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="user").count() == 1
    assert client.get(link).status_code == 404


def test_a_bad_signup_keeps_what_was_typed_and_shows_the_error_on_the_field(client, db):
    response = _signup(client, password2="something-else-77")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="riley@example.org"' in body
    assert 'id="id_password2_errors"' in body
    assert not User.objects.filter(username="riley").exists()


def test_finding_3_signup_answers_the_same_whether_or_not_the_username_exists(world, mailoutbox):
    taken = _signup(Client(REMOTE_ADDR="10.0.0.1"), username="Staff", email="a@example.org")
    free = _signup(Client(REMOTE_ADDR="10.0.0.2"), username="newcomer", email="b@example.org")
    assert taken.status_code == free.status_code == 200
    scrub = [r'name="csrfmiddlewaretoken" value="[^"]+"', r'"X-CSRFToken": "[^"]+"']
    bodies = [response.content.decode() for response in (taken, free)]
    for pattern in scrub:
        bodies = [re.sub(pattern, "", body) for body in bodies]
    assert bodies[0] == bodies[1]
    assert "already exists" not in bodies[0]
    assert "cannot be used" in mailoutbox[0].body
    assert "/accounts/signup/" in mailoutbox[1].body
    assert not models.SignupRequest.objects.filter(username="Staff").exists()


def test_a_username_taken_before_the_link_is_opened_is_refused_then(client, world, mailoutbox):
    _signup(client, username="later")
    User.objects.create_user(username="LATER", password=NEW_PASSWORD)
    response = client.post(_confirm_link(mailoutbox[0]))
    assert "taken in the meantime" in response.content.decode()
    assert User.objects.filter(username__iexact="later").count() == 1


def test_finding_3_signup_is_throttled_per_address(db, mailoutbox):
    for number in range(signups.ADDRESS_LIMIT):
        _signup(Client(REMOTE_ADDR="10.0.0.5"), username=f"user{number}")
    refused = _signup(Client(REMOTE_ADDR="10.0.0.5"), username="one-more")
    assert "Too many sign-ups" in refused.content.decode()
    assert len(mailoutbox) == signups.ADDRESS_LIMIT
    assert "Check your e-mail" in _signup(Client(REMOTE_ADDR="10.0.0.6")).content.decode()


def test_finding_3_signup_is_throttled_for_everybody_together(db, mailoutbox):
    models.SignupAttempt.objects.bulk_create(
        models.SignupAttempt(address=str(number)) for number in range(signups.GLOBAL_LIMIT)
    )
    refused = _signup(Client(REMOTE_ADDR="10.0.0.7"))
    assert "Too many sign-ups" in refused.content.decode()
    assert mailoutbox == []


def test_the_service_does_not_create_an_account_for_a_taken_username(world, mailoutbox):
    signups.signup_request(
        username="STAFF", email="x@example.org", password=NEW_PASSWORD, site="http://testserver/"
    )
    assert not models.SignupRequest.objects.exists()
    assert "cannot be used" in mailoutbox[0].body


def test_a_logged_in_user_is_sent_on_from_the_signup_page(world):
    response = world.client_for(world.staff).get(reverse("accounts:signup"))
    assert response.status_code == 302


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
