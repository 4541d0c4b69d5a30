from datetime import date

import pytest

from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.deadlines.prior_authorization import (
    follow_up_date,
    pa_decision_due,
    pa_decision_due_for,
    pa_follow_up,
    why_no_pa_clock,
)
from ketacover.core.model import PayerCategory, PriorAuthorization, Treatment, Urgency
from ketacover.core.sources import Confidence

P = PayerCategory
STANDARD, URGENT = Urgency.STANDARD, Urgency.URGENT
IV, ESK = Treatment.IV_KETAMINE, Treatment.ESKETAMINE
V, PV = Confidence.VERIFIED, Confidence.PARTLY_VERIFIED
MONDAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("category", "urgency", "treatment", "submitted", "due", "rule_id", "confidence"),
    [
        (
            P.MEDICARE_ADVANTAGE,
            STANDARD,
            IV,
            MONDAY,
            date(2026, 3, 9),
            "ma.pa_decision.standard",
            V,
        ),
        (
            P.MEDICARE_ADVANTAGE,
            STANDARD,
            IV,
            date(2025, 12, 15),
            date(2025, 12, 29),
            "ma.pa_decision.standard_before_2026",
            V,
        ),
        (
            P.MEDICARE_ADVANTAGE,
            STANDARD,
            ESK,
            date(2025, 12, 31),
            date(2026, 1, 14),
            "ma.pa_decision.standard_before_2026",
            PV,
        ),
        (P.MEDICARE_ADVANTAGE, URGENT, IV, MONDAY, date(2026, 3, 4), "ma.pa_decision.expedited", V),
        (
            P.MEDICARE_ADVANTAGE,
            URGENT,
            ESK,
            MONDAY,
            date(2026, 3, 4),
            "ma.pa_decision.expedited",
            PV,
        ),
        (
            P.MEDICARE_ADVANTAGE,
            STANDARD,
            ESK,
            MONDAY,
            date(2026, 3, 9),
            "ma.pa_decision.standard",
            PV,
        ),
        (P.MEDICAID, STANDARD, IV, MONDAY, date(2026, 3, 9), "medicaid.pa_decision.standard", V),
        (
            P.MEDICAID_MANAGED_CARE,
            URGENT,
            IV,
            MONDAY,
            date(2026, 3, 4),
            "medicaid.pa_decision.expedited",
            V,
        ),
        (
            P.MEDICAID_MANAGED_CARE,
            URGENT,
            ESK,
            MONDAY,
            date(2026, 3, 4),
            "medicaid.pa_decision.expedited",
            PV,
        ),
        (
            P.COMMERCIAL_FULLY_INSURED,
            STANDARD,
            IV,
            MONDAY,
            date(2026, 3, 17),
            "erisa.pa_decision.pre_service",
            V,
        ),
        (
            P.COMMERCIAL_SELF_FUNDED,
            STANDARD,
            ESK,
            MONDAY,
            date(2026, 3, 17),
            "erisa.pa_decision.pre_service",
            V,
        ),
        (
            P.COMMERCIAL_SELF_FUNDED,
            URGENT,
            IV,
            MONDAY,
            date(2026, 3, 4),
            "erisa.pa_decision.urgent",
            V,
        ),
        (
            P.INDIVIDUAL,
            STANDARD,
            IV,
            MONDAY,
            date(2026, 3, 17),
            "aca.individual.pa_decision.pre_service",
            V,
        ),
        (
            P.MARKETPLACE_QHP,
            STANDARD,
            ESK,
            MONDAY,
            date(2026, 3, 17),
            "aca.marketplace.pa_decision.pre_service",
            PV,
        ),
        (
            P.MARKETPLACE_QHP,
            URGENT,
            IV,
            MONDAY,
            date(2026, 3, 4),
            "aca.marketplace.pa_decision.urgent",
            PV,
        ),
    ],
)
def test_it_gives_the_decision_due_date_by_payer_and_urgency(
    category, urgency, treatment, submitted, due, rule_id, confidence
):
    deadline = pa_decision_due(category, urgency, treatment, submitted, ref="pa-1")
    assert deadline is not None
    assert deadline.kind is DeadlineKind.PA_DECISION
    assert deadline.due == due
    assert deadline.rule_id == rule_id
    assert deadline.source.confidence is confidence
    assert deadline.starts == submitted
    assert deadline.ref == "pa-1"
    assert due.isoformat() in deadline.explain


def test_an_esketamine_request_on_a_cms_clock_says_the_drug_exclusion_may_apply():
    deadline = pa_decision_due(P.MEDICAID_MANAGED_CARE, STANDARD, ESK, MONDAY)
    assert deadline is not None
    assert "esketamine drug itself may fall outside this clock" in deadline.explain
    assert deadline.source.citation.endswith("; CMS-0057-F (89 FR 8758)")


@pytest.mark.parametrize(
    ("urgency", "hours", "due"),
    [(STANDARD, "72 hours", date(2026, 3, 9)), (URGENT, "24 hours", date(2026, 3, 4))],
)
def test_a_medicare_advantage_esketamine_request_names_the_part_b_drug_clock_and_asks_the_plan(
    urgency, hours, due
):
    deadline = pa_decision_due(P.MEDICARE_ADVANTAGE, urgency, ESK, MONDAY)
    assert deadline is not None
    assert deadline.due == due
    assert f"a decision within {hours} of receipt, with no extension" in deadline.explain
    assert "422.568(b)(2) and 422.572(a)(2)" in deadline.explain
    assert "G2082/G2083" in deadline.explain
    assert deadline.explain.endswith("ask the plan which clock applies.")
    assert deadline.source.confidence is PV
    assert "422.568(b)(2)" in deadline.source.citation


