"""Production hardening: security headers on every page, and a clean ``check --deploy``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from ketacover.web.security import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "ketacover" / "web" / "templates"
PRODUCTION = {
    "KETACOVER_DEBUG": "0",
    "KETACOVER_HTTPS": "1",
    "KETACOVER_SECRET_KEY": "production-like-key-" + "k3T4c0v3r-" * 6,
    "KETACOVER_ALLOWED_HOSTS": "ketacover.example.org",
}


def _django(code: str, tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter with the real settings and the given environment."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KETACOVER_", "DJANGO_", "DATABASE_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="ketacover.web.settings",
        KETACOVER_DATA_DIR=str(tmp_path),
        **overrides,
    )
    script = f"import django\ndjango.setup()\n{code}"
    return subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings(tmp_path: Path, **overrides: str) -> dict[str, object]:
    names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE"]
    code = (
        "import json\nfrom django.conf import settings\n"
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = _django(code, tmp_path, **overrides)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


@pytest.mark.django_db
def test_every_page_carries_the_content_security_and_permissions_policies():
    response = Client().get("/accounts/login/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_a_case_page_carries_the_policies_too(world):
    response = world.client_for(world.owner).get(f"/cases/{world.case.pk}/")
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_no_template_needs_inline_scripts_or_event_handler_attributes():
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "<script" in line and "src=" not in line:
                offenders.append((template.name, line.strip()))
            if any(f" on{event}=" in line for event in ("click", "load", "change", "submit")):
                offenders.append((template.name, line.strip()))
            if "javascript:" in line or "hx-on" in line:
                offenders.append((template.name, line.strip()))
    assert offenders == []


def test_the_deployment_check_reports_nothing_with_production_settings(tmp_path):
    code = (
        "from django.core.management import call_command\n"
        "call_command('check', deploy=True, fail_level='WARNING')\n"
    )
    result = _django(code, tmp_path, **PRODUCTION)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "?:" not in output
    assert "System check identified no issues" in output


def test_production_redirects_to_https_and_sends_hsts_for_a_year(tmp_path):
    assert _settings(tmp_path, **PRODUCTION) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SESSION_COOKIE_SECURE": True,
    }


def test_the_loopback_demo_on_plain_http_neither_redirects_nor_sends_hsts(tmp_path):
    assert _settings(tmp_path, **{**PRODUCTION, "KETACOVER_HTTPS": "0"}) == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
    }


def test_the_hsts_lifetime_can_be_set_from_the_environment(tmp_path):
    settings = _settings(tmp_path, **PRODUCTION, KETACOVER_HSTS_SECONDS="600")
    assert settings["SECURE_HSTS_SECONDS"] == 600


def test_production_hashes_passwords_with_argon2(tmp_path):
    code = "from django.contrib.auth.hashers import make_password\nprint(make_password('pw-1'))"
    result = _django(code, tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("argon2$argon2id$")


def test_a_session_ends_after_thirty_idle_minutes(tmp_path):
    code = (
        "from django.conf import settings\n"
        "print(settings.SESSION_COOKIE_AGE, settings.SESSION_SAVE_EVERY_REQUEST,\n"
        "      'ketacover.web.session_activity.SessionActivityMiddleware' in settings.MIDDLEWARE)"
    )
    result = _django(code, tmp_path, **PRODUCTION)
    # Refreshed by the activity middleware once a minute instead of on every request
    # (tests/web/test_session_activity.py shows the expiry moving and the session ending).
    assert result.stdout.split() == ["1800", "False", "True"]


def test_finding_10_production_answers_no_testserver_host(tmp_path):
    code = "from django.conf import settings\nprint(','.join(settings.ALLOWED_HOSTS))"
    plain = {key: value for key, value in PRODUCTION.items() if key != "KETACOVER_ALLOWED_HOSTS"}
    result = _django(code, tmp_path, **plain)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "127.0.0.1,localhost"


def test_finding_10_a_reset_link_never_points_at_a_host_not_allowed(client, world, mailoutbox):
    world.staff.email = "staff@example.org"
    world.staff.save()
    response = client.post(
        "/accounts/password-reset/", {"email": "staff@example.org"}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 400
    assert mailoutbox == []


def test_finding_3_a_malformed_trusted_proxy_setting_stops_the_start(tmp_path):
    result = _django("", tmp_path, **PRODUCTION, KETACOVER_TRUSTED_PROXIES="10.0.0.1,proxy")
    assert result.returncode != 0
    assert "KETACOVER_TRUSTED_PROXIES: 'proxy' is not an IP address or network" in result.stderr
