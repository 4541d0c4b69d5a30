"""The Good Faith Estimate of a self-pay course: when it is due, what it lists and at what price
(the claim's own coding and fee schedule), the $400 dispute test, and every missing fact named."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ketacover.core.billing import compose
from ketacover.core.billing.good_faith import (
    DISPUTE_DAYS,
    billed,
    estimate,
    excess,
    is_self_pay,
    issue_by,
)
from ketacover.core.errors import MissingFactsError
from ketacover.core.model import Case, Fee, Session, Treatment
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).parents[3] / "examples"


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case(EXAMPLES / "self-pay-iv-ketamine-gfe.yaml")


def with_plan(case: Case, **changes: object) -> Case:
    assert case.treatment_plan is not None
    return dataclasses.replace(
        case, treatment_plan=dataclasses.replace(case.treatment_plan, **changes)
    )


def with_clinic(case: Case, **changes: object) -> Case:
    assert case.clinic is not None
    return dataclasses.replace(case, clinic=dataclasses.replace(case.clinic, **changes))


# (scheduled, service, due, rule words); 2026: Thanksgiving Thu 11-26, Christmas Fri 12-25,
# New Year's Day Fri 2027-01-01.
SCHEDULED = [
    # At least 10 business days ahead: 3 business days.
    (date(2026, 11, 30), date(2026, 12, 14), date(2026, 12, 3), "10 business days"),
    # 9 business days ahead: only the 3-day rule, so 1 business day.
    (date(2026, 11, 30), date(2026, 12, 11), date(2026, 12, 1), "3 business days ahead"),
    # Exactly 3 business days ahead.
    (date(2026, 11, 30), date(2026, 12, 3), date(2026, 12, 1), "3 business days ahead"),
    # Scheduled on a Friday: the weekend is skipped (Wednesday's service is 3 business days on).
    (date(2026, 12, 4), date(2026, 12, 9), date(2026, 12, 7), "3 business days ahead"),
    # Thanksgiving is not a business day: due the Friday after it.
    (date(2026, 11, 25), date(2026, 12, 1), date(2026, 11, 27), "3 business days ahead"),
    # Christmas and New Year's Day are skipped in both counts.
    (date(2026, 12, 24), date(2027, 1, 11), date(2026, 12, 30), "10 business days"),
    (date(2026, 12, 24), date(2026, 12, 30), date(2026, 12, 28), "3 business days ahead"),
    # Ten calendar days but only 9 business days once Thanksgiving is skipped.
    (date(2026, 11, 20), date(2026, 12, 4), date(2026, 11, 23), "3 business days ahead"),
    (date(2026, 11, 20), date(2026, 12, 7), date(2026, 11, 25), "10 business days"),
]


@pytest.mark.parametrize(("scheduled", "service", "due", "rule"), SCHEDULED)
def test_the_estimate_is_due_1_or_3_business_days_after_scheduling(scheduled, service, due, rule):
    found = issue_by(service=service, scheduled=scheduled)
    assert found is not None
    assert (found.due, found.starts) == (due, scheduled)
    assert rule in found.rule
    assert found.source.citation == "45 CFR 149.610"


@pytest.mark.parametrize(
    ("scheduled", "service"),
    [
        (date(2026, 11, 30), date(2026, 12, 2)),  # 2 business days ahead
        (date(2026, 11, 25), date(2026, 11, 30)),  # Thanksgiving leaves 2 business days
        (date(2026, 12, 24), date(2026, 12, 28)),  # Christmas and a weekend leave 1
    ],
)
def test_a_service_scheduled_fewer_than_3_business_days_ahead_has_no_issue_by_date(
    scheduled, service
):
    assert issue_by(service=service, scheduled=scheduled) is None


@pytest.mark.parametrize(
    ("requested", "due"),
    [
        (date(2026, 11, 30), date(2026, 12, 3)),
        (date(2026, 11, 25), date(2026, 12, 1)),  # Thanksgiving and a weekend skipped
        (date(2026, 12, 5), date(2026, 12, 9)),  # asked on a Saturday
    ],
)
def test_an_estimate_asked_for_is_due_within_3_business_days(requested, due):
    found = issue_by(service=date(2027, 3, 1), requested=requested)
    assert found is not None
    assert found.due == due
    assert "asked for" in found.rule


def test_when_both_rules_apply_the_earlier_date_wins():
    found = issue_by(
        service=date(2026, 12, 14), scheduled=date(2026, 11, 30), requested=date(2026, 11, 25)
    )
    assert found is not None
    assert found.due == date(2026, 12, 1)


def test_the_example_lists_each_code_with_its_sessions_and_the_fee_schedule_prices(case):
    found = estimate(case)
    (provider,) = found.providers
    assert [(line.code, line.units, line.sessions, line.charge) for line in provider.lines] == [
        ("J3490", 1, 6, Decimal("240.00")),
        ("96365", 1, 6, Decimal("1680.00")),
    ]
    assert provider.total == found.total == Decimal("1920.00")
    assert (provider.npi, provider.tin) == ("1598765430", "00-0000316")
    assert provider.address.state == "WI"
    assert found.diagnoses[0][0] == "F33.2"
    assert found.service_dates[0] == date(2026, 12, 7)
    assert len(found.service_dates) == 6
    assert found.issue_by is not None
    assert found.issue_by.due == date(2026, 11, 25)
    assert found.patient_name == "Rosalind Whitcombe"
    assert found.date_of_birth == date(1979, 3, 22)


def test_a_planned_session_is_priced_as_the_claim_of_the_same_session_would_be(case):
    """The estimate and the claim share one coding and one fee schedule."""
    given = Session(
        on=date(2026, 12, 7), treatment=Treatment.IV_KETAMINE, minutes=40, dose_mg=Decimal(35)
    )
    claim = compose(dataclasses.replace(case, sessions=(given,)), on=given.on)
    lines = estimate(case, sessions=1).providers[0].lines
    assert [(line.code, line.units, line.charge) for line in claim.lines] == [
        (line.code, line.units, line.charge) for line in lines
    ]


def test_longer_infusions_add_the_additional_hour_code_from_the_fee_schedule(case):
    found = estimate(with_plan(case, infusion_minutes=100), sessions=2)
    codes = [(line.code, line.units, line.charge) for line in found.providers[0].lines]
    assert ("96366", 1, Decimal("240.00")) in codes


def test_sessions_on_the_command_line_override_the_plan(case):
    assert estimate(case, sessions=3).total == Decimal("960.00")


def test_the_evaluation_priced_on_its_own_is_listed_as_scheduled_separately(case):
    assert "initial evaluation" in estimate(case).separately_scheduled[0]
    assert estimate(with_plan(case, evaluation_price=None)).separately_scheduled == ()


def test_the_disclaimers_say_what_the_regulation_and_the_model_notice_require(case):
    text = " ".join(estimate(case).disclaimers)
    for words in (
        "only an estimate",
        "scheduled or asked for separately",
        "not a contract",
        "$400.00 or more",
        "120 calendar days",
        "will not affect the quality of the care",
        "www.cms.gov/nosurprises",
    ):
        assert words in text


def test_an_estimate_needs_the_patient_to_pay_the_clinic_directly(case):
    assert is_self_pay(case)
    insured = with_plan(case, self_pay=None)
    assert not is_self_pay(insured)
    with pytest.raises(MissingFactsError) as caught:
        estimate(insured)
    assert caught.value.missing[0].startswith("treatment_plan.self_pay:")


def test_every_missing_fact_is_named_by_its_field_and_nothing_is_guessed(case):
    broken = with_clinic(
        case,
        npi=None,
        tin=None,
        fee_schedule=(Fee(code="J3490", charge=Decimal("40.00")),),
    )
    broken = with_plan(broken, scheduled_on=None)
    with pytest.raises(MissingFactsError) as caught:
        estimate(broken)
    fields = [item.split(":", 1)[0] for item in caught.value.missing]
    assert fields == [
        "clinic.npi",
        "clinic.tin",
        "treatment_plan.scheduled_on",
        "clinic.fee_schedule",
    ]
    assert "96365" in caught.value.missing[-1]


def test_a_course_without_a_start_or_length_is_not_dated_by_guess(case):
    with pytest.raises(MissingFactsError) as caught:
        estimate(with_plan(case, start=None))
    assert any(item.startswith("treatment_plan.start:") for item in caught.value.missing)
    with pytest.raises(MissingFactsError) as caught:
        estimate(with_plan(case, weeks=None))
    assert [item.split(":")[0] for item in caught.value.missing] == ["treatment_plan.weeks"]
    assert estimate(with_plan(case, weeks=None), sessions=1).total == Decimal("320.00")


def test_a_request_without_scheduling_is_enough_to_date_the_estimate(case):
    found = estimate(with_plan(case, scheduled_on=None, estimate_requested_on=date(2026, 11, 30)))
    assert found.issue_by is not None
    assert found.issue_by.due == date(2026, 12, 3)


@pytest.mark.parametrize(
    ("amount", "disputable"),
    [
        ("2319.99", False),  # $399.99 above the estimate
        ("2320.00", True),  # $400.00 above
        ("1500.00", False),
        ("3000.00", True),
    ],
)
def test_a_bill_400_dollars_or_more_above_the_estimate_can_be_disputed(case, amount, disputable):
    provider = estimate(case).providers[0]
    found = excess(provider, Decimal(amount), bill_date=date(2026, 12, 28))
    assert (found is not None) is disputable
    if found is not None:
        assert found.over == Decimal(amount) - Decimal("1920.00")
        # 120 calendar days from the bill's date.
        assert found.dispute_by == date(2027, 4, 27)
        assert found.source.citation == "45 CFR 149.620"
        assert "April 27, 2027" in found.advice
        assert f"${Decimal(amount):,.2f}" in found.advice


def test_without_the_bills_date_the_window_is_said_in_days(case):
    found = excess(estimate(case).providers[0], Decimal("2400.00"))
    assert found is not None
    assert found.dispute_by is None
    assert f"within {DISPUTE_DAYS} calendar days of the date on the bill" in found.advice


def test_what_was_billed_comes_from_the_claims_of_the_sessions_given(case):
    found = estimate(case)
    assert billed(case, found) is None
    given = tuple(
        Session(
            on=day,
            treatment=Treatment.IV_KETAMINE,
            minutes=100,
            dose_mg=Decimal(35),
            em_code="99214",
            em_separately_identifiable=True,
        )
        for day in found.service_dates
    )
    amount = billed(dataclasses.replace(case, sessions=given), found)
    # Each session: J3490 40 + 99214 160 + 96365 280 + 96366 120 = 600.
    assert amount == Decimal("3600.00")
    assert excess(found.providers[0], amount or Decimal(0)) is not None
