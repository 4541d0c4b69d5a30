"""Logging in with two-factor login on: the password, then a code, and only then a session."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ketacover.web.accounts import logins, pending_login
from ketacover.web.accounts.models import LoginFailure, RecoveryCode, TwoFactor
from ketacover.web.accounts.two_factor_services import two_factor_check
from ketacover.web.audit.models import Action, AuditEvent

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
CODE = reverse("accounts:login_code")


def _password(client: Client, username: str = "staff", **extra: str):
    return client.post(LOGIN, {"username": username, "password": PASSWORD, **extra})


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_alone_does_not_log_in(client, world, enrol):
    enrol(world.staff)
    response = _password(client)
    assert response.status_code == 302
    assert response["Location"] == CODE
    assert not _logged_in(client)
    assert not AuditEvent.objects.filter(action=Action.LOGIN).exists()
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.status_code == 302
    assert dashboard["Location"].startswith(LOGIN)
    api = client.get("/api/cases")
    assert api.status_code == 401


def test_the_second_step_asks_for_a_code(client, world, enrol):
    enrol(world.staff)
    _password(client)
    response = client.get(CODE)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert 'autocomplete="one-time-code"' in response.content.decode()


def test_the_right_code_logs_in_and_goes_to_the_page_asked_for(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    response = _password(client, next="/cases/")
    session_before = client.session.session_key
    response = client.post(CODE, {"code": enrolled.code(clock.step())})
    assert response.status_code == 302
    assert response["Location"] == "/cases/"
    assert _logged_in(client)
    assert client.session.session_key != session_before
    assert pending_login.SESSION_KEY not in client.session
    assert client.get("/cases/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.LOGIN, user=world.staff).count() == 1
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_an_outside_next_address_is_replaced_by_the_dashboard(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    _password(client, next="https://evil.example/steal")
    response = client.post(CODE, {"code": enrolled.code(clock.step())})
    assert response["Location"] == reverse("dashboard")


def test_users_without_two_factor_log_in_with_the_password_alone(client, world, enrol):
    enrol(world.owner)
    response = _password(client, "staff")
    assert response["Location"] == reverse("dashboard")
    assert _logged_in(client)


def test_a_code_is_good_only_once(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    code = enrolled.code(clock.step())
    _password(client)
    assert client.post(CODE, {"code": code}).status_code == 302
    client.post(reverse("logout"))

    _password(client)
    response = client.post(CODE, {"code": code})
    assert response.status_code == 200
    assert "That code is not right, or was already used" in response.content.decode()
    assert not _logged_in(client)


def test_the_code_used_to_switch_it_on_cannot_log_in(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    _password(client)
    client.post(CODE, {"code": enrolled.code(clock.now)})
    assert not _logged_in(client)


def test_a_code_older_than_the_last_one_accepted_is_refused(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    earlier = enrolled.code(clock.now - 30)  # the step before: within the drift allowed
    _password(client)
    client.post(CODE, {"code": earlier})
    assert not _logged_in(client)
    assert TwoFactor.objects.get(user=world.staff).last_step == int(clock.now) // 30


def test_a_recovery_code_logs_in_once(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    recovery_code = enrolled.recovery_codes[0]
    _password(client)
    response = client.post(CODE, {"code": recovery_code.lower()}, follow=True)
    assert _logged_in(client)
    assert "You logged in with a recovery code; 9 left." in response.content.decode()
    event = AuditEvent.objects.get(object_type="recovery_code")
    assert event.user == world.staff
    assert event.detail == {"used": True, "left": 9}
    assert recovery_code not in str(event.detail)
    assert RecoveryCode.objects.filter(user=world.staff, used_at__isnull=False).count() == 1
    client.post(reverse("logout"))

    _password(client)
    client.post(CODE, {"code": recovery_code})
    assert not _logged_in(client)
    _password(client)
    client.post(CODE, {"code": enrolled.recovery_codes[1]})
    assert _logged_in(client)


def test_another_users_recovery_code_does_not_work(client, world, clock, enrol):
    enrol(world.staff)
    owner = enrol(world.owner)
    _password(client)
    client.post(CODE, {"code": owner.recovery_codes[0]})
    assert not _logged_in(client)


def test_wrong_codes_count_toward_the_lockout(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    _password(client)
    for attempt in range(logins.ACCOUNT_FREE - 1):
        response = client.post(CODE, {"code": f"00000{attempt}"})
        assert response.status_code == 200
    response = client.post(CODE, {"code": "999999"})
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    counted = LoginFailure.objects.filter(key=logins.account_key("staff"))
    assert counted.count() == logins.ACCOUNT_FREE
    failed = AuditEvent.objects.filter(action=Action.LOGIN_FAILED, detail__second_step=True)
    assert failed.count() == logins.ACCOUNT_FREE
    assert all("999999" not in str(event.detail) for event in failed)
    assert pending_login.SESSION_KEY not in client.session

    # Locked: even the right password and then the right code get nowhere for now.
    response = _password(client)
    assert "Too many failed logins" in response.content.decode()
    assert client.post(CODE, {"code": enrolled.code(clock.step())})["Location"] == LOGIN
    assert not _logged_in(client)


def test_wrong_passwords_and_wrong_codes_add_up(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    for _ in range(logins.ACCOUNT_FREE - 1):
        client.post(LOGIN, {"username": "staff", "password": "not-the-password"})
    _password(client)
    response = client.post(CODE, {"code": "000000"})
    assert response["Location"] == LOGIN
    _password(client)
    assert client.post(CODE, {"code": enrolled.code(clock.step())}).status_code == 302
    assert not _logged_in(client)


def test_a_successful_second_step_forgets_earlier_failures(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    _password(client)
    client.post(CODE, {"code": "000000"})
    assert LoginFailure.objects.count() == 1
    client.post(CODE, {"code": enrolled.code(clock.step())})
    assert _logged_in(client)
    assert not LoginFailure.objects.exists()


def test_the_second_step_expires_after_five_minutes(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    _password(client)
    session = client.session
    session[pending_login.SESSION_KEY]["started"] -= pending_login.LIFETIME + 1
    session.save()
    response = client.post(CODE, {"code": enrolled.code(clock.step())}, follow=True)
    assert response.redirect_chain[0][0] == LOGIN
    assert "The time for the code ran out." in response.content.decode()
    assert not _logged_in(client)


def test_the_second_step_without_the_password_step_sends_to_log_in(client, world):
    response = client.get(CODE)
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert client.post(CODE, {"code": "123456"})["Location"] == LOGIN
    assert not AuditEvent.objects.filter(action=Action.LOGIN_FAILED).exists()


def test_a_user_deactivated_between_the_steps_is_not_logged_in(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    _password(client)
    world.staff.is_active = False
    world.staff.save()
    response = client.post(CODE, {"code": enrolled.code(clock.step())})
    assert response["Location"] == LOGIN
    assert not _logged_in(client)


def test_the_password_step_renews_the_session_key(client, world, enrol):
    enrol(world.staff)
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    _password(client)
    assert client.session.session_key != before


def test_a_password_step_in_a_browser_logged_in_as_someone_else_logs_them_out(world, clock, enrol):
    enrol(world.staff)
    client = world.client_for(world.owner)
    _password(client)
    assert not _logged_in(client)
    assert client.session[pending_login.SESSION_KEY]["user"] == world.staff.pk


def test_a_logged_in_user_at_the_second_step_goes_to_the_dashboard(world):
    response = world.client_for(world.staff).get(CODE)
    assert response["Location"] == reverse("dashboard")


@pytest.mark.parametrize("typed", ["", "12345", "not a code", "1234-5678-9012-3456"])
def test_a_code_of_the_wrong_shape_is_refused_and_counted(client, world, enrol, typed):
    enrol(world.staff)
    _password(client)
    response = client.post(CODE, {"code": typed})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert LoginFailure.objects.count() == 1


def test_when_the_secret_key_changed_only_a_recovery_code_logs_in(
    client, world, clock, enrol, settings, caplog
):
    enrolled = enrol(world.staff)
    settings.SECRET_KEY = "a-rotated-key-without-fallback-0123456789-abcdefghijklmn"
    _password(client)
    client.post(CODE, {"code": enrolled.code(clock.step())})
    assert not _logged_in(client)
    assert f"two-factor secret of user {world.staff.pk} cannot be decrypted" in caplog.text
    assert enrolled.secret not in caplog.text
    client.post(CODE, {"code": enrolled.recovery_codes[0]})
    assert _logged_in(client)


def test_a_code_proves_nothing_for_a_user_without_two_factor_or_of_no_known_shape(
    world, clock, enrol
):
    assert two_factor_check(user=world.staff, code="123456", at=clock.now) is None
    enrolled = enrol(world.owner)
    assert two_factor_check(user=world.owner, code="not a code", at=clock.now) is None
    later = clock.step()
    assert (
        two_factor_check(user=world.owner, code=enrolled.code(later), at=later) == "authenticator"
    )


def test_a_lockout_reached_meanwhile_ends_the_waiting_login(client, world, clock, enrol):
    enrolled = enrol(world.staff)
    _password(client)
    for _ in range(logins.ACCOUNT_FREE):  # someone else, from the same address
        Client().post(LOGIN, {"username": "staff", "password": "not-the-password"})
    response = client.post(CODE, {"code": enrolled.code(clock.step())})
    assert response["Location"] == LOGIN
    assert not _logged_in(client)
    assert pending_login.SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(action=Action.LOGIN_FAILED, detail__locked=True).exists()
