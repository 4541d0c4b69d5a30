from datetime import date, datetime, timedelta, timezone

import pytest

from ketacover.core.deadlines import case_deadlines
from ketacover.core.deadlines.appeals import appeal_filing_window
from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.deadlines.peer_to_peer import peer_to_peer_request_due
from ketacover.core.model import Case, Denial, DenialLevel, Patient, PayerCategory, Plan

P = PayerCategory
K = DeadlineKind
NOTICE = date(2026, 2, 27)
RECEIVED = date(2026, 3, 2)


def _denial(**kw):
    return Denial(id="denial-1", notice_date=kw.pop("notice_date", NOTICE), **kw)


@pytest.mark.parametrize(
    ("category", "denial", "plan_days", "due", "rule_id", "from_notice"),
    [
        # The regime's default: ERISA, 180 days from receipt.
        (P.COMMERCIAL_SELF_FUNDED, _denial(received=RECEIVED), None, date(2026, 8, 29),
         "erisa.appeal_filing", False),
        # The plan's documents: 365 days from receipt replaces the default.
        (P.COMMERCIAL_SELF_FUNDED, _denial(received=RECEIVED), 365, date(2027, 3, 2),
         "plan.appeal_filing", False),
        # The plan's window without a day of receipt counts from the notice date.
        (P.INDIVIDUAL, _denial(), 180, date(2026, 8, 26), "plan.appeal_filing", False),
        # The notice's own window (60 days from the letter's date) wins over both.
        (P.COMMERCIAL_SELF_FUNDED, _denial(received=RECEIVED, appeal_window_days_on_notice=60),
         365, date(2026, 4, 28), "notice_window.appeal_filing", True),
        # A printed last day wins over the notice's window.
        (P.COMMERCIAL_SELF_FUNDED,
         _denial(appeal_window_days_on_notice=60, appeal_deadline_on_notice=date(2026, 4, 10)),
         365, date(2026, 4, 10), "notice.appeal_filing", True),
        # Medicare Advantage: 65 days by default; a 60-day notice window ends on Friday
        # 2026-07-03, Independence Day observed, and is kept.
        (P.MEDICARE_ADVANTAGE, _denial(notice_date=date(2026, 5, 4)), None, date(2026, 7, 8),
         "ma.reconsideration_filing", False),
        (P.MEDICARE_ADVANTAGE,
         _denial(notice_date=date(2026, 5, 4), appeal_window_days_on_notice=60), None,
         date(2026, 7, 3), "notice_window.appeal_filing", True),
        # Medicare: 120 days from presumed receipt (5 days after the date) unless the plan says.
        (P.MEDICARE, _denial(), None, date(2026, 7, 2), "medicare.redetermination_filing", False),
        # No plan category: only what the notice says gives a date.
        (None, _denial(appeal_window_days_on_notice=30), None, date(2026, 3, 29),
         "notice_window.appeal_filing", True),
        # A program with no rule of its own: the plan's stated window gives the date.
        (P.TRICARE, _denial(received=RECEIVED), 90, date(2026, 5, 31), "plan.appeal_filing",
         False),
    ],
)  # fmt: skip
def test_the_notice_then_the_plan_then_the_regime_sets_the_appeal_deadline(
    category: PayerCategory | None,
    denial: Denial,
    plan_days: int | None,
    due: date,
    rule_id: str,
    from_notice: bool,
):
    window = appeal_filing_window(denial, category, plan_window_days=plan_days)
    assert window is not None
    assert (window.deadline.due, window.deadline.rule_id) == (due, rule_id)
    assert window.deadline.from_notice is from_notice
    assert window.deadline.kind is K.APPEAL_FILING


def test_a_shorter_notice_window_is_followed_and_the_difference_is_said():
    denial = _denial(notice_date=date(2026, 5, 4), appeal_window_days_on_notice=60)
    window = appeal_filing_window(denial, P.MEDICARE_ADVANTAGE)
    assert window is not None
    assert window.computed is not None
    assert window.computed.due == date(2026, 7, 8)
    assert "60 days from the date of the letter (2026-05-04)" in window.deadline.explain
    assert "The rules alone would give 2026-07-08" in window.deadline.explain
    assert "The notice allows less time" in window.deadline.explain


def test_without_a_rule_or_a_window_there_is_no_appeal_deadline():
    assert appeal_filing_window(_denial(), P.TRICARE) is None
    assert appeal_filing_window(_denial(), None) is None


def test_a_final_internal_denial_on_an_employer_plan_has_no_appeal_window_even_with_plan_days():
    denial = _denial(level=DenialLevel.FINAL_INTERNAL)
    assert appeal_filing_window(denial, P.COMMERCIAL_SELF_FUNDED, plan_window_days=180) is None


def _case(plan: Plan | None, *denials: Denial) -> Case:
    return Case(
        id="case-0001",
        patient=Patient(given_name="Alex", family_name="Example", date_of_birth=date(1985, 4, 2)),
        plan=plan,
        denials=denials,
    )


def test_the_case_honors_the_plans_appeal_window_days():
    plan = Plan(payer="Example Health", category=P.COMMERCIAL_FULLY_INSURED, appeal_window_days=90)
    found = case_deadlines(_case(plan, _denial(received=RECEIVED)), RECEIVED)
    (appeal,) = [d for d in found if d.kind is K.APPEAL_FILING]
    assert appeal.due == date(2026, 5, 31)
    assert appeal.file_by == date(2026, 5, 29)
    assert "The plan's documents allow 90 days" in appeal.explain
    assert "The plan allows less time" in appeal.explain


@pytest.mark.parametrize(
    ("denial", "due"),
    [
        (_denial(peer_to_peer_window_days=14), date(2026, 3, 13)),
        (_denial(peer_to_peer_deadline=date(2026, 3, 9)), date(2026, 3, 9)),
        (_denial(peer_to_peer_window_days=14, peer_to_peer_deadline=date(2026, 3, 9)),
         date(2026, 3, 9)),
        (_denial(), None),
        (_denial(peer_to_peer_window_days=14,
                 peer_to_peer=datetime(2026, 3, 5, 10, 0, tzinfo=timezone(timedelta(hours=-5)))),
         None),
    ],
)  # fmt: skip
def test_the_peer_to_peer_request_window_is_tracked_until_a_call_is_scheduled(
    denial: Denial, due: date | None
):
    deadline = peer_to_peer_request_due(denial)
    assert (None if deadline is None else deadline.due) == due
    if deadline is not None:
        assert deadline.kind is K.PEER_TO_PEER_REQUEST
        assert deadline.from_notice
        assert "does not stop the appeal clock" in deadline.explain


def test_a_peer_to_peer_window_ending_on_a_sunday_gets_a_file_by_day():
    # 2026-02-27 + 9 days is Sunday 2026-03-08.
    found = case_deadlines(_case(None, _denial(peer_to_peer_window_days=9)), NOTICE)
    (peer,) = [d for d in found if d.kind is K.PEER_TO_PEER_REQUEST]
    assert peer.due == date(2026, 3, 8)
    assert peer.file_by == date(2026, 3, 6)
    assert "file by Friday 2026-03-06" in peer.explain
