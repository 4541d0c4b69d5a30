"""Synthetic letters for the renderer tests: Ada Example, member XKC000123456."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from reportlab.pdfgen.canvas import Canvas

from ketacover.core.letters.letter import (
    Blank,
    Bullets,
    Heading,
    Letter,
    Packet,
    Paragraph,
    Party,
    Signature,
    Table,
)

HEADER = "Ada Example · DOB March 4, 1988"

TRIALS = Table(
    columns=("Drug", "Class", "Dose", "Dates", "Weeks", "Outcome"),
    rows=(
        ("Sertraline", "SSRI", "200 mg daily", "Jan 2023 – Apr 2023", "14", "Partial response"),
        ("Bupropion XL", "NDRI", "450 mg daily", "May 2023 – Aug 2023", "12", "No response"),
        ("Venlafaxine XR", "SNRI", "225 mg daily", "Sep 2023 – Dec 2023", "13", "Side effects"),
        ("Aripiprazole", "Augmentation", "5 mg daily", "Jan 2024 – Mar 2024", "10", "Akathisia"),
    ),
    caption="Failed antidepressant trials",
)

REFERENCES = (
    ("Patient", "Ada Åkeson Example"),
    ("Date of birth", "March 4, 1988"),
    ("Member ID", "XKC000123456"),
    ("Group number", "GRP-7781"),
)

CITATIONS = (
    "Example A, Sample B. Ketamine for treatment-resistant depression. J Synth Med. 2024;1:1–9.",
    "Ashdown C. Esketamine nasal spray: a review. Synth Rev. 2025;2:10–19.",
)


def make_letter(*, body_repeats: int = 1, running_header: str = HEADER) -> Letter:
    """A letter of medical necessity with every kind of block; ``body_repeats`` makes it long."""
    paragraph = Paragraph(
        "Ms. Åkeson Example has major depressive disorder (F33.2) that has not responded to "
        "four adequate trials; the request under 29 CFR § 2560.503-1 is for “six infusions” "
        "over three weeks – a course her clinician considers medically necessary."
    )
    body = (
        Heading("Clinical history"),
        *(paragraph for _ in range(body_repeats)),
        Bullets(("PHQ-9 of 22 on October 1, 2026", "No psychosis; stable blood pressure")),
        TRIALS,
        Heading("Call notes"),
        Blank("Representative's name"),
        Blank("Answer", lines=3),
    )
    return Letter(
        kind="lmn-trd",
        title="Letter of Medical Necessity",
        date=date(2026, 11, 23),
        subject="Request for coverage of IV ketamine infusions",
        body=body,
        running_header=running_header,
        sender=Party("Example Ketamine Clinic", ("1 Sample Way", "Springfield, ST 00000")),
        recipient=Party("Utilization Review", ("Synthetic Health Plan", "PO Box 0")),
        references=REFERENCES,
        salutation="Dear Medical Director:",
        closing="Sincerely,",
        signature=Signature(
            name="Jordan Sample",
            credentials="MD",
            npi="1234567893",
            lines=("Example Ketamine Clinic",),
        ),
        citations=CITATIONS,
        enclosures=("Treatment history", "Clinical notes"),
        notice="This letter gives information, not legal advice.",
    )


def make_pdf(pages: int, label: str = "Clinical note") -> bytes:
    """A plain PDF of ``pages`` pages, each saying ``label page N``."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for number in range(1, pages + 1):
        canvas.drawString(72, 400, f"{label} page {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def make_packet() -> Packet:
    """A cover sheet, a letter and an evidence list."""
    cover = Letter(
        kind="pa-cover",
        title="Prior Authorization Request",
        date=date(2026, 11, 23),
        subject="Prior authorization: IV ketamine, six sessions",
        body=(Paragraph("Urgency: standard."),),
        running_header=HEADER,
        references=(("Member ID", "XKC000123456"),),
        enclosures=("Letter of medical necessity", "Evidence list"),
    )
    evidence = Letter(
        kind="evidence",
        title="Evidence List",
        date=date(2026, 11, 23),
        subject="Published evidence",
        body=(),
        running_header=HEADER,
        citations=CITATIONS,
    )
    return Packet(
        title="Prior authorization packet",
        documents=(cover, make_letter(body_repeats=12), evidence),
        running_header=HEADER,
    )


@pytest.fixture
def letter() -> Letter:
    return make_letter()


@pytest.fixture
def long_letter() -> Letter:
    return make_letter(body_repeats=14)


@pytest.fixture
def packet() -> Packet:
    return make_packet()


@pytest.fixture
def pdf_pages() -> Callable[..., bytes]:
    """Makes a plain PDF: ``pdf_pages(3)`` or ``pdf_pages(2, label="Lab report")``."""
    return make_pdf
