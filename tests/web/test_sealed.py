"""Stored files are encrypted at rest: what the database holds, the start-up check, and
re-encryption with the newest key."""

from __future__ import annotations

import base64

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from ketacover.web import crypto, sealed
from ketacover.web.cases.models import DocumentRecord
from ketacover.web.cases.services import document_generate
from ketacover.web.crypto import DataKeyError, DecryptionError
from ketacover.web.sealed import Sealed, keys_in_use, rekey, stored_keys_check
from ketacover.web.uploads.models import Upload
from ketacover.web.uploads.services import upload_create

from .conftest import TODAY, readable_pdf

pytestmark = pytest.mark.django_db

OLD = crypto.new_key()
NEW = crypto.new_key()
UPLOAD = "uploads.upload.content"
DOCUMENT = "cases.documentrecord.content"
REMITTANCE = "imports.remittancefile.content"


def _notes(name: str) -> bytes:
    return readable_pdf(f"Referral notes for {name}")


def _raw(table: str, pk: int) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT content FROM {table} WHERE id = %s", [pk])
        return bytes(cursor.fetchone()[0])


def _files(world):
    name = world.case.patient_name
    upload = upload_create(
        user=world.staff, record=world.case, name="notes.pdf", content=_notes(name)
    )
    document = document_generate(
        user=world.staff, record=world.case, kind="medical-necessity", fmt="html", today=TODAY
    )
    return upload, document


def _id(key: str) -> str:
    return crypto.keyring_from_text(key).newest_id


def test_the_database_holds_no_plain_bytes_of_uploads_or_documents(world):
    upload, document = _files(world)
    name = world.case.patient_name
    surname = name.split()[-1].encode()
    assert name.encode() in upload.content.decrypt()
    assert surname in document.content.decrypt()
    for table, pk in (("uploads_upload", upload.pk), ("cases_documentrecord", document.pk)):
        stored = _raw(table, pk)
        assert stored.startswith(crypto.MAGIC)
        assert b"%PDF" not in stored
        assert b"<html" not in stored.lower()
        assert surname not in stored
    fresh = Upload.objects.get(pk=upload.pk).content
    assert isinstance(fresh, Sealed)
    assert fresh.decrypt() == _notes(name)


def test_a_stored_value_cannot_be_read_as_bytes_by_accident(world):
    upload, _ = _files(world)
    with pytest.raises(TypeError):
        bytes(Upload.objects.get(pk=upload.pk).content)
    assert isinstance(upload.content, Sealed), "a saved row holds the sealed value too"
    assert world.case.patient_name not in repr(upload.content)
    assert len(upload.content) > len(_notes(world.case.patient_name))


def test_bytes_written_through_an_update_are_sealed_too(world):
    upload, _ = _files(world)
    Upload.objects.filter(pk=upload.pk).update(content=b"%PDF-1.7 replaced")
    assert _raw("uploads_upload", upload.pk).startswith(crypto.MAGIC)
    assert Upload.objects.get(pk=upload.pk).content.decrypt() == b"%PDF-1.7 replaced"
    with pytest.raises(TypeError, match="expected bytes"):
        Upload.objects.filter(pk=upload.pk).update(content="text")


def test_serialized_rows_carry_the_encrypted_bytes(world):
    upload, _ = _files(world)
    field = Upload._meta.get_field("content")
    text = field.value_to_string(Upload.objects.get(pk=upload.pk))
    assert base64.b64decode(text) == _raw("uploads_upload", upload.pk)


def test_downloads_decrypt_after_the_access_check(world):
    upload, document = _files(world)
    client = world.client_for(world.staff)
    got = client.get(reverse("uploads:download", args=[world.case.pk, upload.pk]))
    assert got.content == _notes(world.case.patient_name)
    got = client.get(reverse("cases:document_download", args=[world.case.pk, document.pk]))
    assert got.content == document.content.decrypt()
    outsider = world.client_for(world.outsider)
    url = reverse("uploads:download", args=[world.case.pk, upload.pk])
    assert outsider.get(url).status_code == 404


