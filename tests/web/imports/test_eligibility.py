"""A 271 eligibility response on the case page: preview, then merge into the plan; staff only,
audited, nothing kept or changed when the file cannot be read."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ketacover.web.audit.models import AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of

X12 = Path(__file__).resolve().parents[2] / "fixtures" / "x12"


def _preview(client, record, name="ppo-active-mh.271", content=None):
    data = content if content is not None else (X12 / name).read_bytes()
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(reverse("imports:eligibility", args=[record.pk]), {"file": upload})


def test_the_case_page_links_to_the_271_import_for_staff(world):
    page = world.client_for(world.staff).get(
        reverse("cases:section", args=[world.case.pk, "documents"])
    )
    assert "Import an eligibility response (271)" in page.content.decode()


def test_preview_shows_the_answer_and_changes_nothing_then_merge_fills_the_plan(world):
    client = world.client_for(world.staff)
    before = CaseRecord.objects.get(pk=world.case.pk)
    response = _preview(client, world.case)
    assert response.status_code == 200
    body = response.content.decode()
    assert "coverage <strong>active</strong>" in body
    assert "MENTAL HEALTH BENEFITS ADMINISTERED BY THE PLAN" in body
    assert "$1,500.00" in body
    assert "$600.00" in body
    assert CaseRecord.objects.get(pk=world.case.pk).version == before.version
    preview = response.context["preview"]
    assert preview.eligibility.in_network.deductible_remaining == 600
    token = response.context["confirm"]["token"].value()
    merged = client.post(
        reverse("imports:eligibility_merge", args=[world.case.pk]), {"token": token}
    )
    assert merged.status_code == 302
    after = CaseRecord.objects.get(pk=world.case.pk)
    assert after.version == before.version + 1
    plan = case_of(after).plan
    for change in preview.fills:
        head, _, tail = change.field.partition(".")
        value = getattr(getattr(plan, head), tail) if tail else getattr(plan, head)
        assert value == change.response_value
    for change in preview.conflicts:
        head, _, tail = change.field.partition(".")
        value = getattr(getattr(plan, head), tail) if tail else getattr(plan, head)
        assert value == change.case_value
    events = AuditEvent.objects.filter(object_type="case", object_id=str(world.case.pk))
    assert any(event.detail.get("import") == "271" for event in events)
    assert not any("MENTAL HEALTH" in str(event.detail) for event in AuditEvent.objects.all())


def test_a_damaged_271_names_the_segment_and_changes_nothing(world):
    client = world.client_for(world.staff)
    damaged = (X12 / "ppo-active-mh.271").read_bytes().replace(b"HL*3*2*22*0", b"HL*3*2**0")
    before = CaseRecord.objects.get(pk=world.case.pk).version
    response = _preview(client, world.case, content=damaged)
    assert response.status_code == 400
    assert "271 segment 9 (HL): HL03 is missing" in response.content.decode()
    assert CaseRecord.objects.get(pk=world.case.pk).version == before


def test_a_rejected_request_cannot_be_merged(world):
    client = world.client_for(world.staff)
    response = _preview(client, world.case, name="rejected.271")
    assert "subscriber not found" in response.content.decode()
    token = response.context["confirm"]["token"].value()
    refused = client.post(
        reverse("imports:eligibility_merge", args=[world.case.pk]), {"token": token}
    )
    assert refused.status_code == 400
    assert "did not answer" in refused.content.decode()


def test_a_patient_gets_403_and_an_outsider_404(world):
    patient = world.client_for(world.patient)
    assert _preview(patient, world.case).status_code == 403
    outsider = world.client_for(world.outsider)
    assert _preview(outsider, world.case).status_code == 404


def test_a_preview_made_for_one_case_cannot_be_merged_into_another(world):
    client = world.client_for(world.staff)
    token = _preview(client, world.case).context["confirm"]["token"].value()
    before = CaseRecord.objects.get(pk=world.second_case.pk).version
    response = client.post(
        reverse("imports:eligibility_merge", args=[world.second_case.pk]), {"token": token}
    )
    assert response.status_code == 400
    assert CaseRecord.objects.get(pk=world.second_case.pk).version == before


def test_a_response_for_another_member_id_is_flagged(world):
    response = _preview(world.client_for(world.staff), world.case)
    body = response.content.decode()
    other = response.context["preview"].other_member
    assert other is (case_of(world.case).plan.member_id != "XKC000123456")
    assert ("Check that this response is for this patient" in body) is other
