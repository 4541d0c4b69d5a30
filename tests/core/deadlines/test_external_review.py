from datetime import date

import pytest

from ketacover.core.deadlines.business_days import is_business_day
from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.deadlines.external_review import (
    computed_external_review_filing,
    external_review_decision_due,
    external_review_filing,
    why_no_external_review,
)
from ketacover.core.model import (
    Appeal,
    AppealLevel,
    Denial,
    DenialLevel,
    DenialReason,
    PayerCategory,
    Plan,
)

PLAN = Plan(
    payer="Example Health", category=PayerCategory.COMMERCIAL_SELF_FUNDED, grandfathered=False
)


def _final(received=None, **kw):
    return Denial(
        id="denial-2",
        notice_date=kw.pop("notice_date", received or date(2026, 10, 30)),
        received=received,
        level=DenialLevel.FINAL_INTERNAL,
        **kw,
    )


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 10, 30), date(2027, 3, 1)),  # February has no 30th; Monday 2027-03-01
        (date(2026, 10, 31), date(2027, 3, 1)),
        (date(2026, 3, 15), date(2026, 7, 15)),
        (date(2026, 7, 26), date(2026, 11, 27)),  # 2026-11-26 is Thanksgiving
        (date(2026, 8, 25), date(2026, 12, 28)),  # 2026-12-25 is Christmas, a Friday
        (date(2026, 3, 3), date(2026, 7, 6)),  # Independence Day observed on Friday 2026-07-03
        (date(2026, 2, 28), date(2026, 6, 29)),  # 2026-06-28 is a Sunday
        (date(2027, 10, 29), date(2028, 2, 29)),  # leap year: February 29 exists
        (date(2027, 10, 31), date(2028, 3, 1)),
    ],
)
def test_it_computes_the_external_review_deadline(received, due):
    window = external_review_filing(_final(received), PLAN)
    assert window is not None
    deadline = window.deadline
    assert deadline.kind is DeadlineKind.EXTERNAL_REVIEW_FILING
    assert deadline.due == due
    assert is_business_day(deadline.due)
    assert deadline.rule_id == "aca.external_review_filing"
    assert deadline.source.citation == "45 CFR 147.136(d)(2)(i)"
    assert deadline.starts == received
    assert deadline.ref == "denial-2"
    assert f"The last day to ask is {due.isoformat()}" in deadline.explain


def test_the_explanation_names_the_month_end_rule_when_it_applies():
    deadline = computed_external_review_filing(_final(date(2026, 10, 30)), PLAN)
    assert "that month has no day 30" in deadline.explain
    assert "next business day" not in deadline.explain


def test_the_explanation_names_the_business_day_rule_when_it_applies():
    deadline = computed_external_review_filing(_final(date(2026, 7, 26)), PLAN)
    assert "moves to the next business day" in deadline.explain
    assert "has no day" not in deadline.explain


def test_the_explanation_carries_the_healthcare_gov_conflict():
    deadline = computed_external_review_filing(_final(date(2026, 3, 15)), PLAN)
    assert "60 days" in deadline.explain
    assert "date on your notice" in deadline.explain


def test_a_missing_receipt_counts_from_the_notice_date():
    denial = Denial(id="denial-2", notice_date=date(2026, 3, 15), level=DenialLevel.FINAL_INTERNAL)
    deadline = computed_external_review_filing(denial, PLAN)
    assert deadline.starts == date(2026, 3, 15)
    assert deadline.due == date(2026, 7, 15)
    assert "not recorded" in deadline.explain


@pytest.mark.parametrize(("grandfathered", "unknown"), [(None, True), (False, False)])
def test_it_says_when_eligibility_is_unknown(grandfathered, unknown):
    plan = Plan(payer="X", category=PayerCategory.MARKETPLACE_QHP, grandfathered=grandfathered)
    window = external_review_filing(_final(date(2026, 3, 15)), plan)
    assert window is not None
    assert ("Eligibility is unknown" in window.deadline.explain) is unknown


@pytest.mark.parametrize(
    ("reason", "says"),
    [
        (DenialReason.NOT_MEDICALLY_NECESSARY, "is eligible for external review"),
        (DenialReason.EXPERIMENTAL_INVESTIGATIONAL, "is eligible for external review"),
        (DenialReason.CODING_ERROR, "may not qualify"),
        (None, "check which this is"),
    ],
)
def test_it_says_whether_the_reason_qualifies(reason, says):
    deadline = computed_external_review_filing(_final(date(2026, 3, 15), reason=reason), PLAN)
    assert says in deadline.explain


def test_a_date_printed_on_the_notice_wins():
    denial = _final(date(2026, 10, 30), appeal_deadline_on_notice=date(2026, 12, 29))
    window = external_review_filing(denial, PLAN)
    assert window is not None
    assert window.deadline.due == date(2026, 12, 29)
    assert window.deadline.from_notice is True
    assert window.deadline.kind is DeadlineKind.EXTERNAL_REVIEW_FILING
    assert window.computed is not None
    assert window.computed.due == date(2027, 3, 1)


@pytest.mark.parametrize(
    ("denial", "plan", "says"),
    [
        (
            Denial(id="d", notice_date=date(2026, 3, 2)),
            PLAN,
            "appeal internally first",
        ),
        (_final(date(2026, 3, 2)), None, "plan is not known"),
        (
            _final(date(2026, 3, 2)),
            Plan(payer="X", category=PayerCategory.MEDICARE_ADVANTAGE),
            "own appeal levels",
        ),
        (
            _final(date(2026, 3, 2)),
            Plan(payer="X", category=PayerCategory.COMMERCIAL_FULLY_INSURED, grandfathered=True),
            "grandfathered",
        ),
    ],
)
def test_it_gives_no_external_review_deadline_where_none_applies(denial, plan, says):
    assert external_review_filing(denial, plan) is None
    reason = why_no_external_review(denial, plan)
    assert reason is not None
    assert says in reason


@pytest.mark.parametrize(
    ("expedited", "due", "rule_id", "citation"),
    [
        (False, date(2026, 4, 16), "aca.external_review_decision.standard", "(d)(2)(iii)(B)(6)"),
        (True, date(2026, 3, 4), "aca.external_review_decision.expedited", "(d)(3)(iv)"),
    ],
)
def test_it_gives_the_reviewers_decision_date(expedited, due, rule_id, citation):
    appeal = Appeal(
        denial_id="denial-2",
        level=AppealLevel.EXTERNAL_REVIEW,
        submitted=date(2026, 3, 2),
        expedited=expedited,
    )
    deadline = external_review_decision_due(appeal)
    assert deadline.kind is DeadlineKind.EXTERNAL_REVIEW_DECISION
    assert deadline.due == due
    assert deadline.rule_id == rule_id
    assert deadline.source.citation.endswith(citation)
    assert deadline.ref == "denial-2"
    assert "binds the plan" in deadline.explain
