import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from ketacover.core.deadlines import Deadline, DeadlineKind, case_deadlines
from ketacover.core.errors import KetacoverError
from ketacover.core.model import Case, Patient
from ketacover.core.sources import Confidence, Source
from ketacover.interop.casefile import load_case
from ketacover.interop.ics import (
    FILING_REMINDER,
    InvalidCalendarError,
    calendar_uids,
    deadline_uid,
    deadlines_calendar,
)

EXAMPLES = Path(__file__).parents[2] / "examples"
TODAY = date(2026, 11, 23)
SOURCE = Source("29 CFR 2560.503-1(h)(3)(i)", Confidence.VERIFIED, "https://www.ecfr.gov/")


def deadline(kind=DeadlineKind.APPEAL_FILING, due=date(2027, 5, 3), ref="denial-1", **extra):
    fields = {
        "rule_id": "erisa.appeal_filing",
        "explain": "File the internal appeal within 180 days of the notice.",
        "clock": "180 calendar days from receipt of the denial notice",
        "source": SOURCE,
        "starts": date(2026, 11, 4),
        "ref": ref,
    }
    fields.update(extra)
    return Deadline(kind, due, **fields)


def case(case_id="case-0007"):
    person = Patient(given_name="Jordan", family_name="Sample", date_of_birth=date(1990, 1, 2))
    return Case(id=case_id, patient=person)


def events(data: bytes):
    return Calendar.from_ical(data).walk("VEVENT")


def examples() -> list[Case]:
    return [load_case(path) for path in sorted(EXAMPLES.glob("*.yaml"))]


def test_each_deadline_is_one_all_day_event_on_its_due_date():
    data = deadlines_calendar([(case(), [deadline()])], today=TODAY, name="Deadlines")
    (event,) = events(data)
    assert event.decoded("DTSTART") == date(2027, 5, 3)
    assert event.decoded("DTEND") == date(2027, 5, 4)
    assert b"DTSTART;VALUE=DATE:20270503" in data
    assert str(event["SUMMARY"]) == "case-0007: last day to file the appeal (denial-1)"
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_the_calendar_has_its_name_and_product_id():
    calendar = Calendar.from_ical(deadlines_calendar([], today=TODAY, name="Clinic deadlines"))
    assert str(calendar["X-WR-CALNAME"]) == "Clinic deadlines"
    assert str(calendar["NAME"]) == "Clinic deadlines"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//ketacover//deadlines//EN"
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_the_description_gives_the_rule_its_clock_and_source():
    data = deadlines_calendar([(case(), [deadline(from_notice=True)])], today=TODAY, name="D")
    text = str(events(data)[0]["DESCRIPTION"])
    assert "File the internal appeal within 180 days of the notice." in text
    assert "Clock: 180 calendar days from receipt of the denial notice" in text
    assert "Rule: erisa.appeal_filing" in text
    assert "Source: 29 CFR 2560.503-1(h)(3)(i) <https://www.ecfr.gov/>" in text
    assert "printed on the notice" in text
    assert "not medical or legal advice" in text


def test_a_source_without_an_address_or_a_ref_is_shown_without_them():
    plain = deadline(
        kind=DeadlineKind.PA_DECISION,
        ref=None,
        source=Source("45 CFR 147.136", Confidence.PARTLY_VERIFIED),
    )
    event = events(deadlines_calendar([(case(), [plain])], today=TODAY, name="D"))[0]
    assert str(event["SUMMARY"]) == "case-0007: prior-authorization decision due"
    assert "Source: 45 CFR 147.136 (partly verified)\n" in str(event["DESCRIPTION"])
    assert "printed on the notice" not in str(event["DESCRIPTION"])


@pytest.mark.parametrize(
    ("kind", "alarm"),
    [
        (DeadlineKind.APPEAL_FILING, True),
        (DeadlineKind.EXTERNAL_REVIEW_FILING, True),
        (DeadlineKind.PA_DECISION, False),
        (DeadlineKind.PA_FOLLOW_UP, False),
        (DeadlineKind.REAUTHORIZATION, False),
        (DeadlineKind.APPEAL_DECISION, False),
        (DeadlineKind.EXTERNAL_REVIEW_DECISION, False),
    ],
)
def test_only_filing_deadlines_get_a_reminder_five_days_ahead(kind, alarm):
    event = events(deadlines_calendar([(case(), [deadline(kind=kind)])], today=TODAY, name="D"))[0]
    alarms = event.walk("VALARM")
    assert bool(alarms) is alarm
    if alarm:
        assert alarms[0].decoded("TRIGGER") == -FILING_REMINDER == -timedelta(days=5)
        assert str(alarms[0]["ACTION"]) == "DISPLAY"


def test_uids_do_not_depend_on_the_due_date():
    before = deadline(due=date(2027, 5, 3))
    moved = deadline(due=date(2027, 5, 17), explain="The notice was received later.")
    assert deadline_uid("case-0007", before) == deadline_uid("case-0007", moved)
    first = events(deadlines_calendar([(case(), [before])], today=TODAY, name="D"))[0]
    second = events(deadlines_calendar([(case(), [moved])], today=TODAY, name="D"))[0]
    assert str(first["UID"]) == str(second["UID"])
    assert second.decoded("DTSTART") == date(2027, 5, 17)


@pytest.mark.parametrize(
    "other",
    [
        {"ref": "denial-2"},
        {"kind": DeadlineKind.EXTERNAL_REVIEW_FILING},
        {"rule_id": "aca.appeal_filing"},
    ],
)
def test_uids_differ_by_kind_ref_and_rule(other):
    assert deadline_uid("case-0007", deadline()) != deadline_uid("case-0007", deadline(**other))
    assert deadline_uid("case-0007", deadline()) != deadline_uid("case-0008", deadline())


