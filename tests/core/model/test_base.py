from decimal import Decimal

import pytest

from ketacover.core.model import Scale, Treatment, cents


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("1.005", "1.01"), ("1.004", "1.00"), ("0", "0.00"), ("-2.675", "-2.68"), ("450", "450.00")],
)
def test_cents_rounds_half_up_to_two_places(amount: str, expected: str):
    assert cents(Decimal(amount)) == Decimal(expected)
    assert str(cents(Decimal(amount))) == expected


@pytest.mark.parametrize(
    ("scale", "maximum", "label"),
    [(Scale.PHQ9, 27, "PHQ-9"), (Scale.GAD7, 21, "GAD-7"), (Scale.MADRS, 60, "MADRS")],
)
def test_each_scale_knows_its_maximum_and_label(scale: Scale, maximum: int, label: str):
    assert scale.max_score == maximum
    assert scale.label == label


def test_every_scale_has_a_maximum_and_a_label():
    for scale in Scale:
        assert scale.max_score > 0
        assert scale.label


def test_every_treatment_has_a_plain_label():
    assert Treatment.ESKETAMINE.label == "esketamine nasal spray (Spravato)"
    assert {t.label for t in Treatment} == {
        "IV ketamine infusion",
        "esketamine nasal spray (Spravato)",
        "IM ketamine injection",
    }


def test_every_denial_reason_has_plain_words():
    from ketacover.core.model import DenialReason

    assert DenialReason.EXPERIMENTAL_INVESTIGATIONAL.label == "experimental or investigational"
    assert all(reason.label for reason in DenialReason)


def test_every_outcome_has_plain_words():
    from ketacover.core.model import Outcome

    assert Outcome.PARTIAL_RESPONSE.label == "partial response"
    assert Outcome.NO_RESPONSE.label == "no response"
