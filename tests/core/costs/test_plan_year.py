from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.costs.amounts import CostInputError
from ketacover.core.costs.pathways import CostInputs, in_network_pa
from ketacover.core.costs.plan_year import (
    course_plan_years,
    new_plan_year_flags,
    parse_month_day,
    plan_year_of,
    session_dates,
)
from ketacover.core.costs.share import share_for_sessions
from ketacover.core.coverage.result import PathwayId
from ketacover.core.model import CostShare, PayerCategory, Plan, Treatment, TreatmentPlan

D = Decimal

# Deductible already met this year; $1,000 of the $5,000 out-of-pocket maximum still to go.
LATE_IN_THE_YEAR = CostShare(
    deductible=D("1000"),
    deductible_met=D("1000"),
    coinsurance_percent=D("20"),
    out_of_pocket_max=D("5000"),
    out_of_pocket_met=D("4000"),
)
PLAN = Plan(
    payer="Example Health",
    category=PayerCategory.COMMERCIAL_FULLY_INSURED,
    in_network=LATE_IN_THE_YEAR,
)
# 8 infusions over 4 weeks from Monday 2026-12-14: six in December, two in January.
COURSE = TreatmentPlan(
    treatment=Treatment.IV_KETAMINE,
    sessions=8,
    allowed_per_session=D("500"),
    start=date(2026, 12, 14),
    weeks=4,
)


def _cost(plan: Plan, course: TreatmentPlan = COURSE):
    inputs = CostInputs.checked(
        course, plan, state=None, marginal_tax_rate=None, account_limit=None
    )
    return in_network_pa(PathwayId.IV_KETAMINE_PA, inputs)


def test_a_course_from_december_into_january_pays_the_new_deductible_for_the_january_sessions():
    cost = _cost(PLAN)
    # December: 6 x 20% of $500 = $600. January: the $1,000 deductible again, $500 + $500.
    assert cost.up_front == D("1600.00")
    assert any(
        "runs across the start of a plan year (January 1): from 2027-01-04" in note
        for note in cost.notes
    )
    assert not any("All sessions are taken to fall in one plan year" in n for n in cost.notes)


def test_a_plan_year_starting_in_july_keeps_the_same_course_in_one_plan_year():
    cost = _cost(replace(PLAN, plan_year_start="07-01"))
    assert cost.up_front == D("800.00")
    assert any(
        "All 8 sessions (2026-12-14 to 2027-01-07) fall in one plan year" in n for n in cost.notes
    )


def test_without_a_start_or_length_the_course_is_taken_to_fall_in_one_plan_year():
    cost = _cost(PLAN, replace(COURSE, weeks=None))
    assert cost.up_front == D("800.00")
    assert any("All sessions are taken to fall in one plan year" in n for n in cost.notes)


def test_the_out_of_pocket_maximum_starts_over_with_the_new_plan_year():
    terms = CostShare(
        deductible=D("0"), coinsurance_percent=D("50"), out_of_pocket_max=D("300"),
        out_of_pocket_met=D("250"),
    )  # fmt: skip
    share = share_for_sessions(
        [D("400"), D("400"), D("400")], terms, new_plan_year=[False, True, False]
    )
    # $50 left this year; then $300 for the new year: $200 + $100.
    assert [s.patient for s in share.sessions] == [D("50.00"), D("200.00"), D("100.00")]
    assert share.oop_left_after == D("0.00")


def test_flags_must_match_the_sessions():
    with pytest.raises(CostInputError, match="new_plan_year: 1 flags for 2 sessions"):
        share_for_sessions([D("1"), D("2")], LATE_IN_THE_YEAR, new_plan_year=[True])


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, (1, 1)), ("07-01", (7, 1)), ("10-15", (10, 15)), ("12-31", (12, 31))],
)
def test_a_plan_year_start_is_a_month_and_day(value, expected):
    assert parse_month_day("plan.plan_year_start", value) == expected


@pytest.mark.parametrize("value", ["7-1", "2026-07-01", "13-01", "02-30", "02-29", "July 1"])
def test_a_plan_year_start_that_is_not_a_day_of_the_year_is_refused(value):
    with pytest.raises(CostInputError, match=r"plan\.plan_year_start"):
        parse_month_day("plan.plan_year_start", value)


@pytest.mark.parametrize(
    ("day", "start", "year"),
    [
        (date(2026, 12, 31), (1, 1), 2026),
        (date(2027, 1, 1), (1, 1), 2027),
        (date(2027, 6, 30), (7, 1), 2026),
        (date(2027, 7, 1), (7, 1), 2027),
    ],
)
def test_a_day_belongs_to_the_plan_year_begun_on_or_before_it(day, start, year):
    assert plan_year_of(day, start) == year


def test_sessions_are_spread_evenly_over_the_weeks():
    assert session_dates(date(2026, 3, 2), 2, 6) == (
        date(2026, 3, 2),
        date(2026, 3, 4),
        date(2026, 3, 6),
        date(2026, 3, 9),
        date(2026, 3, 11),
        date(2026, 3, 13),
    )


def test_a_course_in_one_plan_year_gets_no_reset():
    flags, note = course_plan_years(replace(COURSE, start=date(2026, 3, 2)), None)
    assert flags == (False,) * 8
    assert note is not None


def test_esketamine_sessions_follow_the_labeled_schedule():
    days = session_dates(date(2026, 3, 2), 26, 21, esketamine=True)
    offsets = [(day - date(2026, 3, 2)).days for day in days]
    assert offsets[:12] == [0, 3, 7, 10, 14, 17, 21, 24, 28, 35, 42, 49]
    # The other 9 spread over weeks 9-26: about every two weeks.
    assert offsets[12] == 56
    assert all(14 <= b - a <= 15 for a, b in pairwise(offsets[12:]))
    assert offsets[-1] < 26 * 7


def test_an_esketamine_course_from_december_has_its_first_eight_sessions_in_december():
    course = TreatmentPlan(
        treatment=Treatment.ESKETAMINE, sessions=12, start=date(2026, 12, 1), weeks=8
    )
    flags, _ = course_plan_years(course, None)
    assert flags == (False,) * 9 + (True, False, False)


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    weeks=st.integers(min_value=1, max_value=104),
    sessions=st.integers(min_value=1, max_value=60),
    month_day=st.sampled_from([None, "01-01", "07-01", "10-01", "12-31"]),
    esketamine=st.booleans(),
)
def test_each_plan_year_after_the_first_is_opened_by_exactly_one_session(
    start, weeks, sessions, month_day, esketamine
):
    dates = session_dates(start, weeks, sessions, esketamine=esketamine)
    assert len(dates) == sessions
    assert list(dates) == sorted(dates)
    if not esketamine:
        assert dates[-1] < start + timedelta(days=7 * weeks)
    flags = new_plan_year_flags(dates, month_day)
    first = parse_month_day("plan.plan_year_start", month_day)
    years = {plan_year_of(day, first) for day in dates}
    assert sum(flags) == len(years) - 1
    assert flags[0] is False
