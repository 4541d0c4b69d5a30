from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from ketacover.web.accounts import known_devices, logins
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


def test_failures_are_counted_under_hashes_not_the_username_or_address(client, world):
    _attempt(client, "staff")
    failure = LoginFailure.objects.get()
    assert failure.key == logins.account_key("staff")
    assert failure.address == logins.address_key("127.0.0.1")
    assert "staff" not in failure.key + failure.address


def test_five_failures_pause_the_account_even_with_the_right_password(client, world):
    for _ in range(logins.ACCOUNT_FREE):
        _attempt(client, "staff")
    response = _attempt(client, "staff", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    refused = AuditEvent.objects.filter(action=Action.LOGIN_FAILED, detail__locked=True)
    assert refused.count() == 1


def test_four_failures_do_not_pause_and_a_success_clears_them(client, world):
    for _ in range(logins.ACCOUNT_FREE - 1):
        _attempt(client, "staff")
    assert _attempt(client, "staff", PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(key=logins.account_key("staff")).exists()


def test_finding_3_the_pause_is_per_account_whatever_the_address(world):
    for number in range(logins.ACCOUNT_FREE):
        _attempt(Client(REMOTE_ADDR=f"10.0.0.{number + 1}"), "Staff")
    assert _attempt(Client(REMOTE_ADDR="10.9.9.9"), "staff", PASSWORD).status_code == 200
    assert _attempt(Client(REMOTE_ADDR="10.9.9.9"), "owner", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("failures", "minutes"), [(4, 0), (5, 1), (6, 2), (7, 4), (8, 8), (9, 15), (30, 15)]
)
def test_finding_3_the_account_pause_doubles_up_to_fifteen_minutes(failures, minutes):
    assert logins.account_pause(failures) == timedelta(minutes=minutes)


def test_finding_3_a_paused_account_opens_again_when_the_pause_ends(world):
    now = timezone.now()
    for _ in range(6):  # six failures: two minutes after the last one
        LoginFailure.objects.create(key=logins.account_key("staff"), at=now)
    assert logins.login_locked(username="staff", request=None, now=now + timedelta(seconds=119))
    assert not logins.login_locked(username="staff", request=None, now=now + timedelta(minutes=2))


def test_finding_3_an_address_is_paused_after_twenty_failures_for_any_usernames(world):
    attacker = Client(REMOTE_ADDR="10.6.6.6")
    for number in range(logins.ADDRESS_LIMIT):
        _attempt(attacker, f"nobody-{number}")
    assert _attempt(attacker, "owner", PASSWORD).status_code == 200
    assert _attempt(Client(REMOTE_ADDR="10.7.7.7"), "owner", PASSWORD).status_code == 302


def test_finding_3_a_known_device_still_logs_in_while_an_attacker_pauses_the_account(world):
    staffer = Client(REMOTE_ADDR="10.1.1.1")
    assert _attempt(staffer, "staff", PASSWORD).status_code == 302
    assert known_devices.COOKIE in staffer.cookies
    staffer.post(reverse("logout"))
    attacker = Client(REMOTE_ADDR="10.6.6.6")
    for _ in range(logins.ACCOUNT_FREE + 3):
        _attempt(attacker, "staff")
    assert _attempt(Client(REMOTE_ADDR="10.2.2.2"), "staff", PASSWORD).status_code == 200
    assert _attempt(staffer, "staff", PASSWORD).status_code == 302
    # The staffer's login does not lift the attacker's pause on other devices.
    assert _attempt(attacker, "staff", PASSWORD).status_code == 200


def test_finding_3_a_known_device_has_its_own_budget_of_failures(world):
    staffer = Client()
    _attempt(staffer, "staff", PASSWORD)
    staffer.post(reverse("logout"))
    for _ in range(logins.DEVICE_LIMIT):
        _attempt(staffer, "staff")
    assert LoginFailure.objects.filter(key=logins.account_key("staff")).count() == 0
    # Spent: it counts as an unknown device, and the account's count starts.
    _attempt(staffer, "staff")
    assert LoginFailure.objects.filter(key=logins.account_key("staff")).count() == 1


def test_finding_3_a_device_cookie_opens_only_its_own_account(world):
    patient = Client()
    _attempt(patient, "patient", PASSWORD)
    patient.post(reverse("logout"))
    for _ in range(logins.ACCOUNT_FREE):
        _attempt(Client(REMOTE_ADDR="10.6.6.6"), "staff")
    assert _attempt(patient, "staff", PASSWORD).status_code == 200
    forged = Client()
    forged.cookies[known_devices.COOKIE] = "made-up"
    assert _attempt(forged, "staff", PASSWORD).status_code == 200


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_finding_3_behind_a_trusted_proxy_the_forwarded_client_is_counted_and_audited(world):
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    proxy.post(
        reverse("login"),
        {"username": "staff", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",
    )
    assert AuditEvent.objects.get(action=Action.LOGIN).ip == "198.51.100.7"
    for _ in range(logins.ADDRESS_LIMIT):
        proxy.post(
            reverse("login"),
            {"username": "someone", "password": "x"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    other = proxy.post(
        reverse("login"),
        {"username": "owner", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert other.status_code == 302


def test_finding_3_a_forwarded_header_is_ignored_unless_the_proxy_is_trusted(world):
    Client(REMOTE_ADDR="10.0.0.1").post(
        reverse("login"),
        {"username": "staff", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert AuditEvent.objects.get(action=Action.LOGIN).ip == "10.0.0.1"


def test_old_failures_are_pruned_when_a_new_one_is_counted():
    now = timezone.now()
    LoginFailure.objects.create(key=logins.account_key("staff"), at=now - timedelta(hours=25))
    logins.login_failed(username="staff", request=None, now=now)
    assert list(LoginFailure.objects.values_list("at", flat=True)) == [now]


def test_a_failure_without_a_username_is_recorded_and_counted_for_the_address_only():
    logins.login_failed(username=None, request=None)
    assert LoginFailure.objects.get().key == ""
    assert AuditEvent.objects.get().detail == {"username_given": False}


def test_a_logout_without_a_user_records_nothing():
    logins.logged_out(user=None, request=None)
    assert not AuditEvent.objects.exists()


def test_the_login_page_links_to_sign_up_and_password_reset(client, db):
    body = client.get(reverse("login")).content.decode()
    assert reverse("accounts:signup") in body
    assert reverse("accounts:password_reset") in body


def test_finding_3_a_new_password_lifts_the_pause_the_old_one_earned(world):
    for _ in range(logins.ACCOUNT_FREE + 2):
        _attempt(Client(REMOTE_ADDR="10.6.6.6"), "staff")
    new = "harbour-violet-tandem-58"
    world.staff.set_password(new)
    world.staff.save()
    assert _attempt(Client(REMOTE_ADDR="10.2.2.2"), "staff", new).status_code == 302
