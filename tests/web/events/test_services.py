from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ketacover.core.errors import KetacoverError
from ketacover.core.model import (
    AppealLevel,
    AppealOutcome,
    Channel,
    ClaimStatus,
    Decision,
    DenialReason,
    Treatment,
    Urgency,
)
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import (
    ConflictError,
    PermissionDeniedError,
    case_create,
    case_of,
)
from ketacover.web.events import services

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)
AT = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)


def _call(world, record, version=1, **answers):
    return services.call_record(
        user=world.staff,
        record=record,
        expected_version=version,
        today=TODAY,
        at=AT,
        channel=Channel.PHONE,
        party="Behavioral health line",
        representative="Rep 7",
        reference="REF-77",
        answers=answers,
    )


def test_a_call_sets_the_plan_facts_it_answers_and_keeps_them_as_answers(world):
    record = _call(
        world,
        world.case,
        prior_authorization_required=False,
        out_of_network_benefits=False,
        ketamine_infusion_covered=True,
        esketamine_covered=None,
        appeal_window_days=60,
    )
    case = case_of(record)
    assert record.version == 2
    assert case.plan is not None
    assert case.plan.prior_authorization_required is False
    assert case.plan.out_of_network_benefits is False
    assert case.plan.ketamine_infusion_covered is True
    assert case.plan.esketamine_covered is True  # unanswered: left as it was
    assert case.plan.appeal_window_days == 60
    call = case.calls[-1]
    assert call.reference == "REF-77"
    assert [(a.question, a.answer) for a in call.answers] == [
        ("Is prior authorization required?", "No"),
        ("Does the plan have out-of-network benefits?", "No"),
        ("Is IV ketamine covered for this diagnosis?", "Yes"),
        ("How many days are there to file an appeal?", "60 days"),
    ]
    event = AuditEvent.objects.filter(action=Action.UPDATE, object_type="case").latest("id")
    assert event.detail["added"] == "calls"
    assert event.detail["plan_facts"] == [
        "appeal_window_days",
        "ketamine_infusion_covered",
        "out_of_network_benefits",
        "prior_authorization_required",
    ]


def test_a_call_without_answers_changes_no_plan_fact(world):
    before = case_of(world.case).plan
    record = _call(world, world.case)
    assert case_of(record).plan == before
    assert case_of(record).calls[-1].answers == ()


def test_a_call_needs_a_time_zone(world):
    with pytest.raises(KetacoverError, match=r"^at: "):
        services.call_record(
            user=world.staff,
            record=world.case,
            expected_version=1,
            today=TODAY,
            at=datetime(2026, 11, 20, 15, 30),  # noqa: DTZ001 - the missing zone is the point
            channel=Channel.PHONE,
        )


def test_answers_need_a_plan_to_go_to(world):
    planless = replace(case_of(world.case), id="case-no-plan", plan=None)
    record = case_create(user=world.owner, workspace=world.clinic, case=planless, today=TODAY)
    with pytest.raises(KetacoverError, match=r"^plan: "):
        _call(world, record, esketamine_covered=True)
    assert CaseRecord.objects.get(pk=record.pk).version == 1


def test_a_stale_version_is_a_conflict_and_keeps_the_first_save(world):
    _call(world, world.case)
    with pytest.raises(ConflictError) as raised:
        _call(world, CaseRecord.objects.get(pk=world.case.pk), version=1)
    assert raised.value.current.version == 2
    assert len(case_of(raised.value.current).calls) == 2


def test_a_patient_cannot_record_events(world):
    with pytest.raises(PermissionDeniedError):
        services.call_record(
            user=world.patient,
            record=world.case,
            expected_version=1,
            today=TODAY,
            at=AT,
            channel=Channel.PHONE,
        )
    assert not services.editable(user=world.patient, record=world.case)
    assert services.editable(user=world.staff, record=world.case)
    assert not services.editable(user=world.outsider, record=world.case)


def _submit(world, record, version=1, submitted=date(2026, 11, 16)):
    return services.prior_authorization_submit(
        user=world.staff,
        record=record,
        expected_version=version,
        today=TODAY,
        treatment=Treatment.ESKETAMINE,
        submitted=submitted,
        channel=Channel.FAX,
        urgency=Urgency.URGENT,
        reference="PA-REF",
    )


def test_requests_get_the_next_free_id(world):
    first = _submit(world, world.case)
    second = _submit(world, first, version=2)
    assert [pa.id for pa in case_of(second).prior_authorizations] == ["pa-1", "pa-2"]
    assert case_of(second).prior_authorizations[0].urgency is Urgency.URGENT
    running = _submit(world, world.second_case)  # already has pa-1
    assert case_of(running).prior_authorizations[-1].id == "pa-2"


