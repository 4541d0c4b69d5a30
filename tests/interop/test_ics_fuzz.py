"""Property-based fuzzing of the one iCalendar reader: the earlier export that
``ketacover export ics`` reads back (``--previous``, or the output file) to cancel the deadlines
that are gone.

Whatever the file holds, reading it gives a set of UIDs or :class:`InvalidCalendarError`, never
another exception. What the writer exports as of any day reads back as exactly its deadlines'
UIDs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketacover.core.deadlines import case_deadlines
from ketacover.interop.casefile import load_case
from ketacover.interop.ics import (
    InvalidCalendarError,
    calendar_uids,
    deadline_uid,
    deadlines_calendar,
)

from .mutations import mutated_bytes

CASES = [
    load_case(path) for path in sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
]
TODAY = date(2026, 11, 23)
EXPORT = deadlines_calendar(
    [(case, case_deadlines(case, TODAY)) for case in CASES], today=TODAY, name="Deadlines"
)
LINES = st.sampled_from(
    [
        b"\r\nBEGIN:VEVENT\r\n",
        b"\r\nEND:VCALENDAR\r\n",
        b"\r\nDTSTART:2026\r\n",
        b'\r\nUID;X="\r\n',
        b"\r\n ",
        b":",
        b";",
        b"\r\nSTATUS:CANCELLED\r\n",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mutated_bytes([EXPORT]) | st.binary(max_size=200) | LINES.map(lambda line: EXPORT[:400] + line)
)
def test_a_damaged_earlier_export_gives_uids_or_a_refusal(data):
    refusal = ""
    try:
        uids = calendar_uids(data)
    except InvalidCalendarError as error:
        refusal = str(error)
    else:
        assert all(isinstance(uid, str) for uid in uids)
    assert not refusal or refusal.startswith("not an iCalendar file")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    chosen=st.lists(st.sampled_from(CASES), min_size=1, max_size=4, unique_by=lambda c: c.id),
    today=st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)),
)
def test_an_export_reads_back_as_its_deadlines_uids(chosen, today):
    items = [(case, case_deadlines(case, today)) for case in chosen]
    exported = deadlines_calendar(items, today=today, name="Deadlines")
    assert calendar_uids(exported) == {
        deadline_uid(case.id, deadline) for case, deadlines in items for deadline in deadlines
    }
