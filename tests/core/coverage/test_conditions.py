"""The condition language: three-valued logic over named facts."""

from __future__ import annotations

from datetime import date

import pytest

from ketacover.core.coverage.conditions import compile_condition
from ketacover.core.coverage.facts import FACTS

FACTS_SEEN = {
    "patient.age": 40,
    "urgent": True,
    "dx.bipolar": None,
    "plan.plan_type": "ppo",
    "service.date": date(2026, 12, 1),
    "history.max_improvement_percent": None,
}


def run(node):
    return compile_condition(node, FACTS).test(FACTS_SEEN)


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        ({"fact": "patient.age", "gte": 18}, True),
        ({"fact": "patient.age", "lte": 17}, False),
        ({"fact": "patient.age", "eq": 40}, True),
        ({"fact": "patient.age", "ne": 40}, False),
        ({"fact": "history.max_improvement_percent", "lte": 25.5}, None),
        ({"fact": "plan.plan_type", "in": ["ppo", "pos"]}, True),
        ({"fact": "plan.plan_type", "not_in": ["ppo", "pos"]}, False),
        ({"fact": "service.date", "gte": date(2026, 1, 1)}, True),
        ({"is_true": "urgent"}, True),
        ({"is_false": "urgent"}, False),
        ({"is_true": "dx.bipolar"}, None),
        ({"is_unknown": "dx.bipolar"}, True),
        ({"is_unknown": "urgent"}, False),
        ({"not": {"is_true": "dx.bipolar"}}, None),
        ({"not": {"is_true": "urgent"}}, False),
        ({"all": [{"is_true": "urgent"}, {"is_true": "dx.bipolar"}]}, None),
        ({"all": [{"is_false": "urgent"}, {"is_true": "dx.bipolar"}]}, False),
        ({"all": [{"is_true": "urgent"}, {"fact": "patient.age", "gte": 18}]}, True),
        ({"any": [{"is_true": "urgent"}, {"is_true": "dx.bipolar"}]}, True),
        ({"any": [{"is_false": "urgent"}, {"is_true": "dx.bipolar"}]}, None),
        ({"any": [{"is_false": "urgent"}, {"fact": "patient.age", "lte": 17}]}, False),
    ],
)
def test_it_evaluates_in_three_valued_logic(node, expected):
    assert run(node) is expected


def test_it_reports_what_it_reads_and_what_it_would_ask():
    compiled = compile_condition(
        {"all": [{"is_unknown": "dx.bipolar"}, {"fact": "patient.age", "gte": 18}]}, FACTS
    )
    assert compiled.reads == {"dx.bipolar", "patient.age"}
    assert compiled.asks == {"patient.age"}
