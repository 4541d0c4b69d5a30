from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.deadlines import case_deadlines
from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.deadlines.rems import (
    FORM_DAYS,
    MONITORING_MINUTES,
    monitoring_form_due,
    monitoring_forms_due,
    monitoring_too_short,
    session_ref,
)
from ketacover.core.model import Session, Treatment
from ketacover.core.sources import Confidence
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _session(**kw):
    base = {"on": date(2026, 11, 18), "treatment": Treatment.ESKETAMINE}
    base.update(kw)
    return Session(**base)


def test_an_esketamine_session_gives_a_monitoring_form_due_seven_days_later():
    deadline = monitoring_form_due(_session())
    assert deadline is not None
    assert deadline.kind is DeadlineKind.REMS_MONITORING_FORM
    assert deadline.due == date(2026, 11, 25)
    assert deadline.starts == date(2026, 11, 18)
    assert deadline.rule_id == "rems.monitoring_form"
    assert deadline.ref == "session-2026-11-18"
    assert deadline.source.confidence is Confidence.VERIFIED
    assert "within 7 days" in deadline.explain
    assert "2026-11-25" in deadline.explain


def test_the_seven_days_are_calendar_days_even_over_a_holiday():
    # 2026-11-26 is Thanksgiving; the form is still due 7 calendar days after the session.
    deadline = monitoring_form_due(_session(on=date(2026, 11, 20)))
    assert deadline is not None
    assert deadline.due == date(2026, 11, 27)


@pytest.mark.parametrize("treatment", [Treatment.IV_KETAMINE, Treatment.IM_KETAMINE])
def test_a_ketamine_session_has_no_monitoring_form(treatment):
    assert monitoring_form_due(_session(treatment=treatment)) is None


def test_a_submitted_form_leaves_no_deadline():
    assert monitoring_form_due(_session(rems_form_submitted=date(2026, 11, 19))) is None


def test_every_session_without_a_submitted_form_gets_its_own_deadline():
    sessions = (
        _session(on=date(2026, 11, 18), rems_form_submitted=date(2026, 11, 19)),
        _session(on=date(2026, 11, 20)),
        _session(on=date(2026, 11, 21), treatment=Treatment.IV_KETAMINE),
        _session(on=date(2026, 11, 23)),
    )
    found = monitoring_forms_due(sessions)
    assert [d.ref for d in found] == ["session-2026-11-20", "session-2026-11-23"]


def test_case_deadlines_include_the_monitoring_forms():
    case = load_case(EXAMPLES / "medicare-esketamine.yaml")
    found = [
        d
        for d in case_deadlines(case, date(2026, 11, 23))
        if d.kind is DeadlineKind.REMS_MONITORING_FORM
    ]
    assert found
    assert [d.due for d in found] == [s.on + timedelta(days=7) for s in case.sessions]
    submitted = replace(
        case, sessions=tuple(replace(s, rems_form_submitted=s.on) for s in case.sessions)
    )
    kinds = {d.kind for d in case_deadlines(submitted, date(2026, 11, 23))}
    assert DeadlineKind.REMS_MONITORING_FORM not in kinds


@pytest.mark.parametrize(
    ("treatment", "minutes", "short"),
    [
        (Treatment.ESKETAMINE, 119, True),
        (Treatment.ESKETAMINE, MONITORING_MINUTES, False),
        (Treatment.ESKETAMINE, 150, False),
        (Treatment.ESKETAMINE, None, False),
        (Treatment.IV_KETAMINE, 40, False),
    ],
)
def test_it_flags_monitoring_shorter_than_two_hours(treatment, minutes, short):
    session = _session(treatment=treatment, monitoring_minutes=minutes)
    assert monitoring_too_short(session) is short


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2190, 1, 1)))
def test_the_form_is_always_due_seven_days_after_the_session(day):
    deadline = monitoring_form_due(_session(on=day))
    assert deadline is not None
    assert (deadline.due - deadline.starts).days == FORM_DAYS
    assert deadline.ref == session_ref(_session(on=day))
