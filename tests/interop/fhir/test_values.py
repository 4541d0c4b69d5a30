from datetime import date
from decimal import Decimal

import pytest
from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.quantity import Quantity

from ketacover.interop.fhir.values import (
    codes,
    day,
    days,
    first,
    milligrams,
    number,
    systems,
    texts,
)


@pytest.mark.parametrize(
    ("value", "expected"), [(date(2025, 1, 2), date(2025, 1, 2)), ("2025-01", None), (None, None)]
)
def test_a_day_is_a_full_date_or_nothing(value, expected):
    assert day(value) == expected


def test_a_missing_concept_has_no_texts_codes_or_systems():
    assert (texts(None), codes(None, "x"), systems(None)) == ([], [], [])


def test_texts_come_from_the_text_then_each_display():
    concept = CodeableConcept.model_validate(
        {
            "text": "a",
            "coding": [{"system": "s", "code": "1", "display": "b"}, {"system": "s", "code": "2"}],
        }
    )
    assert texts(concept) == ["a", "b"]
    assert codes(concept, "s") == ["1", "2"]
    assert systems(concept) == ["s"]


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        ({"value": 30}, 30),
        ({"value": 30, "unit": "days"}, 30),
        ({"value": 2, "code": "wk"}, 14),
        ({"value": 1, "code": "mo"}, None),
        ({"value": 2.5}, None),
        ({"value": 0}, None),
        ({"unit": "d"}, None),
    ],
)
def test_days_read_whole_days_or_weeks(quantity, expected):
    assert days(Quantity.model_validate(quantity)) == expected
    assert days(None) is None


def test_milligrams_need_a_value_in_mg():
    assert milligrams(Quantity.model_validate({"value": 5, "unit": "milligram"})) == Decimal(5)
    assert milligrams(Quantity.model_validate({"unit": "mg"})) is None
    assert milligrams(Quantity.model_validate({"value": 5, "unit": "mL"})) is None
    assert milligrams(None) is None


@pytest.mark.parametrize(
    ("value", "expected"), [(3, Decimal(3)), ("x", None), (True, None), (None, None)]
)
def test_number_reads_numbers_only(value, expected):
    assert number(value) == expected


def test_first_skips_blanks():
    assert first(["", "  ", " a "]) == "a"
    assert first([]) is None
