"""The plan's own criteria in a case file: read with their structured parts, written back the
same, left out when none are known, and refused with the field named when malformed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from ketacover.core.errors import InvalidCaseFileError
from ketacover.interop.casefile import case_to_data, load_case, parse_case

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "esketamine-ready-ppo.yaml"


def test_the_plans_criteria_are_read_in_its_words_with_their_parts():
    criteria = load_case(EXAMPLE).plan.criteria
    assert [item.text for item in criteria][-2:] == [
        "Psychiatrist prescribing",
        "REMS-certified setting",
    ]
    trials = criteria[2]
    assert (trials.min_agents, trials.min_classes, trials.min_weeks) == (2, 2, 6)
    assert trials.current_episode is True
    assert trials.source == "benefits call of November 10, 2026, reference REF-20261110-0042"


def test_the_plans_criteria_survive_a_round_trip_and_none_are_left_out():
    case = load_case(EXAMPLE)
    data = case_to_data(case)
    assert parse_case(json.dumps(data), fmt="json") == case
    assert data["plan"]["criteria"][3] == {
        "text": "Psychiatrist prescribing",
        "source": "benefits call of November 10, 2026, reference REF-20261110-0042",
        "psychiatrist": True,
    }
    bare = case_to_data(replace(case, plan=replace(case.plan, criteria=())))
    assert "criteria" not in bare["plan"]


def test_a_criterion_without_words_is_refused_naming_the_field():
    data = case_to_data(load_case(EXAMPLE))
    data["plan"]["criteria"][0]["text"] = " "
    with pytest.raises(InvalidCaseFileError, match="criteria"):
        parse_case(json.dumps(data), fmt="json")
