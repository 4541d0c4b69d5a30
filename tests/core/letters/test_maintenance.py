"""The labeled esketamine schedule: the phase of each week of treatment and the most sessions the
label gives in a stretch of dates."""

from datetime import date, timedelta

import pytest

from ketacover.core.letters import maintenance

FIRST = date(2026, 11, 3)


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2026, 11, 3), 1),
        (date(2026, 11, 9), 1),
        (date(2026, 11, 10), 2),
        (date(2026, 11, 30), 4),
        (date(2026, 12, 1), 5),
        (date(2026, 12, 29), 9),
    ],
)
def test_week_one_begins_on_the_first_session(day, week):
    assert maintenance.week_of(FIRST, day) == week


@pytest.mark.parametrize(
    ("week", "frequency", "per_week"),
    [
        (1, "twice weekly", 2),
        (4, "twice weekly", 2),
        (5, "once weekly", 1),
        (8, "once weekly", 1),
        (9, "once weekly or every 2 weeks", 1),
        (52, "once weekly or every 2 weeks", 1),
    ],
)
def test_the_label_doses_twice_weekly_then_weekly_then_weekly_or_every_two_weeks(
    week, frequency, per_week
):
    phase = maintenance.phase_of(week)
    assert (phase.frequency, phase.per_week) == (frequency, per_week)


def test_a_stretch_counts_only_the_weeks_that_begin_within_it():
    found = maintenance.stretches(FIRST, date(2026, 11, 30), date(2026, 12, 27))
    assert [(s.first_week, s.last_week, s.sessions) for s in found] == [(5, 8, 4)]
    assert found[0].start == date(2026, 12, 1)
    assert found[0].end == date(2026, 12, 27)


def test_a_stretch_across_phases_is_split_by_phase():
    found = maintenance.stretches(FIRST, date(2026, 11, 17), date(2027, 1, 11))
    assert [(s.weeks_text(), s.sessions) for s in found] == [
        ("weeks 3 to 4", 4),
        ("weeks 5 to 8", 4),
        ("weeks 9 to 10", 2),
    ]
    assert found[-1].end == date(2027, 1, 11)


def test_no_week_begins_in_a_stretch_shorter_than_the_rest_of_a_week():
    start = FIRST + timedelta(days=1)
    assert maintenance.stretches(FIRST, start, start + timedelta(days=5)) == ()


def test_the_schedule_cites_the_prescribing_information():
    assert "SPRAVATO" in maintenance.TRD_DOSING.citation
    assert maintenance.TRD_DOSING.url
