"""The CMS-1500 claim form (1500 Health Insurance Claim Form, version 02/12) as PDF, from the
claims composed in the core (:class:`ketacover.core.billing.ProfessionalClaim`), in two modes:

- the whole form, boxes, labels and data (for records, and for a patient who files the claim
  with the plan out of network);
- data only, to print on the pre-printed red form that payers scan: Courier 12 point at 10
  characters and 6 lines per inch, no box lines or labels, every character on the form's grid.

Both modes place the same characters at the same points (:mod:`.boxes`), so the data printed on
the red form lands where the whole form shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Final

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from ketacover.core.billing import ProfessionalClaim
from ketacover.core.errors import MissingFactsError
from ketacover.render.cms1500.boxes import Entry, Page, pages, text
from ketacover.render.cms1500.form import column_x, draw_form, line_y

__all__ = ["DATA_FONT", "DATA_SIZE", "cms1500_pdf", "cms1500_text", "missing_for_cms1500"]

DATA_FONT: Final = "Courier"
DATA_SIZE: Final = 12.0
"""Courier 12 point is 10 characters per inch (NUCC print guidance for the 1500 form)."""


def missing_for_cms1500(claim: ProfessionalClaim) -> list[str]:
    """What a CMS-1500 needs beyond the claim itself (each ``path: why``)."""
    missing = []
    if claim.payer is None:
        missing.append("plan: a CMS-1500 goes to a health plan; a self-pay patient has none")
    if claim.subscriber.address is None:
        missing.append("patient.address: the patient's address (box 5)")
    return missing


def cms1500_text(claim: ProfessionalClaim) -> str:
    """The claim's forms as text on the print grid (one form feed between forms)."""
    return text(claim)


def cms1500_pdf(claims: Sequence[ProfessionalClaim], *, data_only: bool = False) -> bytes:
    """The CMS-1500 forms of ``claims`` as one PDF, one form per page (a claim of more than six
    lines takes more than one); raises :class:`MissingFactsError` listing every gap."""
    missing: dict[str, None] = {}
    for claim in claims:
        missing.update(dict.fromkeys(missing_for_cms1500(claim)))
    if not claims:
        missing["claims: at least one claim"] = None
    if missing:
        raise MissingFactsError("CMS-1500", list(missing))
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1, pageCompression=1)
    first = claims[0]
    mode = "data for the pre-printed form" if data_only else "whole form"
    canvas.setTitle(f"CMS-1500 claim {first.control_number} ({mode})")
    canvas.setCreator("ketacover")
    for claim in claims:
        for page in pages(claim):
            _page(canvas, page, data_only=data_only)
    canvas.save()
    return buffer.getvalue()


def _page(canvas: Canvas, page: Page, *, data_only: bool) -> None:
    if not data_only:
        draw_form(canvas)
    canvas.setFillGray(0)
    canvas.setFont(DATA_FONT, DATA_SIZE)
    for entry in page.entries:
        _write(canvas, entry)
    canvas.showPage()


def _write(canvas: Canvas, entry: Entry) -> None:
    canvas.drawString(column_x(entry.column), line_y(entry.line), entry.value)
