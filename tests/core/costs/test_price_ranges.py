import re
from decimal import Decimal

import pytest

from ketacover.core.costs.price_ranges import (
    EVALUATION,
    IV_MOOD,
    evaluation_price_note,
    session_price_notes,
)
from ketacover.core.model import Treatment
from ketacover.core.sources import Confidence


def test_the_iv_ranges_are_the_reported_ones_and_marked_partly_verified():
    (note,) = session_price_notes(Treatment.IV_KETAMINE)
    assert (IV_MOOD.low, IV_MOOD.high) == (Decimal("400"), Decimal("800"))
    assert "$400.00–$800.00 (source: Thervo, Ketamine therapy cost guide)" in note
    assert "$300.00–$1,500.00" in note
    assert "$600.00–$1,400.00" in note
    assert note.endswith("Ask the clinic for its self-pay price per session.")


def test_the_esketamine_note_gives_the_2019_launch_prices_and_no_current_price():
    (note,) = session_price_notes(Treatment.ESKETAMINE)
    assert "56 mg session, drug only: $590.00" in note
    assert "84 mg session, drug only: $885.00" in note
    assert "current list price was not found." in note


def test_there_is_no_range_for_im_ketamine():
    (note,) = session_price_notes(Treatment.IM_KETAMINE)
    assert note.startswith("No reported price range for IM ketamine injection is on record.")


@pytest.mark.parametrize("price_range", [IV_MOOD, EVALUATION])
def test_every_range_is_partly_verified(price_range):
    assert price_range.source.confidence is Confidence.PARTLY_VERIFIED


def test_the_evaluation_note_says_it_is_not_included():
    assert evaluation_price_note() == (
        "Reported price of an initial evaluation, when billed separately: $150.00–$350.00 "
        "(source: Thervo, Ketamine therapy cost guide); none is included here."
    )


def _amounts(text: str) -> list[Decimal]:
    return [Decimal(found.replace(",", "")) for found in re.findall(r"\$([0-9][0-9,]*)", text)]


def _series_texts() -> list[str]:
    from ketacover.core.coverage import load_rules
    from ketacover.core.navigator import rule_words

    said = rule_words.RULES["self_pay.base"].why
    rules = [rule for group in load_rules().rules.values() for rule in group]
    rule = next(rule for rule in rules if rule.id == "self_pay.base")
    return [said.en, said.es, rule.reason.explain]


@pytest.mark.parametrize("index", range(3))
def test_every_series_price_is_the_per_infusion_range_times_the_series_length(index):
    from ketacover.core.costs.price_ranges import IV_MOOD, IV_MOOD_SERIES

    text = _series_texts()[index]
    fewest, most = IV_MOOD_SERIES
    assert re.search(rf"\b{fewest} (to|a) {most}\b", text), text
    low, high, series_low, series_high = _amounts(text)[:4]
    assert (low, high) == (IV_MOOD.low, IV_MOOD.high)
    assert series_low == fewest * IV_MOOD.low
    assert series_high == most * IV_MOOD.high
