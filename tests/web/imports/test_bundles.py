from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ketacover.web.audit.models import AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of

FHIR = Path(__file__).resolve().parents[2] / "fixtures" / "fhir"


def _upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    data = content if content is not None else (FHIR / name).read_bytes()
    return SimpleUploadedFile(name, data, content_type="application/json")


def _preview(client, record, name="ehr.json"):
    return client.post(reverse("imports:bundle", args=[record.pk]), {"file": _upload(name)})


def test_the_case_page_links_to_the_import_for_staff(world):
    page = world.client_for(world.staff).get(
        reverse("cases:section", args=[world.case.pk, "documents"])
    )
    assert "Import records (FHIR)" in page.content.decode()


def test_upload_preview_then_merge_adds_diagnoses_trials_and_scores(world):
    client = world.client_for(world.staff)
    before = world.case.version
    preview = _preview(client, world.case)
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "F41.1" in body
    assert "fluoxetine" in body
    assert "lithium" in body
    assert "GAD-7 15" in body
    assert "Kept as it is" in body
    assert "XEH987654321" in body
    assert "MedicationDispense/" in body
    assert CaseRecord.objects.get(pk=world.case.pk).version == before
    token = preview.context["confirm"]["token"].value()
    merged = client.post(reverse("imports:bundle_merge", args=[world.case.pk]), {"token": token})
    assert merged.status_code == 302
    record = CaseRecord.objects.get(pk=world.case.pk)
    assert record.version == before + 1
    case = case_of(record)
    assert "F41.1" in [d.code for d in case.diagnoses]
    assert {"fluoxetine", "bupropion", "lithium"} <= {t.name for t in case.treatment_history}
    assert case.plan is not None
    assert case.plan.member_id == "XKC000123456"
    event = AuditEvent.objects.filter(object_type="case", object_id=str(record.pk)).latest("pk")
    assert event.action == "update"
    assert event.detail["import"] == "fhir"
    assert event.detail["trials"] == 3