def test_a_request_cannot_be_dated_in_the_future(world):
    with pytest.raises(KetacoverError, match=r"^submitted: "):
        _submit(world, world.case, submitted=date(2026, 11, 24))


def _decide(world, record, decision, version=2, decided=date(2026, 11, 20), pa="pa-1"):
    return services.prior_authorization_decide(
        user=world.staff,
        record=record,
        expected_version=version,
        today=TODAY,
        authorization_id=pa,
        decision=decision,
        decided=decided,
        authorization_number="AUTH-1",
        sessions_approved=8,
        valid_from=date(2026, 11, 23),
        valid_through=date(2027, 2, 23),
    )


def test_an_approval_keeps_its_number_sessions_and_dates(world):
    record = _decide(world, _submit(world, world.case), Decision.APPROVED)
    pa = case_of(record).prior_authorizations[0]
    assert (pa.decision, pa.authorization_number, pa.sessions_approved) == (
        Decision.APPROVED,
        "AUTH-1",
        8,
    )
    assert pa.valid_through == date(2027, 2, 23)
    assert record.deadlines.filter(kind="reauthorization", ref="pa-1").exists()


def test_a_denial_decision_drops_the_approval_fields(world):
    record = _decide(world, _submit(world, world.case), Decision.DENIED)
    pa = case_of(record).prior_authorizations[0]
    assert pa.decision is Decision.DENIED
    assert (pa.authorization_number, pa.sessions_approved, pa.valid_from) == (None, None, None)


@pytest.mark.parametrize(
    ("pa", "decided", "field"),
    [("pa-9", date(2026, 11, 20), "authorization_id"), ("pa-1", date(2026, 11, 1), "decided")],
)
def test_a_decision_names_a_known_request_and_follows_it(world, pa, decided, field):
    record = _submit(world, world.case)
    with pytest.raises(KetacoverError, match=f"^{field}: "):
        _decide(world, record, Decision.APPROVED, decided=decided, pa=pa)


def _deny(world, record, version=1, **extra):
    values = {
        "notice_date": date(2026, 11, 18),
        "received": date(2026, 11, 20),
        "reason_text": "Considered experimental.",
        "carc_codes": ("co-55",),
    }
    values.update(extra)
    return services.denial_record(
        user=world.staff, record=record, expected_version=version, today=TODAY, **values
    )


def test_a_denial_is_numbered_its_codes_normalized_and_its_deadlines_computed(world):
    record = _deny(world, world.second_case, prior_authorization_id="pa-1")
    denial = case_of(record).denials[-1]
    assert denial.id == "denial-3"
    assert denial.carc_codes == ("CO-55",)
    assert denial.prior_authorization_id == "pa-1"
    assert record.deadlines.filter(kind="appeal_filing", ref="denial-3").exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"carc_codes": ("0",)}, "carc_codes"), ({"prior_authorization_id": "pa-7"}, "prior_")],
)
def test_a_denial_with_a_bad_code_or_request_is_refused(world, extra, field):
    with pytest.raises(KetacoverError, match=f"^{field}"):
        _deny(world, world.second_case, **extra)
    assert CaseRecord.objects.get(pk=world.second_case.pk).version == 1


def test_a_denial_letter_is_read_and_classified_without_being_kept(world, pdf):
    content = pdf(
        "Example Health, notice of adverse benefit determination.",
        "The requested IV ketamine is experimental and investigational for this diagnosis.",
    )
    proposal = services.denial_letter_read(
        user=world.staff, record=world.case, content=content, today=TODAY
    )
    assert proposal.classification.reason is DenialReason.EXPERIMENTAL_INVESTIGATIONAL
    assert proposal.classification.basis == 'from the notice\'s wording ("experimental")'
    assert "experimental and investigational" in proposal.reason_text
    assert "notice of adverse" not in proposal.reason_text
    assert proposal.pages == 1
    assert CaseRecord.objects.get(pk=world.case.pk).version == 1
    event = AuditEvent.objects.get(object_type="denial_letter")
    assert event.detail == {"case": world.case.pk, "pages": 1}


def test_a_letter_without_a_telling_phrase_is_proposed_as_other(world, pdf):
    proposal = services.denial_letter_read(
        user=world.staff,
        record=world.case,
        content=pdf("We have reviewed the request."),
        today=TODAY,
    )
    assert proposal.classification.reason is DenialReason.OTHER
    assert proposal.reason_text == "We have reviewed the request."


