"""The case page of an Original Medicare case shows the claim path, not prior authorization, and
fills the Advance Beneficiary Notice (form CMS-R-131) where it applies: kept as a document,
scoped to the workspace and audited like the other documents."""

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


def medicare_case(world, name: str = "medicare-iv-ketamine"):
    return case_create(
        user=world.owner,
        workspace=world.clinic,
        case=load_case(EXAMPLES / f"{name}.yaml"),
        today=TODAY,
    )


def _sections(world, record, *names: str) -> str:
    """The case page's sections ``names`` as staff see them, one after the other."""
    client = world.client_for(world.staff)
    return "".join(
        client.get(reverse("cases:section", args=[record.pk, name])).content.decode()
        for name in names
    )


def test_the_case_page_shows_the_claim_path_and_no_prior_authorization_documents(world):
    record = medicare_case(world)
    staff = world.client_for(world.staff)
    overview = staff.get(reverse("cases:section", args=[record.pk, "overview"])).content.decode()
    assert "IV ketamine, billed to Medicare by the clinic (no prior authorization)" in overview
    assert "The clinic files the claim with the Medicare contractor" in overview
    assert "Submit the prior-authorization request" not in overview
    page = staff.get(reverse("cases:section", args=[record.pk, "documents"]))
    text = page.content.decode()
    assert reverse("uploads:packet", args=[record.pk]) not in text
    assert 'value="pa-cover-sheet"' not in text
    assert 'value="superbill"' not in text
    assert reverse("cases:abn_create", args=[record.pk]) in text


def test_a_medicare_advantage_case_keeps_its_prior_authorization_documents(world):
    page = world.client_for(world.staff).get(
        reverse("cases:section", args=[world.case.pk, "documents"])
    )
    text = page.content.decode()
    assert 'value="pa-cover-sheet"' in text
    assert reverse("uploads:packet", args=[world.case.pk]) in text
    assert reverse("cases:abn_create", args=[world.case.pk]) not in text


def test_staff_fill_the_abn_and_download_it_audited_and_outsiders_cannot(world):
    record = medicare_case(world)
    staff = world.client_for(world.staff)
    response = staff.post(reverse("cases:abn_create", args=[record.pk]))
    assert response.status_code == 302
    document = DocumentRecord.objects.get(case=record, kind="abn")
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="document", object_id=str(document.pk)
    ).exists()
    url = reverse("cases:document_download", args=[record.pk, document.pk])
    download = staff.get(url)
    assert download["Content-Type"] == "application/pdf"
    assert "abn-v1.pdf" in download["Content-Disposition"]
    text = PdfReader(io.BytesIO(download.content)).pages[0].extract_text()
    assert "Walter Pinecrest" in text
    assert "$400.00 each" in text
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD).count() == 1
    outsider = world.client_for(world.outsider)
    assert outsider.get(url).status_code == 404
    assert outsider.post(reverse("cases:abn_create", args=[record.pk])).status_code == 404


def test_a_case_the_notice_does_not_fit_gets_no_abn(world):
    response = world.client_for(world.staff).post(
        reverse("cases:abn_create", args=[world.case.pk]), follow=True
    )
    assert "the ABN is not written" in response.content.decode()
    assert not DocumentRecord.objects.filter(kind="abn").exists()