def test_a_medicare_advantage_ketamine_request_keeps_the_service_clock_without_the_drug_clock():
    deadline = pa_decision_due(P.MEDICARE_ADVANTAGE, STANDARD, IV, MONDAY)
    assert deadline is not None
    assert "Part B drug" not in deadline.explain


def test_a_medicaid_esketamine_request_does_not_mention_the_medicare_g_codes():
    deadline = pa_decision_due(P.MEDICAID, STANDARD, ESK, MONDAY)
    assert deadline is not None
    assert "esketamine drug itself" in deadline.explain
    assert "G2082" not in deadline.explain
    assert "rating periods" in deadline.explain


def test_an_iv_ketamine_request_on_a_cms_clock_carries_a_short_drug_note():
    deadline = pa_decision_due(P.MEDICARE_ADVANTAGE, STANDARD, IV, MONDAY)
    assert deadline is not None
    assert "drug exclusion" in deadline.explain
    assert deadline.source.confidence is V


def test_an_employer_plan_request_has_no_drug_note():
    deadline = pa_decision_due(P.COMMERCIAL_SELF_FUNDED, STANDARD, ESK, MONDAY)
    assert deadline is not None
    assert "drug" not in deadline.explain
    assert "15-day extension" in deadline.explain


def test_a_marketplace_request_says_why_it_is_not_on_the_cms_clock():
    deadline = pa_decision_due(P.MARKETPLACE_QHP, STANDARD, IV, MONDAY)
    assert deadline is not None
    assert "excluded from the CMS 2026 clocks" in deadline.explain


@pytest.mark.parametrize(
    ("category", "submitted", "says"),
    [
        (P.MEDICARE, MONDAY, "Original Medicare"),
        (P.TRICARE, MONDAY, "TRICARE"),
        (P.OTHER, MONDAY, "this kind of plan"),
        (P.MEDICAID, date(2025, 12, 31), "2026-01-01"),
        (P.MEDICAID_MANAGED_CARE, date(2025, 6, 1), "2026-01-01"),
    ],
)
def test_it_gives_no_clock_where_the_sources_have_none_and_says_what_to_ask(
    category, submitted, says
):
    assert pa_decision_due(category, STANDARD, IV, submitted) is None
    reason = why_no_pa_clock(category, submitted)
    assert reason is not None
    assert says in reason
    assert "ask" in reason


@pytest.mark.parametrize(
    "category",
    [P.MEDICARE_ADVANTAGE, P.MEDICAID, P.COMMERCIAL_SELF_FUNDED, P.MARKETPLACE_QHP, P.INDIVIDUAL],
)
def test_there_is_no_reason_to_give_when_a_clock_exists(category):
    assert why_no_pa_clock(category, MONDAY) is None


@pytest.mark.parametrize(
    ("submitted", "due", "expected"),
    [
        (MONDAY, date(2026, 3, 17), date(2026, 3, 16)),
        (MONDAY, None, date(2026, 3, 9)),
        (date(2026, 7, 1), date(2026, 7, 6), date(2026, 7, 2)),  # skips the observed July 3
        (date(2026, 3, 6), date(2026, 3, 8), date(2026, 3, 8)),  # Friday request due on Sunday
        (MONDAY, date(2026, 3, 4), date(2026, 3, 3)),
        (date(2026, 7, 2), None, date(2026, 7, 10)),
    ],
)
def test_it_suggests_a_follow_up_date(submitted, due, expected):
    assert follow_up_date(submitted, due) == expected


def _pa(**kw):
    return PriorAuthorization(
        id="pa-1", treatment=kw.pop("treatment", ESK), submitted=kw.pop("submitted", MONDAY), **kw
    )


def test_a_recorded_request_gets_its_due_date_and_id():
    deadline = pa_decision_due_for(_pa(urgency=URGENT), P.COMMERCIAL_SELF_FUNDED)
    assert deadline is not None
    assert deadline.due == date(2026, 3, 4)
    assert deadline.ref == "pa-1"


def test_a_follow_up_before_a_due_date_is_marked_as_our_practice():
    pa = _pa()
    due = pa_decision_due_for(pa, P.COMMERCIAL_SELF_FUNDED)
    follow_up = pa_follow_up(pa, due)
    assert follow_up.kind is DeadlineKind.PA_FOLLOW_UP
    assert follow_up.due == date(2026, 3, 16)
    assert follow_up.rule_id == "practice.pa_follow_up"
    assert "our practice" in follow_up.clock
    assert "not a legal deadline" in follow_up.source.citation
    assert "2026-03-17" in follow_up.explain
    assert follow_up.ref == "pa-1"


def test_a_follow_up_without_a_clock_comes_five_business_days_later():
    follow_up = pa_follow_up(_pa(), None)
    assert follow_up.due == date(2026, 3, 9)
    assert "no decision clock is known" in follow_up.explain
