import json

import pytest

from ketacover.core.errors import Problem
from ketacover.interop.casefile import check_case
from ketacover.interop.casefile.messages import describe, must_be_one_of
from ketacover.interop.casefile.model_types import field_names_at, type_at

BASE = {
    "id": "c",
    "patient": {"given_name": "a", "family_name": "b", "date_of_birth": "1990-01-01"},
}
YAML_BASE = "id: c\npatient:\n  given_name: a\n  family_name: b\n  date_of_birth: 1990-01-01\n"
ZONE = "e.g. 2026-11-02T10:15:00-05:00"
TIME = f"use YYYY-MM-DDTHH:MM:SS with a time zone, {ZONE}"


@pytest.mark.parametrize(
    ("calls", "expected"),
    [
        ([{"at": 5}], Problem("calls[0].at", f"5 is not a date and time ({TIME})")),
        (
            [{"at": "2026-11-02"}],
            Problem("calls[0].at", f'"2026-11-02" is not a date and time ({TIME})'),
        ),
        ([{"at": "2026-11-02T10:15Z"}], None),
        ([{"at": "2026-11-02 10:15:00.5-0500"}], None),
    ],
)
def test_times_need_the_full_form_with_a_time_zone(calls, expected):
    found = check_case(json.dumps({**BASE, "calls": calls}), fmt="json")
    assert found == ([] if expected is None else [expected])


def test_a_yaml_timestamp_without_a_zone_needs_one():
    text = YAML_BASE + "calls:\n  - at: !!timestamp 2026-11-02 10:15:00\n"
    assert check_case(text, fmt="yaml") == [
        Problem("calls[0].at", f'"2026-11-02T10:15:00" needs a time zone ({ZONE})', 7)
    ]


def test_a_yaml_timestamp_is_a_date_only_without_a_time():
    good = YAML_BASE + "diagnoses:\n  - code: F33.2\n    since: !!timestamp 2026-01-05\n"
    assert check_case(good, fmt="yaml") == []
    bad = YAML_BASE + "diagnoses:\n  - code: F33.2\n    since: !!timestamp 2026-01-05 10:00:00\n"
    [problem] = check_case(bad, fmt="yaml")
    assert problem.path == "diagnoses[0].since"
    assert problem.message.endswith("is not a date (use YYYY-MM-DD)")


def test_a_json_number_is_not_a_date():
    found = check_case(
        json.dumps({**BASE, "diagnoses": [{"code": "F33.2", "since": 0}]}), fmt="json"
    )
    assert found == [Problem("diagnoses[0].since", "0 is not a date (use YYYY-MM-DD)")]


def test_an_unexpected_error_kind_keeps_the_validators_words():
    message = describe("string_too_long", ("notes",), "x", "String should be short")
    assert message == '"x" is not valid (string should be short)'


def test_paths_outside_the_model_have_no_type_and_no_fields():
    assert type_at(("patient", "nope")) is None
    assert type_at(("id", 0)) is None
    assert type_at(("id", "x")) is None
    assert field_names_at(("id",)) == ()
    assert must_be_one_of(("id",)) == "is not one of the allowed values"
