"""How a deadline's last day is worded: its weekday, and a "file by" day when it falls on a day the
plan's offices and the mail may be closed.

A last day on a Saturday, Sunday or US federal holiday (as observed, see
:mod:`ketacover.core.deadlines.business_days`) is not moved here. The roll-forward rules found in
the sources read are for other filings: Medicare *claims* (Medicare Claims Processing Manual, Pub.
100-04, chapter 1, timely filing: a claim whose limit ends on a weekend or holiday is timely on the
next workday) and HHS Departmental Appeals Board proceedings (45 CFR 16.19); nothing read confirms
one for internal appeal, Medicare redetermination or reconsideration, Medicare Advantage or
Medicaid plan appeal, or peer-to-peer windows. So the date stays as the rule gives it and the
advice is to file on the business day before. (The federal external-review deadline, which
:mod:`ketacover.core.deadlines.external_review` already moves to the next business day, then has
no closed last day left to warn about.)

>>> from datetime import date
>>> closed_day_reason(date(2026, 7, 4))
'a weekend day (Independence Day)'
>>> closed_day_reason(date(2026, 7, 3))
'a federal holiday (Independence Day (observed))'
>>> closed_day_reason(date(2026, 7, 6)) is None
True
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache

from ketacover.core.deadlines.business_days import is_business_day
from ketacover.core.deadlines.deadline import Deadline

_SATURDAY = 5


@lru_cache(maxsize=64)
def _holiday_names(year: int) -> dict[date, str]:
    # Imported here for the same reason as in business_days: the package is slow to load.
    import holidays

    return dict(holidays.country_holidays("US", years=year, observed=True).items())


def weekday_and_date(day: date) -> str:
    """``Saturday 2026-07-04``: the weekday in words, then the ISO date."""
    return f"{day.strftime('%A')} {day.isoformat()}"


def closed_day_reason(day: date) -> str | None:
    """Why ``day`` is not a business day (``a weekend day``, ``a federal holiday (Labor Day)``),
    or ``None`` when it is one."""
    if is_business_day(day):
        return None
    holiday = _holiday_names(day.year).get(day)
    if day.weekday() >= _SATURDAY:
        return "a weekend day" if holiday is None else f"a weekend day ({holiday})"
    return f"a federal holiday ({holiday})"


def last_day_note(deadline: Deadline) -> str | None:
    """The sentence that warns about a last day on a closed day, or ``None``.

    For a deadline the patient or clinic acts on it gives the "file by" day; for a decision the
    plan owes it only names the day, since the plan may answer on the next business day.
    """
    reason = closed_day_reason(deadline.due)
    if reason is None:
        return None
    file_by = deadline.file_by
    if file_by is None:
        return (
            f"The last day, {weekday_and_date(deadline.due)}, is {reason}; expect the answer on "
            "the business day before or after it, and call if none comes."
        )
    return (
        f"The last day, {weekday_and_date(deadline.due)}, is {reason}; offices and the mail may be "
        f"closed, so file by {weekday_and_date(file_by)}, the business day before. The last day "
        "itself is not moved."
    )


def with_last_day_note(deadline: Deadline) -> Deadline:
    """``deadline`` with :func:`last_day_note` added to its explanation (once)."""
    note = last_day_note(deadline)
    if note is None or note in deadline.explain:
        return deadline
    return replace(deadline, explain=f"{deadline.explain} {note}")
