from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.deadlines.business_days import (
    add_business_days,
    add_calendar_days,
    add_months,
    federal_holidays,
    hours_last_day,
    is_business_day,
    next_business_day_on_or_after,
    previous_business_day_before,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 2), True),  # a Monday
        (date(2026, 3, 7), False),  # a Saturday
        (date(2026, 3, 8), False),  # a Sunday
        (date(2026, 7, 3), False),  # Independence Day 2026 (a Saturday) observed on Friday
        (date(2026, 7, 4), False),
        (date(2026, 7, 6), True),
        (date(2026, 11, 26), False),  # Thanksgiving
        (date(2026, 11, 27), True),  # the Friday after Thanksgiving is not a federal holiday
        (date(2026, 12, 25), False),
        (date(2026, 6, 19), False),  # Juneteenth
        (date(2026, 10, 12), False),  # Columbus Day
        (date(2026, 11, 11), False),  # Veterans Day
        (date(2027, 12, 31), False),  # New Year's Day 2028 (a Saturday) observed the day before
        (date(2028, 11, 10), False),  # Veterans Day 2028 (a Saturday) observed on Friday
    ],
)
def test_it_knows_business_days(day, expected):
    assert is_business_day(day) is expected


def test_it_lists_the_observed_federal_holidays_of_a_year():
    holidays_2026 = federal_holidays(2026)
    assert date(2026, 7, 3) in holidays_2026
    assert date(2026, 1, 19) in holidays_2026  # Martin Luther King Jr. Day
    assert date(2026, 11, 27) not in holidays_2026
    assert federal_holidays(2026) is holidays_2026  # built once per year


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 2), date(2026, 3, 2)),
        (date(2026, 3, 7), date(2026, 3, 9)),
        (date(2026, 11, 26), date(2026, 11, 27)),
        (date(2026, 12, 25), date(2026, 12, 28)),
        (date(2026, 7, 3), date(2026, 7, 6)),
        (date(2027, 12, 24), date(2027, 12, 27)),
        (date(2027, 12, 31), date(2028, 1, 3)),
    ],
)
def test_it_moves_a_day_off_to_the_next_business_day(day, expected):
    assert next_business_day_on_or_after(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 7, 6), date(2026, 7, 2)),
        (date(2026, 11, 27), date(2026, 11, 25)),
        (date(2026, 3, 3), date(2026, 3, 2)),
    ],
)
def test_it_finds_the_last_business_day_before_a_day(day, expected):
    assert previous_business_day_before(day) == expected


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2026, 3, 2), 5, date(2026, 3, 9)),
        (date(2026, 7, 1), 2, date(2026, 7, 6)),
        (date(2026, 12, 24), 1, date(2026, 12, 28)),
        (date(2026, 7, 4), 0, date(2026, 7, 6)),
        (date(2026, 7, 4), 1, date(2026, 7, 6)),
        (date(2026, 3, 2), 0, date(2026, 3, 2)),
        (date(2026, 7, 20), -10, date(2026, 7, 6)),
        (date(2026, 7, 10), -10, date(2026, 6, 25)),
    ],
)
def test_it_adds_business_days(day, n, expected):
    assert add_business_days(day, n) == expected


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2026, 3, 2), 180, date(2026, 8, 29)),
        (date(2026, 1, 20), 120, date(2026, 5, 20)),
        (date(2026, 3, 2), -2, date(2026, 2, 28)),
    ],
)
def test_it_adds_calendar_days(day, n, expected):
    assert add_calendar_days(day, n) == expected


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2026, 10, 30), 4, date(2027, 3, 1)),  # February 2027 has no 30th
        (date(2026, 10, 31), 4, date(2027, 3, 1)),
        (date(2026, 10, 28), 4, date(2027, 2, 28)),
        (date(2027, 10, 29), 4, date(2028, 2, 29)),  # 2028 is a leap year
        (date(2027, 10, 30), 4, date(2028, 3, 1)),
        (date(2026, 1, 31), 1, date(2026, 3, 1)),
        (date(2026, 3, 15), 4, date(2026, 7, 15)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),
        (date(2026, 12, 31), 0, date(2026, 12, 31)),
        (date(2026, 3, 31), -1, date(2026, 3, 1)),
    ],
)
def test_it_adds_months_by_the_month_end_rule(day, n, expected):
    assert add_months(day, n) == expected


@pytest.mark.parametrize(
    ("day", "hours", "expected"),
    [
        (date(2026, 3, 2), 72, date(2026, 3, 4)),
        (date(2026, 3, 2), 24, date(2026, 3, 2)),
        (date(2026, 12, 31), 72, date(2027, 1, 2)),
    ],
)
def test_an_hour_clock_ends_on_the_last_full_day(day, hours, expected):
    assert hours_last_day(day, hours) == expected


@given(days)
def test_next_business_day_is_a_business_day_and_never_goes_back(day):
    result = next_business_day_on_or_after(day)
    assert is_business_day(result)
    assert result >= day
    assert not any(is_business_day(day + timedelta(i)) for i in range((result - day).days))


@given(days, st.integers(min_value=0, max_value=40))
def test_adding_business_days_lands_on_a_business_day_and_grows_with_n(day, n):
    result = add_business_days(day, n)
    assert is_business_day(result)
    assert result >= day
    assert add_business_days(day, n + 1) > result or (n == 0 and not is_business_day(day))
    if n >= 1:
        counted = sum(
            is_business_day(day + timedelta(i)) for i in range(1, (result - day).days + 1)
        )
        assert counted == n


@given(days, st.integers(min_value=1, max_value=40))
def test_adding_more_business_days_always_gives_a_later_day(day, n):
    assert add_business_days(day, n + 1) > add_business_days(day, n)


@given(days, st.integers(min_value=1, max_value=40))
def test_counting_business_days_back_lands_on_an_earlier_business_day(day, n):
    result = add_business_days(day, -n)
    assert is_business_day(result)
    assert result < day
    between = range(1, (day - result).days)
    assert sum(is_business_day(result + timedelta(i)) for i in between) == n - 1


@given(days, st.integers(min_value=-24, max_value=60))
def test_adding_months_lands_on_the_same_day_or_the_first_of_the_next_month(day, n):
    result = add_months(day, n)
    index = day.year * 12 + day.month - 1 + n
    target = date(index // 12, index % 12 + 1, 1)
    following = (target + timedelta(days=31)).replace(day=1)
    assert target <= result <= following
    assert result.day == day.day or result == following
    if result == following:
        assert day.day > (following - target).days  # only when the target month is too short
