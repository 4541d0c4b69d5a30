"""Finding 7: the access log of ``ketacover serve`` holds no search text (query strings, also
in the Referer), no secret link and no credentials, and logs the client behind a trusted
proxy."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from django.test import override_settings
from gunicorn.config import Config

from ketacover.web.access_log import AccessLogger, safe_path, safe_referer

NAME = "Jordan+Rivera"


def _line(environ: dict[str, str]) -> str:
    logger = AccessLogger(Config())
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[(k[5:].replace("_", "-"), v) for k, v in environ.items()])
    base = {
        "REQUEST_METHOD": "GET",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.1",
    }
    atoms = logger.atoms(response, request, {**base, **environ}, timedelta(seconds=0))
    return logger.cfg.access_log_format % atoms


def test_finding_7_the_search_text_never_reaches_the_access_log():
    line = _line(
        {
            "RAW_URI": f"/cases/?q={NAME}&page=2",
            "PATH_INFO": "/cases/",
            "QUERY_STRING": f"q={NAME}&page=2",
            "HTTP_REFERER": f"https://clinic.example/cases/?q={NAME}",
            "HTTP_USER_AGENT": "test",
        }
    )
    assert "Jordan" not in line
    assert '"GET /cases/ HTTP/1.1"' in line
    assert '"https://clinic.example/cases/"' in line


def test_finding_7_secret_links_are_masked_in_the_access_log():
    assert safe_path("/feeds/abc123.ics") == "/feeds/[secret].ics"
    assert safe_path("/accounts/invitations/tok/") == "/accounts/invitations/[secret]/"
    assert safe_path("/accounts/signup/tok/") == "/accounts/signup/[secret]/"
    assert safe_path("/accounts/password-reset/MQ/a-b/") == "/accounts/password-reset/MQ/[secret]/"
    assert safe_path("/accounts/signup/") == "/accounts/signup/"
    assert safe_path("/feeds/workspaces/3/") == "/feeds/workspaces/3/"
    assert safe_referer("-") == "-"


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_finding_3_the_access_log_names_the_client_behind_a_trusted_proxy():
    line = _line({"RAW_URI": "/", "PATH_INFO": "/", "HTTP_X_FORWARDED_FOR": "198.51.100.7"})
    assert line.startswith("198.51.100.7 ")


def test_the_access_log_shows_the_peer_when_no_proxy_is_trusted():
    line = _line({"RAW_URI": "/", "PATH_INFO": "/", "HTTP_X_FORWARDED_FOR": "198.51.100.7"})
    assert line.startswith("10.0.0.1 ")


def test_finding_7_djangos_not_found_records_mask_secret_links(client, db, caplog):
    import logging

    from ketacover.web.access_log import SecretPathFilter

    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/feeds/a-secret-feed-token.ics?q=Jordan")
    record = next(r for r in caplog.records if r.name == "django.request")
    assert SecretPathFilter().filter(record)
    assert record.getMessage() == "Not Found: /feeds/[secret].ics"
