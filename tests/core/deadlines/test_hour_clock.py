from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from ketacover.core.deadlines import pa_decision_due_for
from ketacover.core.deadlines.appeal_decisions import appeal_decision_due
from ketacover.core.deadlines.hour_clock import ends_at, hour_clock, moment_words
from ketacover.core.model import (
    Appeal,
    AppealLevel,
    PayerCategory,
    PriorAuthorization,
    Treatment,
    Urgency,
)

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
EST = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("received_at", "ends"),
    [
        # The same hour three days later.
        (datetime(2026, 3, 2, 14, 0, tzinfo=EST), datetime(2026, 3, 5, 14, 0, tzinfo=EST)),
        # Received just before midnight: the clock ends just before midnight three days later.
        (
            datetime(2026, 3, 2, 23, 30, tzinfo=CHICAGO),
            datetime(2026, 3, 5, 23, 30, tzinfo=CHICAGO),
        ),
        # Received just after midnight UTC; the end stays in UTC.
        (datetime(2026, 12, 31, 0, 15, tzinfo=UTC), datetime(2027, 1, 3, 0, 15, tzinfo=UTC)),
        # Daylight saving starts 2026-03-08: 72 elapsed hours end at 15:00 EDT.
        (
            datetime(2026, 3, 6, 14, 0, tzinfo=NEW_YORK),
            datetime(2026, 3, 9, 15, 0, tzinfo=NEW_YORK),
        ),
        # Daylight saving ends 2026-11-01: 72 elapsed hours end at 13:00 EST.
        (
            datetime(2026, 10, 30, 14, 0, tzinfo=NEW_YORK),
            datetime(2026, 11, 2, 13, 0, tzinfo=NEW_YORK),
        ),
    ],
)
def test_a_72_hour_clock_ends_exactly_72_elapsed_hours_after_receipt(
    received_at: datetime, ends: datetime
):
    end = ends_at(received_at, 72)
    assert end == ends
    assert end.utcoffset() == ends.utcoffset()
    assert end.astimezone(UTC) - received_at.astimezone(UTC) == timedelta(hours=72)
    clock = hour_clock(received_at.date(), received_at, 72, "the request")
    assert (clock.due, clock.due_at) == (ends.date(), end)
    assert f"due by {moment_words(end)}, exactly 72 hours later" in clock.by


def test_an_end_is_written_with_its_hour_and_time_zone():
    assert moment_words(datetime(2026, 3, 5, 14, 0, tzinfo=EST)) == "2026-03-05 14:00 (UTC-05:00)"
    assert (
        moment_words(datetime(2026, 3, 9, 15, 0, tzinfo=NEW_YORK))
        == "2026-03-09 15:00 (EDT, UTC-04:00)"
    )


def test_a_time_without_a_time_zone_is_refused():
    with pytest.raises(ValueError, match="needs a time zone"):
        # A time as a form without a zone would give it: no tzinfo.
        ends_at(datetime(2026, 3, 2, 14, 0), 72)  # noqa: DTZ001 - the naive time under test


def test_without_a_time_the_clock_is_worded_as_72_hours_from_receipt():
    clock = hour_clock(date(2026, 3, 2), None, 72, "the request")
    assert clock.due == date(2026, 3, 4)
    assert clock.due_at is None
    assert "72 hours from receipt" in clock.by
    assert "between the end of 2026-03-04" in clock.by
    assert "and 2026-03-05 at the same hour as receipt" in clock.by
    assert "at the latest" not in clock.by


def _request(**kw):
    return PriorAuthorization(
        id="pa-1",
        treatment=Treatment.IV_KETAMINE,
        submitted=date(2026, 3, 2),
        urgency=Urgency.URGENT,
        **kw,
    )


@pytest.mark.parametrize(
    ("category", "received_at", "due", "due_at", "words"),
    [
        (
            PayerCategory.COMMERCIAL_SELF_FUNDED,
            datetime(2026, 3, 2, 14, 0, tzinfo=EST),
            date(2026, 3, 5),
            datetime(2026, 3, 5, 14, 0, tzinfo=EST),
            "due by 2026-03-05 14:00 (UTC-05:00)",
        ),
        (
            PayerCategory.MEDICARE_ADVANTAGE,
            datetime(2026, 3, 2, 23, 45, tzinfo=NEW_YORK),
            date(2026, 3, 5),
            datetime(2026, 3, 5, 23, 45, tzinfo=NEW_YORK),
            "due by 2026-03-05 23:45 (EST, UTC-05:00)",
        ),
        (
            PayerCategory.MEDICAID_MANAGED_CARE,
            None,
            date(2026, 3, 4),
            None,
            "72 hours from receipt",
        ),
    ],
)
def test_an_urgent_request_is_decided_72_hours_after_the_plan_received_it(
    category: PayerCategory,
    received_at: datetime | None,
    due: date,
    due_at: datetime | None,
    words: str,
):
    deadline = pa_decision_due_for(_request(received_at=received_at), category)
    assert deadline is not None
    assert (deadline.due, deadline.due_at) == (due, due_at)
    assert words in deadline.explain
    assert "at the latest" not in deadline.explain


def test_an_expedited_appeal_with_a_time_of_receipt_ends_at_that_hour():
    appeal = Appeal(
        denial_id="denial-1",
        level=AppealLevel.INTERNAL,
        submitted=date(2026, 3, 6),
        received_at=datetime(2026, 3, 6, 9, 30, tzinfo=NEW_YORK),
        expedited=True,
    )
    deadline = appeal_decision_due(appeal, PayerCategory.COMMERCIAL_FULLY_INSURED)
    assert deadline is not None
    assert deadline.due_at == datetime(2026, 3, 9, 10, 30, tzinfo=NEW_YORK)
    assert "exactly 72 hours later" in deadline.explain


def test_an_expedited_external_review_without_a_time_says_72_hours_from_receipt():
    appeal = Appeal(
        denial_id="denial-1",
        level=AppealLevel.EXTERNAL_REVIEW,
        submitted=date(2026, 3, 6),
        expedited=True,
    )
    deadline = appeal_decision_due(appeal, PayerCategory.COMMERCIAL_FULLY_INSURED)
    assert deadline is not None
    assert deadline.due == date(2026, 3, 8)
    assert "72 hours from receipt" in deadline.explain
    assert "the reviewer's receipt of the request" in deadline.clock
