"""Finding 10: API tokens expire, carry a read-only or read-write scope enforced on every
method, and are revoked by a password change or reset."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ketacover.core.errors import KetacoverError
from ketacover.web.api.models import ApiToken, TokenScope
from ketacover.web.api.services import (
    DEFAULT_LIFETIME,
    LONGEST_LIFETIME,
    token_authenticate,
    token_create,
)

pytestmark = pytest.mark.django_db


def _client(plain: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {plain}"})


def test_finding_10_a_token_expires_after_ninety_days_unless_chosen_otherwise(world):
    token, plain = token_create(user=world.staff, name="export")
    assert token.scope == TokenScope.READ
    assert abs(token.expires_at - (timezone.now() + DEFAULT_LIFETIME)) < timedelta(minutes=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert token_authenticate(token=plain) is None
    assert _client(plain).get("/api/cases").status_code == 401


def test_finding_10_no_token_lives_longer_than_a_year(world):
    with pytest.raises(KetacoverError, match="lifetime"):
        token_create(user=world.staff, name="x", lifetime=LONGEST_LIFETIME + timedelta(days=1))
    with pytest.raises(KetacoverError, match="scope"):
        token_create(user=world.staff, name="x", scope="admin")


def test_finding_10_a_read_only_token_reads_but_changes_nothing_on_any_method(world):
    _, plain = token_create(user=world.staff, name="reader")
    client = _client(plain)
    assert client.get("/api/cases").status_code == 200
    assert client.get(f"/api/cases/{world.case.pk}").status_code == 200
    writes = [
        client.post("/api/cases", "{}", content_type="application/json"),
        client.put(f"/api/cases/{world.case.pk}", "{}", content_type="application/json"),
        client.post(
            f"/api/cases/{world.case.pk}/events/calls", "{}", content_type="application/json"
        ),
        client.post(f"/api/cases/{world.case.pk}/documents", "{}", content_type="application/json"),
    ]
    assert [response.status_code for response in writes] == [403, 403, 403, 403]
    assert "read-only" in writes[0].json()["error"]["message"]


def test_finding_10_a_read_write_token_may_change_cases(world):
    _, plain = token_create(user=world.staff, name="writer", scope=TokenScope.READ_WRITE)
    response = _client(plain).put(
        f"/api/cases/{world.case.pk}", "{}", content_type="application/json"
    )
    assert response.status_code == 422  # past the scope check, refused for its content


def test_finding_10_a_password_change_revokes_every_token(world):
    _, plain = token_create(user=world.staff, name="script", scope=TokenScope.READ_WRITE)
    world.staff.set_password("a-brand-new-password-7")
    world.staff.save()
    assert _client(plain).get("/api/cases").status_code == 401
    assert ApiToken.objects.get(user=world.staff).revoked_at is not None


def test_finding_10_a_password_reset_revokes_every_token(world, mailoutbox):
    _, plain = token_create(user=world.staff, name="script")
    world.staff.email = "staff@example.org"
    world.staff.save()
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "staff@example.org"})
    link = re.search(r"http://testserver(/\S+)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    new = "river-stone-lantern-42"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert token_authenticate(token=plain) is None


def test_finding_10_the_token_page_offers_scope_and_lifetime(world):
    client = world.client_for(world.staff)
    response = client.post(
        reverse("api_tokens"), {"name": "nightly", "scope": "read_write", "days": "30"}
    )
    body = response.content.decode()
    assert "read and write" in body
    token = ApiToken.objects.get(user=world.staff)
    assert token.scope == TokenScope.READ_WRITE
    assert abs(token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    refused = client.post(reverse("api_tokens"), {"name": "x", "scope": "read", "days": "999"})
    assert refused.context["form"].errors["days"]
