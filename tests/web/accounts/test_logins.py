from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketacover.web.accounts import logins
from ketacover.web.accounts.models import LoginFailure
from ketacover.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-1"


def _attempt(client, username, password="wrong-password-123"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_login_leaves_an_audit_record(client, world):
    response = _attempt(client, "staff", PASSWORD)
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=Action.LOGIN)
    assert event.user == world.staff
    assert event.ip == "127.0.0.1"


def test_a_logout_leaves_an_audit_record(client, world):
    _attempt(client, "staff", PASSWORD)
    client.post(reverse("logout"))
    assert AuditEvent.objects.filter(action=Action.LOGOUT, user=world.staff).count() == 1


def test_a_failed_login_is_recorded_without_the_username_or_password(client, world):
    response = _attempt(client, "staff", "not-the-password-9")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=Action.LOGIN_FAILED)
    assert event.user is None
    assert event.detail == {"username_given": True}
    assert "staff" not in str(event.detail)
    assert "not-the-password-9" not in str(event.detail)


def test_failures_are_counted_under_a_hash_not_the_username(client, world):
    _attempt(client, "staff")
    failure = LoginFailure.objects.get()
    assert failure.key == logins.failure_key("staff", "127.0.0.1")
    assert "staff" not in failure.key


def test_five_failures_lock_the_username_out_even_with_the_right_password(client, world):
    for _ in range(logins.FAILURE_LIMIT):
        _attempt(client, "staff")
    response = _attempt(client, "staff", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    refused = AuditEvent.objects.filter(action=Action.LOGIN_FAILED, detail__locked=True)
    assert refused.count() == 1


def test_four_failures_do_not_lock_and_a_success_clears_them(client, world):
    for _ in range(logins.FAILURE_LIMIT - 1):
        _attempt(client, "staff")
    assert _attempt(client, "staff", PASSWORD).status_code == 302
    assert not LoginFailure.objects.exists()


def test_the_lockout_is_per_username_and_address(client, world):
    for _ in range(logins.FAILURE_LIMIT):
        _attempt(client, "staff")
    assert _attempt(client, "owner", PASSWORD).status_code == 302
    other = client.__class__(REMOTE_ADDR="10.0.0.9")
    assert _attempt(other, "staff", PASSWORD).status_code == 302


def test_the_lockout_ends_after_fifteen_minutes():
    now = timezone.now()
    key = logins.failure_key("staff", "10.1.1.1")
    for minutes in (16, 17, 18, 19, 20):
        LoginFailure.objects.create(key=key, at=now - timedelta(minutes=minutes))
    assert not logins.login_locked(username="staff", ip="10.1.1.1", now=now)
    assert logins.login_locked(username="staff", ip="10.1.1.1", now=now - timedelta(minutes=2))


@pytest.mark.parametrize(
    ("spread_minutes", "locked"),
    [(1, True), (14, True), (15, True), (16, False)],
)
def test_only_failures_within_fifteen_minutes_of_each_other_count(spread_minutes, locked):
    now = timezone.now()
    key = logins.failure_key("Staff ", "10.1.1.2")
    step = timedelta(minutes=spread_minutes) / (logins.FAILURE_LIMIT - 1)
    for index in range(logins.FAILURE_LIMIT):
        LoginFailure.objects.create(key=key, at=now - index * step)
    assert logins.login_locked(username="staff", ip="10.1.1.2", now=now) is locked


def test_old_failures_are_pruned_when_a_new_one_is_counted():
    now = timezone.now()
    key = logins.failure_key("staff", None)
    LoginFailure.objects.create(key=key, at=now - timedelta(hours=2))
    logins.login_failed(username="staff", request=None, now=now)
    assert list(LoginFailure.objects.values_list("at", flat=True)) == [now]


def test_a_failure_without_a_username_is_recorded_but_not_counted():
    logins.login_failed(username=None, request=None)
    assert not LoginFailure.objects.exists()
    assert AuditEvent.objects.get().detail == {"username_given": False}


def test_a_logout_without_a_user_records_nothing():
    logins.logged_out(user=None, request=None)
    assert not AuditEvent.objects.exists()


def test_the_login_page_links_to_sign_up_and_password_reset(client, db):
    body = client.get(reverse("login")).content.decode()
    assert reverse("accounts:signup") in body
    assert reverse("accounts:password_reset") in body
