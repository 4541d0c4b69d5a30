"""Helpers for the journey-section tests: prefixed form data, htmx posts, and small PDFs."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas


def make_pdf(*lines: str) -> bytes:
    """A one-page PDF with ``lines`` of text (no lines: a page without a text layer)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    y = 720
    for line in lines:
        page.drawString(72, y, line)
        y -= 16
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.fixture
def pdf() -> Callable[..., bytes]:
    return make_pdf


def prefixed(prefix: str, **values: object) -> dict[str, str]:
    """Form data with Django's field prefix, booleans as checkbox values."""
    data = {}
    for name, value in values.items():
        if value is False or value is None:
            continue
        data[f"{prefix}-{name}"] = "on" if value is True else str(value)
    return data


@pytest.fixture
def form_data() -> Callable[..., dict[str, str]]:
    return prefixed
