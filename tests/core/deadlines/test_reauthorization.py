from datetime import date

import pytest

from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.deadlines.reauthorization import (
    reauthorization_by_date,
    reauthorization_by_sessions,
    reauthorization_reminders,
    sessions_used,
)
from ketacover.core.model import Decision, PriorAuthorization, Session, Treatment

TODAY = date(2026, 6, 1)


def _approval(**kw):
    base = {
        "id": "pa-1",
        "treatment": Treatment.ESKETAMINE,
        "submitted": date(2026, 3, 2),
        "decision": Decision.APPROVED,
        "decided": date(2026, 3, 5),
        "authorization_number": "AUTH-77",
        "sessions_approved": 6,
        "valid_from": date(2026, 3, 9),
        "valid_through": date(2026, 7, 20),
    }
    base.update(kw)
    return PriorAuthorization(**base)


def _sessions(*days, authorization_id="pa-1"):
    return tuple(
        Session(on=day, treatment=Treatment.ESKETAMINE, authorization_id=authorization_id)
        for day in days
    )


FOUR = _sessions(date(2026, 3, 10), date(2026, 3, 13), date(2026, 3, 17), date(2026, 3, 20))


def test_it_reminds_ten_business_days_before_the_approval_ends():
    deadline = reauthorization_by_date(_approval())
    assert deadline is not None
    assert deadline.kind is DeadlineKind.REAUTHORIZATION
    assert deadline.due == date(2026, 7, 6)  # the observed July 3 holiday is skipped
    assert deadline.rule_id == "practice.reauthorization.by_date"
    assert deadline.starts == date(2026, 3, 9)
    assert deadline.ref == "pa-1"
    assert deadline.explain.startswith("The approval AUTH-77 for esketamine")
    assert "our practice" in deadline.clock


@pytest.mark.parametrize(
    "pa",
    [
        _approval(valid_through=None),
        _approval(decision=Decision.PENDING),
        _approval(decision=Decision.DENIED),
    ],
)
def test_it_gives_no_date_reminder_without_an_approval_end(pa):
    assert reauthorization_by_date(pa) is None


def test_a_partial_approval_gets_reminders_too():
    assert reauthorization_by_date(_approval(decision=Decision.PARTIALLY_APPROVED)) is not None


def test_it_counts_only_given_sessions_against_this_approval():
    sessions = (
        *FOUR,
        *_sessions(date(2026, 3, 24), authorization_id="pa-2"),
        *_sessions(date(2026, 6, 2)),  # after today: scheduled, not given
        Session(on=date(2026, 3, 25), treatment=Treatment.ESKETAMINE),
    )
    assert sessions_used(_approval(), sessions, TODAY) == 4


def test_it_reminds_when_two_sessions_remain_dated_by_the_session_that_left_two():
    shuffled = (FOUR[3], FOUR[0], FOUR[2], FOUR[1])
    deadline = reauthorization_by_sessions(_approval(), shuffled, TODAY)
    assert deadline is not None
    assert deadline.due == date(2026, 3, 20)
    assert "4 of 6 approved sessions used, 2 left" in deadline.explain
    assert deadline.rule_id == "practice.reauthorization.by_sessions"


def test_it_does_not_remind_while_more_than_two_sessions_remain():
    assert reauthorization_by_sessions(_approval(), FOUR[:3], TODAY) is None


def test_it_says_when_every_approved_session_is_used():
    six = (*FOUR, *_sessions(date(2026, 3, 24), date(2026, 3, 27)))
    deadline = reauthorization_by_sessions(_approval(), six, TODAY)
    assert deadline is not None
    assert deadline.due == date(2026, 3, 20)
    assert "6 of 6 approved sessions used, none left" in deadline.explain
    assert "new authorization" in deadline.explain


@pytest.mark.parametrize(
    ("pa", "due"),
    [
        (_approval(sessions_approved=2), date(2026, 3, 9)),
        (_approval(sessions_approved=1, valid_from=None), date(2026, 3, 5)),
        (_approval(sessions_approved=2, valid_from=None, decided=None), date(2026, 3, 2)),
    ],
)
def test_a_small_approval_reminds_from_its_start(pa, due):
    deadline = reauthorization_by_sessions(pa, (), TODAY)
    assert deadline is not None
    assert deadline.due == due
    assert deadline.starts == due


@pytest.mark.parametrize(
    "pa", [_approval(sessions_approved=None), _approval(decision=Decision.WITHDRAWN)]
)
def test_it_gives_no_session_reminder_without_an_approved_count(pa):
    assert reauthorization_by_sessions(pa, FOUR, TODAY) is None


def test_it_gathers_both_reminders():
    reminders = reauthorization_reminders(_approval(), FOUR, TODAY)
    assert [r.due for r in reminders] == [date(2026, 7, 6), date(2026, 3, 20)]


def test_an_approval_without_a_number_reads_cleanly():
    deadline = reauthorization_by_date(_approval(authorization_number=None))
    assert deadline is not None
    assert deadline.explain.startswith("The approval for esketamine")
    assert reauthorization_reminders(_approval(valid_through=None), (), TODAY) == ()
