"""``ketacover manage``: Django's management commands with the web app's settings, every argument
passed through; commands an administrator should not run are refused with what to run instead."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from ketacover.cli.manage import REFUSED
from ketacover.web import crypto

SECRET = "production-like-key-" + "k3T4c0v3r-" * 6


def _ketacover(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """``ketacover ARGS`` in a fresh interpreter (settings are read once per process), with only
    the given ketacover settings in its environment."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KETACOVER_", "DJANGO_", "DATABASE_URL"))
    }
    return subprocess.run(
        [sys.executable, "-c", "from ketacover.cli import main; main()", *args],
        env={**clean, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _key_files(folder: Path) -> dict[str, str]:
    """The production settings of docs/operations.md: keys in files readable by their owner."""
    folder.mkdir(mode=0o750)
    secret, data = folder / "secret_key", folder / "data_key"
    secret.write_text(SECRET + "\n")
    data.write_text(crypto.new_key() + "\n")
    for path in (secret, data):
        path.chmod(0o600)
    return {"KETACOVER_SECRET_KEY_FILE": str(secret), "KETACOVER_DATA_KEY_FILE": str(data)}


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = _ketacover(
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        KETACOVER_DATA_DIR=str(tmp_path / "data"),
        KETACOVER_ALLOWED_HOSTS="ketacover.example.org",
        KETACOVER_BEHIND_PROXY="1",
        **_key_files(tmp_path / "etc"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_check_deploy_names_what_is_wrong_on_plain_http(tmp_path):
    result = _ketacover(
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        KETACOVER_DATA_DIR=str(tmp_path / "data"),
        KETACOVER_HTTPS="0",
        **_key_files(tmp_path / "etc"),
    )
    assert result.returncode == 1
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_a_malformed_setting_is_one_line_and_exit_2(tmp_path):
    result = _ketacover(
        "manage", "check", KETACOVER_DATA_DIR=str(tmp_path), KETACOVER_HTTPS="maybe"
    )
    assert result.returncode == 2
    assert result.stderr == (
        "ketacover: KETACOVER_HTTPS: 'maybe' is not a yes/no value (use 1 or 0)\n"
    )


def test_an_unreadable_key_file_is_one_line_and_exit_2(tmp_path):
    missing = tmp_path / "nowhere" / "secret_key"
    result = _ketacover(
        "manage",
        "check",
        KETACOVER_DATA_DIR=str(tmp_path),
        KETACOVER_SECRET_KEY_FILE=str(missing),
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"ketacover: KETACOVER_SECRET_KEY_FILE: cannot read {missing}")
    assert "Traceback" not in result.stderr


def test_alone_it_lists_djangos_commands_under_its_own_name(run):
    result = run("manage")
    assert result.exit_code == 0, result.output
    assert "Type 'ketacover manage help <subcommand>'" in result.stdout
    for command in ("changepassword", "check", "dbshell", "migrate", "shell", "clearsessions"):
        assert f"    {command}\n" in result.stdout


def test_options_and_help_go_to_django(run):
    result = run("manage", "check", "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("usage: ketacover manage check ")
    assert "--deploy" in result.stdout


@pytest.mark.django_db
def test_clearsessions_deletes_the_expired_sessions_only(run):
    expired, current = SessionStore(), SessionStore()
    expired.set_expiry(timezone.now() - timedelta(days=1))
    expired.create()
    current.create()
    result = run("manage", "clearsessions")
    assert result.exit_code == 0, result.output
    assert set(Session.objects.values_list("session_key", flat=True)) == {current.session_key}


@pytest.mark.django_db
def test_migrate_check_passes_its_options_through_and_finds_nothing_to_apply(run):
    result = run("manage", "migrate", "--check", "--plan")
    assert result.exit_code == 0, result.output
    assert "No planned migration operations." in result.stdout


def test_an_unknown_command_is_djangos_message_and_exit_1(run):
    result = run("manage", "nonesuch")
    assert result.exit_code == 1
    assert "Unknown command: 'nonesuch'" in result.output


@pytest.mark.parametrize("command", sorted(REFUSED))
def test_commands_an_administrator_should_not_run_are_refused_with_what_to_run(run, command):
    result = run("manage", command, "--noinput")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ketacover: manage {command}: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_createsuperuser_points_to_createuser(run):
    result = run("manage", "createsuperuser")
    assert "ketacover createuser NAME --workspace W --role owner" in result.stderr


def test_shell_runs_code_with_the_servers_settings_the_smtp_relay_included(tmp_path):
    password = tmp_path / "smtp_password"
    password.write_text("relay-password\n")
    code = (
        "from django.conf import settings as s; "
        "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, "
        "s.EMAIL_USE_TLS, s.DATA_DIR.name)"
    )
    result = _ketacover(
        "manage",
        "shell",
        "--no-imports",
        "-c",
        code,
        KETACOVER_DATA_DIR=str(tmp_path / "clinic-data"),
        KETACOVER_SECRET_KEY=SECRET,
        KETACOVER_EMAIL_HOST="smtp.example.org",
        KETACOVER_EMAIL_PORT="587",
        KETACOVER_EMAIL_USER="ketacover@example.org",
        KETACOVER_EMAIL_PASSWORD_FILE=str(password),
        KETACOVER_EMAIL_STARTTLS="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "smtp.example.org",
        "587",
        "ketacover@example.org",
        "relay-password",
        "True",
        "clinic-data",
    ]


def test_without_a_relay_configured_mail_goes_to_the_machines_own_smtp_port(tmp_path):
    code = "from django.conf import settings as s; print(s.EMAIL_HOST, s.EMAIL_PORT)"
    result = _ketacover(
        "manage",
        "shell",
        "--no-imports",
        "-c",
        code,
        KETACOVER_DATA_DIR=str(tmp_path),
        KETACOVER_SECRET_KEY=SECRET,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["localhost", "25"]
