from datetime import date

from ketacover.core.deadlines import case_deadlines
from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.model import (
    Appeal,
    AppealLevel,
    AppealOutcome,
    Case,
    Decision,
    Denial,
    DenialLevel,
    Patient,
    PayerCategory,
    Plan,
    PriorAuthorization,
    Session,
    Treatment,
    TreatmentPlan,
)

K = DeadlineKind
TODAY = date(2026, 6, 1)
PATIENT = Patient(given_name="Alex", family_name="Example", date_of_birth=date(1985, 4, 2))
EMPLOYER_PLAN = Plan(
    payer="Example Health", category=PayerCategory.COMMERCIAL_SELF_FUNDED, grandfathered=False
)


def _case(**kw):
    return Case(id="case-0001", patient=PATIENT, **kw)


def _rows(deadlines):
    return [(d.kind, d.due, d.ref) for d in deadlines]


def test_a_pending_request_gives_its_decision_date_and_a_follow_up():
    pa = PriorAuthorization(id="pa-1", treatment=Treatment.ESKETAMINE, submitted=date(2026, 3, 2))
    deadlines = case_deadlines(_case(plan=EMPLOYER_PLAN, prior_authorizations=(pa,)), TODAY)
    assert _rows(deadlines) == [
        (K.PA_FOLLOW_UP, date(2026, 3, 16), "pa-1"),
        (K.PA_DECISION, date(2026, 3, 17), "pa-1"),
    ]


def test_without_a_plan_only_payer_independent_dates_are_given():
    pa = PriorAuthorization(id="pa-1", treatment=Treatment.ESKETAMINE, submitted=date(2026, 3, 2))
    printed = Denial(
        id="denial-1",
        notice_date=date(2026, 4, 1),
        appeal_deadline_on_notice=date(2026, 9, 28),
    )
    silent = Denial(id="denial-2", notice_date=date(2026, 4, 1))
    deadlines = case_deadlines(_case(prior_authorizations=(pa,), denials=(printed, silent)), TODAY)
    assert _rows(deadlines) == [
        (K.PA_FOLLOW_UP, date(2026, 3, 9), "pa-1"),
        (K.APPEAL_FILING, date(2026, 9, 28), "denial-1"),
    ]
    assert deadlines[1].from_notice is True


def test_an_approved_request_gives_re_authorization_reminders():
    pa = PriorAuthorization(
        id="pa-1",
        treatment=Treatment.IV_KETAMINE,
        submitted=date(2026, 3, 2),
        decision=Decision.APPROVED,
        decided=date(2026, 3, 5),
        sessions_approved=6,
        valid_through=date(2026, 7, 20),
    )
    sessions = tuple(
        Session(on=date(2026, 3, day), treatment=Treatment.IV_KETAMINE, authorization_id="pa-1")
        for day in (9, 11, 13, 16)
    )
    deadlines = case_deadlines(
        _case(plan=EMPLOYER_PLAN, prior_authorizations=(pa,), sessions=sessions), TODAY
    )
    assert _rows(deadlines) == [
        (K.REAUTHORIZATION, date(2026, 3, 16), "pa-1"),
        (K.REAUTHORIZATION, date(2026, 7, 6), "pa-1"),
    ]


def test_an_approval_followed_by_a_new_request_gets_no_reminders():
    first = PriorAuthorization(
        id="pa-1",
        treatment=Treatment.ESKETAMINE,
        submitted=date(2026, 1, 5),
        decision=Decision.APPROVED,
        valid_through=date(2026, 2, 2),
    )
    other_treatment = PriorAuthorization(
        id="pa-3",
        treatment=Treatment.IV_KETAMINE,
        submitted=date(2026, 1, 20),
        decision=Decision.WITHDRAWN,
    )
    renewal = PriorAuthorization(
        id="pa-2",
        treatment=Treatment.ESKETAMINE,
        submitted=date(2026, 1, 19),
        decision=Decision.APPROVED,
        valid_through=date(2026, 7, 20),
    )
    deadlines = case_deadlines(
        _case(plan=EMPLOYER_PLAN, prior_authorizations=(first, other_treatment, renewal)), TODAY
    )
    assert _rows(deadlines) == [(K.REAUTHORIZATION, date(2026, 7, 6), "pa-2")]


