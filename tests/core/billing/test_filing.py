"""Filing limits per plan and the aging of open claims."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ketacover.core.billing import aging, filing_limit
from ketacover.core.model import Claim, ClaimStatus, PayerCategory, Plan


def test_original_medicare_allows_twelve_months_from_the_date_of_service():
    medicare = Plan(payer="Medicare", category=PayerCategory.MEDICARE)
    limit = filing_limit(medicare, date(2026, 3, 5))
    assert limit is not None
    assert limit.last_day == date(2027, 3, 5)
    assert "424.44" in limit.source.citation


def test_a_leap_day_date_of_service_ends_on_the_last_day_of_february():
    medicare = Plan(payer="Medicare", category=PayerCategory.MEDICARE)
    limit = filing_limit(medicare, date(2028, 2, 29))
    assert limit is not None
    assert limit.last_day == date(2029, 2, 28)


def test_a_commercial_limit_is_the_plans_setting_and_unknown_until_given():
    plan = Plan(payer="Example", category=PayerCategory.COMMERCIAL_SELF_FUNDED)
    assert filing_limit(plan, date(2026, 3, 5)) is None
    limited = Plan(
        payer="Example", category=PayerCategory.COMMERCIAL_SELF_FUNDED, timely_filing_days=90
    )
    limit = filing_limit(limited, date(2026, 3, 5))
    assert limit is not None
    assert limit.last_day == date(2026, 6, 3)


def sent(days_ago: int, status=ClaimStatus.SUBMITTED, billed="100", paid=None) -> Claim:
    today = date(2026, 11, 23)
    on = date.fromordinal(today.toordinal() - days_ago)
    return Claim(
        service_from=on,
        submitted=on,
        status=status,
        billed=Decimal(billed),
        paid=None if paid is None else Decimal(paid),
    )


def test_open_claims_fall_into_the_aging_buckets_at_each_boundary():
    claims = [sent(d) for d in (0, 30, 31, 60, 61, 90, 91, 400)]
    buckets = aging(claims, date(2026, 11, 23))
    assert [(b.label, b.claims, b.outstanding) for b in buckets] == [
        ("0-30", 2, Decimal("200.00")),
        ("31-60", 2, Decimal("200.00")),
        ("61-90", 2, Decimal("200.00")),
        ("90+", 2, Decimal("200.00")),
    ]


def test_paid_claims_and_drafts_are_not_aged_and_partial_payments_reduce_what_is_owed():
    claims = [
        sent(10, ClaimStatus.PAID),
        sent(10, ClaimStatus.DRAFT),
        sent(10, ClaimStatus.PARTIALLY_PAID, billed="500", paid="300"),
        sent(45, ClaimStatus.APPEALED),
    ]
    buckets = aging(claims, date(2026, 11, 23))
    assert [(b.claims, b.outstanding) for b in buckets] == [
        (1, Decimal("200.00")),
        (1, Decimal("100.00")),
        (0, Decimal("0.00")),
        (0, Decimal("0.00")),
    ]
