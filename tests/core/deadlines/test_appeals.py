from datetime import date

import pytest

from ketacover.core.deadlines.appeals import (
    appeal_filing_window,
    computed_appeal_filing,
    why_no_appeal_window,
)
from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.model import Denial, DenialLevel, PayerCategory
from ketacover.core.sources import Confidence

P = PayerCategory
L = DenialLevel
V, PV, U = Confidence.VERIFIED, Confidence.PARTLY_VERIFIED, Confidence.UNVERIFIED


def _denial(**kw):
    return Denial(id="denial-1", notice_date=kw.pop("notice_date", date(2026, 2, 27)), **kw)


@pytest.mark.parametrize(
    ("category", "denial", "due", "rule_id", "confidence"),
    [
        # ERISA: 180 days from receipt; 2026-03-02 + 180 days is Saturday 2026-08-29 (no roll).
        (
            P.COMMERCIAL_SELF_FUNDED,
            _denial(received=date(2026, 3, 2)),
            date(2026, 8, 29),
            "erisa.appeal_filing",
            V,
        ),
        (
            P.COMMERCIAL_FULLY_INSURED,
            _denial(received=date(2026, 3, 2)),
            date(2026, 8, 29),
            "erisa.appeal_filing",
            V,
        ),
        # Receipt unknown: counted from the notice date, the earliest possible.
        (P.COMMERCIAL_SELF_FUNDED, _denial(), date(2026, 8, 26), "erisa.appeal_filing", V),
        (
            P.INDIVIDUAL,
            _denial(received=date(2026, 3, 2)),
            date(2026, 8, 29),
            "aca.appeal_filing",
            V,
        ),
        (P.MARKETPLACE_QHP, _denial(), date(2026, 8, 26), "aca.appeal_filing", V),
        (
            P.COMMERCIAL_SELF_FUNDED,
            _denial(level=L.INTERNAL_APPEAL, received=date(2026, 3, 2)),
            date(2026, 8, 29),
            "erisa.second_level_appeal_filing",
            U,
        ),
        # Medicare: 120 days from receipt, presumed 5 days after the notice (2026-01-20).
        (
            P.MEDICARE,
            _denial(notice_date=date(2026, 1, 15)),
            date(2026, 5, 20),
            "medicare.redetermination_filing",
            V,
        ),
        (
            P.MEDICARE,
            _denial(notice_date=date(2026, 1, 15), received=date(2026, 1, 17)),
            date(2026, 5, 17),
            "medicare.redetermination_filing",
            V,
        ),
        # Reconsideration: 180 days from receipt of the redetermination (presumed 2026-06-06).
        (
            P.MEDICARE,
            _denial(notice_date=date(2026, 6, 1), level=L.INTERNAL_APPEAL),
            date(2026, 12, 3),
            "medicare.reconsideration_filing",
            V,
        ),
        (
            P.MEDICARE,
            _denial(notice_date=date(2026, 6, 1), level=L.FINAL_INTERNAL),
            date(2026, 12, 3),
            "medicare.reconsideration_filing",
            V,
        ),
        (
            P.MEDICARE_ADVANTAGE,
            _denial(notice_date=date(2026, 3, 2), received=date(2026, 3, 9)),
            date(2026, 5, 6),
            "ma.reconsideration_filing",
            PV,
        ),
        (
            P.MEDICARE_ADVANTAGE,
            _denial(notice_date=date(2024, 12, 20)),
            date(2025, 2, 18),
            "ma.reconsideration_filing_before_2025",
            PV,
        ),
        (
            P.MEDICAID_MANAGED_CARE,
            _denial(notice_date=date(2026, 3, 2)),
            date(2026, 5, 1),
            "medicaid_mc.appeal_filing",
            PV,
        ),
    ],
)
def test_it_computes_the_appeal_filing_deadline(category, denial, due, rule_id, confidence):
    window = appeal_filing_window(denial, category)
    assert window is not None
    deadline = window.deadline
    assert deadline is window.computed
    assert deadline.kind is DeadlineKind.APPEAL_FILING
    assert deadline.due == due
    assert deadline.rule_id == rule_id
    assert deadline.source.confidence is confidence
    assert deadline.ref == "denial-1"
    assert deadline.from_notice is False
    assert due.isoformat() in deadline.explain
    assert why_no_appeal_window(denial, category) is None


def test_a_missing_receipt_date_is_said_to_count_from_the_notice_date():
    deadline = computed_appeal_filing(_denial(), P.COMMERCIAL_SELF_FUNDED)
    assert deadline is not None
    assert deadline.starts == date(2026, 2, 27)
    assert "not recorded" in deadline.explain


def test_the_medicare_presumption_is_explained_when_receipt_is_unknown():
    deadline = computed_appeal_filing(_denial(notice_date=date(2026, 1, 15)), P.MEDICARE)
    assert deadline is not None
    assert deadline.starts == date(2026, 1, 20)
    assert "presumes" in deadline.explain


