from __future__ import annotations

import pytest
from django.test import Client

from ketacover.web.api.models import ApiToken
from ketacover.web.api.services import token_authenticate, token_create
from ketacover.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def test_the_token_page_asks_anonymous_visitors_to_log_in(world):
    response = Client().get("/api/tokens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_new_token_is_shown_once(world):
    client = world.client_for(world.staff)
    response = client.post(
        "/api/tokens/", {"name": "nightly export", "scope": "read", "days": "90"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=world.staff)
    body = response.content.decode()
    start = body.index('value="kc_') + len('value="')
    plain = body[start : body.index('"', start)]
    assert token_authenticate(token=plain) == world.staff
    assert "Copy it now" in body
    again = client.get("/api/tokens/").content.decode()
    assert plain not in again
    assert token.prefix in again
    assert "nightly export" in again
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="api_token").exists()


def test_a_token_needs_a_name(world):
    response = world.client_for(world.staff).post(
        "/api/tokens/", {"name": "   ", "scope": "read", "days": "90"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_user_sees_only_their_own_tokens(world):
    token_create(user=world.owner, name="owner's script")
    page = world.client_for(world.staff).get("/api/tokens/").content.decode()
    assert "owner&#x27;s script" not in page
    assert "You have no tokens yet." in page


def test_revoking_a_token_closes_the_api_to_it(world):
    token, plain = token_create(user=world.staff, name="old script")
    client = world.client_for(world.staff)
    response = client.post(f"/api/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token_authenticate(token=plain) is None
    page = client.get("/api/tokens/").content.decode()
    assert "revoked" in page
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 302
    assert AuditEvent.objects.filter(object_type="api_token", action=Action.UPDATE).count() == 1


def test_nobody_can_revoke_someone_elses_token(world):
    token, plain = token_create(user=world.owner, name="owner's script")
    response = world.client_for(world.outsider).post(f"/api/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    assert token_authenticate(token=plain) == world.owner
