from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord, DocumentRecord
from ketacover.web.cases.templatetags.formatting import money

pytestmark = pytest.mark.django_db


def test_pages_ask_anonymous_visitors_to_log_in(client, world):
    for url in (
        reverse("dashboard"),
        reverse("cases:list"),
        reverse("cases:detail", args=[world.case.pk]),
        reverse("cases:import"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_owner_sees_the_case_page_with_its_assessment(world):
    response = world.client_for(world.owner).get(reverse("cases:detail", args=[world.case.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Avery Testperson" in body
    assert "Esketamine (Spravato) with prior authorization" in body
    assert "verdict-likely" in body


def test_viewing_a_case_leaves_an_audit_record(world):
    world.client_for(world.staff).get(reverse("cases:detail", args=[world.case.pk]))
    event = AuditEvent.objects.filter(action=Action.VIEW, object_type="case").get()
    assert event.user == world.staff
    assert event.object_id == str(world.case.pk)
    assert event.workspace == world.clinic
    assert event.ip == "127.0.0.1"


def test_it_hides_cases_from_other_clinics(world):
    outsider = world.client_for(world.outsider)
    response = outsider.get(reverse("cases:detail", args=[world.case.pk]))
    assert response.status_code == 404
    assert b"Avery" not in response.content
    listing = outsider.get(reverse("cases:list")).content.decode()
    assert "Avery Testperson" not in listing
    assert "case-crps" in listing or world.other_case.case_id in listing


def test_a_patient_is_sent_to_their_own_page_and_never_sees_another_case(world):
    patient = world.client_for(world.patient)
    own = patient.get(reverse("cases:detail", args=[world.case.pk]))
    assert own["Location"] == reverse("patients:case", args=[world.case.pk])
    assert patient.get(reverse("cases:detail", args=[world.second_case.pk])).status_code == 404
    listing = patient.get(reverse("cases:list"))
    assert listing["Location"] == reverse("patients:home")


def test_the_case_list_searches_and_filters_by_stage(world):
    staff = world.client_for(world.staff)
    found = staff.get(reverse("cases:list"), {"q": "Testperson"}).content.decode()
    assert world.case.case_id in found
    assert world.second_case.case_id not in found
    denied = staff.get(reverse("cases:list"), {"stage": "denied"}).content.decode()
    assert world.second_case.case_id in denied
    assert world.case.case_id not in denied


def test_an_htmx_search_returns_only_the_table(world):
    response = world.client_for(world.staff).get(
        reverse("cases:list"), {"q": "Fictional"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body
    assert world.second_case.case_id in body


def test_the_dashboard_lists_deadlines_of_visible_cases_only(world):
    body = world.client_for(world.outsider).get(reverse("dashboard")).content.decode()
    assert world.second_case.case_id not in body
    owner_body = world.client_for(world.owner).get(reverse("dashboard")).content.decode()
    assert "What is due" in owner_body


def test_importing_a_valid_case_file_stores_it(world, settings):
    text = (world_examples() / "hmo-no-oon-benefits.yaml").read_text()
    response = world.client_for(world.staff).post(reverse("cases:import"), {"text": text})
    assert response.status_code == 302
    record = CaseRecord.objects.get(case_id="case-0004")
    assert record.workspace == world.clinic
    assert AuditEvent.objects.filter(action=Action.CREATE, object_id=str(record.pk)).exists()


def test_importing_a_bad_case_file_lists_each_problem_and_stores_nothing(world):
    before = CaseRecord.objects.count()
    text = (
        "id: bad-1\npatient:\n  given_name: Ada\n  family_name: Example\n"
        "  date_of_birth: 2026-13-01\n"
    )
    response = world.client_for(world.staff).post(reverse("cases:import"), {"text": text})
    assert response.status_code == 400
    body = response.content.decode()
    assert "patient.date_of_birth" in body
    assert "is not a date" in body
    assert CaseRecord.objects.count() == before


def test_a_patient_cannot_import_cases(world):
    text = (world_examples() / "hmo-no-oon-benefits.yaml").read_text()
    before = CaseRecord.objects.count()
    response = world.client_for(world.patient).post(reverse("cases:import"), {"text": text})
    assert response.status_code == 302
    assert CaseRecord.objects.count() == before


def test_staff_generate_and_download_a_letter_and_outsiders_cannot(world):
    staff = world.client_for(world.staff)
    response = staff.post(
        reverse("cases:document_create", args=[world.case.pk]),
        {"kind": "medical-necessity", "fmt": "pdf"},
    )
    assert response.status_code == 302
    document = DocumentRecord.objects.get(case=world.case)
    assert document.version == 1
    url = reverse("cases:document_download", args=[world.case.pk, document.pk])
    download = staff.get(url)
    assert download["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(download.content)).pages[0].extract_text()
    assert "Avery Testperson" in text
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD).count() == 1
    assert world.client_for(world.outsider).get(url).status_code == 404


def test_missing_facts_are_listed_instead_of_a_letter_with_holes(world):
    staff = world.client_for(world.staff)
    response = staff.post(
        reverse("cases:document_create", args=[world.case.pk]),
        {"kind": "appeal", "fmt": "pdf"},
        follow=True,
    )
    assert "The case is missing" in response.content.decode()
    assert not DocumentRecord.objects.filter(case=world.case).exists()


def test_a_patient_cannot_generate_documents(world):
    response = world.client_for(world.patient).post(
        reverse("cases:document_create", args=[world.case.pk]),
        {"kind": "medical-necessity", "fmt": "pdf"},
        follow=True,
    )
    assert response.status_code == 200
    assert not DocumentRecord.objects.exists()


def world_examples():
    from pathlib import Path

    return Path(__file__).resolve().parents[3] / "examples"


def test_documents_download_with_a_name_free_of_health_data(world):
    staff = world.client_for(world.staff)
    staff.post(
        reverse("cases:document_create", args=[world.case.pk]),
        {"kind": "call-script", "fmt": "html"},
    )
    document = DocumentRecord.objects.get(case=world.case)
    response = staff.get(reverse("cases:document_download", args=[world.case.pk, document.pk]))
    disposition = response["Content-Disposition"]
    name = f"{world.case.case_id}-call-script-v1.html"
    assert disposition == f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
    assert "Avery" not in disposition
    body = io.BytesIO(response.content).read().decode()
    assert "<html" in body


def test_costs_are_written_with_thousands_and_cents_and_unknown_as_a_dash(world):
    body = world.client_for(world.owner).get(
        reverse("cases:section", args=[world.case.pk, "costs"])
    )
    text = body.content.decode()
    # Self-pay: 21 esketamine sessions at $1,050.00 plus the $300.00 evaluation.
    assert "$22,350.00" in text
    assert money(Decimal("8400")) == "$8,400.00"
    assert money(None) == "—"


def test_the_navigation_offers_staff_pages_to_staff_and_not_to_patients(world):
    staff_page = world.client_for(world.staff).get(reverse("dashboard")).content.decode()
    patient_page = world.client_for(world.patient).get(reverse("dashboard")).content.decode()
    for label in ("New case", "Upload a case file", "Remittances (835)", "API tokens"):
        assert label in staff_page
        assert label not in patient_page


def test_the_dashboard_shows_the_first_rows_of_each_group_and_the_total(world):
    from datetime import date

    from ketacover.web.cases import queue

    due = queue.deadlines_due(user=world.owner, today=date(2026, 11, 23), limit=1)
    name, group = next((name, group) for name, group in due.items() if group.total > 1)
    assert len(group.rows) == 1
    unlimited = queue.deadlines_due(user=world.owner, today=date(2026, 11, 23))
    assert unlimited[name].total == group.total
    assert len(unlimited[name].rows) == group.total


def test_the_generate_form_offers_each_denial_in_words_newest_open_first(world):
    staff = world.client_for(world.staff)
    url = reverse("cases:section", args=[world.second_case.pk, "documents"])
    body = staff.get(url).content.decode()
    assert "Denial answered" in body
    assert (
        '<option value="denial-2" selected>Example Mountain Insurance, notice of 11/09/2026: '
        "claim CLM-2026-1022-0001, IV ketamine infusion on 10/22/2026</option>"
    ) in body
    assert "notice of 10/30/2026: prior authorization for IV ketamine infusion" in body
    first = staff.get(reverse("cases:section", args=[world.case.pk, "documents"])).content.decode()
    assert "Denial answered" not in first


def test_the_chosen_denial_is_the_one_the_generated_appeal_answers(world):
    staff = world.client_for(world.staff)
    staff.post(
        reverse("cases:document_create", args=[world.second_case.pk]),
        {"kind": "appeal", "fmt": "html", "denial_id": "denial-1"},
    )
    document = DocumentRecord.objects.get(case=world.second_case)
    text = document.content.decrypt().decode()
    assert "approve the course requested" in text
    assert "CLM-2026-1022-0001" not in text


def test_an_unknown_denial_is_refused_without_a_document(world):
    staff = world.client_for(world.staff)
    response = staff.post(
        reverse("cases:document_create", args=[world.second_case.pk]),
        {"kind": "appeal", "fmt": "html", "denial_id": "denial-9"},
        follow=True,
    )
    assert response.status_code == 200
    assert not DocumentRecord.objects.filter(case=world.second_case).exists()
