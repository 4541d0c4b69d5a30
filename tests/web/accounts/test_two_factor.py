"""Switching two-factor login on and off from the user's two-factor page."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from ketacover.web.accounts import authenticator, logins, selectors
from ketacover.web.accounts.models import LoginFailure, RecoveryCode, TwoFactor
from ketacover.web.accounts.services import AccessError
from ketacover.web.accounts.two_factor_services import (
    two_factor_disable,
    two_factor_enable,
    two_factor_start,
)
from ketacover.web.audit.models import Action, AuditEvent

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

ENABLE = reverse("accounts:two_factor_enable")
PAGE = reverse("accounts:two_factor")
DISABLE = reverse("accounts:two_factor_disable")


def _secret_on(response) -> str:
    return response.context["secret"].replace(" ", "")


def test_the_set_up_page_shows_the_secret_as_a_qr_code_and_as_text(world, clock):
    response = world.client_for(world.staff).get(ENABLE)
    assert response.status_code == 200
    body = response.content.decode()
    secret = _secret_on(response)
    assert response.context["secret"] in body
    assert re.search(r'<img class="qr-code" src="data:image/svg\+xml;[^"]+"', body)
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    assert "<script>" not in body
    stored = TwoFactor.objects.get(user=world.staff)
    assert stored.confirmed_at is None
    assert secret not in stored.secret
    assert authenticator.unseal(stored.secret) == secret


def test_reloading_the_set_up_page_keeps_the_same_secret(world, clock):
    client = world.client_for(world.staff)
    assert _secret_on(client.get(ENABLE)) == _secret_on(client.get(ENABLE))
    assert TwoFactor.objects.filter(user=world.staff).count() == 1


def test_the_right_code_switches_it_on_and_shows_the_recovery_codes_once(world, clock):
    client = world.client_for(world.staff)
    secret = _secret_on(client.get(ENABLE))
    response = client.post(ENABLE, {"code": authenticator.code_at(secret, clock.now)})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = response.context["codes"]
    assert len(codes) == 10
    body = response.content.decode()
    assert all(code in body for code in codes)

    stored = TwoFactor.objects.get(user=world.staff)
    assert stored.confirmed_at is not None
    assert stored.last_step == int(clock.now) // 30
    digests = RecoveryCode.objects.filter(user=world.staff)
    assert digests.count() == 10
    assert not {code.replace("-", "") for code in codes} & {row.digest for row in digests}
    event = AuditEvent.objects.get(action=Action.CREATE, object_type="two_factor")
    assert event.user == world.staff
    assert event.detail == {"recovery_codes": 10}
    assert secret not in str(event.detail)

    page = client.get(PAGE).content.decode()
    assert "On." in page
    assert not any(code in page for code in codes)
    assert secret not in page
    again = client.get(ENABLE)
    assert again.status_code == 302
    assert again["Location"] == PAGE


def test_a_wrong_code_leaves_it_off(world, clock):
    client = world.client_for(world.staff)
    secret = _secret_on(client.get(ENABLE))
    wrong = authenticator.code_at(secret, clock.now + 120)
    response = client.post(ENABLE, {"code": wrong})
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    assert TwoFactor.objects.get(user=world.staff).confirmed_at is None
    assert not RecoveryCode.objects.exists()
    assert not AuditEvent.objects.filter(object_type="two_factor").exists()
    assert _secret_on(response) == secret


@pytest.mark.parametrize("typed", ["", "12345", "abcdef", "1234567"])
def test_a_code_that_is_not_six_digits_is_refused_by_name(world, clock, typed):
    client = world.client_for(world.staff)
    client.get(ENABLE)
    response = client.post(ENABLE, {"code": typed})
    assert response.status_code == 400
    assert response.context["form"].errors["code"]
    assert TwoFactor.objects.get(user=world.staff).confirmed_at is None


def test_after_set_up_the_page_goes_on_to_a_safe_next_page_only(world, clock):
    client = world.client_for(world.staff)
    secret = _secret_on(client.get(ENABLE))
    response = client.post(
        ENABLE, {"code": authenticator.code_at(secret, clock.now), "next": "https://evil.example/"}
    )
    assert response.context["next"] == PAGE


def test_enabling_twice_or_without_starting_is_refused(world, clock, enrol):
    with pytest.raises(AccessError, match="Start setting up"):
        two_factor_enable(user=world.staff, code="123456", at=clock.now)
    enrol(world.staff)
    with pytest.raises(AccessError, match="already on"):
        two_factor_start(user=world.staff)
    with pytest.raises(AccessError, match="already on"):
        two_factor_enable(user=world.staff, code="123456", at=clock.now)


def test_a_set_up_whose_secret_can_no_longer_be_read_starts_again(world, clock, settings):
    first = two_factor_start(user=world.staff)
    settings.SECRET_KEY = "a-rotated-key-without-fallback-0123456789-abcdefghijklmn"
    with pytest.raises(AccessError, match="expired"):
        two_factor_enable(
            user=world.staff, code=authenticator.code_at(first, clock.now), at=clock.now
        )
    second = two_factor_start(user=world.staff)
    assert second != first
    assert authenticator.unseal(TwoFactor.objects.get(user=world.staff).secret) == second


def test_switching_off_needs_the_password_and_a_current_code(world, clock, enrol):
    enrolled = enrol(world.staff)
    client = world.client_for(world.staff)
    later = clock.step()

    response = client.post(DISABLE, {"password": "not-it", "code": enrolled.code(later)})
    assert response.status_code == 400
    assert "That password is not right." in response.content.decode()
    response = client.post(DISABLE, {"password": PASSWORD, "code": "000000"})
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    assert TwoFactor.objects.filter(user=world.staff, confirmed_at__isnull=False).exists()

    response = client.post(DISABLE, {"password": PASSWORD, "code": enrolled.code(later)})
    assert response.status_code == 302
    assert not TwoFactor.objects.filter(user=world.staff).exists()
    assert not RecoveryCode.objects.filter(user=world.staff).exists()
    event = AuditEvent.objects.get(action=Action.DELETE, object_type="two_factor")
    assert event.user == world.staff
    assert "Off." in client.get(PAGE).content.decode()


def test_a_recovery_code_also_switches_it_off_for_a_lost_phone(world, clock, enrol):
    enrolled = enrol(world.staff)
    two_factor_disable(user=world.staff, password=PASSWORD, code=enrolled.recovery_codes[3])
    assert not TwoFactor.objects.filter(user=world.staff).exists()


def test_wrong_attempts_at_switching_off_count_toward_the_lockout(world, clock, enrol):
    enrolled = enrol(world.staff)
    client = world.client_for(world.staff)
    for _ in range(logins.ACCOUNT_FREE):
        client.post(DISABLE, {"password": PASSWORD, "code": "000000"})
    assert LoginFailure.objects.count() == logins.ACCOUNT_FREE
    response = client.post(DISABLE, {"password": PASSWORD, "code": enrolled.code(clock.step())})
    assert response.status_code == 400
    assert "Too many failed logins" in response.content.decode()
    assert TwoFactor.objects.filter(user=world.staff).exists()


def test_switching_off_when_it_is_not_on_says_so(world, clock):
    response = world.client_for(world.staff).post(DISABLE, {"password": PASSWORD, "code": "123456"})
    assert response.status_code == 400
    assert "Two-factor login is not on." in response.content.decode()


def test_the_workspaces_page_links_to_the_two_factor_page(world):
    body = world.client_for(world.staff).get(reverse("accounts:workspaces")).content.decode()
    assert PAGE in body


@pytest.mark.parametrize("url", [PAGE, ENABLE])
def test_anonymous_visitors_are_sent_to_log_in(db, url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not TwoFactor.objects.exists()


def test_nobody_anonymous_has_two_factor_or_is_required_to(db):
    nobody = AnonymousUser()
    assert not selectors.two_factor_on(user=nobody)
    assert not selectors.two_factor_missing(user=nobody)
    assert selectors.recovery_codes_left(user=nobody) == 0
    assert not selectors.workspaces_requiring_two_factor(user=nobody).exists()


def test_stored_rows_describe_themselves_without_secrets(world, clock, enrol):
    enrolled = enrol(world.staff)
    device = TwoFactor.objects.get(user=world.staff)
    assert str(device) == f"two-factor login of {world.staff.pk} (on)"
    code = RecoveryCode.objects.filter(user=world.staff).first()
    assert str(code) == f"recovery code {code.pk} of {world.staff.pk}"
    assert enrolled.secret not in str(device)
