from datetime import date

import pytest

from ketacover.core.codes import pos
from ketacover.core.errors import InvalidCodeError


@pytest.mark.parametrize(
    ("code", "name", "telehealth"),
    [
        ("02", "Telehealth, patient not at home", True),
        ("2", "Telehealth, patient not at home", True),
        ("10", "Telehealth, patient at home", True),
        (" 11 ", "Office", False),
    ],
)
def test_it_knows_the_places_of_service_of_this_domain(code, name, telehealth):
    place = pos.known(code)
    assert place is not None
    assert place.name == name
    assert pos.is_telehealth(code) is telehealth
    assert pos.describe(code).startswith(f"POS {place.code}: {name}.")


@pytest.mark.parametrize("code", ["23", "99", "01"])
def test_it_accepts_other_well_formed_codes_without_a_description(code):
    assert pos.is_valid(code)
    assert pos.known(code) is None
    assert not pos.is_telehealth(code)
    assert (
        pos.describe(code)
        == f"POS {code}: ketacover has no description for this place-of-service code"
    )


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("", "place-of-service code is empty"),
        ("00", "must be two digits from 01 to 99"),
        ("111", "must be two digits from 01 to 99"),
        ("1a", "must be two digits from 01 to 99"),
    ],
)
def test_it_rejects_malformed_codes(code, problem):
    with pytest.raises(InvalidCodeError, match=problem):
        pos.validate(code)
    assert not pos.is_valid(code)


def test_pos_10_applies_from_2022():
    with pytest.raises(InvalidCodeError, match="applies to dates of service from 2022-01-01"):
        pos.validate("10", on=date(2021, 12, 31))
    assert pos.validate("10", on=date(2022, 1, 1)) == "10"
    assert pos.validate("11", on=date(2021, 12, 31)) == "11"
    assert pos.validate("23", on=date(2021, 12, 31)) == "23"


def test_the_in_person_note_sends_infusions_to_the_office_code():
    assert "POS 11" in pos.IN_PERSON_NOTE
    assert "in person" in pos.IN_PERSON_NOTE


def test_the_docstring_example_holds():
    assert pos.validate("11") == "11"
    assert pos.validate("2") == "02"
    assert pos.is_telehealth("10")
