"""The health check at ``/healthz``: 200 with every check ``ok``, 503 naming the failed check in
one word; for anyone, over plain http and any host name, writing no session or audit row and
showing no health data or secret."""

from __future__ import annotations

import json
import logging

import pytest
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from ketacover.web import crypto, health
from ketacover.web.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

STRONG_KEY = "health-check-test-key-" + "k3T4c0v3r-" * 5
"""A key that passes Django's strength test (the test suite's own is shorter than 50)."""

ALL_OK = {
    "status": "ok",
    "database": "ok",
    "migrations": "ok",
    "secret_key": "ok",
    "data_key": "ok",
}


@pytest.fixture(autouse=True)
def _strong_secret_key():
    with override_settings(SECRET_KEY=STRONG_KEY):
        yield


def _get(client: Client, **extra: str):
    response = client.get("/healthz", **extra)
    return response, json.loads(response.content)


def test_it_answers_200_with_every_check_ok(client):
    response, body = _get(client)
    assert response.status_code == 200
    assert body == ALL_OK
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert int(response["Content-Length"]) == len(response.content) < 120


def test_it_needs_no_login_writes_no_session_and_is_not_audited(client, world):
    sessions, events = Session.objects.count(), AuditEvent.objects.count()
    response, _ = _get(client)
    assert response.status_code == 200
    assert "Set-Cookie" not in response
    assert (Session.objects.count(), AuditEvent.objects.count()) == (sessions, events)


def test_it_shows_no_health_data_no_key_and_no_error_text(client, world):
    response, body = _get(client)
    text = response.content.decode()
    assert set(body) == set(ALL_OK)
    assert set(body.values()) <= {"ok"}
    for secret in (STRONG_KEY, *crypto.keyring().ids, world.case.patient_name):
        assert secret not in text


@override_settings(ALLOWED_HOSTS=["ketacover.example.org"], SECURE_SSL_REDIRECT=True)
def test_a_load_balancer_probing_by_address_over_http_gets_the_answer_not_a_redirect(client):
    response, body = _get(client, HTTP_HOST="10.0.0.7:8121")
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert client.get("/accounts/login/", HTTP_HOST="10.0.0.7:8121").status_code == 400


def test_it_costs_two_small_queries(client):
    _get(client)
    with CaptureQueriesContext(connection) as captured:
        response, _ = _get(client)
    assert response.status_code == 200
    assert len(captured.captured_queries) <= 2


def test_head_answers_without_a_body_and_other_methods_are_refused(client):
    head = client.head("/healthz")
    assert head.status_code == 200
    assert head.content == b""
    post = client.post("/healthz")
    assert post.status_code == 405
    assert post["Allow"] == "GET, HEAD"


def test_a_database_that_cannot_be_reached_answers_503(client, monkeypatch, caplog):
    def refuse() -> None:
        raise DatabaseError("connection to server at 10.0.0.9 refused")

    monkeypatch.setattr(health.connection, "ensure_connection", refuse)
    with caplog.at_level(logging.WARNING, logger="ketacover.web.health"):
        response, body = _get(client)
    assert response.status_code == 503
    assert body == {**ALL_OK, "status": "fail", "database": "unreachable", "migrations": "unknown"}
    assert "10.0.0.9" not in response.content.decode()
    assert "database unreachable (DatabaseError)" in caplog.text
    assert "10.0.0.9" not in caplog.text


class _DeadCursor:
    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute(self, sql: str) -> None:
        raise DatabaseError("server closed the connection unexpectedly")


def test_a_kept_connection_whose_server_went_away_is_unreachable_not_pending(client, monkeypatch):
    monkeypatch.setattr(health.connection, "cursor", _DeadCursor)
    monkeypatch.setattr(health.connection, "is_usable", lambda: False)
    response, body = _get(client)
    assert response.status_code == 503
    assert body == {**ALL_OK, "status": "fail", "database": "unreachable", "migrations": "unknown"}


def test_a_database_without_the_migrations_table_is_pending(client, monkeypatch):
    monkeypatch.setattr(health.connection, "cursor", _DeadCursor)
    monkeypatch.setattr(health.connection, "is_usable", lambda: True)
    response, body = _get(client)
    assert response.status_code == 503
    assert body == {**ALL_OK, "status": "fail", "migrations": "pending"}


def test_a_migration_not_applied_answers_503_pending(client, monkeypatch):
    expected = health.expected_migrations() | {("cases", "9999_from_a_newer_release")}
    monkeypatch.setattr(health, "expected_migrations", lambda: expected)
    response, body = _get(client)
    assert response.status_code == 503
    assert body == {**ALL_OK, "status": "fail", "migrations": "pending"}


def test_the_expected_migrations_are_the_newest_of_each_app():
    expected = dict(health.expected_migrations())
    assert {"accounts", "cases", "audit", "auth", "sessions"} <= set(expected)
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        recorded = set(cursor.fetchall())
    assert health.expected_migrations() <= recorded
    assert len(health.expected_migrations()) < len(recorded)


@pytest.mark.parametrize(
    "key",
    [
        "short",
        "ketacover-development-only-key-never-used-outside-debug-mode-0123456789",
        "django-insecure-" + "x1y2z3w4v5" * 5,
    ],
)
def test_a_weak_or_development_secret_key_answers_503(client, key):
    with override_settings(SECRET_KEY=key):
        response, body = _get(client)
    assert response.status_code == 503
    assert body == {**ALL_OK, "status": "fail", "secret_key": "weak"}


def test_data_keys_that_cannot_be_read_answer_503(client):
    with override_settings(DATA_KEY="not-a-key"):
        response, body = _get(client)
    assert response.status_code == 503
    assert body == {**ALL_OK, "status": "fail", "data_key": "unreadable"}
    assert "not-a-key" not in response.content.decode()


def test_only_the_exact_path_is_the_health_check(client):
    assert client.get("/healthz/").status_code == 404
    assert client.get("/healthzz").status_code == 404
