"""The claims section: the claim of each date of service with its lines, its status per claim
and per line (saved, audited), its CMS-1500 and 837P downloads (scoped, audited), the facts it
lacks in words with a link to fix them, and the session form's coding fields."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.urls import reverse

from ketacover.core.model import ClaimStatus
from ketacover.interop.casefile import load_case
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_create, case_of

from ..conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def billed(world) -> CaseRecord:
    """The esketamine case whose clinic prices J0013, 99214, 99415 and 99416 (3 sessions)."""
    case = load_case(EXAMPLES / "approved-pa-reauth.yaml")
    return case_create(user=world.owner, workspace=world.clinic, case=case, today=TODAY)


def _panel_url(record: CaseRecord) -> str:
    return reverse("events:claims_composed", args=[record.pk])


def test_each_date_of_service_shows_its_claim_lines_with_charges_and_pointers(world, billed):
    response = world.client_for(world.staff).get(_panel_url(billed), **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="card claim-panel"') == len(case_of(billed).sessions)
    first = page[page.index('id="claim-1"') :]
    assert "Nov 3, 2026" in first
    assert "J0013" in first
    assert "99214" in first
    assert "99415" in first
    assert "$896.00" in first  # 56 mg at $16.00 a mg
    assert "$1,171.00" in first  # the claim's total, the sum of its lines
    assert "AUTH-55012-A" in first
    assert "Paid" in first  # the example's claim for Nov 3 to Nov 13 was paid
    assert "Recorded as part of one claim for Nov 3, 2026 to Nov 13, 2026" in first
    fifth = page[page.index('id="claim-5"') : page.index('id="claim-4"')]
    assert "Nov 17, 2026" in fifth
    assert "Draft (not sent)" in fifth
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_type="case", object_id=str(billed.pk)
    ).exists()


def test_the_case_page_loads_the_claims_on_demand(world, billed):
    url = reverse("cases:section", args=[billed.pk, "claims"])
    page = world.client_for(world.staff).get(url)
    assert f'hx-get="{_panel_url(billed)}"' in page.content.decode()


def test_setting_the_claim_and_line_status_records_the_claim_and_audits_it(world, billed):
    url = reverse("events:claim_status", args=[billed.pk, 5])
    data = {
        "claim5-version": "1",
        "claim5-status": "submitted",
        "claim5-line_1": "submitted",
        "claim5-line_2": "denied",
        "claim5-line_3": "submitted",
    }
    response = world.client_for(world.staff).post(url, data, **HTMX)
    assert response.status_code == 200
    assert "Claim status saved." in response.content.decode()
    record = CaseRecord.objects.get(pk=billed.pk)
    case = case_of(record)
    claim = case.claims[-1]
    assert (claim.service_from, claim.service_to) == (case.sessions[4].on, None)
    assert claim.status is ClaimStatus.SUBMITTED
    assert claim.submitted is not None
    assert str(claim.billed) == "1619.00"
    assert [(line.line_number, line.code, line.status) for line in claim.lines] == [
        (1, "J0013", ClaimStatus.SUBMITTED),
        (2, "99214", ClaimStatus.DENIED),
        (3, "99415", ClaimStatus.SUBMITTED),
    ]
    event = AuditEvent.objects.filter(action=Action.UPDATE, object_id=str(billed.pk)).latest("at")
    assert event.detail["status"] == "submitted"
    assert event.detail["lines"]["2"] == "denied"
    page = world.client_for(world.staff).get(_panel_url(billed), **HTMX).content.decode()
    fifth = page[page.index('id="claim-5"') : page.index('id="claim-4"')]
    assert "Sent since" in fifth
    assert '<td data-label="Status">Denied</td>' in fifth


def test_a_claim_covering_several_dates_takes_only_a_claim_status(world, billed):
    url = reverse("events:claim_status", args=[billed.pk, 2])
    client = world.client_for(world.staff)
    refused = client.post(url, {"claim2-version": "1", "claim2-status": "denied"}, **HTMX)
    assert refused.status_code == 200
    case = case_of(CaseRecord.objects.get(pk=billed.pk))
    assert case.claims[0].status is ClaimStatus.DENIED
    assert case.claims[0].lines == ()
    assert len(case.claims) == 1


def test_a_stale_status_form_is_refused_and_nothing_is_changed(world, billed):
    url = reverse("events:claim_status", args=[billed.pk, 1])
    data = {"claim1-version": "7", "claim1-status": "paid"}
    data.update({f"claim1-line_{n}": "paid" for n in (1, 2, 3)})
    response = world.client_for(world.staff).post(url, data, **HTMX)
    assert response.status_code == 409
    assert "Someone else changed this case" in response.content.decode()
    assert CaseRecord.objects.get(pk=billed.pk).version == 1


def test_a_status_outside_the_list_is_named_and_nothing_is_stored(world, billed):
    url = reverse("events:claim_status", args=[billed.pk, 1])
    data = {"claim1-version": "1", "claim1-status": "lost"}
    response = world.client_for(world.staff).post(url, data, **HTMX)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert CaseRecord.objects.get(pk=billed.pk).version == 1


def test_the_downloads_are_the_claim_s_cms1500_and_837_and_are_audited(world, billed):
    client = world.client_for(world.staff)
    whole = client.get(reverse("events:claim_download", args=[billed.pk, 1, "cms-1500"]))
    assert whole.status_code == 200
    assert whole.content.startswith(b"%PDF")
    assert "case-0010-claim-20261103.pdf" in whole["Content-Disposition"]
    data = client.get(reverse("events:claim_download", args=[billed.pk, 1, "cms-1500-data"]))
    assert data.content.startswith(b"%PDF")
    assert "claim-20261103.data.pdf" in data["Content-Disposition"]
    x12 = client.get(reverse("events:claim_download", args=[billed.pk, 1, "837"]))
    text = x12.content.decode("ascii")
    assert text.startswith("ISA*")
    assert "SV1*HC:J0013*896*UN*56***1~" in text
    assert "REF*6R*case-0010-20261103-1~" in text
    downloads = AuditEvent.objects.filter(action=Action.DOWNLOAD, object_type="claim")
    assert sorted(event.detail["fmt"] for event in downloads) == [
        "837",
        "cms-1500",
        "cms-1500-data",
    ]
    assert (
        client.get(reverse("events:claim_download", args=[billed.pk, 1, "docx"])).status_code == 404
    )
    assert (
        client.get(reverse("events:claim_download", args=[billed.pk, 9, "837"])).status_code == 404
    )


def test_another_workspace_and_another_patient_get_404(world, billed):
    status_url = reverse("events:claim_status", args=[billed.pk, 1])
    for user in (world.outsider, world.patient):
        client = world.client_for(user)
        assert client.get(_panel_url(billed)).status_code == 404
        assert (
            client.get(reverse("events:claim_download", args=[billed.pk, 1, "837"])).status_code
            == 404
        )
        assert client.post(status_url, {"claim1-status": "paid"}).status_code == 404
    assert not AuditEvent.objects.filter(object_type="claim").exists()


def test_a_claim_that_cannot_be_composed_lists_its_missing_facts_in_words(world):
    case = load_case(EXAMPLES / "approved-pa-reauth.yaml")
    assert case.clinic is not None
    case = replace(case, clinic=replace(case.clinic, npi=None, fee_schedule=()))
    record = case_create(user=world.owner, workspace=world.clinic, case=case, today=TODAY)
    page = world.client_for(world.staff).get(_panel_url(record), **HTMX).content.decode()
    assert "This claim cannot be composed yet" in page
    assert "The billing provider&#x27;s NPI (box 33a)" in page
    assert "No charge for J0013 (per 1 mg), which a claim line bills" in page
    assert reverse("clinics:profile", args=[world.clinic.pk]) in page
    assert reverse("intake:step", args=[record.pk, "providers"]) in page
    assert "fee_schedule" not in page.replace("clinic/workspaces", "")
    assert "clinic.npi" not in page


def test_the_session_form_records_the_coding_facts_and_the_plan_s_supply(world, billed, form_data):
    values = {
        "version": 1,
        "on": "2026-11-21",
        "treatment": "esketamine",
        "minutes": 130,
        "dose_mg": "84",
        "em_code": "99214",
        "em_separately_identifiable": "yes",
        "em_minutes": "40",
        "staff_minutes": "70",
        "therapy_minutes": "",
        "esketamine_supply": "specialty_pharmacy",
    }
    response = world.client_for(world.staff).post(
        reverse("events:session", args=[billed.pk]), form_data("session", **values), **HTMX
    )
    assert response.status_code == 200
    case = case_of(CaseRecord.objects.get(pk=billed.pk))
    session = case.sessions[-1]
    assert (session.em_code, session.em_minutes, session.staff_minutes) == ("99214", 40, 70)
    assert session.em_separately_identifiable is True
    assert case.plan is not None
    assert case.plan.esketamine_supply.value == "specialty_pharmacy"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"treatment": "iv_ketamine", "ndc": "1234-567-89"}, "Write the NDC as 11 digits"),
        ({"em_minutes": "30"}, "Choose the documented office visit first."),
        ({"staff_minutes": "-5"}, "greater than or equal to 0"),
    ],
)
def test_a_bad_session_coding_fact_is_named_and_nothing_is_stored(
    world, billed, form_data, changes, words
):
    values = {"version": 1, "on": "2026-11-21", "treatment": "esketamine", "dose_mg": "84"}
    values.update(changes)
    response = world.client_for(world.staff).post(
        reverse("events:session", args=[billed.pk]), form_data("session", **values), **HTMX
    )
    assert words in response.content.decode()
    assert CaseRecord.objects.get(pk=billed.pk).version == 1
