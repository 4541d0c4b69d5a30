"""Clocks counted in hours (a 72-hour expedited decision), from the moment of receipt when known.

With a time-zone-aware time of receipt the clock ends exactly that many hours later: 72 hours
after 2026-03-02 14:00 end at 2026-03-05 14:00, the same hour three days later. The hours are
elapsed hours, so across a daylight-saving change the local end time moves by the hour gained or
lost (72 hours after 2026-03-06 14:00 in New York end at 2026-03-09 15:00 EDT). The end is shown in
the time zone the receipt was recorded in.

Without a time, the clock is worded as "72 hours from receipt" and its last day is counted from
the start of the day of receipt (:func:`~ketacover.core.deadlines.business_days.hours_last_day`),
the earliest day it can end; it may end up to a day later, so the wording gives both days.

>>> from datetime import datetime, timedelta, timezone
>>> ends_at(datetime(2026, 3, 2, 14, 0, tzinfo=timezone(timedelta(hours=-5))), 72).isoformat()
'2026-03-05T14:00:00-05:00'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ketacover.core.deadlines.business_days import hours_last_day


@dataclass(frozen=True, slots=True)
class HourClock:
    """Where an hour clock ends and how to say it."""

    due: date
    """The last day: the day of ``due_at``, or the earliest day the clock can end."""
    due_at: datetime | None
    """The moment it ends, when the time of receipt is known."""
    by: str
    """The end in words, e.g. ``by 2026-03-05 14:00 (UTC-05:00)``."""
    clock: str
    """The clock as the rule states it, with what it is counted from."""


def ends_at(received_at: datetime, hours: int) -> datetime:
    """The moment ``hours`` elapsed hours after ``received_at``, in ``received_at``'s time zone.

    Raises ``ValueError`` for a time without a time zone (elapsed hours need one).
    """
    zone = received_at.tzinfo
    if zone is None or received_at.utcoffset() is None:
        raise ValueError("a time of receipt needs a time zone to count hours from it")
    return (received_at.astimezone(UTC) + timedelta(hours=hours)).astimezone(zone)


def moment_words(moment: datetime) -> str:
    """``2026-03-05 14:00 (UTC-05:00)``: date, 24-hour time and offset, with the zone's name when
    it has one (``EST``)."""
    offset = moment.strftime("%z")
    sign, hh, mm = offset[0], offset[1:3], offset[3:5]
    name = moment.tzname()
    label = f"UTC{sign}{hh}:{mm}"
    if name and not name.startswith(("UTC", "+", "-")):
        label = f"{name}, {label}"
    return f"{moment.strftime('%Y-%m-%d %H:%M')} ({label})"


def hour_clock(day: date, received_at: datetime | None, hours: int, what: str) -> HourClock:
    """The clock of ``hours`` hours on ``what`` (``the request``), received on ``day`` or at
    ``received_at``."""
    if received_at is not None:
        end = ends_at(received_at, hours)
        return HourClock(
            due=end.date(),
            due_at=end,
            by=(
                f"Received {moment_words(received_at)}, so the decision is due by "
                f"{moment_words(end)}, exactly {hours} hours later."
            ),
            clock=f"{hours} hours from receipt of {what}",
        )
    earliest = hours_last_day(day, hours)
    latest = earliest + timedelta(days=1)
    return HourClock(
        due=earliest,
        due_at=None,
        by=(
            f"The decision is due {hours} hours from receipt; the time {what} was received on "
            f"{day.isoformat()} is not recorded, so the clock ends between the end of "
            f"{earliest.isoformat()} (received just after midnight) and {latest.isoformat()} at "
            "the same hour as receipt. Record the time of receipt for the exact hour."
        ),
        clock=f"{hours} hours from receipt of {what}",
    )
