"""Tests for ketacover.web.form_choices: enum members are shown through their labels."""

from __future__ import annotations

from ketacover.core.model import DenialReason, PayerCategory, Treatment
from ketacover.web.form_choices import plain_words


def test_a_member_with_a_label_reads_as_its_label():
    assert plain_words(Treatment.IV_KETAMINE) == "IV ketamine infusion"
    assert (
        plain_words(DenialReason.EXPERIMENTAL_INVESTIGATIONAL) == "Experimental or investigational"
    )


def test_a_member_without_a_label_reads_as_words():
    assert plain_words(PayerCategory.MEDICARE_ADVANTAGE) == "Medicare advantage"
