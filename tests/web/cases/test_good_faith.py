"""The Good Faith Estimate on the case page: offered only for a self-pay case, made by staff into
the documents list (audited), downloaded through the scoped, audited download, and never made
for someone outside the clinic or for a patient."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ketacover.interop.casefile import load_case
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import DocumentRecord
from ketacover.web.cases.services import case_create

from ..conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.django_db

BUTTON = "Make the Good Faith Estimate (PDF)"


@pytest.fixture
def self_pay(world):
    return case_create(
        user=world.owner,
        workspace=world.clinic,
        case=load_case(EXAMPLES / "self-pay-iv-ketamine-gfe.yaml"),
        today=TODAY,
    )


def test_the_case_page_offers_the_estimate_only_when_the_patient_pays_directly(world, self_pay):
    staff = world.client_for(world.staff)
    page = staff.get(reverse("cases:section", args=[self_pay.pk, "documents"])).content.decode()
    assert BUTTON in page
    insured = staff.get(reverse("cases:section", args=[world.case.pk, "documents"]))
    insured = insured.content.decode()
    assert BUTTON not in insured


def test_staff_make_the_estimate_and_download_it_each_step_audited(world, self_pay):
    staff = world.client_for(world.staff)
    response = staff.post(reverse("cases:good_faith_create", args=[self_pay.pk]), follow=True)
    assert "Good Faith Estimate (version 1) is ready." in response.content.decode()
    document = DocumentRecord.objects.get(case=self_pay)
    assert (document.kind, document.fmt, document.title) == (
        "good-faith-estimate",
        "pdf",
        "Good Faith Estimate",
    )
    created = AuditEvent.objects.get(action=Action.CREATE, object_type="document")
    assert created.user == world.staff
    assert created.object_id == str(document.pk)
    download = staff.get(reverse("cases:document_download", args=[self_pay.pk, document.pk]))
    assert download.status_code == 200
    assert "Whitcombe" not in download["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(download.content)).pages)
    assert "$1,920.00" in text
    assert "1598765430" in text
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD, object_type="document").count() == 1


def test_a_case_that_is_not_self_pay_gets_what_it_lacks_in_words(world):
    staff = world.client_for(world.staff)
    response = staff.post(reverse("cases:good_faith_create", args=[world.case.pk]), follow=True)
    body = response.content.decode()
    assert "The Good Faith Estimate needs: Whether the patient pays the clinic directly" in body
    assert "treatment_plan" not in body
    assert not DocumentRecord.objects.exists()


def test_a_patient_and_an_outsider_cannot_make_one(world, self_pay):
    url = reverse("cases:good_faith_create", args=[self_pay.pk])
    assert world.client_for(world.outsider).post(url).status_code == 404
    world.client_for(world.patient).post(url)
    assert not DocumentRecord.objects.exists()
