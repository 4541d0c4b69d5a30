"""The patient's own page: their case in plain words, next step first, in English or Spanish;
letters they attach reach the clinic; clinic staff and other people never get it."""

from __future__ import annotations

import dataclasses

import pytest
from django.urls import reverse

from ketacover.interop.casefile import load_case
from ketacover.web.accounts.models import Membership
from ketacover.web.audit.models import AuditEvent
from ketacover.web.cases.services import case_create
from ketacover.web.uploads.models import Upload

from ..conftest import EXAMPLES, TODAY, image_bytes, readable_pdf

pytestmark = pytest.mark.django_db


def _page(world, user=None, record=None):
    client = world.client_for(user or world.patient)
    return client, client.get(reverse("patients:case", args=[(record or world.case).pk]))


def test_a_patient_logging_in_lands_on_their_own_case(world):
    client = world.client_for(world.patient)
    response = client.get(reverse("dashboard"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("patients:case", args=[world.case.pk])
    assert response.templates[0].name == "patients/case.html"


def test_a_patient_is_sent_from_the_clinic_pages_to_their_own(world):
    client = world.client_for(world.patient)
    for page in (reverse("cases:list"), reverse("cases:detail", args=[world.case.pk])):
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith("/me/")


def test_the_next_step_comes_before_the_status_and_everything_else(world):
    _client, response = _page(world)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Your next step") < body.index("Where your case stands")
    assert body.index("Where your case stands") < body.index("What you may pay")


def test_the_page_shows_no_codes_rule_ids_or_clinic_work(world):
    _client, response = _page(world)
    body = response.content.decode()
    for clinic_word in ("J0013", "HCPCS", "E/M", "REMS", "CFR", "esketamine.", "Verdict"):
        assert clinic_word not in body


def test_an_approved_request_reads_approved_not_likely(world):
    record = case_create(
        user=world.owner,
        workspace=world.clinic,
        case=load_case(EXAMPLES / "approved-pa-reauth.yaml"),
        today=TODAY,
    )
    Membership.objects.filter(user=world.patient).update(case=record)
    _client, response = _page(world, record=record)
    body = response.content.decode()
    assert '<h2 id="status-title">Approved</h2>' in body
    assert "Likely" not in body


def test_a_denied_case_offers_the_patients_own_appeal_letter_and_says_when_to_send_it(world):
    appealed = load_case(EXAMPLES / "denial-appeal-running.yaml")
    denied = dataclasses.replace(appealed, id="case-denied", appeals=())
    record = case_create(user=world.owner, workspace=world.clinic, case=denied, today=TODAY)
    Membership.objects.filter(user=world.patient).update(case=record)
    client, response = _page(world, record=record)
    view = response.context["view"]
    assert view.status.title == "Your plan said no"
    assert view.why
    appeal = next(doc for doc in view.documents if doc.kind == "appeal")
    assert "Send it by" in view.next_step
    weekday = view.dates[0].day.split(",")[0]
    assert weekday in {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
    assert weekday in view.next_step or (view.dates[0].file_by or "") in view.next_step
    written = client.post(
        reverse("patients:document", args=[record.pk]),
        {"kind": "appeal", "denial": appeal.options.denial_id},
    )
    assert written.status_code == 200
    assert written.content.startswith(b"%PDF-")


def test_the_page_speaks_spanish_when_the_patient_chose_it(world):
    client = world.client_for(world.patient)
    client.post("/i18n/setlang/", {"language": "es", "next": "/me/"})
    response = client.get(reverse("patients:case", args=[world.case.pk]))
    body = response.content.decode()
    assert 'lang="es"' in body
    assert "Su próximo paso" in body
    assert "Your next step" not in body


def test_an_eob_the_patient_attaches_is_kept_on_the_case_and_audited(world):
    client = world.client_for(world.patient)
    sent = readable_pdf("Explanation of benefits")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("patients:upload", args=[world.case.pk]),
        {"kind": "eob", "file": SimpleUploadedFile("my scan.pdf", sent, "application/pdf")},
    )
    assert response.status_code == 302
    kept = Upload.objects.get(case=world.case)
    assert kept.name == "Explanation of benefits from the patient.pdf"
    assert kept.created_by == world.patient
    event = AuditEvent.objects.filter(object_type="upload", object_id=str(kept.pk)).get()
    assert event.detail["by"] == "patient"
    assert event.detail["kind"] == "eob"
    documents = reverse("cases:section", args=[world.case.pk, "documents"])
    staff_page = world.client_for(world.owner).get(documents)
    assert "Explanation of benefits from the patient.pdf" in staff_page.content.decode()


def test_a_photo_of_a_denial_letter_is_accepted_and_a_fake_file_is_refused(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = world.client_for(world.patient)
    url = reverse("patients:upload", args=[world.case.pk])
    photo = SimpleUploadedFile("letter.png", image_bytes(), "image/png")
    client.post(url, {"kind": "denial-letter", "file": photo})
    fake = SimpleUploadedFile("letter.pdf", b"%PDF-not really", "application/pdf")
    response = client.post(url, {"kind": "eob", "file": fake}, follow=True)
    assert Upload.objects.filter(case=world.case).count() == 1
    assert "could not be used" in response.content.decode()


def test_nobody_else_reaches_a_patients_page(world):
    url = reverse("patients:case", args=[world.case.pk])
    assert world.client_for(world.outsider).get(url).status_code == 404
    owner = world.client_for(world.owner).get(url)
    assert owner.status_code == 302
    assert owner["Location"] == reverse("cases:detail", args=[world.case.pk])
    other = world.client_for(world.patient).get(
        reverse("patients:case", args=[world.second_case.pk])
    )
    assert other.status_code == 404
    assert world.second_case.patient_name not in other.content.decode()


def test_the_patient_writes_their_own_document_as_a_pdf_and_it_is_audited(world):
    client, response = _page(world)
    doc = response.context["view"].documents[0]
    assert not doc.missing
    written = client.post(
        reverse("patients:document", args=[world.case.pk]),
        {"kind": doc.kind, "denial": doc.options.denial_id or ""},
    )
    assert written.status_code == 200
    assert written.content.startswith(b"%PDF-")
    assert AuditEvent.objects.filter(object_type="patient_document").count() == 1


def test_a_document_the_case_does_not_offer_is_refused(world):
    client = world.client_for(world.patient)
    response = client.post(
        reverse("patients:document", args=[world.case.pk]),
        {"kind": "medical-necessity", "denial": ""},
        follow=True,
    )
    assert "cannot be written now" in response.content.decode()
