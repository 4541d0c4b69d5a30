import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.codes import npi
from ketacover.core.errors import InvalidCodeError

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


def _luhn_valid(number: str) -> bool:
    """Plain ISO/IEC 7812 Luhn check over the full 15-digit card form."""
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char) * (2 if position % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def test_the_cms_example_has_check_digit_3():
    assert npi.check_digit("123456789") == "3"


@pytest.mark.parametrize("number", ["1234567893", "123456789 3", "123-456-7893", " 1234567893 "])
def test_it_accepts_a_valid_npi_with_or_without_separators(number):
    assert npi.validate(number) == "1234567893"
    assert npi.is_valid(number)
    assert npi.format(number) == "1234567893"


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("1234567890", "wrong check digit: the last digit should be 3, not 0"),
        ("", "NPI is empty"),
        ("12345", "must have 10 digits, not 5"),
        ("12345678931", "must have 10 digits, not 11"),
        ("12345678a3", "must contain only digits"),
        ("１２３４５６７８９３", "must contain only digits"),
    ],
)
def test_it_rejects_a_malformed_npi_with_a_message_naming_the_problem(number, problem):
    with pytest.raises(InvalidCodeError, match="NPI") as raised:
        npi.validate(number)
    assert problem in str(raised.value)
    assert not npi.is_valid(number)


@pytest.mark.parametrize("base", ["12345678", "1234567890", "12345678x", ""])
def test_check_digit_needs_exactly_nine_digits(base):
    with pytest.raises(InvalidCodeError, match="must be exactly 9 digits"):
        npi.check_digit(base)


def test_it_describes_a_valid_npi_and_what_the_check_digit_does_not_prove():
    text = npi.describe("1234567893")
    assert "check digit 3 is correct" in text
    assert "NPPES" in text


@given(nine_digits)
def test_a_base_with_its_check_digit_always_validates(base):
    assert npi.is_valid(base + npi.check_digit(base))


@given(nine_digits)
def test_the_check_digit_matches_luhn_with_the_80840_prefix(base):
    assert _luhn_valid("80840" + base + npi.check_digit(base))


@given(nine_digits, st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_changing_any_one_digit_always_fails(base, position, change):
    number = base + npi.check_digit(base)
    altered = (
        number[:position] + str((int(number[position]) + change) % 10) + number[position + 1 :]
    )
    assert not npi.is_valid(altered)
