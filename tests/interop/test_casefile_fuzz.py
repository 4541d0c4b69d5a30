"""Property-based fuzzing of the case-file loader, starting from the example cases.

Whatever a file holds, reading it gives a case or :class:`InvalidCaseFileError` with a path and a
message for each problem: never another exception, never a hang. A case that reads is written
back (:func:`case_to_data`, as JSON and as YAML) and reads back equal. The hand-written
properties of the format are in ``test_casefile.py``; these mutate whole valid files.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketacover.core.errors import InvalidCaseFileError
from ketacover.core.model import Case
from ketacover.interop.casefile import (
    case_from_data,
    case_to_data,
    check_case,
    load_case,
    parse_case,
)

from .mutations import mutated_bytes, mutated_tree

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
DOCUMENTS = [case_to_data(load_case(path)) for path in EXAMPLES]
TEXTS = [path.read_bytes() for path in EXAMPLES]
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SECONDS = 5.0
"""Longest any one read may take; a few kilobytes read in milliseconds."""


def _read(text: str, fmt: str) -> Case | None:
    """The case ``text`` holds, or None after checking the problems are well formed."""
    started = time.perf_counter()
    case, problems = _outcome(lambda: parse_case(text, fmt=fmt))  # type: ignore[arg-type]
    assert time.perf_counter() - started < SECONDS
    for problem in problems:
        assert problem.message.isprintable()
        assert problem.path.isprintable()
    return case


def _outcome(read) -> tuple[Case | None, list]:
    """What ``read`` gives: a case and no problems, or no case and at least one problem."""
    try:
        return read(), []
    except InvalidCaseFileError as error:
        problems = error.problems
    assert problems
    assert all(problem.message for problem in problems)
    return None, problems


def _round_trips(case: Case) -> None:
    data = case_to_data(case)
    assert parse_case(json.dumps(data), fmt="json") == case
    written = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    assert parse_case(written, fmt="yaml") == case
    assert case_from_data(data) == case


@FUZZ
@given(mutated_tree(DOCUMENTS))
def test_a_mutated_case_reads_as_a_case_or_as_problems_and_a_case_round_trips(document):
    for fmt, text in (
        ("json", json.dumps(document)),
        ("yaml", yaml.safe_dump(document, allow_unicode=True)),
    ):
        case = _read(text, fmt)
        if case is not None:
            _round_trips(case)
            assert check_case(text, fmt=fmt) == []  # type: ignore[arg-type]


@FUZZ
@given(mutated_tree(DOCUMENTS))
def test_mutated_plain_data_gives_a_case_or_problems_with_paths(document):
    case, _ = _outcome(lambda: case_from_data(document))
    if case is not None:
        _round_trips(case)


@FUZZ
@given(mutated_bytes(TEXTS))
def test_a_damaged_case_file_on_disk_reads_as_a_case_or_as_problems(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("case") / "damaged.yaml"
    path.write_bytes(data)
    started = time.perf_counter()
    case, _ = _outcome(lambda: load_case(path))
    assert time.perf_counter() - started < SECONDS
    if case is not None:
        _round_trips(case)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(DOCUMENTS),
    st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\ud800", "\udfff"]),
)
def test_a_character_that_is_not_text_is_a_problem_at_its_path(document, character):
    data = json.loads(json.dumps(document))
    data["patient"]["family_name"] = f"Test{character}person"
    with pytest.raises(InvalidCaseFileError) as raised:
        case_from_data(data)
    [problem] = raised.value.problems
    assert problem.path == "patient.family_name"
    assert "not text" in problem.message
    assert "person" not in problem.message


def test_tabs_and_line_breaks_stay_text():
    data = json.loads(json.dumps(DOCUMENTS[0]))
    data["notes"] = "first line\r\nsecond\tline"
    assert case_from_data(data).notes == "first line\r\nsecond\tline"


def test_a_key_holding_a_control_character_is_named_printably():
    data = json.loads(json.dumps(DOCUMENTS[0]))
    data["plan"]["member\x00id"] = "x"
    with pytest.raises(InvalidCaseFileError) as raised:
        case_from_data(data)
    assert [problem.path for problem in raised.value.problems] == ["plan.member?id"]


def test_data_nested_as_deeply_as_json_allows_is_a_problem_not_a_crash():
    data = json.loads('{"id": "c", "notes": ' + "[" * 900 + "]" * 900 + "}")
    with pytest.raises(InvalidCaseFileError) as raised:
        case_from_data(data)
    assert "notes" in [problem.path for problem in raised.value.problems]
