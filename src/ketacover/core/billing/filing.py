"""When a claim must be filed, and how old the clinic's open claims are.

- **Original Medicare**: no later than 12 months (one calendar year) after the date of service
  (42 CFR 424.44(a)(1)).
- **Other plans**: the limit in the provider contract or the plan's manual, which differs by
  payer and state, so it is a plan setting (``plan.timely_filing_days``); unknown until given.
- **Aging**: open claims (sent and not settled) by days since they were sent, in the buckets
  billing teams use: 0-30, 31-60, 61-90 and over 90 days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Final

from ketacover.core.model import Claim, ClaimStatus, PayerCategory, Plan, cents
from ketacover.core.sources import Confidence, Source

__all__ = [
    "AGING_BUCKETS",
    "MEDICARE_FILING",
    "AgingBucket",
    "FilingLimit",
    "aging",
    "filing_limit",
]

MEDICARE_FILING: Final = Source(
    "42 CFR 424.44(a)(1)",
    Confidence.PARTLY_VERIFIED,
    "https://www.ecfr.gov/current/title-42/section-424.44",
)
PLAN_SETTING: Final = Source("the plan's provider contract or manual", Confidence.VERIFIED)
AGING_BUCKETS: Final[tuple[tuple[str, int, int | None], ...]] = (
    ("0-30", 0, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("90+", 91, None),
)
"""Label, first and last day of each aging bucket (the last is open-ended)."""
_SETTLED: Final = frozenset({ClaimStatus.PAID, ClaimStatus.DRAFT})


@dataclass(frozen=True, slots=True)
class FilingLimit:
    """The last day a claim for a date of service can be filed, and where the limit comes from."""

    last_day: date
    source: Source


@dataclass(frozen=True, slots=True)
class AgingBucket:
    """Open claims of one age range: how many, and what they still owe."""

    label: str
    claims: int
    outstanding: Decimal


def filing_limit(plan: Plan | None, service_date: date) -> FilingLimit | None:
    """The filing limit for ``service_date`` under ``plan``; None when the plan has not said."""
    if plan is None:
        return None
    if plan.category is PayerCategory.MEDICARE:
        return FilingLimit(_one_year_after(service_date), MEDICARE_FILING)
    if plan.timely_filing_days is None:
        return None
    return FilingLimit(service_date + timedelta(days=plan.timely_filing_days), PLAN_SETTING)


def aging(claims: Iterable[Claim], today: date) -> tuple[AgingBucket, ...]:
    """Open claims by days since they were sent (the first date of service if no date sent).

    Paid claims and drafts are left out; what a claim still owes is its billed amount less what
    the plan and the patient's share account for.
    """
    counts = [0] * len(AGING_BUCKETS)
    owed = [Decimal("0")] * len(AGING_BUCKETS)
    for claim in claims:
        if claim.status in _SETTLED:
            continue
        days = max(0, (today - (claim.submitted or claim.service_from)).days)
        index = next(
            i for i, (_, low, high) in enumerate(AGING_BUCKETS) if high is None or days <= high
        )
        settled = (claim.paid or Decimal("0")) + (claim.patient_share or Decimal("0"))
        counts[index] += 1
        owed[index] += max(Decimal("0"), claim.billed - settled)
    return tuple(
        AgingBucket(label, counts[i], cents(owed[i]))
        for i, (label, _, _) in enumerate(AGING_BUCKETS)
    )


def _one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)
