from datetime import date

import pytest

from ketacover.core.deadlines import case_deadlines
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.deadlines.last_day import (
    closed_day_reason,
    last_day_note,
    weekday_and_date,
    with_last_day_note,
)
from ketacover.core.model import Case, Denial, Patient, PayerCategory, Plan
from ketacover.core.sources import Source

K = DeadlineKind


def _deadline(due: date, kind: DeadlineKind = K.APPEAL_FILING) -> Deadline:
    return Deadline(
        kind=kind,
        due=due,
        rule_id="test.rule",
        explain="File the appeal.",
        clock="180 calendar days from receipt of the denial notice",
        source=Source("29 CFR 2560.503-1(h)(3)(i)"),
        starts=date(2026, 1, 1),
    )


@pytest.mark.parametrize(
    ("due", "reason", "file_by"),
    [
        (date(2026, 8, 29), "a weekend day", date(2026, 8, 28)),
        (date(2026, 8, 30), "a weekend day", date(2026, 8, 28)),
        # Independence Day 2026 is a Saturday, observed on Friday 2026-07-03.
        (date(2026, 7, 4), "a weekend day (Independence Day)", date(2026, 7, 2)),
        (date(2026, 7, 3), "a federal holiday (Independence Day (observed))", date(2026, 7, 2)),
        # Independence Day 2027 is a Sunday, observed on Monday 2027-07-05.
        (date(2027, 7, 4), "a weekend day (Independence Day)", date(2027, 7, 2)),
        (date(2027, 7, 5), "a federal holiday (Independence Day (observed))", date(2027, 7, 2)),
        (date(2026, 9, 7), "a federal holiday (Labor Day)", date(2026, 9, 4)),
        (date(2026, 11, 26), "a federal holiday (Thanksgiving Day)", date(2026, 11, 25)),
        (date(2026, 12, 25), "a federal holiday (Christmas Day)", date(2026, 12, 24)),
        # New Year's Day 2027 is a Friday: file by the last business day of 2026.
        (date(2027, 1, 1), "a federal holiday (New Year's Day)", date(2026, 12, 31)),
        # Memorial Day then a weekend before it: the Friday before.
        (date(2026, 5, 25), "a federal holiday (Memorial Day)", date(2026, 5, 22)),
        (date(2026, 3, 4), None, None),
        (date(2026, 7, 6), None, None),
    ],
)
def test_a_last_day_on_a_closed_day_keeps_its_date_and_gets_a_file_by_day(
    due: date, reason: str | None, file_by: date | None
):
    deadline = _deadline(due)
    assert closed_day_reason(due) == reason
    assert deadline.file_by == file_by
    noted = with_last_day_note(deadline)
    assert noted.due == due
    if file_by is None:
        assert noted == deadline
    else:
        assert f"file by {weekday_and_date(file_by)}, the business day before" in noted.explain
        assert weekday_and_date(due) in noted.explain
        assert "is not moved" in noted.explain


@pytest.mark.parametrize("kind", [K.PA_DECISION, K.APPEAL_DECISION, K.EXTERNAL_REVIEW_DECISION])
def test_a_decision_the_plan_owes_names_the_closed_day_without_a_file_by_day(kind: DeadlineKind):
    deadline = _deadline(date(2026, 8, 29), kind)
    assert deadline.file_by is None
    note = last_day_note(deadline)
    assert note is not None
    assert "Saturday 2026-08-29" in note
    assert "file by" not in note


@pytest.mark.parametrize(
    "kind",
    [K.APPEAL_FILING, K.EXTERNAL_REVIEW_FILING, K.PEER_TO_PEER_REQUEST, K.REAUTHORIZATION],
)
def test_every_deadline_the_patient_or_clinic_acts_on_gets_a_file_by_day(kind: DeadlineKind):
    assert _deadline(date(2026, 7, 4), kind).file_by == date(2026, 7, 2)


def test_the_note_is_added_once():
    once = with_last_day_note(_deadline(date(2026, 8, 29)))
    assert with_last_day_note(once) == once


def test_weekdays_and_dates_are_written_together():
    assert weekday_and_date(date(2026, 7, 3)) == "Friday 2026-07-03"


def test_a_case_shows_a_saturday_appeal_deadline_with_its_file_by_day():
    # ERISA: 180 days from receipt on 2026-03-02 is Saturday 2026-08-29; the date is kept.
    case = Case(
        id="case-0001",
        patient=Patient(given_name="Alex", family_name="Example", date_of_birth=date(1985, 4, 2)),
        plan=Plan(payer="Example Health", category=PayerCategory.COMMERCIAL_SELF_FUNDED),
        denials=(Denial(id="denial-1", notice_date=date(2026, 2, 27), received=date(2026, 3, 2)),),
    )
    (appeal,) = [d for d in case_deadlines(case, date(2026, 3, 3)) if d.kind is K.APPEAL_FILING]
    assert appeal.due == date(2026, 8, 29)
    assert appeal.file_by == date(2026, 8, 28)
    assert "The last day, Saturday 2026-08-29, is a weekend day" in appeal.explain
    assert "file by Friday 2026-08-28" in appeal.explain
