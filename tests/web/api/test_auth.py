from __future__ import annotations

import hashlib

import pytest
from django.contrib.auth.models import User
from django.test import Client

from ketacover.web.api.models import ApiToken
from ketacover.web.api.services import token_authenticate, token_create, token_revoke

pytestmark = pytest.mark.django_db


def test_a_request_without_credentials_gets_401_in_the_error_format(world):
    response = Client().get("/api/cases")
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "unauthorized",
            "message": "Log in, or send a personal API token: Authorization: Bearer kc_...",
            "problems": [],
        }
    }
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_valid_token_opens_the_api_as_its_user(world, tokens):
    response = tokens.client("staff").get("/api/cases")
    assert response.status_code == 200
    assert {row["case_id"] for row in response.json()["results"]} == {
        world.case.case_id,
        world.second_case.case_id,
    }


def test_a_revoked_token_gets_401(world, tokens):
    token = ApiToken.objects.get(user=world.staff)
    token_revoke(user=world.staff, pk=token.pk)
    assert tokens.client("staff").get("/api/cases").status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer kc_not-a-real-token",
        "Bearer not-even-the-prefix",
        "Bearer " + "kc_" + "x" * 300,
        "Bearer ",
    ],
)
def test_an_unknown_or_malformed_token_gets_401(world, header):
    response = Client(headers={"Authorization": header}).get("/api/cases")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_a_bad_token_is_refused_even_with_a_logged_in_session(world):
    client = world.client_for(world.staff)
    response = client.get("/api/cases", headers={"Authorization": "Bearer kc_wrong"})
    assert response.status_code == 401


def test_a_deactivated_users_token_gets_401(world, tokens):
    User.objects.filter(pk=world.staff.pk).update(is_active=False)
    assert tokens.client("staff").get("/api/cases").status_code == 401


def test_only_the_hash_and_a_prefix_of_a_token_are_stored(world):
    token, plain = token_create(user=world.owner, name="export")
    assert plain.startswith("kc_")
    assert len(plain) > 40
    assert token.token_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert token.prefix == plain[:11]
    stored = ApiToken.objects.filter(pk=token.pk).values_list().get()
    assert plain not in [str(value) for value in stored]


def test_a_token_reads_as_its_prefix_and_name(world):
    token, plain = token_create(user=world.owner, name="export")
    assert str(token) == f"{plain[:11]}… (export)"
    assert plain not in str(token)


def test_two_tokens_are_never_the_same(world):
    first = token_create(user=world.owner, name="a")[1]
    second = token_create(user=world.owner, name="b")[1]
    assert first != second


def test_using_a_token_records_when_it_was_last_used(world, tokens):
    assert ApiToken.objects.get(user=world.owner).last_used_at is None
    tokens.client("owner").get("/api/cases")
    first = ApiToken.objects.get(user=world.owner).last_used_at
    assert first is not None
    tokens.client("owner").get("/api/cases")
    assert ApiToken.objects.get(user=world.owner).last_used_at == first


def test_token_authenticate_needs_the_whole_token(world, tokens):
    assert token_authenticate(token=tokens.owner) == world.owner
    assert token_authenticate(token=tokens.owner[:-1]) is None


def test_the_session_is_accepted_for_reading(world):
    response = world.client_for(world.owner).get(f"/api/cases/{world.case.pk}")
    assert response.status_code == 200
    assert response.json()["case_id"] == world.case.case_id


def test_a_session_change_without_the_csrf_token_gets_403(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    response = client.post(
        f"/api/cases/{world.case.pk}/documents",
        {"kind": "call-script", "fmt": "html"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_a_session_change_with_the_csrf_token_goes_through(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    client.get("/api/tokens/")
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        f"/api/cases/{world.case.pk}/documents",
        {"kind": "call-script", "fmt": "html"},
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 201


def test_a_token_needs_no_csrf_token_for_changes(world, tokens):
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {tokens.owner}"})
    response = client.post(
        f"/api/cases/{world.case.pk}/documents",
        {"kind": "call-script", "fmt": "html"},
        content_type="application/json",
    )
    assert response.status_code == 201
