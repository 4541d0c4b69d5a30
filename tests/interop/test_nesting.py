"""Finding 1 of the second hardening round: nesting bounded before any parser recurses, for YAML
(the event-based composer) and JSON (the one bounded reader)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ketacover.core.errors import Problem
from ketacover.interop.casefile import check_case
from ketacover.interop.casefile.yaml_composer import compose_single
from ketacover.interop.casefile.yaml_source import CaseFileLoader
from ketacover.interop.nesting import (
    MAX_DEPTH,
    NestingError,
    data_nesting_error,
    json_nesting_error,
    load_json,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TOO_DEEP = f"is nested more than {MAX_DEPTH} levels deep"


def _shape(node: yaml.Node) -> object:
    """A node tree as plain data: tag, value or children, and line."""
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, node.start_mark.line)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, [_shape(child) for child in node.value], node.start_mark.line)
    assert isinstance(node, yaml.MappingNode)
    pairs = [(_shape(key), _shape(value)) for key, value in node.value]
    return (node.tag, pairs, node.start_mark.line)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_finding_1_the_bounded_composer_builds_the_tree_pyyaml_builds(path):
    text = path.read_text(encoding="utf-8")
    expected = CaseFileLoader(text).get_single_node()
    built = compose_single(CaseFileLoader(text))
    assert built is not None
    assert expected is not None
    assert _shape(built) == _shape(expected)


def test_finding_1_sixty_four_levels_are_read_and_sixty_five_refused():
    assert compose_single(CaseFileLoader("[" * 64 + "]" * 64)) is not None
    with pytest.raises(NestingError) as raised:
        compose_single(CaseFileLoader("x:\n  " + "[" * 65 + "]" * 65))
    assert raised.value.line == 2


def test_finding_1_nesting_reached_through_aliases_is_counted_once_expanded():
    # Each anchor holds the one before 40 levels down: 80 levels once expanded.
    inner = "[" * 40 + "1" + "]" * 40
    text = f"a: &a {inner}\nb: &b {'[' * 40}*a{']' * 40}\nid: c\n"
    problems = check_case(text, fmt="yaml")
    assert [problem.message for problem in problems] == [f"{TOO_DEEP} once aliases are expanded"]


def test_finding_1_a_case_file_too_deep_names_the_line_in_yaml_and_json():
    assert check_case("id: x\nnotes: " + "[" * 100, fmt="yaml") == [Problem("", TOO_DEEP, 2)]
    text = '{"id": "x",\n "notes": ' + "[" * 100 + "]" * 100 + "}"
    assert check_case(text, fmt="json") == [Problem("", TOO_DEEP, 2)]


@pytest.mark.parametrize(
    "text",
    [
        json.dumps({"note": "[[[[" * 100}),
        json.dumps({"note": '"\\[' * 100}),
        "[" * 64 + "]" * 64,
        '"' + "\\" * 1001,
    ],
    ids=["brackets-in-a-string", "escaped-quotes", "exactly-64", "unterminated-string"],
)
def test_finding_1_brackets_inside_strings_do_not_count(text):
    assert json_nesting_error(text) is None


def test_finding_1_load_json_refuses_before_parsing_and_reads_what_is_within_the_bound():
    with pytest.raises(NestingError, match=r"\(line 3\)"):
        load_json('{\n"a":\n' + "[" * 65 + "]" * 65 + "}")
    assert load_json('{"a": [[1]]}') == {"a": [[1]]}


def test_finding_1_plain_data_too_deep_names_its_top_level_field():
    data: object = []
    for _ in range(70):
        data = [data]
    error = data_nesting_error({"id": "x", "notes": data})
    assert error is not None
    assert error.path == "notes"
    assert data_nesting_error({"notes": [[1]]}) is None