def test_a_late_medicare_receipt_is_used_but_the_safer_presumed_date_is_given():
    denial = _denial(notice_date=date(2026, 1, 15), received=date(2026, 1, 26))
    deadline = computed_appeal_filing(denial, P.MEDICARE)
    assert deadline is not None
    assert deadline.due == date(2026, 5, 26)
    assert "2026-05-20, the safer date" in deadline.explain


def test_an_early_medicare_receipt_needs_no_warning():
    denial = _denial(notice_date=date(2026, 1, 15), received=date(2026, 1, 17))
    deadline = computed_appeal_filing(denial, P.MEDICARE)
    assert deadline is not None
    assert "safer" not in deadline.explain


def test_an_urgent_denial_mentions_the_parallel_expedited_external_review():
    deadline = computed_appeal_filing(_denial(urgent=True), P.COMMERCIAL_SELF_FUNDED)
    assert deadline is not None
    assert "expedited external review" in deadline.explain


def test_a_second_level_window_is_marked_unverified_in_words():
    deadline = computed_appeal_filing(_denial(level=L.INTERNAL_APPEAL), P.MARKETPLACE_QHP)
    assert deadline is not None
    assert deadline.rule_id == "aca.second_level_appeal_filing"
    assert "unverified" in deadline.explain


@pytest.mark.parametrize(
    ("category", "level", "says"),
    [
        (P.COMMERCIAL_SELF_FUNDED, L.FINAL_INTERNAL, "external review"),
        (P.MARKETPLACE_QHP, L.FINAL_INTERNAL, "external review"),
        (P.MEDICARE_ADVANTAGE, L.INTERNAL_APPEAL, "independent review entity"),
        (P.MEDICARE_ADVANTAGE, L.FINAL_INTERNAL, "independent review entity"),
        (P.MEDICAID_MANAGED_CARE, L.INTERNAL_APPEAL, "state fair hearing"),
        (P.MEDICAID, L.INITIAL, "ask the plan"),
        (P.TRICARE, L.INITIAL, "ask the plan"),
        (P.OTHER, L.INITIAL, "ask the plan"),
        (None, L.INITIAL, "plan is not known"),
    ],
)
def test_it_says_why_there_is_no_window(category, level, says):
    denial = _denial(level=level)
    assert appeal_filing_window(denial, category) is None
    reason = why_no_appeal_window(denial, category)
    assert reason is not None
    assert says in reason


def test_a_date_printed_on_the_notice_wins_and_the_computed_one_is_kept():
    denial = _denial(received=date(2026, 3, 2), appeal_deadline_on_notice=date(2026, 8, 1))
    window = appeal_filing_window(denial, P.COMMERCIAL_SELF_FUNDED)
    assert window is not None
    assert window.deadline.due == date(2026, 8, 1)
    assert window.deadline.from_notice is True
    assert window.deadline.rule_id == "notice.appeal_filing"
    assert window.deadline.clock == "as printed on the notice"
    assert window.computed is not None
    assert window.computed.due == date(2026, 8, 29)
    assert "notice allows less time" in window.deadline.explain
    assert "2026-08-29" in window.deadline.explain


def test_a_notice_allowing_more_time_still_wins_but_the_earlier_date_is_suggested():
    denial = _denial(received=date(2026, 3, 2), appeal_deadline_on_notice=date(2026, 9, 30))
    window = appeal_filing_window(denial, P.COMMERCIAL_SELF_FUNDED)
    assert window is not None
    assert window.deadline.due == date(2026, 9, 30)
    assert "safest" in window.deadline.explain


def test_a_notice_that_agrees_with_the_rules_says_so():
    denial = _denial(received=date(2026, 3, 2), appeal_deadline_on_notice=date(2026, 8, 29))
    window = appeal_filing_window(denial, P.COMMERCIAL_SELF_FUNDED)
    assert window is not None
    assert "matches" in window.deadline.explain


@pytest.mark.parametrize(
    ("category", "level"),
    [(None, L.INITIAL), (P.MEDICAID, L.INITIAL), (P.MEDICARE_ADVANTAGE, L.FINAL_INTERNAL)],
)
def test_a_printed_date_is_given_even_without_a_rule(category, level):
    denial = _denial(level=level, appeal_deadline_on_notice=date(2026, 5, 1))
    window = appeal_filing_window(denial, category)
    assert window is not None
    assert window.computed is None
    assert window.deadline.due == date(2026, 5, 1)
    assert window.deadline.from_notice is True
    assert "no rule of its own" in window.deadline.explain
    assert why_no_appeal_window(denial, category) is None


def test_a_final_internal_denial_on_an_employer_plan_leaves_its_printed_date_to_external_review():
    denial = _denial(level=L.FINAL_INTERNAL, appeal_deadline_on_notice=date(2026, 5, 1))
    assert appeal_filing_window(denial, P.COMMERCIAL_SELF_FUNDED) is None
