"""HSA/FSA tax saving: paying medical costs with pre-tax money saves the marginal tax on them.

The saving is the eligible spend, capped by the account's yearly limit when that is known, times
the marginal tax rate (a percent, 24 means 24%). The 2026 limits come from
sourcebook costs.toml:

- HSA: $4,400 self-only, $8,750 family, plus $1,000 catch-up at 55 or older (Rev. Proc. 2025-19)
  (verified)
- health FSA salary-reduction limit: $3,400 (SBA-Inc; SureCo still shows $3,300, the 2025
  figure) (partly verified)

IRS Pub 502 does not name ketamine; prescribed by a clinician for a diagnosed illness it fits the
general definition of medical care, so HSA/FSA payment is likely to qualify (partly verified), and
the account administrator may ask for a letter of medical necessity.

>>> tax_saving(Decimal("3000"), Decimal("24")).saving
Decimal('720.00')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

from ketacover.core.costs.amounts import amount, percent, percent_of, usd
from ketacover.core.sourcebook import cite
from ketacover.core.sources import Confidence, Source

HSA_SELF_ONLY_LIMIT_2026: Final = Decimal("4400.00")
"""2026 HSA contribution limit, self-only coverage."""
HSA_FAMILY_LIMIT_2026: Final = Decimal("8750.00")
"""2026 HSA contribution limit, family coverage."""
HSA_CATCH_UP_2026: Final = Decimal("1000.00")
"""Extra HSA contribution allowed at age 55 or older."""
HEALTH_FSA_LIMIT_2026: Final = Decimal("3400.00")
"""2026 health FSA salary-reduction limit (partly verified: one source shows $3,300)."""

HSA_LIMITS_SOURCE: Final = cite("rev-proc-2025-19")
HEALTH_FSA_LIMIT_SOURCE: Final = cite("health-fsa-limit-2026")
ELIGIBILITY_SOURCE: Final = cite("irs-pub-502")

ELIGIBILITY_NOTE: Final = (
    "Ketamine prescribed and given by a clinician for a diagnosed illness is likely "
    "HSA/FSA-eligible (IRS Pub 502 does not name it; it fits the general definition of medical "
    f"care){Confidence.PARTLY_VERIFIED.suffix}; the account administrator may ask for a letter "
    "of medical necessity."
)


def account_notes(account_limit: Decimal | None) -> tuple[str, ...]:
    """What to know before paying from an HSA or FSA; with no limit given, the 2026 limits."""
    if account_limit is not None:
        return (ELIGIBILITY_NOTE,)
    return (
        ELIGIBILITY_NOTE,
        "No account limit was given: the whole spend is taken as paid from the account. "
        f"2026 limits: HSA {usd(HSA_SELF_ONLY_LIMIT_2026)} self-only or "
        f"{usd(HSA_FAMILY_LIMIT_2026)} family (+{usd(HSA_CATCH_UP_2026)} at 55 or older); "
        f"health FSA {usd(HEALTH_FSA_LIMIT_2026)}{HEALTH_FSA_LIMIT_SOURCE.confidence.suffix}.",
    )


class Account(StrEnum):
    """A tax-advantaged account that can pay medical costs."""

    HSA_SELF_ONLY = "hsa_self_only"
    """Health savings account with self-only HDHP coverage."""
    HSA_FAMILY = "hsa_family"
    """Health savings account with family HDHP coverage."""
    HEALTH_FSA = "health_fsa"
    """Health flexible spending account (employer plan)."""

    @property
    def source(self) -> Source:
        """Where this account's 2026 limit comes from."""
        return HEALTH_FSA_LIMIT_SOURCE if self is Account.HEALTH_FSA else HSA_LIMITS_SOURCE


def limit_2026(account: Account, *, age_55_or_older: bool = False) -> Decimal:
    """The 2026 contribution limit for ``account``; the catch-up applies to HSAs only.

    >>> limit_2026(Account.HSA_SELF_ONLY, age_55_or_older=True)
    Decimal('5400.00')
    """
    if account is Account.HEALTH_FSA:
        return HEALTH_FSA_LIMIT_2026
    base = HSA_SELF_ONLY_LIMIT_2026 if account is Account.HSA_SELF_ONLY else HSA_FAMILY_LIMIT_2026
    return base + HSA_CATCH_UP_2026 if age_55_or_older else base


@dataclass(frozen=True, slots=True)
class TaxSaving:
    """What paying from an HSA or FSA saves in tax."""

    eligible_spend: Decimal
    """The medical spend the account could pay."""
    sheltered: Decimal
    """The part paid with pre-tax money: the spend, capped by the account limit when known."""
    marginal_rate_percent: Decimal
    saving: Decimal
    """``sheltered`` times the marginal rate, in cents."""
    capped: bool
    """Whether the account limit cut the sheltered amount."""
    notes: tuple[str, ...] = ()


def tax_saving(
    eligible_spend: Decimal,
    marginal_rate_percent: Decimal,
    *,
    account_limit: Decimal | None = None,
) -> TaxSaving:
    """The tax saved by paying ``eligible_spend`` from an HSA or FSA at the marginal rate.

    Raises :class:`~ketacover.core.costs.amounts.CostInputError` for a negative amount or a rate
    outside 0-100%.
    """
    spend = amount("eligible_spend", eligible_spend)
    rate = percent("marginal_tax_rate", marginal_rate_percent)
    notes = list(account_notes(account_limit))
    sheltered = (
        spend if account_limit is None else min(spend, amount("account_limit", account_limit))
    )
    capped = sheltered < spend
    if capped:
        notes.append(
            f"Only {usd(sheltered)} of the {usd(spend)} fits under the account limit; the rest "
            "is paid with taxed money."
        )
    return TaxSaving(
        eligible_spend=spend,
        sheltered=sheltered,
        marginal_rate_percent=rate,
        saving=percent_of(sheltered, rate),
        capped=capped,
        notes=tuple(notes),
    )
