"""The sample deployment files in ``deploy/`` (docs/operations.md) agree with the command line
they call: every ``ketacover`` command they run exists, the proxies forward to the port the
service listens on, the shell scripts parse, and every setting they set is documented."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

from ketacover.cli.manage import REFUSED

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
KETACOVER = "/opt/ketacover/venv/bin/ketacover"
SCRIPTS = ("ketacover-admin", "ketacover-backup", "ketacover-job")


def _exec_lines() -> list[tuple[str, list[str]]]:
    """(unit, arguments after ``ketacover``) of every ExecStart running ketacover."""
    found = []
    for unit in sorted(DEPLOY.glob("*.service")):
        for line in unit.read_text().splitlines():
            if line.startswith("ExecStart=") and KETACOVER in line:
                words = shlex.split(line.removeprefix("ExecStart="))
                found.append((unit.name, words[1:]))
    return found


def _cron_jobs() -> list[list[str]]:
    """The arguments ``ketacover-job`` gets from each line of ``deploy/crontab``."""
    jobs = []
    for line in (DEPLOY / "crontab").read_text().splitlines():
        if "/usr/local/bin/ketacover-job" in line and not line.startswith("#"):
            jobs.append(shlex.split(line.split("/usr/local/bin/ketacover-job", 1)[1]))
    return jobs


def _accepts(run, arguments: list[str]) -> None:
    if arguments[0] == "manage":
        assert arguments[1] in get_commands(), arguments
        assert arguments[1] not in REFUSED, arguments
        return
    result = run(*arguments, "--help")
    assert result.exit_code == 0, (arguments, result.output)


def test_every_ketacover_command_the_units_run_exists(run):
    lines = _exec_lines()
    assert {unit for unit, _ in lines} == {
        "ketacover.service",
        "ketacover-nightly.service",
        "ketacover-remind.service",
    }
    for _, arguments in lines:
        _accepts(run, arguments)


def test_every_cron_job_is_a_ketacover_command_or_the_backup(run):
    jobs = _cron_jobs()
    assert [job[0] for job in jobs] == ["manage", "remind", "backup"]
    for job in jobs:
        if job != ["backup"]:
            _accepts(run, job)


def test_the_timers_run_the_same_jobs_as_cron():
    units = [arguments for _, arguments in _exec_lines() if arguments[0] != "serve"]
    assert units == [["manage", "clearsessions"], ["remind"]]
    for name in ("nightly", "remind", "backup"):
        timer = (DEPLOY / f"ketacover-{name}.timer").read_text()
        assert re.search(r"^OnCalendar=\*-\*-\* \d\d:\d\d:00 America/New_York$", timer, re.M)
        assert "Persistent=true" in timer


def test_the_proxies_forward_to_the_port_the_service_listens_on():
    serve = next(arguments for _, arguments in _exec_lines() if arguments[0] == "serve")
    address = f"{serve[serve.index('--host') + 1]}:{serve[serve.index('--port') + 1]}"
    assert address == "127.0.0.1:8000"
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert set(re.findall(r"proxy_pass http://([\d.:]+);", nginx)) == {address}
    caddy = (DEPLOY / "Caddyfile").read_text()
    assert re.findall(r"reverse_proxy ([\d.:]+)", caddy) == [address]


def test_nginx_replaces_the_forwarded_for_header_instead_of_appending_to_it():
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert "$proxy_add_x_forwarded_for" not in nginx
    assert nginx.count("proxy_set_header X-Forwarded-For $remote_addr;") == 2


def test_nginx_logs_paths_without_query_strings():
    nginx = (DEPLOY / "nginx.conf").read_text()
    log_format = nginx.split("log_format ketacover_paths", 1)[1].split(";", 1)[0]
    assert "$uri" in log_format
    assert not re.search(r"\$(request_uri|args|query_string|arg_\w+|request)\b", log_format)
    access_logs = re.findall(r"^\s*access_log .*$", nginx, re.M)
    assert len(access_logs) == 2
    assert all(line.endswith(" ketacover_paths;") for line in access_logs)


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_shell_scripts_parse_and_are_executable(script):
    path = DEPLOY / script
    assert path.stat().st_mode & 0o111
    subprocess.run(["sh", "-n", str(path)], check=True)


def test_every_setting_in_the_sample_environment_is_documented():
    documented = (ROOT / "docs" / "web.md").read_text() + (
        ROOT / "docs" / "operations.md"
    ).read_text()
    names = re.findall(r"^([A-Z_]+)=", (DEPLOY / "ketacover.env").read_text(), re.M)
    assert "DATABASE_URL" in names
    assert [name for name in names if f"`{name}" not in documented] == []
