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


def test_the_preview_shows_every_claim_with_the_contractual_write_off_apart(world, billed):
    response = _preview(world.client_for(world.staff), _membership(world, world.staff))
    body = response.content.decode()
    [result] = response.context["plan"].results
    assert len(result.details) == 8
    paid = result.details[0]
    assert (paid.patient_control_number, paid.allowed, paid.contractual) == (
        "case-x12-paid",
        Decimal(800),
        Decimal(200),
    )
    assert "TESTPERSON, ALEX" in body
    assert "PAYER-1001" in body
    assert "Contractual write-off (CO-45)" in body
    assert "CO-50 $500.00 (denied)" in body
    assert "NPI 1234567893" in body
    assert "check/EFT number EFT00000101" in body


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


def test_a_previewed_file_is_kept_once_in_the_workspace_history_and_opened_again(world, billed):
    from ketacover.web.imports.models import RemittanceFile

    client = world.client_for(world.staff)
    membership = _membership(world, world.staff)
    _preview(client, membership)
    _preview(client, membership)
    [kept] = RemittanceFile.objects.all()
    assert (kept.workspace, kept.name, kept.claims, kept.payer) == (
        world.clinic,
        "era.835",
        8,
        "EXAMPLE MOUNTAIN INSURANCE",
    )
    assert (kept.trace, kept.paid, kept.contractual, kept.denied) == (
        "EFT00000101",
        Decimal("900.00"),
        Decimal("350.00"),
        5,
    )
    assert kept.size == len(DENIALS)
    assert b"TESTPERSON" not in bytes(kept.content.blob)
    listing = client.get(reverse(URL)).content.decode()
    assert reverse("imports:remittance_file", args=[kept.pk]) in listing
    assert "EFT00000101" in listing
    opened = client.get(reverse("imports:remittance_file", args=[kept.pk]))
    assert opened.status_code == 200
    body = opened.content.decode()
    assert "TESTPERSON, ALEX" in body
    assert "Claims 1 to 8 of 8" in body
    assert AuditEvent.objects.filter(
        object_type="remittance_file", object_id=str(kept.pk), action="view"
    ).exists()


def test_applying_marks_the_file_applied(world, billed):
    from ketacover.web.imports.models import RemittanceFile

    client = world.client_for(world.staff)
    token = _preview(client, _membership(world, world.staff)).context["confirm"]["token"].value()
    assert RemittanceFile.objects.get().applied_at is None
    assert client.post(reverse("imports:remittance_apply"), {"token": token}).status_code == 200
    assert RemittanceFile.objects.get().applied_at is not None


def test_a_file_that_cannot_be_read_is_not_kept(world):
    from ketacover.web.imports.models import RemittanceFile

    broken = DENIALS.replace(b"CLP*KC-CLM-1005*1*700*", b"CLP*KC-CLM-1005*1*7OO*")
    response = _preview(world.client_for(world.staff), _membership(world, world.staff), broken)
    assert response.status_code == 400
    assert "CLP03" in response.content.decode()
    assert not RemittanceFile.objects.exists()


def test_another_clinic_and_a_patient_never_see_a_workspace_s_files(world, billed):
    from ketacover.web.imports.models import RemittanceFile

    _preview(world.client_for(world.staff), _membership(world, world.staff))
    kept = RemittanceFile.objects.get()
    url = reverse("imports:remittance_file", args=[kept.pk])
    outsider = world.client_for(world.outsider)
    assert outsider.get(url).status_code == 404
    assert "era.835" not in outsider.get(reverse(URL)).content.decode()
    assert world.client_for(world.patient).get(url).status_code == 403


def test_the_history_is_paged(world):
    import hashlib
    import zlib

    from ketacover.web.imports.history import PAGE_SIZE
    from ketacover.web.imports.models import RemittanceFile

    for number in range(PAGE_SIZE + 3):
        RemittanceFile.objects.create(
            workspace=world.clinic,
            name=f"file-{number:02d}.835",
            size=1,
            sha256=hashlib.sha256(str(number).encode()).hexdigest(),
            content=zlib.compress(b"x"),
            payer="EXAMPLE",
            transactions=1,
            claims=0,
            payment=0,
            billed=0,
            paid=0,
            patient_responsibility=0,
            contractual=0,
            denied=0,
            denied_amount=0,
        )
    client = world.client_for(world.staff)
    first = client.get(reverse(URL)).content.decode()
    second = client.get(reverse(URL) + "?page=2").content.decode()
    assert first.count("file-") == PAGE_SIZE
    assert second.count("file-") == 3
    assert "Page 2 of 2" in second
