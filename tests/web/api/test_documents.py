from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import DocumentRecord

pytestmark = pytest.mark.django_db


def _generate(tokens, world, **body):
    return tokens.client("staff").post(
        f"/api/cases/{world.case.pk}/documents", body, content_type="application/json"
    )


def test_generating_a_document_returns_201_with_its_metadata(world, tokens):
    response = _generate(tokens, world, kind="medical-necessity", fmt="pdf")
    assert response.status_code == 201
    body = response.json()
    document = DocumentRecord.objects.get()
    assert body["id"] == document.pk
    assert (body["kind"], body["fmt"], body["version"]) == ("medical-necessity", "pdf", 1)
    assert body["sha256"] == document.sha256
    assert body["url"] == f"/api/cases/{world.case.pk}/documents/{document.pk}"
    assert response["Location"] == body["url"]
    assert _generate(tokens, world, kind="medical-necessity", fmt="pdf").json()["version"] == 2


def test_a_document_the_case_lacks_facts_for_gets_422_listing_them(world, tokens):
    response = _generate(tokens, world, kind="appeal", fmt="pdf")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "missing_facts"
    assert error["missing"] == ["denials: the denial notice this document answers"]
    assert not DocumentRecord.objects.exists()


def test_an_unknown_document_kind_gets_400_naming_the_kinds(world, tokens):
    response = _generate(tokens, world, kind="love-letter", fmt="pdf")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "unknown_kind"
    assert "medical-necessity" in error["message"]


def test_an_unknown_format_gets_422(world, tokens):
    response = _generate(tokens, world, kind="call-script", fmt="odt")
    assert response.status_code == 422
    assert response.json()["error"]["problems"][0]["path"] == "fmt"


def test_the_document_list_shows_metadata_newest_first(world, tokens):
    _generate(tokens, world, kind="call-script", fmt="html")
    _generate(tokens, world, kind="clinical-summary", fmt="docx")
    response = tokens.client("patient").get(f"/api/cases/{world.case.pk}/documents")
    assert response.status_code == 200
    assert [d["kind"] for d in response.json()] == ["clinical-summary", "call-script"]
    assert AuditEvent.objects.filter(action=Action.VIEW, user=world.patient).count() == 1


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("pdf", "application/pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("html", "text/html; charset=utf-8"),
    ],
)
def test_a_download_returns_the_bytes_with_their_content_type(world, tokens, fmt, content_type):
    url = _generate(tokens, world, kind="clinical-summary", fmt=fmt).json()["url"]
    response = tokens.client("patient").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Avery" not in response["Content-Disposition"]
    assert response.content == DocumentRecord.objects.get().content.decrypt()
    event = AuditEvent.objects.filter(action=Action.DOWNLOAD).get()
    assert event.user == world.patient


def test_a_downloaded_pdf_is_a_real_pdf(world, tokens):
    url = _generate(tokens, world, kind="medical-necessity", fmt="pdf").json()["url"]
    reader = PdfReader(io.BytesIO(tokens.client("owner").get(url).content))
    assert len(reader.pages) >= 1


def test_a_document_of_another_case_is_not_found_through_this_case(world, tokens):
    url = _generate(tokens, world, kind="call-script", fmt="html").json()["url"]
    document_id = url.rsplit("/", 1)[1]
    response = tokens.client("owner").get(
        f"/api/cases/{world.second_case.pk}/documents/{document_id}"
    )
    assert response.status_code == 404
