from datetime import date

import pytest

from ketacover.core.deadlines.appeal_decisions import appeal_decision_due
from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.model import Appeal, AppealLevel, PayerCategory, Treatment
from ketacover.core.sources import Confidence

P = PayerCategory
A = AppealLevel
FILED = date(2026, 3, 2)


def _appeal(level=A.INTERNAL, expedited=False):
    return Appeal(denial_id="denial-1", level=level, submitted=FILED, expedited=expedited)


@pytest.mark.parametrize(
    ("category", "level", "expedited", "pre_service", "due", "rule_id", "confidence"),
    [
        (
            P.COMMERCIAL_SELF_FUNDED,
            A.INTERNAL,
            True,
            True,
            date(2026, 3, 4),
            "erisa.appeal_decision.urgent",
            Confidence.VERIFIED,
        ),
        (
            P.COMMERCIAL_FULLY_INSURED,
            A.INTERNAL,
            False,
            True,
            date(2026, 4, 1),
            "erisa.appeal_decision.pre_service",
            Confidence.VERIFIED,
        ),
        (
            P.MARKETPLACE_QHP,
            A.SECOND_INTERNAL,
            False,
            False,
            date(2026, 5, 1),
            "erisa.appeal_decision.post_service",
            Confidence.VERIFIED,
        ),
        (
            P.INDIVIDUAL,
            A.INTERNAL,
            False,
            None,
            date(2026, 4, 1),
            "erisa.appeal_decision.pre_service",
            Confidence.VERIFIED,
        ),
        (
            P.MEDICARE_ADVANTAGE,
            A.INTERNAL,
            True,
            True,
            date(2026, 3, 4),
            "ma.reconsideration_decision.expedited",
            Confidence.VERIFIED,
        ),
        (
            P.MEDICARE_ADVANTAGE,
            A.MEDICARE_RECONSIDERATION,
            False,
            True,
            date(2026, 4, 1),
            "ma.reconsideration_decision.standard",
            Confidence.VERIFIED,
        ),
        (
            P.MEDICARE_ADVANTAGE,
            A.INTERNAL,
            False,
            False,
            date(2026, 5, 1),
            "ma.reconsideration_decision.payment",
            Confidence.VERIFIED,
        ),
        (
            P.MEDICAID_MANAGED_CARE,
            A.INTERNAL,
            True,
            True,
            date(2026, 3, 4),
            "medicaid_mc.appeal_decision.expedited",
            Confidence.PARTLY_VERIFIED,
        ),
        (
            P.MEDICAID_MANAGED_CARE,
            A.INTERNAL,
            False,
            True,
            date(2026, 4, 1),
            "medicaid_mc.appeal_decision.standard",
            Confidence.PARTLY_VERIFIED,
        ),
        (
            P.MEDICARE,
            A.INTERNAL,
            False,
            True,
            date(2026, 5, 1),
            "medicare.redetermination_decision",
            Confidence.VERIFIED,
        ),
        (
            None,
            A.MEDICARE_REDETERMINATION,
            False,
            None,
            date(2026, 5, 1),
            "medicare.redetermination_decision",
            Confidence.VERIFIED,
        ),
        (
            P.MEDICARE,
            A.MEDICARE_RECONSIDERATION,
            False,
            True,
            date(2026, 5, 1),
            "medicare.reconsideration_decision",
            Confidence.VERIFIED,
        ),
        (
            P.MEDICARE,
            A.SECOND_INTERNAL,
            False,
            True,
            date(2026, 5, 1),
            "medicare.reconsideration_decision",
            Confidence.VERIFIED,
        ),
        (
            None,
            A.MEDICARE_RECONSIDERATION,
            False,
            None,
            date(2026, 5, 1),
            "medicare.reconsideration_decision",
            Confidence.VERIFIED,
        ),
        (
            P.COMMERCIAL_SELF_FUNDED,
            A.EXTERNAL_REVIEW,
            False,
            True,
            date(2026, 4, 16),
            "aca.external_review_decision.standard",
            Confidence.VERIFIED,
        ),
    ],
)
def test_it_gives_the_appeal_decision_due_date(
    category, level, expedited, pre_service, due, rule_id, confidence
):
    deadline = appeal_decision_due(_appeal(level, expedited), category, pre_service=pre_service)
    assert deadline is not None
    assert deadline.due == due
    assert deadline.rule_id == rule_id
    assert deadline.source.confidence is confidence
    assert deadline.starts == FILED
    assert deadline.ref == "denial-1"
    if level is not A.EXTERNAL_REVIEW:
        assert deadline.kind is DeadlineKind.APPEAL_DECISION


@pytest.mark.parametrize(
    ("category", "level"),
    [
        (P.MEDICAID, A.INTERNAL),
        (P.TRICARE, A.INTERNAL),
        (P.OTHER, A.INTERNAL),
        (None, A.INTERNAL),
        (P.MEDICAID_MANAGED_CARE, A.STATE_FAIR_HEARING),
    ],
)
def test_it_gives_no_date_where_the_sources_have_no_clock(category, level):
    assert appeal_decision_due(_appeal(level), category, pre_service=True) is None


@pytest.mark.parametrize("category", [P.COMMERCIAL_SELF_FUNDED, P.MEDICARE_ADVANTAGE])
def test_an_unknown_service_type_uses_the_shorter_clock_and_says_so(category):
    deadline = appeal_decision_due(_appeal(), category, pre_service=None)
    assert deadline is not None
    assert deadline.due == date(2026, 4, 1)
    assert "shorter pre-service clock" in deadline.explain


def test_an_employer_plan_decision_mentions_the_unverified_two_level_split():
    deadline = appeal_decision_due(_appeal(), P.COMMERCIAL_SELF_FUNDED, pre_service=True)
    assert deadline is not None
    assert "two internal levels" in deadline.explain
    assert "not verified" in deadline.explain


def test_a_medicare_advantage_esketamine_appeal_mentions_the_part_b_drug_clock():
    deadline = appeal_decision_due(
        _appeal(), P.MEDICARE_ADVANTAGE, pre_service=True, treatment=Treatment.ESKETAMINE
    )
    assert deadline is not None
    assert deadline.due == date(2026, 4, 1)
    assert "Part B drug" in deadline.explain
    assert "independent review entity" in deadline.explain


def test_a_medicare_advantage_iv_ketamine_appeal_does_not_mention_the_drug_clock():
    deadline = appeal_decision_due(
        _appeal(), P.MEDICARE_ADVANTAGE, pre_service=True, treatment=Treatment.IV_KETAMINE
    )
    assert deadline is not None
    assert "Part B drug" not in deadline.explain
