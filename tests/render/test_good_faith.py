"""The Good Faith Estimate as the patient reads it: every required item in the PDF's text, money
as $1,920.00, no word of the team's, no page with a single line, and the same words in DOCX and
HTML."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ketacover.core.billing.good_faith import estimate
from ketacover.interop.casefile import load_case
from ketacover.render import render
from ketacover.render.good_faith import good_faith_letter, good_faith_pdf

from .test_reader_facing_words import docx_text, lone_pages, problems

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ISSUED = date(2026, 11, 23)
SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.fixture(scope="module")
def found():
    return estimate(load_case(EXAMPLES / "self-pay-iv-ketamine-gfe.yaml"))


@pytest.fixture(scope="module")
def pdf_text(found) -> str:
    pages = PdfReader(io.BytesIO(good_faith_pdf(found, issued=ISSUED))).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@pytest.mark.parametrize(
    "words",
    [
        "Good Faith Estimate for Health Care Items and Services",
        "Rosalind Whitcombe",
        "March 22, 1979",
        "A course of 6 ketamine infusions into a vein (IV), 40 minutes each.",
        "December 7, 2026",
        "F33.2",
        "Major depressive disorder, recurrent severe without psychotic features",
        "Lakeshore Sample Infusion Clinic",
        "(NPI): 1598765430",
        "(TIN): 00-0000316",
        "Madison, WI 53703-2210",
        "J3490",
        "NDC 00000-0000-00",
        "96365",
        "$240.00",
        "$1,680.00",
        "$1,920.00",
        "initial evaluation",
        "not a contract",
        "$400.00 or more",
        "120 calendar days",
        "www.cms.gov/nosurprises",
        "45 CFR 149.610",
    ],
)
def test_the_pdf_states_each_item_the_regulation_requires(pdf_text, words):
    assert words in pdf_text


def test_money_is_always_written_with_a_dollar_sign_thousands_and_cents(pdf_text):
    amounts = re.findall(r"\$[\d,]+(?:\.\d+)?", pdf_text)
    assert amounts
    assert all(re.fullmatch(r"\$\d{1,3}(,\d{3})*\.\d{2}", amount) for amount in amounts)
    assert "1920.00" not in pdf_text


def test_the_estimate_talks_in_the_readers_words_in_every_format(found, pdf_text):
    letter = good_faith_letter(found, issued=ISSUED)
    html = re.sub(r"<[^>]*>", " ", render(letter, "html").decode("utf-8"))
    for text in (letter.text(), pdf_text, html, docx_text(render(letter, "docx"))):
        assert problems(text) == []
        assert SNAKE_CASE.findall(text) == []
        assert "self_pay" not in text
        assert "treatment_plan" not in text


def test_no_page_of_the_estimate_holds_a_single_line(found):
    letter = good_faith_letter(found, issued=ISSUED)
    header = " ".join(letter.running_header.split())
    assert lone_pages(good_faith_pdf(found, issued=ISSUED), header) == []


def test_the_planned_dates_name_each_month_and_year_once(found):
    letter = good_faith_letter(found, issued=ISSUED)
    assert "December 7, 10, 14, 17, 21 and 24, 2026" in letter.text()
