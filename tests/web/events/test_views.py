from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _ago(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def _call(form_data, version=1, **extra):
    values = {
        "version": version,
        "on": _ago(2),
        "time": "10:15",
        "channel": "phone",
        "party": "Behavioral health line",
        "representative": "Rep Jordan",
        "reference": "REF-NEW-1",
        "prior_authorization_required": "yes",
        "out_of_network_benefits": "no",
        "appeal_window_days": "180",
    }
    values.update(extra)
    return form_data("call", **values)


def _url(name, record):
    return reverse(f"events:{name}", args=[record.pk])


def _fresh(record):
    return CaseRecord.objects.get(pk=record.pk)


def test_recording_a_call_updates_the_plan_and_redirects_without_javascript(world, form_data):
    response = world.client_for(world.staff).post(_url("call", world.case), _call(form_data))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/cases/{world.case.pk}/section/calls/#case-section")
    record = _fresh(world.case)
    assert record.version == 2
    case = case_of(record)
    assert case.plan.out_of_network_benefits is False
    assert case.plan.appeal_window_days == 180
    call = case.calls[-1]
    assert call.at.astimezone(timezone.get_current_timezone()).strftime("%H:%M") == "10:15"
    assert AuditEvent.objects.filter(action=Action.UPDATE, object_id=str(record.pk)).exists()


def _oon_verdict(html: str) -> str:
    summary = html[html.index('id="case-summary"') :]
    line = summary[summary.index("Out-of-network reimbursement with a superbill: ") :]
    return line.partition('class="verdict verdict-')[2].partition('"')[0]


def test_an_htmx_post_answers_with_the_section_and_the_summary_out_of_band(world, form_data):
    staff = world.client_for(world.staff)
    before = staff.get(reverse("cases:section", args=[world.case.pk, "calls"])).content.decode()
    response = staff.post(_url("call", world.case), _call(form_data), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert body.startswith('<section id="section-calls"')
    assert "Call recorded." in body
    assert "REF-NEW-1" in body
    assert '<section id="case-summary" class="case-summary"' in body
    assert 'class="case-summary" aria-labelledby="case-summary-heading" hx-swap-oob="true"' in body
    # Out-of-network benefits: No turns the out-of-network way to "unlikely" in the summary.
    assert _oon_verdict(before) != "unlikely"
    assert _oon_verdict(body) == "unlikely"
    assert 'name="call-version" value="2"' in body


def test_a_field_error_is_shown_on_the_field_and_keeps_the_input(world, form_data):
    data = _call(form_data, on="not a date")
    response = world.client_for(world.staff).post(_url("call", world.case), data, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_call-on_error"' in body
    assert 'aria-invalid="true"' in body
    assert 'value="not a date"' in body
    assert 'value="Rep Jordan"' in body
    assert _fresh(world.case).version == 1


def test_without_javascript_a_form_with_errors_comes_back_on_its_own_page(world, form_data):
    data = _call(form_data, appeal_window_days="-3")
    response = world.client_for(world.staff).post(_url("call", world.case), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "<html" in body
    assert "Back to the case page" in body
    assert 'id="id_call-appeal_window_days_error"' in body
    assert 'value="REF-NEW-1"' in body


def test_a_conflict_keeps_what_was_typed_and_shows_the_other_save(world, form_data):
    staff, owner = world.client_for(world.staff), world.client_for(world.owner)
    owner.post(_url("call", world.case), _call(form_data, reference="THEIR-REF"))
    response = staff.post(_url("call", world.case), _call(form_data, reference="MY-REF"), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this case" in body
    assert "Calls as saved now (version 2)" in body
    assert "THEIR-REF" in body
    assert 'value="MY-REF"' in body
    assert 'name="call-version" value="2"' in body
    assert len(case_of(_fresh(world.case)).calls) == 2
    plain = staff.post(_url("call", world.case), _call(form_data, reference="MY-REF"))
    assert plain.status_code == 409
    assert 'value="MY-REF"' in plain.content.decode()


def test_saving_again_after_a_conflict_succeeds(world, form_data):
    staff = world.client_for(world.staff)
    world.client_for(world.owner).post(_url("call", world.case), _call(form_data))
    staff.post(_url("call", world.case), _call(form_data, reference="MINE"), **HTMX)
    response = staff.post(_url("call", world.case), _call(form_data, 2, reference="MINE"))
    assert response.status_code == 302
    assert case_of(_fresh(world.case)).calls[-1].reference == "MINE"


def test_a_patient_cannot_post_and_an_outsider_gets_nothing(world, form_data):
    patient = world.client_for(world.patient)
    response = patient.post(_url("call", world.case), _call(form_data), follow=True)
    assert "Only workspace staff can record events" in response.content.decode()
    assert patient.post(_url("call", world.case), _call(form_data), **HTMX).status_code == 403
    outsider = world.client_for(world.outsider)
    missing = outsider.post(_url("call", world.case), _call(form_data))
    assert missing.status_code == 404
    assert b"Avery" not in missing.content
    assert _fresh(world.case).version == 1


def test_anonymous_posts_are_sent_to_log_in(client, world, form_data):
    response = client.post(_url("pa", world.case), form_data("pa", version=1))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_case_page_shows_the_sections_with_forms_for_staff_only(world):
    staff = world.client_for(world.staff)
    for name in ("calls", "prior_authorizations", "denials", "appeals", "sessions", "claims"):
        one = reverse("cases:section", args=[world.case.pk, name.replace("_", "-")])
        assert f'id="section-{name}"' in staff.get(one).content.decode()
    url = reverse("cases:section", args=[world.case.pk, "calls"])
    body = staff.get(url).content.decode()
    assert "Benefits call script" in body
    assert f'hx-post="/cases/{world.case.pk}/calls/"' in body
    assert 'hx-swap="outerHTML"' in body
    assert "<h1>Benefits call script" not in body
    patient = world.client_for(world.patient).get(url)
    assert patient["Location"] == reverse("patients:case", args=[world.case.pk])


def test_a_request_then_its_approval_then_a_session_against_it(world, form_data):
    staff = world.client_for(world.staff)
    pa = form_data(
        "pa",
        version=1,
        treatment="esketamine",
        submitted=_ago(10),
        channel="fax",
        urgency="standard",
    )
    assert staff.post(_url("pa", world.case), pa).status_code == 302
    decision = form_data(
        "decision",
        version=2,
        authorization_id="pa-1",
        decision="approved",
        decided=_ago(5),
        authorization_number="AUTH-9",
        sessions_approved=6,
        valid_from=_ago(5),
        valid_through=_ago(-60),
    )
    assert staff.post(_url("decision", world.case), decision).status_code == 302
    session = form_data(
        "session",
        version=3,
        on=_ago(1),
        treatment="esketamine",
        minutes=120,
        dose_mg="84",
        charge="1050.00",
        authorization_id="pa-1",
    )
    response = staff.post(_url("session", world.case), session, **HTMX)
    body = response.content.decode()
    assert "Session recorded." in body
    assert re.search(r"<td>pa-1 \(AUTH-9\)</td><td>1</td>\s*<td>6</td>\s*<td>5</td>", body)
    record = _fresh(world.case)
    assert record.version == 4
    assert case_of(record).sessions[-1].authorization_id == "pa-1"


def test_an_approval_number_on_a_denial_is_refused_on_its_field(world, form_data):
    staff = world.client_for(world.staff)
    decision = form_data(
        "decision",
        version=1,
        authorization_id="pa-1",
        decision="denied",
        decided="2026-10-30",
        authorization_number="AUTH-X",
        valid_from="2026-11-10",
        valid_through="2026-11-01",
    )
    body = staff.post(_url("decision", world.second_case), decision, **HTMX).content.decode()
    assert "Only an approval has an authorization number." in body
    assert "The last day comes before the first." in body
    assert 'value="AUTH-X"' in body


def test_a_denied_request_offers_to_record_the_denial_prefilled(world, form_data):
    staff = world.client_for(world.staff)
    staff.post(
        _url("pa", world.case),
        form_data(
            "pa",
            version=1,
            treatment="esketamine",
            submitted=_ago(10),
            channel="portal",
            urgency="standard",
        ),
    )
    staff.post(
        _url("decision", world.case),
        form_data(
            "decision", version=2, authorization_id="pa-1", decision="denied", decided=_ago(3)
        ),
    )
    requests = reverse("cases:section", args=[world.case.pk, "prior-authorizations"])
    detail = reverse("cases:section", args=[world.case.pk, "denials"])
    body = staff.get(requests).content.decode()
    assert f"{detail}?denial_for=pa-1#case-section" in body
    prefilled = staff.get(detail, {"denial_for": "pa-1"}).content.decode()
    assert '<option value="pa-1" selected>' in prefilled
    assert f'name="denial-notice_date" value="{_ago(3)}"' in prefilled


def test_a_typed_denial_is_saved_and_its_deadlines_appear(world, form_data):
    data = form_data(
        "denial",
        version=1,
        notice_date="2026-11-16",
        received="2026-11-18",
        pre_service="claim",
        level="initial",
        reason_text="Not medically necessary per policy.",
        carc_codes="CO-50, 16",
        claim_number="CLM-77",
        urgent=True,
    )
    response = world.client_for(world.staff).post(_url("denial", world.second_case), data, **HTMX)
    body = response.content.decode()
    assert "Denial recorded; its deadlines are below." in body
    assert "denial-3" in body
    assert "from claim adjustment reason code CO-50" in body
    denial = case_of(_fresh(world.second_case)).denials[-1]
    assert (denial.pre_service, denial.carc_codes, denial.urgent) == (False, ("CO-50", "16"), True)
    due = _fresh(world.second_case).deadlines.get(kind="appeal_filing", ref="denial-3")
    assert due.due.strftime("%b %-d, %Y") in body


def test_a_bad_reason_code_is_shown_on_its_field(world, form_data):
    data = form_data(
        "denial",
        version=1,
        notice_date="2026-11-16",
        pre_service="claim",
        level="initial",
        carc_codes="ZZ-1",
    )
    body = (
        world.client_for(world.staff)
        .post(_url("denial", world.second_case), data, **HTMX)
        .content.decode()
    )
    assert 'id="id_denial-carc_codes_error"' in body
    assert 'value="ZZ-1"' in body
    assert _fresh(world.second_case).version == 1


def test_an_uploaded_letter_is_classified_and_proposed_for_confirmation(world, pdf):
    content = pdf(
        "Re: request for IV ketamine infusion.",
        "This service is considered experimental and investigational under our policy.",
    )
    upload = SimpleUploadedFile("notice.pdf", content, content_type="application/pdf")
    response = world.client_for(world.staff).post(
        _url("letter", world.second_case), {"letter-letter": upload}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Proposed reason: <strong>experimental or investigational</strong>" in body
    assert "from the notice&#x27;s wording (&quot;experimental&quot;)" in body
    assert '<option value="experimental_investigational" selected>' in body
    assert "considered experimental and investigational under our policy." in body
    assert _fresh(world.second_case).version == 1
    assert len(case_of(_fresh(world.second_case)).denials) == 2


def test_an_upload_that_is_not_a_pdf_by_content_is_refused(world):
    upload = SimpleUploadedFile(
        "notice.pdf", b"experimental and investigational", content_type="application/pdf"
    )
    response = world.client_for(world.staff).post(
        _url("letter", world.case), {"letter-letter": upload}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "the file is not a PDF" in body
    assert 'id="id_letter-letter_error"' in body
    assert not AuditEvent.objects.filter(object_type="denial_letter").exists()


def test_a_patient_cannot_upload_a_letter(world, pdf):
    upload = SimpleUploadedFile("n.pdf", pdf("experimental"), content_type="application/pdf")
    response = world.client_for(world.patient).post(
        _url("letter", world.case), {"letter-letter": upload}, **HTMX
    )
    assert response.status_code == 403


def test_an_appeal_is_filed_and_its_outcome_recorded(world, form_data):
    staff = world.client_for(world.staff)
    filed = form_data(
        "appeal",
        version=1,
        denial_id="denial-1",
        level="internal",
        submitted="2026-11-19",
        expedited=True,
    )
    assert staff.post(_url("appeal", world.second_case), filed).status_code == 302
    outcome = form_data(
        "appeal_decision", version=2, appeal=0, outcome="overturned", decided="2026-11-21"
    )
    body = staff.post(_url("appeal_decision", world.second_case), outcome, **HTMX).content.decode()
    assert "Outcome recorded." in body
    appeal = case_of(_fresh(world.second_case)).appeals[0]
    assert (appeal.expedited, appeal.outcome.value) == (True, "overturned")


def test_a_claim_is_recorded_and_then_paid(world, form_data):
    staff = world.client_for(world.staff)
    claim = form_data(
        "claim",
        version=1,
        claim_number="CLM-5",
        service_from="2026-11-03",
        status="submitted",
        billed="1050.00",
    )
    assert staff.post(_url("claim", world.case), claim).status_code == 302
    update = form_data(
        "claim_update",
        version=2,
        claim=0,
        status="paid",
        allowed="820.00",
        paid="656.00",
        patient_share="164.00",
    )
    body = staff.post(_url("claim_update", world.case), update, **HTMX).content.decode()
    assert "Claim updated." in body
    assert "$656.00" in body
    assert str(case_of(_fresh(world.case)).claims[0].patient_share) == "164.00"


def test_a_claim_without_a_billed_amount_keeps_the_rest(world, form_data):
    claim = form_data(
        "claim",
        version=1,
        claim_number="CLM-6",
        service_from="2026-11-03",
        service_to="2026-11-01",
        status="submitted",
    )
    body = (
        world.client_for(world.staff)
        .post(_url("claim", world.case), claim, **HTMX)
        .content.decode()
    )
    assert 'id="id_claim-billed_error"' in body
    assert "The last date comes before the first." in body
    assert 'value="CLM-6"' in body


def test_a_letter_form_without_a_file_asks_for_one(world):
    response = world.client_for(world.staff).post(_url("letter", world.case), {}, **HTMX)
    assert 'id="id_letter-letter_error"' in response.content.decode()


def test_a_case_without_a_plan_lists_what_the_call_script_needs(world, form_data):
    from dataclasses import replace

    from ketacover.web.cases.services import case_create

    planless = replace(case_of(world.case), id="case-no-plan", plan=None)
    record = case_create(
        user=world.owner, workspace=world.clinic, case=planless, today=world_today()
    )
    staff = world.client_for(world.staff)
    body = staff.get(reverse("cases:section", args=[record.pk, "calls"])).content.decode()
    assert "The script needs:" in body
    answered = staff.post(_url("call", record), _call(form_data), **HTMX).content.decode()
    assert "the case has no plan yet" in answered
    assert 'value="REF-NEW-1"' in answered


def world_today():
    return timezone.localdate()
