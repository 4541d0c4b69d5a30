"""Checks shared by the Spanish-document tests: English words outside «guillemets»."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from ketacover.core.model import Case

ENGLISH_WORDS = frozenset(
    {
        "the",
        "and",
        "is",
        "of",
        "for",
        "to",
        "with",
        "what",
        "how",
        "does",
        "which",
        "where",
        "when",
        "who",
        "call",
        "your",
        "you",
        "please",
        "this",
        "that",
        "are",
        "be",
        "not",
        "or",
        "on",
        "at",
        "by",
        "from",
        "an",
        "it",
        "answer",
        "patient",
        "member",
        "date",
        "number",
        "questions",
        "enclosures",
        "signature",
        "page",
        "already",
        "known",
        "covered",
        "required",
        "appeal",
        "denial",
        "notice",
        "letter",
        "send",
        "plan's",
    }
)
"""Common English words that are not also Spanish words (so "a", "no" and "plan" are not here)."""

NAMES = (
    "Mental Health Parity and Addiction Equity Act",
    "Affordable Care Act",
)
"""English legal names a Spanish document keeps as they are."""


def case_values(case: Case) -> list[str]:
    """The case's own words (names, payer, plan, clinic, address): they stay as written."""
    values = [case.patient.full_name]
    plan = case.plan
    if plan is not None:
        values += [plan.payer, plan.plan_name or "", plan.member_id or "", plan.group_number or ""]
        if plan.appeals_address is not None:
            address = plan.appeals_address
            values += [address.line1, address.line2 or "", address.city]
    if case.clinic is not None:
        values.append(case.clinic.name)
    if case.prescriber is not None:
        values.append(case.prescriber.name)
    return sorted((value for value in values if value), key=len, reverse=True)


def english_outside_quotes(text: str, case: Case) -> list[str]:
    """English words in ``text`` outside «guillemets», the case's own words and legal names."""
    stripped = re.sub(r"«[^«»]*»", " ", text)
    for value in (*case_values(case), *NAMES):
        stripped = stripped.replace(value, " ")
    # Whole words, accented letters included ("análisis" is not "an" and "lisis").
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", stripped)
    return sorted({word for word in words if word.lower() in ENGLISH_WORDS})


@pytest.fixture
def english_leaks() -> Callable[[str, Case], list[str]]:
    """``english_leaks(text, case)``: the English words a Spanish document lets slip."""
    return english_outside_quotes
