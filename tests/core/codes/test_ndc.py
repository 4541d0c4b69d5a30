"""National Drug Codes in the 11-digit 5-4-2 form claims carry."""

import pytest

from ketacover.core.codes import ndc
from ketacover.core.errors import InvalidCodeError


@pytest.mark.parametrize(
    ("printed", "eleven"),
    [
        ("12345-6789-01", "12345678901"),
        ("12345678901", "12345678901"),
        ("1234-5678-90", "01234567890"),
        ("12345-678-90", "12345067890"),
        ("12345-6789-1", "12345678901"),
    ],
)
def test_each_package_layout_becomes_eleven_digits(printed, eleven):
    assert ndc.normalize(printed) == eleven


@pytest.mark.parametrize("bad", ["1234567890", "12345-67890-1", "ABCDE-6789-01", "", "123-4567-89"])
def test_other_shapes_are_refused(bad):
    assert not ndc.is_valid(bad)
    with pytest.raises(InvalidCodeError, match="5-4-2"):
        ndc.validate(bad)


def test_format_prints_the_5_4_2_layout():
    assert ndc.format("01234567890") == "01234-5678-90"
