"""Plan years: when a course's sessions fall, and which of them start a new plan year.

A plan's deductible and out-of-pocket maximum run for a plan year, which starts on January 1
unless the plan says otherwise (employer plans often start theirs on July 1 or another month; the
plan's ``plan_year_start``, written ``MM-DD``). A course that runs across the start of a plan year
is priced with the accumulators reset for the sessions after it.

Session dates come from the treatment plan. Esketamine follows its labeled schedule (SPRAVATO
prescribing information, section 2: twice weekly in weeks 1-4, weekly in weeks 5-8, then weekly or
every two weeks): sessions 1-8 on days 0, 3, 7, 10, 14, 17, 21 and 24, sessions 9-12 weekly from
day 28, and the rest spread evenly over the weeks left. Other treatments spread ``sessions``
evenly over ``weeks`` from ``start`` (session *i* of *n* on day ``floor(i * 7 * weeks / n)``).
Without a start or a length there are no dates, and the course is taken to fall in one plan year
(the pricing says so).

>>> from datetime import date
>>> [d.isoformat() for d in session_dates(date(2026, 12, 14), 4, 8)[-3:]]
['2026-12-31', '2027-01-04', '2027-01-07']
>>> [d.day for d in session_dates(date(2026, 12, 7), 26, 21, esketamine=True)[:9]]
[7, 10, 14, 17, 21, 24, 28, 31, 4]
>>> new_plan_year_flags(session_dates(date(2026, 12, 14), 4, 8), None)
(False, False, False, False, False, False, True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final

from ketacover.core.costs.amounts import CostInputError
from ketacover.core.model import Treatment, TreatmentPlan

DEFAULT_START: Final = (1, 1)
"""January 1: the plan year when the plan does not say."""

_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
_DAYS_PER_WEEK: Final = 7


def parse_month_day(field: str, value: str | None) -> tuple[int, int]:
    """``07-01`` as ``(7, 1)``; ``None`` gives January 1.

    Raises :class:`CostInputError` naming ``field`` for anything but a real ``MM-DD`` day
    (February 29 is refused: a plan year cannot start on a day most years lack).
    """
    if value is None:
        return DEFAULT_START
    match = _MONTH_DAY.fullmatch(value)
    if match is None:
        raise CostInputError(f"{field}: {value!r} is not a month and day (use MM-DD, e.g. 07-01)")
    month, day = int(match.group(1)), int(match.group(2))
    try:
        date(2027, month, day)
    except ValueError:
        raise CostInputError(f"{field}: {value!r} is not a day of the year") from None
    return month, day


def plan_year_of(day: date, start: tuple[int, int]) -> int:
    """The calendar year in which the plan year holding ``day`` began."""
    month, first = start
    return day.year if (day.month, day.day) >= (month, first) else day.year - 1


def plan_year_start_on(year: int, start: tuple[int, int]) -> date:
    """The first day of the plan year that begins in ``year``."""
    return date(year, start[0], start[1])


_ESKETAMINE_FIRST_DAYS: Final = (0, 3, 7, 10, 14, 17, 21, 24, 28, 35, 42, 49)
"""Days of the labeled esketamine sessions 1-12: twice weekly weeks 1-4, weekly weeks 5-8."""
_ESKETAMINE_LABELED_WEEKS: Final = 8


def session_dates(
    start: date, weeks: int, sessions: int, *, esketamine: bool = False
) -> tuple[date, ...]:
    """The planned dates of ``sessions`` sessions over ``weeks`` weeks (see the module)."""
    if sessions < 1 or weeks < 1:
        return ()
    span = weeks * _DAYS_PER_WEEK
    if not esketamine:
        return tuple(start + timedelta(days=i * span // sessions) for i in range(sessions))
    days = list(_ESKETAMINE_FIRST_DAYS[:sessions])
    rest = sessions - len(days)
    if rest:
        first = _ESKETAMINE_LABELED_WEEKS * _DAYS_PER_WEEK
        left = max(span - first, rest * _DAYS_PER_WEEK)
        days.extend(first + i * left // rest for i in range(rest))
    return tuple(start + timedelta(days=day) for day in days)


def new_plan_year_flags(dates: Sequence[date], plan_year_start: str | None) -> tuple[bool, ...]:
    """For each session date, whether it is the first one in a plan year after the first's."""
    start = parse_month_day("plan.plan_year_start", plan_year_start)
    flags: list[bool] = []
    previous: int | None = None
    for day in dates:
        year = plan_year_of(day, start)
        flags.append(previous is not None and year != previous)
        previous = year
    return tuple(flags)


def course_plan_years(
    treatment_plan: TreatmentPlan, plan_year_start: str | None
) -> tuple[tuple[bool, ...] | None, str | None]:
    """The new-plan-year flags of a course's sessions and a note saying how they fall; both
    ``None`` when the treatment plan has no start or length (one plan year is then assumed)."""
    if treatment_plan.start is None or treatment_plan.weeks is None:
        return None, None
    dates = session_dates(
        treatment_plan.start,
        treatment_plan.weeks,
        treatment_plan.sessions,
        esketamine=treatment_plan.treatment is Treatment.ESKETAMINE,
    )
    if not dates:
        return None, None
    flags = new_plan_year_flags(dates, plan_year_start)
    month, day = parse_month_day("plan.plan_year_start", plan_year_start)
    first_day = date(2027, month, day).strftime("%B %-d")
    span = f"{dates[0].isoformat()} to {dates[-1].isoformat()}"
    if not any(flags):
        return flags, f"All {len(dates)} sessions ({span}) fall in one plan year."
    opened = ", ".join(day_.isoformat() for day_, flag in zip(dates, flags, strict=True) if flag)
    return flags, (
        f"The course ({span}) runs across the start of a plan year ({first_day}): from {opened} "
        "the deductible and out-of-pocket maximum start over, so those sessions pay toward a new "
        "deductible."
    )
