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


def _service(detail: ClaimDetail) -> str:
    first, last = detail.service_from, detail.service_to
    if first is None:
        return ""
    if last is None or last == first:
        return first.isoformat()
    return f"{first.isoformat()}..{last.isoformat()}"


def _adjustments(detail: ClaimDetail) -> str:
    parts = []
    for each in detail.adjustments:
        if each.kind is AdjustmentKind.CONTRACTUAL:
            continue
        mark = "*" if each.kind is AdjustmentKind.DENIAL else ""
        parts.append(f"{each.code}{mark} {each.amount:,.2f}")
    return "; ".join(parts)


def claim_row(detail: ClaimDetail) -> tuple[str, ...]:
    """The cells of one claim."""
    return (
        detail.patient_control_number,
        detail.payer_claim_number or "",
        detail.patient_name or "",
        _service(detail),
        detail.status,
        f"{detail.billed:,.2f}",
        f"{detail.allowed:,.2f}",
        f"{detail.paid:,.2f}",
        f"{detail.patient_responsibility:,.2f}",
        f"{detail.contractual:,.2f}",
        _adjustments(detail),
        " ".join(detail.remarks),
    )


def write_claims(out: IO[str], title: str, details: Sequence[ClaimDetail]) -> None:
    """Write ``title`` and the table of ``details`` to ``out``."""
    rows = [claim_row(detail) for detail in details]
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
