"""The data migrations that encrypt uploads and documents stored before encryption at rest, and
write them back in plain when the migrations are reversed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ketacover.web import crypto
from ketacover.web.cases.services import document_generate
from ketacover.web.uploads.models import Upload
from ketacover.web.uploads.services import upload_create

from .conftest import TODAY, readable_pdf

SEALING = [("uploads", "0002_sealed_upload_content"), ("cases", "0003_sealed_document_content")]
NOTES = readable_pdf("notes for the referral")


def _raw(table: str, pk: int) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT content FROM {table} WHERE id = %s", [pk])
        return bytes(cursor.fetchone()[0])


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_reversing_writes_files_in_plain_and_migrating_encrypts_them_again(world):
    upload = upload_create(user=world.staff, record=world.case, name="n.pdf", content=NOTES)
    document = document_generate(
        user=world.staff, record=world.case, kind="call-script", fmt="html", today=TODAY
    )
    letter = document.content.decrypt()
    graph = MigrationExecutor(connection).loader.graph
    before = [next(iter(graph.node_map[key].parents)).key for key in SEALING]
    try:
        _migrate(before)
        assert _raw("uploads_upload", upload.pk) == NOTES
        assert _raw("cases_documentrecord", document.pk) == letter
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    stored = _raw("uploads_upload", upload.pk)
    assert stored.startswith(crypto.MAGIC)
    assert NOTES not in stored
    assert _raw("cases_documentrecord", document.pk).startswith(crypto.MAGIC)
    assert Upload.objects.get(pk=upload.pk).content.decrypt() == NOTES
    assert world.case.documents.get(pk=document.pk).content.decrypt() == letter
