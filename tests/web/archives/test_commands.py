"""``ketacover export workspace`` and ``ketacover import workspace``: the same archives from the
command line, with bad input as one line and exit status 2."""

from __future__ import annotations

import json
import stat
import zipfile

import pytest
from typer.testing import CliRunner

from ketacover.cli.app import app
from ketacover.web.accounts.models import Workspace
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord

from .test_services import _forget, comparable, snapshot

pytestmark = pytest.mark.django_db


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def test_export_and_import_a_workspace_by_name_then_by_id(filled, tmp_path):
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    result = run("export", "workspace", "Maple Hollow", str(first))
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())  # the console wraps long lines
    assert "2 cases" in said
    assert "it holds health data" in said
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    event = AuditEvent.objects.get(action=Action.EXPORT, object_type="workspace")
    assert event.user is None
    assert event.detail["via"] == "command line"
    _forget(filled.clinic)

    result = run("import", "workspace", str(first))
    assert result.exit_code == 0, result.output
    copy = Workspace.objects.get(name="Maple Hollow")
    assert f"imported {first} into workspace {copy.pk}" in " ".join(result.stdout.split())
    assert run("export", "workspace", str(copy.pk), str(second)).exit_code == 0
    before, after = comparable(first.read_bytes()), comparable(second.read_bytes())
    for found in (before, after):
        found.pop("audit.json")
        found["manifest.json"]["counts"].pop("audit")
    assert before == after


def test_password_hashes_go_only_when_asked_for(filled, tmp_path):
    out = tmp_path / "with.zip"
    assert (
        run("export", "workspace", "Maple Hollow", str(out), "--include-password-hashes").exit_code
        == 0
    )
    with zipfile.ZipFile(out) as archive:
        assert json.loads(archive.read("manifest.json"))["password_hashes"] is True
        assert all("password" in user for user in json.loads(archive.read("users.json")))


def test_check_reads_everything_and_writes_nothing(filled, tmp_path):
    out = tmp_path / "w.zip"
    run("export", "workspace", "Maple Hollow", str(out))
    before = snapshot()
    result = run("import", "workspace", str(out), "--check", "--link-existing-users")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "the archive can be imported" in said
    assert "3 existing user(s) linked" in said
    assert snapshot() == before


def test_import_into_an_empty_workspace_under_another_name(filled, tmp_path):
    out = tmp_path / "w.zip"
    run("export", "workspace", "Maple Hollow", str(out))
    Workspace.objects.create(name="Empty Room")
    result = run("import", "workspace", str(out), "--into", "Empty Room", "--link-existing-users")
    assert result.exit_code == 0, result.output
    assert CaseRecord.objects.filter(workspace__name="Empty Room").count() == 2
    renamed = run("import", "workspace", str(out), "--name", "Copy", "--link-existing-users")
    assert renamed.exit_code == 0, renamed.output
    assert CaseRecord.objects.filter(workspace__name="Copy").count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "workspace", "No Such Clinic", "x.zip"), "no workspace with that id or name"),
        (("export", "workspace", "Twin", "x.zip"), "2 or more share that name; give its id"),
        (("import", "workspace", "missing.zip"), "archive: cannot be read"),
        (("import", "workspace", "bad.zip"), "archive: not a zip file"),
        (("import", "workspace", "bad.zip", "--into", "Nowhere"), "no workspace with that id"),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(db, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    Workspace.objects.create(name="Twin")
    Workspace.objects.create(name="Twin")
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("ketacover: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.zip").exists()


def test_a_failed_export_leaves_no_file_behind(filled, tmp_path):
    from ketacover.web.cases.models import DocumentRecord

    DocumentRecord.objects.filter(case__workspace=filled.clinic).update(sha256="0" * 64)
    result = run("export", "workspace", "Maple Hollow", str(tmp_path / "w.zip"))
    assert result.exit_code == 2
    assert "do not match their SHA-256" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_export_to_a_folder_that_does_not_exist_is_refused(filled, tmp_path):
    result = run("export", "workspace", "Maple Hollow", str(tmp_path / "no" / "w.zip"))
    assert result.exit_code == 2
    assert "cannot write there" in result.stderr