def test_uids_are_unique_across_every_example_deadline():
    uids = [
        deadline_uid(item.id, found) for item in examples() for found in case_deadlines(item, TODAY)
    ]
    assert len(uids) >= 8
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@ketacover") for uid in uids)


def test_no_names_birth_dates_member_ids_or_diagnoses_appear_in_the_calendar():
    cases = examples()
    data = deadlines_calendar(
        [(item, case_deadlines(item, TODAY)) for item in cases], today=TODAY, name="All"
    )
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8")
    assert len(events(data)) >= 8
    for item in cases:
        person = item.patient
        forbidden = [
            person.given_name,
            person.family_name,
            person.date_of_birth.isoformat(),
            person.date_of_birth.strftime("%Y%m%d"),
            person.date_of_birth.strftime("%m/%d/%Y"),
        ]
        if item.plan is not None and item.plan.member_id:
            forbidden.append(item.plan.member_id)
        for diagnosis in item.diagnoses:
            forbidden += [diagnosis.code, diagnosis.code.replace(".", "")]
        for value in forbidden:
            assert value not in unfolded, f"{item.id} leaks a protected value"


def test_dtstamp_and_sequence_come_from_the_export_day_not_the_clock():
    first = events(deadlines_calendar([(case(), [deadline()])], today=TODAY, name="D"))[0]
    assert first.decoded("DTSTAMP") == datetime(2026, 11, 23, tzinfo=UTC)
    later = events(deadlines_calendar([(case(), [deadline()])], today=date(2026, 12, 1), name="D"))[
        0
    ]
    assert int(later["SEQUENCE"]) > int(first["SEQUENCE"])
    assert int(later["SEQUENCE"]) - int(first["SEQUENCE"]) == 8


def test_a_given_stamp_is_written_in_utc():
    eastern = timezone(timedelta(hours=-5))
    stamp = datetime(2026, 11, 23, 9, 30, tzinfo=eastern)
    event = events(
        deadlines_calendar([(case(), [deadline()])], today=TODAY, name="D", stamp=stamp)
    )[0]
    assert event.decoded("DTSTAMP") == datetime(2026, 11, 23, 14, 30, tzinfo=UTC)


def test_a_stamp_without_a_time_zone_is_refused():
    with pytest.raises(KetacoverError, match="time zone"):
        deadlines_calendar([], today=TODAY, name="D", stamp=datetime(2026, 11, 23, 9, 30))  # noqa: DTZ001


def test_the_export_is_the_same_bytes_for_the_same_input():
    items = [(case(), [deadline(), deadline(kind=DeadlineKind.PA_DECISION, ref="pa-1")])]
    assert deadlines_calendar(items, today=TODAY, name="D") == deadlines_calendar(
        items, today=TODAY, name="D"
    )


def test_deadlines_gone_since_an_earlier_export_are_cancelled():
    kept, dropped = deadline(), deadline(ref="denial-2")
    earlier = deadlines_calendar([(case(), [kept, dropped])], today=TODAY, name="D")
    previous = calendar_uids(earlier)
    assert previous == {deadline_uid("case-0007", kept), deadline_uid("case-0007", dropped)}
    now = deadlines_calendar(
        [(case(), [kept])], today=date(2026, 12, 1), name="D", cancelled_uids=previous
    )
    by_uid = {str(event["UID"]): event for event in events(now)}
    assert set(by_uid) == previous
    gone = by_uid[deadline_uid("case-0007", dropped)]
    assert str(gone["STATUS"]) == "CANCELLED"
    assert int(gone["SEQUENCE"]) > int(events(earlier)[1]["SEQUENCE"])
    assert "STATUS" not in by_uid[deadline_uid("case-0007", kept)]
    assert calendar_uids(now) == {deadline_uid("case-0007", kept)}


def test_long_lines_are_folded_and_unfold_to_the_original_text():
    long = deadline(explain="A very long explanation, " * 20)
    data = deadlines_calendar([(case(), [long])], today=TODAY, name="D")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert str(events(data)[0]["DESCRIPTION"]).startswith("A very long explanation, " * 20)


def test_many_cases_share_one_calendar():
    items = [(case("case-a"), [deadline()]), (case("case-b"), [deadline()])]
    summaries = sorted(
        str(e["SUMMARY"]) for e in events(deadlines_calendar(items, today=TODAY, name="D"))
    )
    assert summaries == [
        "case-a: last day to file the appeal (denial-1)",
        "case-b: last day to file the appeal (denial-1)",
    ]


@pytest.mark.parametrize("data", [b"not a calendar", b"BEGIN:VCALENDAR\r\nBROKEN"])
def test_an_earlier_export_that_is_not_a_calendar_is_refused(data):
    with pytest.raises(InvalidCalendarError, match="not an iCalendar file"):
        calendar_uids(data)


def test_an_earlier_file_with_another_component_is_refused():
    with pytest.raises(InvalidCalendarError, match="no VCALENDAR"):
        calendar_uids(b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n")


def test_a_moved_deadline_of_an_example_keeps_its_uid():
    item = next(c for c in examples() if c.id == "case-0006")
    denial = item.denials[0]
    three = timedelta(days=3)
    received = denial.received + three if denial.received else None
    moved = dataclasses.replace(denial, notice_date=denial.notice_date + three, received=received)
    later = dataclasses.replace(item, denials=(moved, *item.denials[1:]))
    before = {deadline_uid(item.id, d): d.due for d in case_deadlines(item, TODAY)}
    after = {deadline_uid(later.id, d): d.due for d in case_deadlines(later, TODAY)}
    assert set(before) == set(after)
    assert before != after
