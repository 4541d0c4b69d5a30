"""Claims aging for the dashboard: the open claims of the user's clinic workspaces by days since
they were sent, in the buckets billing teams use (0-30, 31-60, 61-90, over 90 days), with the
amounts billed and still owed (:func:`ketacover.core.billing.aging`).

Only the ``claims`` list of each case document is read (a JSON key the database extracts), and
the result is cached under the scope's key, which names the stamp of every workspace in it
(``cases.stamps``: a new stamp whenever one of its cases changes), and the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final

from django.core.cache import cache

from ketacover.core.billing.filing import AGING_BUCKETS
from ketacover.core.model import Claim, ClaimStatus, cents
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.selectors import Scope

_SETTLED: Final = frozenset({ClaimStatus.PAID, ClaimStatus.DRAFT})
CACHE_SECONDS: Final = 24 * 60 * 60


@dataclass(frozen=True, slots=True)
class AgingRow:
    """One aging bucket: how many open claims, what they billed and what they still owe."""

    label: str
    claims: int
    billed: Decimal
    outstanding: Decimal


def _money(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _claim(data: dict[str, Any]) -> Claim:
    """A stored claim (validated when its case was saved) read back without the whole case."""
    submitted = data.get("submitted")
    return Claim(
        service_from=date.fromisoformat(str(data["service_from"])),
        submitted=None if submitted is None else date.fromisoformat(str(submitted)),
        status=ClaimStatus(data.get("status", ClaimStatus.SUBMITTED.value)),
        billed=Decimal(str(data["billed"])),
        paid=_money(data.get("paid")),
        patient_share=_money(data.get("patient_share")),
    )


def aging_rows(claims: list[Claim], today: date) -> tuple[AgingRow, ...]:
    """Open claims (sent, not paid) by days since sent (the first date of service when the date
    sent is not recorded), with the billed total and what the plan and patient still owe."""
    counts = [0] * len(AGING_BUCKETS)
    billed = [Decimal("0")] * len(AGING_BUCKETS)
    owed = [Decimal("0")] * len(AGING_BUCKETS)
    for claim in claims:
        if claim.status in _SETTLED:
            continue
        days = max(0, (today - (claim.submitted or claim.service_from)).days)
        index = next(
            i for i, (_, _, high) in enumerate(AGING_BUCKETS) if high is None or days <= high
        )
        settled = (claim.paid or Decimal("0")) + (claim.patient_share or Decimal("0"))
        counts[index] += 1
        billed[index] += claim.billed
        owed[index] += max(Decimal("0"), claim.billed - settled)
    return tuple(
        AgingRow(label, counts[i], cents(billed[i]), cents(owed[i]))
        for i, (label, _, _) in enumerate(AGING_BUCKETS)
    )


def claims_aging(*, scope: Scope, today: date) -> tuple[AgingRow, ...]:
    """The aging of the open claims of every case in the scope's clinic workspaces."""
    key = f"claims-aging:{scope.key()}:{today.isoformat()}"
    found = cache.get(key)
    if found is not None:
        return tuple(found)
    claims = [
        _claim(item)
        for stored in CaseRecord.objects.filter(workspace_id__in=scope.workspaces).values_list(
            "data__claims", flat=True
        )
        for item in (stored or [])
    ]
    rows = aging_rows(claims, today)
    cache.set(key, rows, CACHE_SECONDS)
    return rows
