"""Tests for ketacover.core.model.timeshift: a case moved in time by whole weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from ketacover.core.deadlines import case_deadlines
from ketacover.core.model.timeshift import shifted, weeks_between
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def test_weeks_between_counts_whole_weeks_and_rounds_down() -> None:
    written = date(2026, 11, 23)
    assert weeks_between(written, date(2026, 11, 23)) == 0
    assert weeks_between(written, date(2026, 11, 29)) == 0
    assert weeks_between(written, date(2026, 11, 30)) == 1
    assert weeks_between(written, date(2026, 12, 7)) == 2
    assert weeks_between(written, date(2026, 11, 16)) == -1


def test_every_date_and_time_in_a_case_moves_by_the_same_days() -> None:
    case = load_case(EXAMPLES / "approved-pa-reauth.yaml")
    moved = shifted(case, 14)
    assert moved.patient.date_of_birth == date(1981, 10, 11)
    assert case.sessions
    assert [(m.on - s.on).days for m, s in zip(moved.sessions, case.sessions, strict=True)] == [
        14
    ] * len(case.sessions)
    assert [s.on.weekday() for s in moved.sessions] == [s.on.weekday() for s in case.sessions]
    assert moved.id == case.id
    assert moved.notes == case.notes


def test_calls_keep_their_time_of_day() -> None:
    case = load_case(EXAMPLES / "esketamine-ready-ppo.yaml")
    moved = shifted(case, 7)
    assert case.calls
    assert [(m.at - c.at).days for m, c in zip(moved.calls, case.calls, strict=True)] == [7] * len(
        case.calls
    )
    assert [m.at.time() for m in moved.calls] == [c.at.time() for c in case.calls]


def test_a_shifted_case_has_the_same_deadlines_shifted() -> None:
    case = load_case(EXAMPLES / "denial-appeal-running.yaml")
    today = date(2026, 11, 23)
    before = case_deadlines(case, today=today)
    after = case_deadlines(shifted(case, 21), today=date(2026, 12, 14))
    assert [(d.kind, d.due.toordinal() + 21) for d in before] == [
        (d.kind, d.due.toordinal()) for d in after
    ]


def test_a_zero_shift_returns_the_case_itself() -> None:
    case = load_case(EXAMPLES / "medicare-esketamine.yaml")
    assert shifted(case, 0) is case


def test_text_numbers_and_times_of_day_are_kept() -> None:
    moment = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    assert shifted((moment, "2026-11-02", 3), 7) == (
        datetime(2026, 11, 9, 9, 30, tzinfo=UTC),
        "2026-11-02",
        3,
    )