def test_denials_give_filing_windows_until_an_appeal_is_filed():
    initial = Denial(id="denial-1", notice_date=date(2026, 2, 27), received=date(2026, 3, 2))
    appealed = Denial(id="denial-2", notice_date=date(2026, 1, 5))
    final = Denial(
        id="denial-3",
        notice_date=date(2026, 10, 27),
        received=date(2026, 10, 30),
        level=DenialLevel.FINAL_INTERNAL,
    )
    appeal = Appeal(denial_id="denial-2", submitted=date(2026, 1, 20), outcome=AppealOutcome.UPHELD)
    deadlines = case_deadlines(
        _case(plan=EMPLOYER_PLAN, denials=(initial, appealed, final), appeals=(appeal,)), TODAY
    )
    assert _rows(deadlines) == [
        (K.APPEAL_FILING, date(2026, 8, 29), "denial-1"),
        (K.EXTERNAL_REVIEW_FILING, date(2027, 3, 1), "denial-3"),
    ]


def test_pending_appeals_give_decision_dates_using_their_denials():
    post_service = Denial(id="denial-1", notice_date=date(2026, 2, 2), pre_service=False)
    final = Denial(id="denial-2", notice_date=date(2026, 4, 1), level=DenialLevel.FINAL_INTERNAL)
    appeals = (
        Appeal(denial_id="denial-1", submitted=date(2026, 3, 2)),
        Appeal(denial_id="denial-2", level=AppealLevel.EXTERNAL_REVIEW, submitted=date(2026, 4, 6)),
        Appeal(denial_id="missing", submitted=date(2026, 3, 2)),
        Appeal(denial_id="denial-1", submitted=date(2026, 2, 3), outcome=AppealOutcome.UPHELD),
        Appeal(denial_id="denial-2", level=AppealLevel.STATE_FAIR_HEARING, submitted=TODAY),
    )
    deadlines = case_deadlines(
        _case(plan=EMPLOYER_PLAN, denials=(post_service, final), appeals=appeals), TODAY
    )
    assert _rows(deadlines) == [
        (K.APPEAL_DECISION, date(2026, 4, 1), "missing"),
        (K.APPEAL_DECISION, date(2026, 5, 1), "denial-1"),
        (K.EXTERNAL_REVIEW_DECISION, date(2026, 5, 21), "denial-2"),
    ]
    assert "shorter pre-service clock" in deadlines[0].explain


def test_the_treatment_of_an_appealed_denial_comes_from_its_request_or_the_plan():
    ma_plan = Plan(payer="Example Advantage", category=PayerCategory.MEDICARE_ADVANTAGE)
    pa = PriorAuthorization(
        id="pa-1",
        treatment=Treatment.ESKETAMINE,
        submitted=date(2026, 2, 2),
        decision=Decision.DENIED,
    )
    linked = Denial(id="denial-1", notice_date=date(2026, 2, 6), prior_authorization_id="pa-1")
    dangling = Denial(id="denial-2", notice_date=date(2026, 2, 6), prior_authorization_id="pa-9")
    appeals = (
        Appeal(denial_id="denial-1", submitted=date(2026, 2, 9)),
        Appeal(denial_id="denial-2", submitted=date(2026, 2, 10)),
    )

    def explains(treatment_plan):
        case = _case(
            plan=ma_plan,
            prior_authorizations=(pa,),
            denials=(linked, dangling),
            appeals=appeals,
            treatment_plan=treatment_plan,
        )
        return ["Part B drug" in d.explain for d in case_deadlines(case, TODAY)]

    assert explains(None) == [True, False]
    iv_plan = TreatmentPlan(treatment=Treatment.IV_KETAMINE, sessions=6)
    assert explains(iv_plan) == [True, False]
    esk_plan = TreatmentPlan(treatment=Treatment.ESKETAMINE, sessions=8)
    assert explains(esk_plan) == [True, True]


def test_past_deadlines_are_kept_and_everything_is_sorted_by_date():
    pa = PriorAuthorization(id="pa-1", treatment=Treatment.ESKETAMINE, submitted=date(2026, 1, 5))
    denial = Denial(id="denial-1", notice_date=date(2025, 12, 1))
    deadlines = case_deadlines(
        _case(plan=EMPLOYER_PLAN, prior_authorizations=(pa,), denials=(denial,)), TODAY
    )
    dues = [d.due for d in deadlines]
    assert dues == sorted(dues)
    assert all(due < TODAY for due in dues[:2])
    assert len(deadlines) == 3
