"""Finding 10: a logged-in user changes their password (old one, new one twice, Django's
validators); other sessions end, API tokens are revoked, the change is audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ketacover.web.accounts import logins
from ketacover.web.api.services import token_authenticate, token_create
from ketacover.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-1"
NEW = "harbour-violet-tandem-58"
PAGE = reverse("accounts:password_change")


def _logged_in(client: Client) -> Client:
    client.post(reverse("login"), {"username": "staff", "password": PASSWORD})
    return client


def test_finding_10_a_staffer_changes_their_password_and_other_sessions_end(world):
    here, elsewhere = _logged_in(Client()), _logged_in(Client())
    _, plain = token_create(user=world.staff, name="script")
    assert elsewhere.get(reverse("dashboard")).status_code == 200
    response = here.post(
        PAGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response["Location"] == reverse("accounts:workspaces")
    world.staff.refresh_from_db()
    assert world.staff.check_password(NEW)
    assert here.get(reverse("dashboard")).status_code == 200
    assert elsewhere.get(reverse("dashboard"))["Location"].startswith(reverse("login"))
    assert token_authenticate(token=plain) is None
    event = AuditEvent.objects.get(action=Action.UPDATE, object_type="user")
    assert (event.user, event.detail) == (world.staff, {"password": True})
    assert NEW not in str(event.detail)


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ({"old_password": "wrong-one-9", "new_password1": NEW, "new_password2": NEW}, "old"),
        ({"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW + "x"}, "new2"),
        ({"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"}, "new2"),
        (
            {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
            "new2",
        ),
    ],
)
def test_finding_10_a_wrong_old_password_or_a_weak_new_one_is_refused(world, typed, field):
    client = _logged_in(Client())
    response = client.post(PAGE, typed)
    assert response.status_code == 200
    errors = response.context["form"].errors
    key = {"old": "old_password", "new2": "new_password2"}[field]
    assert errors[key]
    world.staff.refresh_from_db()
    assert world.staff.check_password(PASSWORD)


def test_the_password_page_needs_a_login_and_is_linked_from_the_workspaces(world):
    assert Client().get(PAGE)["Location"].startswith(reverse("login"))
    body = world.client_for(world.patient).get(reverse("accounts:workspaces")).content.decode()
    assert PAGE in body


def test_finding_3_wrong_old_passwords_count_as_failed_logins_and_pause_the_page(world):
    client = world.client_for(world.staff)
    wrong = {"old_password": "a-wrong-guess-1", "new_password1": NEW, "new_password2": NEW}
    for _ in range(logins.ACCOUNT_FREE):
        client.post(PAGE, wrong)
    right = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    response = client.post(PAGE, right)
    assert "Too many failed logins" in response.content.decode()
    world.staff.refresh_from_db()
    assert world.staff.check_password(PASSWORD)
