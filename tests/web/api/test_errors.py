from __future__ import annotations

import logging

import pytest

from ketacover.core.errors import InvalidCodeError, KetacoverError
from ketacover.web.api import services as api_services
from ketacover.web.api.errors import _code_of, _field_path

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (KetacoverError("x"), "bad_request"),
        (InvalidCodeError("x"), "invalid_code"),
    ],
)
def test_error_codes_come_from_the_error_class(error, code):
    assert _code_of(error) == code


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        (("body", "payload", "version"), "version"),
        (("body", "payload", "case", "diagnoses", 0, "code"), "case.diagnoses[0].code"),
        (("query", "page"), "page"),
        (("path", "kind"), "kind"),
    ],
)
def test_request_error_locations_read_as_paths(loc, path):
    assert _field_path(loc) == path


def test_an_unexpected_error_is_a_bare_500_without_its_message(world, tokens, monkeypatch, caplog):
    secret = "Avery Testperson " + "XKC000123456"

    def explode(**kwargs):
        raise RuntimeError(secret)

    monkeypatch.setattr(api_services, "case_read", explode)
    with caplog.at_level(logging.ERROR, logger="ketacover.api"):
        response = tokens.client("staff").get(f"/api/cases/{world.case.pk}")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
    assert "Avery" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "RuntimeError" in logged
    assert "Avery" not in logged


def test_an_unknown_case_and_another_clinics_case_look_the_same(world, tokens):
    client = tokens.client("staff")
    hidden = client.get(f"/api/cases/{world.other_case.pk}")
    missing = client.get("/api/cases/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    assert hidden.json() == {
        "error": {"code": "not_found", "message": "Not found.", "problems": []}
    }


def test_a_request_body_that_is_too_large_gets_413(world, tokens, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = tokens.client("staff").post(
        "/api/cases", '{"id": "' + "x" * 200 + '"}', content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