def test_a_patient_cannot_have_a_letter_read(world, pdf):
    with pytest.raises(PermissionDeniedError):
        services.denial_letter_read(
            user=world.patient, record=world.case, content=pdf("experimental"), today=TODAY
        )


def _appeal(world, record, version=1, denial="denial-1", submitted=date(2026, 11, 19)):
    return services.appeal_file(
        user=world.staff,
        record=record,
        expected_version=version,
        today=TODAY,
        denial_id=denial,
        level=AppealLevel.INTERNAL,
        submitted=submitted,
        expedited=True,
        reference="APL-1",
    )


def test_an_appeal_is_filed_and_decided(world):
    filed = _appeal(world, world.second_case)
    assert case_of(filed).appeals[-1].expedited is True
    index = len(case_of(filed).appeals) - 1
    decided = services.appeal_decide(
        user=world.staff,
        record=filed,
        expected_version=2,
        today=TODAY,
        appeal=index,
        outcome=AppealOutcome.OVERTURNED,
        decided=date(2026, 11, 22),
    )
    appeal = case_of(decided).appeals[index]
    assert (appeal.outcome, appeal.decided) == (AppealOutcome.OVERTURNED, date(2026, 11, 22))
    assert decided.version == 3


@pytest.mark.parametrize(
    ("denial", "submitted", "field"),
    [("denial-9", date(2026, 11, 19), "denial_id"), ("denial-1", date(2026, 10, 1), "submitted")],
)
def test_an_appeal_answers_a_known_denial_after_its_notice(world, denial, submitted, field):
    with pytest.raises(KetacoverError, match=f"^{field}: "):
        _appeal(world, world.second_case, denial=denial, submitted=submitted)


@pytest.mark.parametrize(
    ("index", "decided", "field"), [(5, TODAY, "appeal"), (0, date(2026, 11, 1), "decided")]
)
def test_an_appeal_decision_names_a_filed_appeal_and_follows_it(world, index, decided, field):
    filed = _appeal(world, world.second_case)
    with pytest.raises(KetacoverError, match=f"^{field}: "):
        services.appeal_decide(
            user=world.staff,
            record=filed,
            expected_version=2,
            today=TODAY,
            appeal=index,
            outcome=AppealOutcome.UPHELD,
            decided=decided,
        )


def test_a_session_counts_against_an_approved_request_only(world):
    pending = _submit(world, world.case)
    with pytest.raises(KetacoverError, match=r"^authorization_id: "):
        services.session_record(
            user=world.staff,
            record=pending,
            expected_version=2,
            today=TODAY,
            on=date(2026, 11, 21),
            treatment=Treatment.ESKETAMINE,
            authorization_id="pa-1",
        )
    approved = _decide(world, pending, Decision.APPROVED)
    assert services.approved_authorizations(case_of(approved)) == ["pa-1"]
    record = services.session_record(
        user=world.staff,
        record=approved,
        expected_version=3,
        today=TODAY,
        on=date(2026, 11, 23),
        treatment=Treatment.ESKETAMINE,
        minutes=120,
        dose_mg=Decimal("84"),
        charge=Decimal("1050.00"),
        amount_paid=Decimal("210.00"),
        authorization_id="pa-1",
    )
    session = case_of(record).sessions[-1]
    assert (session.authorization_id, session.dose_mg, session.amount_paid) == (
        "pa-1",
        Decimal("84"),
        Decimal("210.00"),
    )


def test_a_claim_is_recorded_then_its_payment(world):
    record = services.claim_record(
        user=world.staff,
        record=world.case,
        expected_version=1,
        today=TODAY,
        service_from=date(2026, 11, 10),
        billed=Decimal("1050.00"),
        claim_number="CLM-9",
    )
    assert case_of(record).claims[-1].status is ClaimStatus.SUBMITTED
    paid = services.claim_update(
        user=world.staff,
        record=record,
        expected_version=2,
        today=TODAY,
        claim=0,
        status=ClaimStatus.PAID,
        allowed=Decimal("820.00"),
        paid=Decimal("656.00"),
        patient_share=Decimal("164.00"),
    )
    claim = case_of(paid).claims[0]
    assert (claim.status, claim.paid, claim.patient_share, claim.billed) == (
        ClaimStatus.PAID,
        Decimal("656.00"),
        Decimal("164.00"),
        Decimal("1050.00"),
    )
    with pytest.raises(KetacoverError, match=r"^claim: "):
        services.claim_update(
            user=world.staff,
            record=paid,
            expected_version=3,
            today=TODAY,
            claim=4,
            status=ClaimStatus.PAID,
        )