def test_the_start_up_check_passes_with_the_keys_that_sealed_the_files(world):
    with override_settings(DATA_KEY=OLD):
        _files(world)
        stored_keys_check()
        assert keys_in_use() == {UPLOAD: {_id(OLD): 1}, DOCUMENT: {_id(OLD): 1}, REMITTANCE: {}}
    with override_settings(DATA_KEY=f"{NEW},{OLD}"):
        stored_keys_check()


def test_the_start_up_check_refuses_keys_that_cannot_open_what_is_stored(world):
    with override_settings(DATA_KEY=OLD):
        _files(world)
    with override_settings(DATA_KEY=NEW), pytest.raises(DataKeyError) as raised:
        stored_keys_check()
    message = str(raised.value)
    assert message.startswith("stored files cannot be decrypted with the configured data keys")
    assert f"{UPLOAD}: 1 row(s) encrypted with data key {_id(OLD)}" in message
    assert f"{DOCUMENT}: 1 row(s) encrypted with data key {_id(OLD)}" in message
    assert world.case.patient_name not in message
    assert OLD not in message


def test_the_start_up_check_names_rows_that_were_never_encrypted(world):
    upload, _ = _files(world)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE uploads_upload SET content = %s WHERE id = %s", [b"%PDF-1.4 plain", upload.pk]
        )
    with pytest.raises(DataKeyError, match=r"uploads.upload.content: 1 row\(s\) not encrypted"):
        stored_keys_check()
    with pytest.raises(DecryptionError, match="not encrypted"):
        Upload.objects.get(pk=upload.pk).content.decrypt()


def test_a_download_with_the_wrong_key_fails_without_showing_anything(world):
    with override_settings(DATA_KEY=OLD):
        upload, _ = _files(world)
    with override_settings(DATA_KEY=NEW), pytest.raises(DecryptionError) as raised:
        world.client_for(world.staff).get(
            reverse("uploads:download", args=[world.case.pk, upload.pk])
        )
    assert world.case.patient_name not in str(raised.value)
    assert str(raised.value).startswith(f"{UPLOAD}: encrypted with data key {_id(OLD)}")


def test_rekey_seals_every_file_with_the_newest_key_and_can_run_again(world):
    with override_settings(DATA_KEY=OLD):
        upload, document = _files(world)
        letter = document.content.decrypt()
        second = upload_create(
            user=world.staff, record=world.case, name="labs.png", content=b"\x89PNG\r\n\x1a\n1"
        )
    progress: list[tuple[str, int]] = []
    with override_settings(DATA_KEY=f"{NEW},{OLD}"):
        done = rekey(batch=1, progress=lambda purpose, count: progress.append((purpose, count)))
        assert done == {UPLOAD: 2, DOCUMENT: 1, REMITTANCE: 0}
        assert sorted(progress) == [(DOCUMENT, 1), (UPLOAD, 1), (UPLOAD, 2)]
        assert rekey() == {UPLOAD: 0, DOCUMENT: 0, REMITTANCE: 0}
    assert keys_in_use() == {UPLOAD: {_id(NEW): 2}, DOCUMENT: {_id(NEW): 1}, REMITTANCE: {}}
    with override_settings(DATA_KEY=NEW):
        stored_keys_check()
        assert Upload.objects.get(pk=upload.pk).content.decrypt() == _notes(world.case.patient_name)
        assert Upload.objects.get(pk=second.pk).content.decrypt() == b"\x89PNG\r\n\x1a\n1"
        kept = DocumentRecord.objects.get(pk=document.pk)
        assert kept.content.decrypt() == letter


def test_rekey_stops_at_a_file_no_key_opens(world):
    with override_settings(DATA_KEY=OLD):
        _files(world)
    with override_settings(DATA_KEY=NEW), pytest.raises(DecryptionError):
        rekey()


def test_the_encrypted_columns_are_the_uploads_the_documents_and_the_remittance_files():
    assert sorted(column.purpose for column in sealed.sealed_columns()) == [
        DOCUMENT,
        REMITTANCE,
        UPLOAD,
    ]
