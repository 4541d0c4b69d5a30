"""US business days and the date arithmetic deadline rules use.

A business day is a weekday that is not a US federal holiday *as observed*: a holiday that falls on
a Saturday is observed on the Friday before, one on a Sunday on the Monday after (Independence Day
2026 is a Saturday, so Friday 2026-07-03 is not a business day). The holidays come from the
maintained ``holidays`` package (``holidays.country_holidays("US", observed=True)``: federal
holidays only, no state holidays), the authority this module relies on; each year's set is built
once and cached.

Calendar-day clocks count the day after the triggering event as day 1 (180 days from 2026-03-02
is 2026-08-29). The month rule is the one 45 CFR 147.136(d)(2)(i) uses for external review (facts
§4): the same day number *n* months later, or, when that month has no such day, the first day of
the month after it (Oct 30 + 4 months = Mar 1, because February has no 30th).

>>> from datetime import date
>>> add_months(date(2026, 10, 30), 4)
datetime.date(2027, 3, 1)
>>> next_business_day_on_or_after(date(2026, 7, 3))
datetime.date(2026, 7, 6)
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


@lru_cache(maxsize=64)
def federal_holidays(year: int) -> frozenset[date]:
    """The US federal holidays of ``year`` on the days they are observed (and their actual days).

    A Saturday New Year's Day is observed on December 31 of the year before; the library files
    that observed day under the year it falls in, so one year's set is enough for that year's days.
    """
    # Imported here: the package costs tens of milliseconds to load, and importing the deadline
    # types (or starting the CLI) should not pay for it before a date is computed.
    import holidays

    return frozenset(holidays.country_holidays("US", years=year, observed=True).keys())


def is_business_day(day: date) -> bool:
    """Whether ``day`` is a weekday and not a US federal holiday as observed."""
    return day.weekday() < _SATURDAY and day not in federal_holidays(day.year)


def next_business_day_on_or_after(day: date) -> date:
    """``day`` itself when it is a business day, otherwise the first business day after it.

    This is the rule that moves a deadline falling on a weekend or federal holiday to the next
    business day.
    """
    while not is_business_day(day):
        day += _ONE_DAY
    return day


def previous_business_day_before(day: date) -> date:
    """The last business day strictly before ``day``."""
    day -= _ONE_DAY
    while not is_business_day(day):
        day -= _ONE_DAY
    return day


def add_business_days(day: date, n: int) -> date:
    """The ``n``-th business day after ``day`` (``day`` itself is not counted).

    ``n == 0`` gives ``next_business_day_on_or_after(day)``; a negative ``n`` counts back, giving
    the ``|n|``-th business day before ``day``. For ``n >= 1`` the result strictly increases with
    ``n`` and is always a business day.
    """
    if n == 0:
        return next_business_day_on_or_after(day)
    step = _ONE_DAY if n > 0 else -_ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if is_business_day(day):
            remaining -= 1
    return day


def add_calendar_days(day: date, n: int) -> date:
    """``day`` plus ``n`` calendar days (weekends and holidays count)."""
    return day + timedelta(days=n)


def add_months(day: date, n: int) -> date:
    """``day`` plus ``n`` months by the month-end rule of 45 CFR 147.136(d)(2)(i) (sourcebook
    appeals.toml).

    The result is the same day number ``n`` months later; when that month is too short, it is
    the first day of the following month (2026-10-30 + 4 months = 2027-03-01, while 2027-10-29 +
    4 months = 2028-02-29 because 2028 is a leap year).
    """
    index = day.year * 12 + (day.month - 1) + n
    year, month = divmod(index, 12)
    first_of_month = date(year, month + 1, 1)
    first_of_next = (first_of_month + timedelta(days=31)).replace(day=1)
    if day.day <= (first_of_next - first_of_month).days:
        return first_of_month.replace(day=day.day)
    return first_of_next


def hours_last_day(day: date, hours: int) -> date:
    """The last day of an hour clock counted from the start of ``day``.

    72 hours from the start of 2026-03-02 run out at the end of 2026-03-04, so a 72-hour decision
    is due on 2026-03-04 at the latest. Counting from the start of the day (not the hour of
    receipt) gives the earliest, safe date; the real clock may end up to a day later.
    """
    return day + timedelta(days=-(-hours // 24) - 1)
