"""The only words a renderer adds, the date line and the page numbers, in English or Spanish."""

from __future__ import annotations

from datetime import date

from ketacover.render.layout import page_label, written_date


def test_the_date_line_is_us_style_in_english_and_day_first_in_spanish():
    assert written_date(date(2026, 11, 3)) == "November 3, 2026"
    assert written_date(date(1975, 8, 9), "es") == "9 de agosto de 1975"


def test_page_numbers_follow_the_language():
    assert page_label(2, 5) == "Page 2 of 5"
    assert page_label(2, 5, "es") == "Página 2 de 5"
