from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from ketacover.core.deadlines import case_deadlines
from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.deadlines.estimates import (
    DISPUTE_REF,
    GIVE_REF,
    dispute_window,
    estimate_due,
)
from ketacover.core.model import Session, Treatment
from ketacover.interop.casefile import load_case

EXAMPLE = Path(__file__).parents[3] / "examples" / "self-pay-iv-ketamine-gfe.yaml"


def _case():
    return load_case(EXAMPLE)


def _infusion(day: int, minutes: int = 40) -> Session:
    return Session(
        on=date(2026, 12, day),
        treatment=Treatment.IV_KETAMINE,
        dose_mg=Decimal(35),
        minutes=minutes,
    )


def test_a_course_scheduled_ten_business_days_ahead_has_its_estimate_due_in_three():
    found = estimate_due(_case())
    assert found is not None
    assert (found.kind, found.due, found.starts, found.ref) == (
        DeadlineKind.GOOD_FAITH_ESTIMATE,
        date(2026, 11, 25),
        date(2026, 11, 20),
        GIVE_REF,
    )
    assert "10 business days ahead" in found.clock
    assert found.source.citation.startswith("45 CFR 149.610")


def test_the_estimate_deadline_is_on_the_case_s_deadline_list():
    kinds = [d.kind for d in case_deadlines(_case(), date(2026, 11, 21))]
    assert DeadlineKind.GOOD_FAITH_ESTIMATE in kinds


def test_an_estimate_recorded_as_given_closes_its_deadline():
    case = _case()
    assert case.treatment_plan is not None
    given = replace(
        case, treatment_plan=replace(case.treatment_plan, estimate_given_on=date(2026, 11, 23))
    )
    assert estimate_due(given) is None


def test_a_patient_s_request_without_a_start_date_still_dates_the_estimate():
    case = _case()
    assert case.treatment_plan is not None
    plan = replace(
        case.treatment_plan, start=None, scheduled_on=None, estimate_requested_on=date(2026, 11, 2)
    )
    found = estimate_due(replace(case, treatment_plan=plan))
    assert found is not None
    assert found.due == date(2026, 11, 5)


def test_a_case_billed_by_its_plan_has_no_estimate_deadlines():
    case = _case()
    assert case.treatment_plan is not None
    insured = replace(case, treatment_plan=replace(case.treatment_plan, self_pay=False))
    assert estimate_due(insured) is None
    assert dispute_window(insured) is None


def test_sessions_billed_as_estimated_open_no_dispute_window():
    case = replace(_case(), sessions=tuple(_infusion(day) for day in (7, 9, 11)))
    assert dispute_window(case) is None


def test_a_bill_four_hundred_dollars_over_the_estimate_opens_a_120_day_window_from_the_bill():
    # Six two-hour infusions bill 96366 on top of the estimate's 40-minute course:
    # 6 x $120.00 = $720.00 more than the $1,920.00 estimated.
    case = _case()
    assert case.treatment_plan is not None
    case = replace(
        case,
        sessions=tuple(_infusion(day, minutes=120) for day in (7, 9, 11, 14, 16, 18)),
        treatment_plan=replace(case.treatment_plan, billed_on=date(2026, 12, 28)),
    )
    found = dispute_window(case)
    assert found is not None
    assert (found.kind, found.due, found.starts, found.ref) == (
        DeadlineKind.GOOD_FAITH_DISPUTE,
        date(2027, 4, 27),
        date(2026, 12, 28),
        DISPUTE_REF,
    )
    assert "$720.00 more than the $1,920.00" in found.explain
    assert found.source.citation.startswith("45 CFR 149.620")
    assert found in case_deadlines(case, date(2026, 12, 29))


def test_without_the_bill_s_date_the_window_counts_from_the_last_session_given():
    case = replace(
        _case(), sessions=tuple(_infusion(day, minutes=120) for day in (7, 9, 11, 14, 16, 18))
    )
    found = dispute_window(case)
    assert found is not None
    assert found.due == date(2027, 4, 17)
    assert "last session given, 2026-12-18" in found.explain


def test_every_deadline_kind_has_a_label_in_words():
    from ketacover.core.navigator.words import DEADLINES
    from ketacover.interop.ics import _WHAT
    from ketacover.web.feeds.reminders import WHAT

    for kind in DeadlineKind:
        assert kind.label
        assert "_" not in kind.label
        assert kind in _WHAT
        assert kind.value in WHAT
        assert kind in DEADLINES
