"""The session engine reads a session row with one statement and answers exactly as Django's
database sessions do: the data of a live session, nothing (and no key) for an expired, unknown
or malformed one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketacover.web.session_store import SessionStore

pytestmark = pytest.mark.django_db


def _saved(**data: object) -> str:
    store = SessionStore()
    store.update(data)
    store.create()
    assert store.session_key is not None
    return store.session_key


def test_the_settings_use_this_engine():
    assert settings.SESSION_ENGINE == "ketacover.web.session_store"


def test_a_live_session_reads_back_the_data_it_was_saved_with():
    key = _saved(answer=42, name="synthetic")
    store = SessionStore(session_key=key)
    assert store["answer"] == 42
    assert store["name"] == "synthetic"
    assert store.session_key == key


def test_a_live_session_is_read_with_one_statement():
    key = _saved(answer=1)
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore(session_key=key).load() == {"answer": 1}
    assert len(queries) == 1


def test_it_reads_what_djangos_own_database_sessions_read():
    key = _saved(answer=7, nested={"a": [1, 2]})
    assert SessionStore(session_key=key).load() == db.SessionStore(session_key=key).load()


def test_an_expired_session_reads_as_empty_and_loses_its_key():
    key = _saved(answer=1)
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    store = SessionStore(session_key=key)
    assert store.load() == {}
    assert store.session_key is None


def test_an_unknown_key_reads_as_empty_and_loses_its_key():
    store = SessionStore(session_key="a" * 32)
    assert store.load() == {}
    assert store.session_key is None


def test_a_malformed_key_is_never_looked_up():
    store = SessionStore(session_key="short")
    with CaptureQueriesContext(connection) as queries:
        assert store.load() == {}
    assert store.session_key is None
    assert len(queries) == 0


def test_a_tampered_row_reads_as_empty():
    key = _saved(answer=1)
    Session.objects.filter(pk=key).update(session_data="not-signed-data")
    assert SessionStore(session_key=key).load() == {}


def test_a_logged_in_person_keeps_their_session_across_pages(client, django_user_model):
    django_user_model.objects.create_user("reader", password="a-long-test-password-1")
    assert client.login(username="reader", password="a-long-test-password-1")
    response = client.get(reverse("accounts:workspaces"))
    assert response.status_code == 200
    assert response.wsgi_request.user.get_username() == "reader"