def test_htmx_upload_answers_with_the_preview_section_alone(world):
    client = world.client_for(world.staff)
    response = client.post(
        reverse("imports:bundle", args=[world.case.pk]),
        {"file": _upload("ehr.json")},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<section id="fhir-import"')
    assert "<html" not in body


def test_a_save_between_preview_and_merge_is_refused_and_nothing_is_lost(world):
    client = world.client_for(world.staff)
    token = _preview(client, world.case).context["confirm"]["token"].value()
    other = world.client_for(world.owner)
    other_token = _preview(other, world.case).context["confirm"]["token"].value()
    assert (
        other.post(
            reverse("imports:bundle_merge", args=[world.case.pk]), {"token": other_token}
        ).status_code
        == 302
    )
    saved = CaseRecord.objects.get(pk=world.case.pk)
    response = client.post(reverse("imports:bundle_merge", args=[world.case.pk]), {"token": token})
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    after = CaseRecord.objects.get(pk=world.case.pk)
    assert after.version == saved.version
    assert after.data == saved.data
    assert response.context["preview"].version == saved.version
    assert not response.context["preview"].changes_anything


def test_a_forged_token_is_refused(world):
    client = world.client_for(world.staff)
    token = _preview(client, world.case).context["confirm"]["token"].value()
    before = CaseRecord.objects.get(pk=world.case.pk).version
    response = client.post(
        reverse("imports:bundle_merge", args=[world.case.pk]), {"token": token[:-3] + "abc"}
    )
    assert response.status_code == 400
    assert "was changed" in response.content.decode()
    second = client.post(
        reverse("imports:bundle_merge", args=[world.second_case.pk]), {"token": token}
    )
    assert second.status_code == 400
    assert CaseRecord.objects.get(pk=world.case.pk).version == before


def test_a_bad_bundle_lists_its_problems_and_changes_nothing(world):
    client = world.client_for(world.staff)
    before = CaseRecord.objects.get(pk=world.case.pk).data
    response = _preview(client, world.case, "malformed-bad-date.json")
    assert response.status_code == 400
    body = response.content.decode()
    assert "entry[3] (MedicationDispense/md-1).whenHandedOver" in body
    assert "is not a date" in body
    assert CaseRecord.objects.get(pk=world.case.pk).data == before


def test_uploads_that_are_not_a_json_bundle_are_refused_by_content(world):
    client = world.client_for(world.staff)
    url = reverse("imports:bundle", args=[world.case.pk])
    cases = [
        ("malformed-not-json.json", None, "not JSON"),
        ("malformed-not-a-bundle.json", None, "Patient&quot; resource"),
        ("bundle.json", b"[1, 2]", "not a FHIR resource"),
        ("bundle.json", b"\xff\xfe\x00", "not UTF-8"),
        ("bundle.json", b"  ", "empty"),
    ]
    for name, content, message in cases:
        response = client.post(url, {"file": _upload(name, content)})
        assert response.status_code == 400
        assert message in response.content.decode(), name


def test_a_patient_may_not_import_and_an_outsider_gets_nothing(world):
    patient = world.client_for(world.patient)
    assert patient.get(reverse("imports:bundle", args=[world.case.pk])).status_code == 403
    assert _preview(patient, world.case).status_code == 403
    page = patient.get(reverse("cases:section", args=[world.case.pk, "documents"])).content.decode()
    assert "Import records (FHIR)" not in page
    outsider = world.client_for(world.outsider)
    assert outsider.get(reverse("imports:bundle", args=[world.case.pk])).status_code == 404
    token = _preview(world.client_for(world.staff), world.case).context["confirm"]["token"].value()
    merge = reverse("imports:bundle_merge", args=[world.case.pk])
    assert outsider.post(merge, {"token": token}).status_code == 404
    own = reverse("imports:bundle_merge", args=[world.other_case.pk])
    assert outsider.post(own, {"token": token}).status_code == 400


def test_cancel_changes_nothing(world):
    client = world.client_for(world.staff)
    before = CaseRecord.objects.get(pk=world.case.pk).version
    response = client.post(reverse("imports:bundle_cancel", args=[world.case.pk]))
    assert response.status_code == 302
    assert CaseRecord.objects.get(pk=world.case.pk).version == before


def test_a_bundle_too_large_for_the_form_is_kept_in_the_session_until_merged(world, monkeypatch):
    from ketacover.web.imports import pending

    monkeypatch.setattr(pending, "FIELD_LIMIT", 100)
    client = world.client_for(world.staff)
    token = _preview(client, world.case).context["confirm"]["token"].value()
    assert len(token) < 200
    assert "imports:fhir" in client.session
    merge = reverse("imports:bundle_merge", args=[world.case.pk])
    assert client.post(merge, {"token": token}).status_code == 302
    assert "imports:fhir" not in client.session
    assert client.post(merge, {"token": token}).status_code == 400


def test_the_preview_shows_plan_type_group_member_id_refills_and_primary_before_merging(world):
    client = world.client_for(world.staff)
    before = world.case.version
    data = (FHIR / "exports" / "epic.json").read_bytes()
    response = client.post(
        reverse("imports:bundle", args=[world.case.pk]), {"file": _upload("epic.json", data)}
    )
    assert response.status_code == 200
    body = response.content.decode()
    plan = body[body.index('id="fhir-plan"') :]
    plan = plan[: plan.index("</table>")]
    for shown in ("Example Choice Health", "PPO", "Example Choice PPO 1500", "XEP443322110"):
        assert shown in plan
    assert "GRP-55021" in plan
    assert "Example Manufacturing Co" in plan
    assert "left for you to set" in plan
    # The case already has a primary diagnosis: it is kept, the records' primary shown beside it.
    assert "F33.1</code>" in body
    assert "<code>diagnoses.primary</code>" in body
    assert 'id="fhir-primary"' in body
    trials = {t.name: t for t in response.context["preview"].trials}
    assert (trials["bupropion"].refills, trials["aripiprazole"].refills) == (1, 1)
    assert '<th scope="col">Refills</th>' in body
    assert CaseRecord.objects.get(pk=world.case.pk).version == before


def test_the_preview_shows_why_a_trial_stopped(world):
    client = world.client_for(world.staff)
    data = (FHIR / "exports" / "oracle.json").read_bytes()
    response = client.post(
        reverse("imports:bundle", args=[world.case.pk]), {"file": _upload("oracle.json", data)}
    )
    body = response.content.decode()
    assert "No meaningful improvement" in body
    assert "medicaid_managed_care" in body
