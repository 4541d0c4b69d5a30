"""Tests for ketacover.core.codes.us_states: every code the navigator accepts has a name in
English and Spanish, and a select lists them by name."""

from __future__ import annotations

import pytest

from ketacover.core.codes import us_states
from ketacover.core.navigator.answers import STATES


def test_the_names_cover_exactly_the_codes_the_navigator_accepts():
    assert set(us_states.NAMES) == STATES
    assert len(us_states.NAMES) == 56


@pytest.mark.parametrize(
    ("code", "english", "spanish"),
    [
        ("TX", "Texas", "Texas"),
        ("NY", "New York", "Nueva York"),
        ("NC", "North Carolina", "Carolina del Norte"),
        ("DC", "District of Columbia", "Distrito de Columbia"),
        ("PR", "Puerto Rico", "Puerto Rico"),
    ],
)
def test_a_code_is_named_in_each_language(code, english, spanish):
    assert us_states.name(code) == english
    assert us_states.name(code, "es") == spanish
    assert us_states.name(code, "es-mx") == spanish


def test_choices_are_sorted_by_the_name_in_the_readers_language():
    english = us_states.choices()
    assert english[0] == ("AL", "Alabama")
    assert [label for _, label in english] == sorted(label for _, label in english)
    spanish = dict(us_states.choices("es"))
    assert spanish["NY"] == "Nueva York"
    assert len(spanish) == len(us_states.NAMES)


def test_an_unknown_code_is_a_key_error():
    with pytest.raises(KeyError):
        us_states.name("XX")
