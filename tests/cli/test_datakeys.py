"""``ketacover datakey`` prints a new key; ``ketacover rekey`` moves every stored file to the
newest key."""

from __future__ import annotations

import pytest
from django.test import override_settings

from ketacover.web import crypto
from ketacover.web.accounts.models import Workspace
from ketacover.web.cases.models import CaseRecord
from ketacover.web.sealed import keys_in_use
from ketacover.web.uploads.models import Upload

OLD = crypto.new_key()
NEW = crypto.new_key()


def _upload(content: bytes) -> Upload:
    space = Workspace.objects.create(name="Key Clinic")
    case = CaseRecord.objects.create(workspace=space, case_id="c-1", data={}, patient_name="A B")
    return Upload.objects.create(
        case=case,
        name="n.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256="0" * 64,
        content=content,
        version=1,
    )


def test_datakey_prints_a_fresh_key_each_time(run):
    first, second = run("datakey"), run("datakey")
    assert first.exit_code == 0
    key = first.stdout.strip()
    assert len(crypto.keyring_from_text(key).keys) == 1
    assert key != second.stdout.strip()


@pytest.mark.django_db
def test_rekey_moves_every_file_to_the_newest_key(run):
    with override_settings(DATA_KEY=OLD):
        upload = _upload(b"%PDF-1.4 notes")
    with override_settings(DATA_KEY=f"{NEW},{OLD}"):
        result = run("rekey", "--batch", "1")
    assert result.exit_code == 0, result.output
    new_id = crypto.keyring_from_text(NEW).newest_id
    assert f"re-encrypting with data key {new_id}" in result.stdout
    assert "uploads.upload.content: 1 file(s) re-encrypted" in result.stdout
    assert f"every stored file now uses data key {new_id}; older keys can be removed" in (
        " ".join(result.stdout.split())
    )
    assert keys_in_use()["uploads.upload.content"] == {new_id: 1}
    with override_settings(DATA_KEY=NEW):
        assert Upload.objects.get(pk=upload.pk).content.decrypt() == b"%PDF-1.4 notes"


@pytest.mark.django_db
def test_rekey_without_the_old_key_is_one_line_and_exit_2(run):
    with override_settings(DATA_KEY=OLD):
        _upload(b"%PDF-1.4 Avery")
    with override_settings(DATA_KEY=NEW):
        result = run("rekey")
    assert result.exit_code == 2
    old_id = crypto.keyring_from_text(OLD).newest_id
    assert f"encrypted with data key {old_id}, which is not configured" in result.stderr
    assert "Avery" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
