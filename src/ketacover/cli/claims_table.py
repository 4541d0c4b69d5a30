"""The table of every claim in an 835, written as plain fixed-width text.

A remittance can carry tens of thousands of claims; a table laid out cell by cell by a rich-text
library takes seconds at that size, so this one measures each column once and writes one line per
claim. The columns are what a billing lead reconciles against: the claim, the payer's claim
number, the patient, the dates of service, the status, billed, allowed, paid, the patient's share,
the CO-45 contractual write-off, the other adjustments as group-reason pairs with amounts (denials
marked), and the remark codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import IO

from ketacover.core.remittance import AdjustmentKind
from ketacover.interop.x12.claims import ClaimDetail

HEADERS = (
    "claim",
    "payer claim",
    "patient",
    "service",
    "status",
    "billed",
    "allowed",
    "paid",
    "patient owes",
    "CO-45",
    "adjustments (* denial)",
    "remarks",
)
_RIGHT = frozenset({5, 6, 7, 8, 9})
"""Columns of amounts, aligned right."""


class _Money:
    """``1,234.50`` for an amount, each distinct amount formatted once (a large remittance
    repeats the same few hundred amounts tens of thousands of times)."""

    def __init__(self) -> None:
        self.seen: dict[Decimal, str] = {}

    def __call__(self, amount: Decimal) -> str:
        found = self.seen.get(amount)
        if found is None:
            found = self.seen[amount] = f"{amount:,.2f}"
        return found


def _service(detail: ClaimDetail) -> str:
    first, last = detail.service_from, detail.service_to
    if first is None:
        return ""
    if last is None or last == first:
        return first.isoformat()
    return f"{first.isoformat()}..{last.isoformat()}"


_CONTRACTUAL = AdjustmentKind.CONTRACTUAL
_DENIAL = AdjustmentKind.DENIAL
_ZERO = Decimal(0)


def claim_row(detail: ClaimDetail, money: _Money | None = None) -> tuple[str, ...]:
    """The cells of one claim."""
    money = money or _Money()
    parts = []
    contractual = _ZERO
    for group, reason, amount, kind in detail.adjustments:
        if kind is _CONTRACTUAL:
            contractual += amount
            continue
        mark = "*" if kind is _DENIAL else ""
        parts.append(f"{group}-{reason}{mark} {money(amount)}")
    return (
        detail.patient_control_number,
        detail.payer_claim_number or "",
        detail.patient_name or "",
        _service(detail),
        detail.status,
        money(detail.billed),
        money(detail.allowed),
        money(detail.paid),
        money(detail.patient_responsibility),
        money(contractual),
        "; ".join(parts),
        " ".join(detail.remarks),
    )


def write_claims(out: IO[str], title: str, details: Sequence[ClaimDetail]) -> None:
    """Write ``title`` and the table of ``details`` to ``out``."""
    money = _Money()
    rows = [claim_row(detail, money) for detail in details]
    widths = [len(header) for header in HEADERS]
    for row in rows:
        for index, cell in enumerate(row):
            if len(cell) > widths[index]:
                widths[index] = len(cell)
    last = len(HEADERS) - 1

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.rjust(widths[i]) if i in _RIGHT else (cell if i == last else cell.ljust(widths[i]))
            for i, cell in enumerate(cells)
        ]
        return "  ".join(padded).rstrip()

    out.write(f"{title}\n")
    out.write(line(HEADERS) + "\n")
    out.write("  ".join("-" * width for width in widths) + "\n")
    out.write("\n".join(line(row) for row in rows))
    out.write("\n\n" if rows else "(no claims)\n\n")
