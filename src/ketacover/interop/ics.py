"""Deadlines as an iCalendar file (RFC 5545), for one case or a whole workspace.

Each deadline is one all-day event on its due date (``DTSTART;VALUE=DATE`` = the due date,
``DTEND`` the next day, shown as free time). Calendars are synced to phones and shared, so an event
carries no patient name, birth date, member ID or diagnosis: the summary is the case id and what
is due (``case-0007: last day to file the appeal (denial-1)``); the description is the rule's
explanation, its clock, rule id and source.

Updates instead of duplicates: an event's UID is derived from the case id, the deadline's kind,
the event it belongs to (``ref``) and the rule id, never from the due date, so a deadline whose date
moves keeps its UID and calendar programs replace the old event. ``SEQUENCE`` is the number of
days from 2000-01-01 to the export day and ``DTSTAMP`` the export time, so a later export wins
(RFC 5546 section 2.1.5 compares SEQUENCE, then DTSTAMP). A deadline that was in an earlier export
and is gone now is sent once more with ``STATUS:CANCELLED`` so the calendar removes it.

Filing deadlines (internal appeal, external review) get a reminder 5 days before the last day:
enough for the prescriber to sign and the request to be faxed, and the only deadlines where
missing the day loses a right. Decision dates, follow-ups and re-authorization reminders get none.

The library reads no clock: the export time comes in as ``today`` (and optionally ``stamp``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Final

from ketacover.core.deadlines import Deadline, DeadlineKind, moment_words, weekday_and_date
from ketacover.core.errors import KetacoverError
from ketacover.core.model import Case

if TYPE_CHECKING:
    from icalendar import Event

__all__ = [
    "FILING_REMINDER",
    "InvalidCalendarError",
    "calendar_uids",
    "deadline_uid",
    "deadlines_calendar",
]

PRODID: Final = "-//ketacover//deadlines//EN"
FILING_REMINDER: Final = timedelta(days=5)
"""How long before a filing deadline the reminder goes off."""
_FILING_KINDS: Final = frozenset(
    {
        DeadlineKind.APPEAL_FILING,
        DeadlineKind.EXTERNAL_REVIEW_FILING,
        DeadlineKind.PEER_TO_PEER_REQUEST,
    }
)
_SEQUENCE_EPOCH: Final = date(2000, 1, 1)
_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, "urn:ketacover:deadline")
_UID_DOMAIN: Final = "ketacover"
_NOT_ADVICE: Final = "Information to help with paperwork, not medical or legal advice."

_WHAT: Final = {
    DeadlineKind.PA_DECISION: "prior-authorization decision due",
    DeadlineKind.PA_FOLLOW_UP: "follow up on the prior-authorization request",
    DeadlineKind.REAUTHORIZATION: "ask for re-authorization",
    DeadlineKind.APPEAL_FILING: "last day to file the appeal",
    DeadlineKind.APPEAL_DECISION: "appeal decision due",
    DeadlineKind.EXTERNAL_REVIEW_FILING: "last day to ask for external review",
    DeadlineKind.EXTERNAL_REVIEW_DECISION: "external review decision due",
    DeadlineKind.REMS_MONITORING_FORM: "submit the REMS patient monitoring form",
    DeadlineKind.PEER_TO_PEER_REQUEST: "last day to ask for a peer-to-peer call",
    DeadlineKind.CLAIM_FILING: "last day to file the claim",
    DeadlineKind.GOOD_FAITH_ESTIMATE: "give the patient the Good Faith Estimate",
    DeadlineKind.GOOD_FAITH_DISPUTE: "last day for the patient to dispute the bill",
}
"""What is due, in a few words, for the event summary."""


class InvalidCalendarError(KetacoverError):
    """A file given as an earlier calendar export is not an iCalendar file."""


def deadline_uid(case_id: str, deadline: Deadline) -> str:
    """The event UID of ``deadline`` on case ``case_id``: stable when the due date changes.

    A name-based UUID (RFC 4122 version 5) of case id, kind, ref and rule id, with a domain part
    as RFC 5545 suggests (``<uuid>@ketacover``).
    """
    key = "/".join((case_id, deadline.kind.value, deadline.ref or "", deadline.rule_id))
    return f"{uuid.uuid5(_NAMESPACE, key)}@{_UID_DOMAIN}"


def deadlines_calendar(
    items: Iterable[tuple[Case, Sequence[Deadline]]],
    *,
    today: date,
    name: str,
    stamp: datetime | None = None,
    cancelled_uids: Iterable[str] = (),
) -> bytes:
    """The iCalendar file (UTF-8 bytes) of the deadlines of one or many cases.

    ``today`` is the export day (it sets SEQUENCE, and DTSTAMP unless ``stamp`` is given);
    ``stamp`` is the export time (timezone-aware). ``cancelled_uids`` are UIDs from an earlier
    export: those that are no longer among the deadlines are emitted as cancelled events.
    """
    from icalendar import Calendar

    if stamp is not None and stamp.utcoffset() is None:
        raise KetacoverError("the calendar time stamp needs a time zone")
    dtstamp = (stamp or datetime.combine(today, time(), tzinfo=UTC)).astimezone(UTC)
    sequence = (today - _SEQUENCE_EPOCH).days
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    current: set[str] = set()
    for case, deadlines in items:
        for deadline in deadlines:
            uid = deadline_uid(case.id, deadline)
            current.add(uid)
            calendar.add_component(_event(case.id, deadline, uid, dtstamp, sequence))
    for uid in sorted(set(cancelled_uids) - current):
        calendar.add_component(_cancelled(uid, today, dtstamp, sequence))
    return bytes(calendar.to_ical())


def calendar_uids(data: bytes) -> frozenset[str]:
    """The UIDs of the events still in effect (not cancelled) in an earlier export ``data``.

    Raises :class:`InvalidCalendarError` when ``data`` is not an iCalendar file.
    """
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(data)
    except ValueError as error:
        raise InvalidCalendarError(f"not an iCalendar file ({type(error).__name__})") from None
    if not isinstance(calendar, Calendar):
        raise InvalidCalendarError("not an iCalendar file (no VCALENDAR)")
    return frozenset(
        str(event["UID"])
        for event in calendar.walk("VEVENT")
        if "UID" in event and str(event.get("STATUS", "")).upper() != "CANCELLED"
    )


def summary(case_id: str, deadline: Deadline) -> str:
    """``case-0007: last day to file the appeal (denial-1)``: the case id and what is due; a last
    day on a weekend or federal holiday adds its weekday and the "file by" day
    (``..., Saturday; file by Friday 2026-08-28``)."""
    ref = f" ({deadline.ref})" if deadline.ref else ""
    text = f"{case_id}: {_WHAT[deadline.kind]}{ref}"
    if deadline.file_by is not None:
        text += f", {deadline.due.strftime('%A')}; file by {weekday_and_date(deadline.file_by)}"
    return text


def description(deadline: Deadline) -> str:
    """The rule's explanation, its clock, rule id and source (with the source's address)."""
    source = str(deadline.source)
    if deadline.source.url:
        source += f" <{deadline.source.url}>"
    lines = [
        deadline.explain,
        "",
        f"Clock: {deadline.clock}",
        f"Rule: {deadline.rule_id}",
        f"Source: {source}",
    ]
    if deadline.due_at is not None:
        lines.insert(1, f"Ends at: {moment_words(deadline.due_at)}")
    if deadline.from_notice:
        lines.append("The date comes from the notice itself.")
    lines += ["", _NOT_ADVICE]
    return "\n".join(lines)


def _event(case_id: str, deadline: Deadline, uid: str, dtstamp: datetime, sequence: int) -> Event:
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", dtstamp)
    event.add("sequence", sequence)
    event.add("dtstart", deadline.due)
    event.add("dtend", deadline.due + timedelta(days=1))
    event.add("summary", summary(case_id, deadline))
    event.add("description", description(deadline))
    event.add("transp", "TRANSPARENT")
    if deadline.kind in _FILING_KINDS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary(case_id, deadline))
        alarm.add("trigger", -FILING_REMINDER)
        event.add_component(alarm)
    return event


def _cancelled(uid: str, today: date, dtstamp: datetime, sequence: int) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", dtstamp)
    event.add("sequence", sequence)
    event.add("dtstart", today)
    event.add("dtend", today + timedelta(days=1))
    event.add("summary", "Cancelled: no longer due")
    event.add("status", "CANCELLED")
    event.add("transp", "TRANSPARENT")
    return event
