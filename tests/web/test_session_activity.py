"""The idle timeout without a session write per request: a session in use is saved again (with a
fresh 30-minute expiry) at most once a minute, and ends after at most 30 idle minutes."""

from __future__ import annotations

import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketacover.web import session_activity
from ketacover.web.session_activity import REFRESH_SECONDS, SEEN

pytestmark = pytest.mark.django_db


def _session(client) -> Session:
    return Session.objects.get(pk=client.cookies[settings.SESSION_COOKIE_NAME].value)


def _at(monkeypatch, moment: float) -> None:
    monkeypatch.setattr(session_activity, "time", SimpleNamespace(time=lambda: moment))


def _session_writes(captured) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_requests_within_a_minute_do_not_write_the_session(world, monkeypatch):
    client = world.client_for(world.staff)
    start = time.time()
    _at(monkeypatch, start)
    client.get(reverse("dashboard"))
    expiry = _session(client).expire_date
    assert _session(client).get_decoded()[SEEN] == int(start)
    _at(monkeypatch, start + REFRESH_SECONDS - 1)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("cases:detail", args=[world.case.pk])).status_code == 200
        assert client.get(reverse("dashboard")).status_code == 200
    assert _session_writes(captured) == []
    assert _session(client).expire_date == expiry


def test_a_request_a_minute_after_the_last_save_moves_the_expiry(world, monkeypatch):
    client = world.client_for(world.staff)
    start = time.time()
    _at(monkeypatch, start)
    client.get(reverse("dashboard"))
    before = _session(client).expire_date
    _at(monkeypatch, start + REFRESH_SECONDS)
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("dashboard"))
    assert len(_session_writes(captured)) >= 1
    after = _session(client)
    assert after.get_decoded()[SEEN] == int(start + REFRESH_SECONDS)
    assert after.expire_date > before
    # A fresh expiry is 30 minutes from the save, never more.
    limit = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert after.expire_date <= limit


def test_a_session_idle_for_thirty_minutes_is_over(world):
    client = world.client_for(world.staff)
    client.get(reverse("dashboard"))
    # Thirty minutes after its last save the stored session has expired.
    Session.objects.filter(pk=_session(client).pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("cases:detail", args=[world.case.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_session_never_outlives_thirty_minutes_after_the_last_request(world, monkeypatch):
    client = world.client_for(world.staff)
    start = time.time()
    _at(monkeypatch, start)
    client.get(reverse("dashboard"))
    saved = _session(client).expire_date
    # Requests inside the refresh window do not push the end further out, so the session ends
    # at most 30 minutes (and at least 29) after the last of them.
    for offset in (10, 30, REFRESH_SECONDS - 1):
        _at(monkeypatch, start + offset)
        client.get(reverse("dashboard"))
    assert _session(client).expire_date == saved
    assert saved <= timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)


def test_a_visitor_without_a_session_gets_none_from_it(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == 0


def test_an_unknown_session_cookie_is_not_turned_into_a_session(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session-key-0123456789"
    client.get(reverse("login"))
    assert Session.objects.count() == 0


def test_a_short_session_lifetime_is_refreshed_sooner(world, monkeypatch, settings):
    settings.SESSION_COOKIE_AGE = 300
    assert session_activity.refresh_seconds() == 10
    client = world.client_for(world.staff)
    start = time.time()
    _at(monkeypatch, start)
    client.get(reverse("dashboard"))
    _at(monkeypatch, start + 10)
    client.get(reverse("dashboard"))
    assert _session(client).get_decoded()[SEEN] == int(start + 10)
