"""An upload waiting for its confirmation travels sealed with the data key, in the page or in the
session, never in plain."""

from __future__ import annotations

import base64
import zlib

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings

from ketacover.web import crypto
from ketacover.web.imports import pending
from ketacover.web.imports.pending import PendingError, pending_get, pending_put

BUNDLE = '{"resourceType": "Bundle", "entry": [{"name": "Avery Quinlan"}]}'
OLD, NEW = crypto.new_key(), crypto.new_key()


def _plain_parts(token: str) -> str:
    """What anyone holding the token reads without a key: Django signs it, but its payload is
    only base64 (and zlib when it starts with a dot)."""
    payload = token.split(":")[0]
    data = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload.lstrip(".")) % 4))
    if payload.startswith("."):
        data = zlib.decompress(data)
    return data.decode(errors="replace")


def test_the_token_in_the_page_holds_the_upload_sealed():
    with override_settings(DATA_KEY=OLD):
        token = pending_put(SessionStore(), kind="fhir", owner="1:2", content=BUNDLE, extra={})
        assert "Avery" not in _plain_parts(token)
        assert pending_get(SessionStore(), kind="fhir", owner="1:2", token=token) == (BUNDLE, {})


@pytest.mark.django_db
def test_the_session_keeps_a_large_upload_sealed(monkeypatch):
    monkeypatch.setattr(pending, "FIELD_LIMIT", 10)
    session = SessionStore()
    with override_settings(DATA_KEY=OLD):
        token = pending_put(session, kind="fhir", owner="1:2", content=BUNDLE, extra={"v": 1})
        session.save()
        stored = SessionStore(session_key=session.session_key)
        kept = stored.get("imports:fhir")["token"]
        assert "Avery" not in _plain_parts(kept)
        assert pending_get(stored, kind="fhir", owner="1:2", token=token) == (BUNDLE, {"v": 1})


def test_a_preview_sealed_with_a_key_since_removed_asks_for_the_file_again():
    with override_settings(DATA_KEY=OLD):
        token = pending_put(SessionStore(), kind="fhir", owner="1:2", content=BUNDLE, extra={})
    with override_settings(DATA_KEY=NEW), pytest.raises(PendingError, match="upload the file"):
        pending_get(SessionStore(), kind="fhir", owner="1:2", token=token)
