"""Finishing the navigator and downloading everything without saving leaves no record: every
table of every Django model (sessions included) has the same rows before and after, and no log
line carries an answer."""

from __future__ import annotations

import logging

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session

from .conftest import PRIVATE, state_of

pytestmark = pytest.mark.django_db(transaction=True)

DOWNLOADS = (
    "action-plan:pdf",
    "call-script:pdf",
    "call-script:docx",
    "appeal:pdf",
    "appeal:docx",
    "appeal:note",
    "parity-request:pdf",
    "case-file:yaml",
)


def _rows() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_every_model_is_counted_sessions_included():
    labels = set(_rows())
    assert Session._meta.label in labels
    assert {"cases.CaseRecord", "audit.AuditEvent", "auth.User"} <= labels


def test_the_whole_flow_and_every_download_leave_no_row_and_no_log_of_an_answer(walker, caplog):
    caplog.set_level(logging.DEBUG)
    before = _rows()
    answer = walker.details(walker.walk())
    for document in DOWNLOADS:
        response = walker.download(answer, document)
        assert response.status_code == 200, document
    walker.post(
        "/navigator/language/",
        {"state": state_of(answer), "language": "es", "page": "answer"},
    )
    walker.post("/navigator/answer/", {"state": "tampered"})
    after = _rows()
    assert after == before
    logged = "\n".join(
        f"{record.name} {record.getMessage()} {record.args!r}" for record in caplog.records
    )
    for private in (*PRIVATE, "F33.2", "Columbus", "1985-04-12", "43004"):
        assert private not in logged
    assert "sessionid" not in walker.client.cookies


def test_the_answers_are_not_kept_in_the_session_or_the_cache(walker):
    from django.core.cache import cache

    cache.clear()  # other tests may have cached a stored case's call script
    answer = walker.details(walker.walk())
    assert walker.download(answer, "call-script:pdf").status_code == 200
    assert "sessionid" not in walker.client.cookies
    stored = b"".join(cache._cache.values())  # type: ignore[attr-defined]  # the local-memory cache
    for private in PRIVATE:
        assert private.encode() not in stored
