"""The Good Faith Estimate as a document a patient reads: PDF (also DOCX or HTML), laid out from
the estimate composed in the core (:class:`ketacover.core.billing.good_faith.GoodFaithEstimate`).

The page follows the order of HHS's model notice (CMS-10791): who the estimate is for and from,
the primary service and its dates, the diagnosis codes, each provider with NPI, TIN and office
and its itemized services with codes and expected charges, the total, what is scheduled
separately, and the disclaimers. Money is written ``$1,050.00``; nothing internal (case-file
paths, source ids) is shown.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ketacover.core.billing.good_faith import GoodFaithEstimate, ProviderEstimate
from ketacover.core.letters.letter import (
    Block,
    Bullets,
    Heading,
    Letter,
    Paragraph,
    Party,
    Table,
)
from ketacover.core.model import Address
from ketacover.render.layout import us_date

__all__ = ["KIND", "good_faith_letter", "good_faith_pdf"]

KIND = "good-faith-estimate"
_TITLE = "Good Faith Estimate"
_SUBJECT = "Good Faith Estimate for Health Care Items and Services"


def good_faith_pdf(estimate: GoodFaithEstimate, *, issued: date) -> bytes:
    """The estimate, dated ``issued``, as PDF bytes."""
    from ketacover.render.pdf import render_pdf

    return render_pdf(good_faith_letter(estimate, issued=issued))


def good_faith_letter(estimate: GoodFaithEstimate, *, issued: date) -> Letter:
    """The estimate as a document (title, references, sections), dated ``issued``."""
    first = estimate.providers[0]
    references: list[tuple[str, str]] = [
        ("Patient", estimate.patient_name),
        ("Date of birth", us_date(estimate.date_of_birth)),
        ("Estimate date", us_date(issued)),
    ]
    references.append(("Total expected charges", _money(estimate.total)))
    body: list[Block] = [
        Paragraph(
            "You are getting this Good Faith Estimate because you do not have health insurance "
            "or are not using it for this care. It lists the items and services your provider "
            "expects to give you and what they expect to charge for them."
        ),
        Heading("The care this estimate is for"),
        Paragraph(estimate.primary_service),
        Paragraph(_dates(estimate.service_dates)),
        Heading("Diagnosis codes"),
        Table(
            columns=("Code (ICD-10-CM)", "Diagnosis"),
            rows=tuple(estimate.diagnoses),
            widths=(1, 4),
        ),
    ]
    for provider in estimate.providers:
        body += _provider(provider)
    body += [
        Heading("Total expected charges"),
        Paragraph(
            f"{_money(estimate.total)} for the whole course of care, from every provider "
            "listed above."
        ),
        Heading("Items and services scheduled separately"),
    ]
    if estimate.separately_scheduled:
        body.append(Bullets(estimate.separately_scheduled))
    else:
        body.append(
            Paragraph(
                "Your provider does not expect other items or services before or after this "
                "course that need their own scheduling."
            )
        )
    body.append(Heading("Please read"))
    body += [Paragraph(text) for text in estimate.disclaimers]
    return Letter(
        kind=KIND,
        title=_TITLE,
        date=issued,
        subject=_SUBJECT,
        body=tuple(body),
        running_header=f"Good Faith Estimate: {estimate.patient_name}",
        sender=Party(first.name, _address(first.address, first.phone)),
        references=tuple(references),
        citations=tuple(source.citation for source in estimate.sources),
    )


def _provider(provider: ProviderEstimate) -> list[Block]:
    who = [
        f"National Provider Identifier (NPI): {provider.npi}",
        f"Tax Identification Number (TIN): {provider.tin}",
        f"Office where the care is given: {', '.join(_address(provider.address, None))}",
    ]
    if provider.clinician:
        who.append(f"Clinician: {provider.clinician}")
    rows = [
        (
            line.code if not line.modifiers else f"{line.code}-{'-'.join(line.modifiers)}",
            line.description,
            _money(line.unit_charge * line.units),
            str(line.sessions),
            _money(line.charge),
        )
        for line in provider.lines
    ]
    rows.append(("", f"Total from {provider.name}", "", "", _money(provider.total)))
    return [
        Heading(f"Provider: {provider.name}"),
        Bullets(tuple(who)),
        Table(
            columns=(
                "Service code",
                "Item or service",
                "Per session",
                "Sessions",
                "Expected charges",
            ),
            rows=tuple(rows),
            widths=(2, 7, 2, 2, 3),
        ),
    ]


def _dates(dates: tuple[date, ...]) -> str:
    if len(dates) == 1:
        return f"Scheduled for {us_date(dates[0])}."
    return (
        f"First session scheduled for {us_date(dates[0])}; the {len(dates)} sessions are "
        f"planned on {_listed(dates)}."
    )


def _listed(dates: tuple[date, ...]) -> str:
    """``December 7, 10 and 14, 2026``: each month and year named once."""
    parts: list[str] = []
    for index, day in enumerate(dates):
        following = dates[index + 1] if index + 1 < len(dates) else None
        text = us_date(day).rsplit(",", 1)[0]
        if index and (day.month, day.year) == (dates[index - 1].month, dates[index - 1].year):
            text = str(day.day)
        if following is None or following.year != day.year:
            text += f", {day.year}"
        parts.append(text)
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _address(address: Address, phone: str | None) -> tuple[str, ...]:
    lines = [address.line1]
    if address.line2:
        lines.append(address.line2)
    lines.append(f"{address.city}, {address.state} {address.postal_code}")
    if phone:
        lines.append(f"Phone {phone}")
    return tuple(lines)


def _money(amount: Decimal) -> str:
    return f"${amount:,.2f}"
