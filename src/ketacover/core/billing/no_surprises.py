"""The No Surprises Act's rules around a Good Faith Estimate: when it is due, what its
disclaimers say, and when a bill well above it may be disputed (45 CFR 149.610 and 149.620;
sourcebook good_faith.toml).

- **Due** (45 CFR 149.610(b)(1)(vi)): a primary service scheduled at least 3 business days ahead,
  within 1 business day of scheduling; at least 10 business days ahead, within 3 business days of
  scheduling; on the patient's request, within 3 business days of the request. Business days skip
  weekends and federal holidays as observed (:mod:`ketacover.core.deadlines.business_days`).
- **Disputes** (45 CFR 149.620): a provider's bill at least $400 above that provider's total on
  the estimate is "substantially in excess"; the patient may start patient-provider dispute
  resolution within 120 calendar days of the bill (CMS, www.cms.gov/nosurprises).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from ketacover.core.deadlines.business_days import add_business_days
from ketacover.core.model import cents
from ketacover.core.sourcebook import cite
from ketacover.core.sources import Source

__all__ = [
    "DISCLAIMERS",
    "DISPUTE",
    "DISPUTE_DAYS",
    "INFORMATION_URL",
    "MODEL_NOTICE",
    "RULE",
    "SUBSTANTIAL_EXCESS",
    "Excess",
    "IssueBy",
    "issue_by",
]

SUBSTANTIAL_EXCESS: Final = Decimal("400.00")
"""A provider's bill at least this much above its total on the estimate may be disputed
(45 CFR 149.620(a)(2): "substantially in excess")."""
DISPUTE_DAYS: Final = 120
"""Calendar days from the bill in which the patient may start dispute resolution."""
INFORMATION_URL: Final = "www.cms.gov/nosurprises"
"""Where HHS explains the estimate and how to start dispute resolution."""
RULE: Final = cite("cfr-45-149-610")
DISPUTE: Final = cite("cfr-45-149-620")
MODEL_NOTICE: Final = cite("cms-10791-gfe-model-notice")
_SHORT_NOTICE: Final = 3
_LONG_NOTICE: Final = 10


@dataclass(frozen=True, slots=True)
class IssueBy:
    """The last day to give the patient the estimate, and the rule that sets it."""

    due: date
    starts: date
    """The day scheduled or asked for."""
    rule: str
    """The rule in plain words."""
    source: Source


@dataclass(frozen=True, slots=True)
class Excess:
    """A bill at least $400 above a provider's total on the estimate, and the dispute window."""

    provider: str
    estimated: Decimal
    billed: Decimal
    bill_date: date | None
    dispute_by: date | None
    """The 120th calendar day after the bill's date; None while the bill's date is unknown."""
    source: Source

    @property
    def over(self) -> Decimal:
        """How much the bill exceeds the estimate."""
        return cents(self.billed - self.estimated)

    @property
    def advice(self) -> str:
        """What the patient can do, in one paragraph."""
        by = (
            f"by {self.dispute_by:%B} {self.dispute_by.day}, {self.dispute_by.year}"
            if self.dispute_by is not None
            else f"within {DISPUTE_DAYS} calendar days of the date on the bill"
        )
        return (
            f"The bill from {self.provider} is ${self.billed:,.2f}, ${self.over:,.2f} more than "
            f"the ${self.estimated:,.2f} on the Good Faith Estimate. A bill $400.00 or more "
            "above the estimate can be disputed: ask the provider to match the estimate, or "
            f"start patient-provider dispute resolution with HHS {by} (see {INFORMATION_URL})."
        )


def issue_by(
    *, service: date, scheduled: date | None = None, requested: date | None = None
) -> IssueBy | None:
    """When the estimate is due for a service on ``service`` scheduled on ``scheduled`` or
    asked for on ``requested`` (the earlier deadline when both apply).

    >>> issue_by(service=date(2026, 12, 21), scheduled=date(2026, 12, 1)).due
    datetime.date(2026, 12, 4)
    >>> issue_by(service=date(2026, 12, 7), scheduled=date(2026, 12, 1)).due
    datetime.date(2026, 12, 2)
    """
    found: list[IssueBy] = []
    if scheduled is not None:
        if add_business_days(scheduled, _LONG_NOTICE) <= service:
            found.append(
                IssueBy(
                    add_business_days(scheduled, 3),
                    scheduled,
                    "scheduled at least 10 business days ahead: due within 3 business days of "
                    "scheduling",
                    RULE,
                )
            )
        elif add_business_days(scheduled, _SHORT_NOTICE) <= service:
            found.append(
                IssueBy(
                    add_business_days(scheduled, 1),
                    scheduled,
                    "scheduled at least 3 business days ahead: due within 1 business day of "
                    "scheduling",
                    RULE,
                )
            )
    if requested is not None:
        found.append(
            IssueBy(
                add_business_days(requested, 3),
                requested,
                "asked for by the patient: due within 3 business days of the request",
                RULE,
            )
        )
    return min(found, key=lambda item: item.due, default=None)


DISCLAIMERS: Final = (
    "This Good Faith Estimate shows the costs of the items and services that are reasonably "
    "expected for your health care needs, based on what was known when it was made. It is only "
    "an estimate: the items, services and charges you receive may differ.",
    "Your provider may recommend more items or services as part of your care that must be "
    "scheduled or asked for separately and are not in this estimate. You can ask for a Good "
    "Faith Estimate for those too.",
    "This Good Faith Estimate is not a contract and does not require you to get the items or "
    "services from any provider named in it.",
    "If you are billed $400.00 or more above the total for a provider in this estimate, you have "
    "the right to dispute the bill. You may contact the provider to ask them to update the bill "
    "to match the estimate, to negotiate it, or to ask whether financial help is available. You "
    "may also start a patient-provider dispute resolution process with the U.S. Department of "
    f"Health and Human Services (HHS) within {DISPUTE_DAYS} calendar days (about 4 months) of "
    "the date on the original bill. There is a fee to use the process.",
    "Starting a dispute will not affect the quality of the care you receive.",
    f"For questions or to learn how to start a dispute, visit {INFORMATION_URL}. Keep a copy of "
    "this Good Faith Estimate and of your bill.",
)
"""The disclaimers of 45 CFR 149.610(c)(1)(vii)-(ix), worded after HHS's model notice."""
