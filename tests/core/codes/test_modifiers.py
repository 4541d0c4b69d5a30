import pytest

from ketacover.core.codes import modifiers
from ketacover.core.errors import InvalidCodeError
from ketacover.core.sources import Confidence


@pytest.mark.parametrize(
    ("code", "expected", "in_text"),
    [
        ("25", "25", "E/M line"),
        ("-25", "25", "E/M line"),
        ("59", "59", "indicator is 1"),
        ("xe", "XE", "more specific forms of modifier 59"),
        ("XS", "XS", "more specific forms of modifier 59"),
        ("XP", "XP", "more specific forms of modifier 59"),
        ("XU", "XU", "more specific forms of modifier 59"),
        ("kx", "KX", "REMS enrollment"),
    ],
)
def test_it_describes_the_modifiers_of_this_domain(code, expected, in_text):
    assert modifiers.validate(code) == expected
    assert modifiers.known(code) is not None
    assert in_text in modifiers.describe(code)


def test_kx_is_carried_as_partly_verified_for_cgs_only():
    kx = modifiers.known("KX")
    assert kx is not None
    assert kx.source.confidence is Confidence.PARTLY_VERIFIED
    assert "Other Medicare contractors were not checked" in kx.description


@pytest.mark.parametrize("code", ["50", "GT", "F1"])
def test_it_accepts_other_well_formed_modifiers_without_a_description(code):
    assert modifiers.is_valid(code)
    assert modifiers.known(code) is None
    assert (
        modifiers.describe(code)
        == f"Modifier {code}: ketacover has no description for this modifier"
    )


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("", "modifier is empty"),
        ("2", "two letters or digits"),
        ("259", "two letters or digits"),
        ("2#", "two"),
    ],
)
def test_it_rejects_malformed_modifiers(code, problem):
    with pytest.raises(InvalidCodeError, match=problem):
        modifiers.validate(code)
    assert not modifiers.is_valid(code)


def test_the_docstring_example_holds():
    assert modifiers.validate("kx") == "KX"
    assert modifiers.is_valid("2") is False
