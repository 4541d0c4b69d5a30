from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ketacover.core.model import Claim, ClaimStatus, DenialReason
from ketacover.web.accounts.models import Membership
from ketacover.web.audit.models import AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_create, case_of, case_save

X12 = Path(__file__).resolve().parents[2] / "fixtures" / "x12"
DENIALS = (X12 / "denials.835").read_bytes()
TODAY = date(2026, 11, 23)
URL = "imports:remittances"


def _file(content: bytes = DENIALS, name: str = "era.835") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def billed(world):
    """Two clinic cases the fixture's denials belong to: one by its id (CO-50), one by a claim
    number recorded on it (CO-197), both from the world's commercial self-funded case."""
    base = case_of(world.case)
    co50 = case_create(
        user=world.owner,
        workspace=world.clinic,
        case=replace(base, id="case-x12-co50"),
        today=TODAY,
    )
    claim = Claim(
        claim_number="KC-CLM-1004",
        service_from=date(2026, 10, 24),
        billed=Decimal(1090),
        status=ClaimStatus.SUBMITTED,
    )
    co197 = case_create(
        user=world.owner,
        workspace=world.clinic,
        case=replace(base, id="case-x12-co197", claims=(claim,)),
        today=TODAY,
    )
    return co50, co197


def _preview(client, workspace_membership_pk=None, content=DENIALS):
    data = {"file": _file(content)}
    if workspace_membership_pk is not None:
        data["workspace"] = workspace_membership_pk
    return client.post(reverse(URL), data)


def _membership(world, user):
    return Membership.objects.get(user=user).pk


def test_the_summary_figures_match_the_file(world, billed):
    client = world.client_for(world.staff)
    response = _preview(client, _membership(world, world.staff))
    assert response.status_code == 200
    [result] = response.context["plan"].results
    summary = result.summary
    assert summary.payment == Decimal("876.5")
    assert summary.claims == 8
    assert summary.billed == Decimal(4240)
    assert summary.denied == 5
    assert summary.denied_amount == Decimal(2740)
    body = response.content.decode()
    assert "876.50" in body
    assert "4,240.00" in body
    assert "KC-CLM-1006" in body
    assert "do not balance" in body
    assert "TESTPERSON" not in body


def test_the_preview_matches_claims_to_cases_and_changes_nothing(world, billed):
    co50, co197 = billed
    response = _preview(world.client_for(world.staff), _membership(world, world.staff))
    [result] = response.context["plan"].results
    matched = {row.claim_id: row.case_id for row in result.matched}
    assert matched == {"case-x12-co50": "case-x12-co50", "KC-CLM-1004": "case-x12-co197"}
    assert "UNKNOWN-77" in {row.claim_id for row in result.unmatched}
    assert set(response.context["plan"].changed) == {str(co50.pk), str(co197.pk)}
    assert CaseRecord.objects.get(pk=co50.pk).version == co50.version
    assert case_of(CaseRecord.objects.get(pk=co50.pk)).denials == ()


def test_apply_adds_the_denials_with_their_reasons_and_deadlines(world, billed):
    co50, co197 = billed
    client = world.client_for(world.staff)
    token = _preview(client, _membership(world, world.staff)).context["confirm"]["token"].value()
    response = client.post(reverse("imports:remittance_apply"), {"token": token})
    assert response.status_code == 200
    body = response.content.decode()
    assert "May 19, 2027" in body
    first = CaseRecord.objects.get(pk=co50.pk)
    assert first.version == co50.version + 1
    [denial] = case_of(first).denials
    assert denial.reason is DenialReason.NOT_MEDICALLY_NECESSARY
    assert denial.carc_codes == ("CO-50",)
    assert first.deadlines.filter(kind="appeal_filing", due=date(2027, 5, 19)).exists()
    second = case_of(CaseRecord.objects.get(pk=co197.pk))
    [denial] = second.denials
    assert denial.reason is DenialReason.NO_PRIOR_AUTHORIZATION
    assert second.claims[0].status is ClaimStatus.DENIED
    assert AuditEvent.objects.filter(object_type="remittance", action="update").exists()
    assert AuditEvent.objects.filter(object_id=str(co197.pk), action="update").exists()


def test_a_conflicting_save_refuses_the_whole_apply(world, billed):
    co50, co197 = billed
    client = world.client_for(world.staff)
    token = _preview(client, _membership(world, world.staff)).context["confirm"]["token"].value()
    current = CaseRecord.objects.get(pk=co197.pk)
    case_save(
        user=world.owner,
        record=current,
        case=replace(case_of(current), notes="called the payer"),
        expected_version=current.version,
        today=TODAY,
    )
    response = client.post(reverse("imports:remittance_apply"), {"token": token})
    assert response.status_code == 409
    assert "case-x12-co197" in response.content.decode()
    assert CaseRecord.objects.get(pk=co50.pk).version == co50.version
    assert case_of(CaseRecord.objects.get(pk=co50.pk)).denials == ()
    assert case_of(CaseRecord.objects.get(pk=co197.pk)).denials == ()


def test_files_that_are_not_an_835_are_refused(world):
    client = world.client_for(world.staff)
    membership = _membership(world, world.staff)
    for content, message in [
        (b'{"resourceType": "Bundle"}', "does not start with ISA"),
        (b"", "empty"),
        (DENIALS.replace(b"ST*835*0001", b"ST*837*0001"), "835"),
    ]:
        response = _preview(client, membership, content)
        assert response.status_code == 400
        assert message in response.content.decode()


def test_a_patient_gets_403_and_an_outsider_never_touches_another_clinics_cases(world, billed):
    co50, _ = billed
    patient = world.client_for(world.patient)
    assert patient.get(reverse(URL)).status_code == 403
    assert patient.post(reverse("imports:remittance_apply"), {"token": "x"}).status_code == 403
    outsider = world.client_for(world.outsider)
    assert outsider.get(reverse(URL)).status_code == 200
    refused = _preview(outsider, _membership(world, world.staff))
    assert refused.status_code == 400
    response = _preview(outsider, _membership(world, world.outsider))
    assert response.status_code == 200
    [result] = response.context["plan"].results
    assert result.matched == ()
    assert response.context["plan"].changed == {}
    assert "case-x12-co50" not in {row.case_id for row in result.claims}
    staff_token = (
        _preview(world.client_for(world.staff), _membership(world, world.staff))
        .context["confirm"]["token"]
        .value()
    )
    stolen = outsider.post(reverse("imports:remittance_apply"), {"token": staff_token})
    assert stolen.status_code == 400
    assert CaseRecord.objects.get(pk=co50.pk).version == co50.version


def test_the_page_is_linked_in_the_navigation(world):
    page = world.client_for(world.staff).get(reverse("dashboard")).content.decode()
    assert "Remittances (835)" in page
