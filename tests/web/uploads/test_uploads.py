"""Files attached to a case: accepted by content, versioned per name, downloaded only through an
access-checked, audited view, and appended to the prior-authorization packet when they are PDFs."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.services import PermissionDeniedError
from ketacover.web.uploads.models import Upload
from ketacover.web.uploads.services import PACKET_KIND, upload_create

from ..conftest import image_bytes

pytestmark = pytest.mark.django_db
PNG = image_bytes("PNG")


def _pdf(text: str = "Clinical notes") -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _post(client, record, name, content):
    url = reverse("uploads:create", args=[record.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_staff_attach_a_pdf_and_the_same_name_again_is_a_new_version(world):
    client = world.client_for(world.staff)
    response = _post(client, world.case, "notes.pdf", _pdf())
    assert response.status_code == 302
    assert response["Location"].endswith("/section/documents/#case-section")
    _post(client, world.case, "notes.pdf", _pdf("second"))
    kept = list(Upload.objects.filter(case=world.case).order_by("version"))
    assert [(u.name, u.version, u.content_type) for u in kept] == [
        ("notes.pdf", 1, "application/pdf"),
        ("notes.pdf", 2, "application/pdf"),
    ]
    assert kept[1].sha256 == hashlib.sha256(kept[1].content.decrypt()).hexdigest()
    assert kept[1].size == len(kept[1].content.decrypt())
    created = AuditEvent.objects.filter(action=Action.CREATE, object_type="upload")
    assert created.count() == 2
    assert "notes" not in str(created.first().detail)
    page = client.get(reverse("cases:section", args=[world.case.pk, "documents"])).content.decode()
    assert "notes.pdf" in page
    assert "Files attached" in page


def test_a_file_named_pdf_that_is_not_one_is_refused(world):
    client = world.client_for(world.staff)
    response = _post(client, world.case, "notes.pdf", b"#!/bin/sh\necho hi\n")
    assert response.status_code == 302
    assert not Upload.objects.exists()
    page = client.get(reverse("cases:section", args=[world.case.pk, "documents"])).content.decode()
    assert "only PDF, PNG and JPEG files are accepted" in page


def test_a_png_named_exe_is_kept_as_a_png(world):
    _post(world.client_for(world.staff), world.case, "scan.exe", PNG)
    upload = Upload.objects.get()
    assert (upload.name, upload.content_type) == ("scan.png", "image/png")


def test_download_is_an_audited_attachment_that_is_never_sniffed(world):
    _post(world.client_for(world.staff), world.case, "scan.png", PNG)
    upload = Upload.objects.get()
    url = reverse("uploads:download", args=[world.case.pk, upload.pk])
    for user in (world.owner, world.patient):
        response = world.client_for(user).get(url)
        assert response.status_code == 200
        assert response.content == PNG
        assert response["Content-Type"] == "image/png"
        name = f"{world.case.case_id}-upload-{upload.pk}-v1.png"
        assert response["Content-Disposition"] == (
            f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
        )
        assert response["X-Content-Type-Options"] == "nosniff"
    downloads = AuditEvent.objects.filter(action=Action.DOWNLOAD, object_type="upload")
    assert downloads.count() == 2


def test_outsiders_and_other_patients_get_nothing(world):
    _post(world.client_for(world.staff), world.second_case, "notes.pdf", _pdf())
    upload = Upload.objects.get()
    url = reverse("uploads:download", args=[world.second_case.pk, upload.pk])
    assert world.client_for(world.outsider).get(url).status_code == 404
    assert world.client_for(world.patient).get(url).status_code == 404
    wrong_case = reverse("uploads:download", args=[world.case.pk, upload.pk])
    assert world.client_for(world.owner).get(wrong_case).status_code == 404
    assert _post(world.client_for(world.outsider), world.case, "x.pdf", _pdf()).status_code == 404
    page = world.client_for(world.patient).get(
        reverse("cases:section", args=[world.case.pk, "documents"])
    )
    assert "notes.pdf" not in page.content.decode()
    assert Upload.objects.count() == 1


def test_a_patient_cannot_attach_files(world):
    _post(world.client_for(world.patient), world.case, "x.pdf", _pdf())
    assert not Upload.objects.exists()
    with pytest.raises(PermissionDeniedError):
        upload_create(user=world.patient, record=world.case, name="x.pdf", content=_pdf())


def test_the_packet_appends_the_latest_version_of_each_uploaded_pdf(world):
    client = world.client_for(world.staff)
    _post(client, world.case, "notes.pdf", _pdf("old notes"))
    _post(client, world.case, "notes.pdf", _pdf("new notes"))
    _post(client, world.case, "labs.pdf", _pdf("labs"))
    _post(client, world.case, "photo.png", PNG)
    response = client.post(reverse("uploads:packet", args=[world.case.pk]))
    assert response.status_code == 302
    document = world.case.documents.get(kind=PACKET_KIND)
    assert document.version == 1
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(document.content.decrypt())).pages
    )
    assert "new notes" in text
    assert "labs" in text
    assert "old notes" not in text
    event = AuditEvent.objects.get(object_type="document", object_id=str(document.pk))
    assert event.detail["attachments"] == 2
    download = client.get(reverse("cases:document_download", args=[world.case.pk, document.pk]))
    assert download.status_code == 200


def test_a_patient_and_an_outsider_cannot_generate_the_packet(world):
    url = reverse("uploads:packet", args=[world.case.pk])
    assert world.client_for(world.outsider).post(url).status_code == 404
    assert world.client_for(world.patient).post(url).status_code == 302
    assert not world.case.documents.filter(kind=PACKET_KIND).exists()


def test_a_post_without_a_file_or_with_one_too_large_stores_nothing(world, settings):
    from ketacover.web.uploads.forms import UploadForm

    client = world.client_for(world.staff)
    response = client.post(reverse("uploads:create", args=[world.case.pk]), {})
    assert response.status_code == 302
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    form = UploadForm({}, {"file": big})
    assert not form.is_valid()
    assert form.errors["file"] == ["The file is larger than 10 MB."]
    assert not Upload.objects.exists()


def test_a_packet_with_missing_facts_lists_them_and_stores_nothing(world):
    from ketacover.interop.casefile import case_to_data, load_case

    from ..conftest import EXAMPLES

    data = case_to_data(load_case(EXAMPLES / "esketamine-ready-ppo.yaml"))
    data.pop("diagnoses", None)
    type(world.case).objects.filter(pk=world.case.pk).update(data=data)
    client = world.client_for(world.staff)
    response = client.post(reverse("uploads:packet", args=[world.case.pk]), follow=True)
    assert "The case is missing" in response.content.decode()
    assert not world.case.documents.filter(kind=PACKET_KIND).exists()


def test_the_list_is_empty_for_someone_who_cannot_see_the_case(world):
    from ketacover.web.uploads.selectors import upload_list

    _post(world.client_for(world.staff), world.case, "notes.pdf", _pdf())
    assert list(upload_list(user=world.outsider, record=world.case)) == []
    assert [u.name for u in upload_list(user=world.patient, record=world.case)] == ["notes.pdf"]
    assert str(Upload.objects.get()) == "notes.pdf v1"


def test_an_upload_that_can_be_accepted_never_touches_the_disk_in_plain(rf):
    from django.core.files.uploadedfile import InMemoryUploadedFile

    from ketacover.web.imports.forms import REMITTANCE_LIMIT

    big = SimpleUploadedFile("era.835", b"ISA" + b"*" * (REMITTANCE_LIMIT - 3))
    request = rf.post("/", {"file": big})
    assert isinstance(request.FILES["file"], InMemoryUploadedFile)
