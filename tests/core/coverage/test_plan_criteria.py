"""The plan's own criteria (``plan.criteria``) are judged one by one and win over any pack."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ketacover.core.coverage import PathwayId, Verdict, assess
from ketacover.core.model import Clinician, PlanCriterion, Specialty

from .conftest import TODAY, ready_plan

CALL = "benefits call of November 2, 2026, reference REF-1"
TWO_TRIALS = PlanCriterion(
    text="Two antidepressants for 6 weeks each", source=CALL, min_agents=2, min_weeks=6
)
PSYCHIATRIST = PlanCriterion(text="Psychiatrist prescribing", source=CALL, psychiatrist=True)


def _esketamine(case):
    return assess(case, TODAY).pathway(PathwayId.ESKETAMINE_PA)


def test_the_plans_own_criteria_win_over_its_pack(make_case):
    # BCBS MA policy 087 asks for 4 agents; the plan said 2 on the call.
    plan = ready_plan(criteria_pack="bcbs_ma_087", criteria=(TWO_TRIALS,))
    found = _esketamine(make_case(plan=plan))
    ids = [reason.rule_id for reason in found.reasons]
    assert "plan.criteria.plan_1" in ids
    assert "bcbs_ma_087.min_agents" not in ids
    explained = [r.explain for r in found.reasons if r.rule_id == "plan.criteria.plan_1"]
    assert explained[0].startswith("Met (the plan's own criterion \"Two antidepressants")
    assert found.reasons[ids.index("plan.criteria.plan_1")].source == CALL


def test_without_its_own_criteria_the_pack_judges(make_case):
    found = _esketamine(make_case(plan=ready_plan(criteria_pack="bcbs_ma_087")))
    assert found.verdict is Verdict.UNLIKELY
    assert any(r.rule_id == "bcbs_ma_087.min_agents" for r in found.blocked_by)


def test_a_plan_criterion_not_met_blocks_the_request_in_the_plans_words(make_case):
    prescriber = Clinician(
        name="Dr. Pat Example",
        npi="1234567893",
        specialty=Specialty.PRIMARY_CARE,
        consults_psychiatrist=False,
    )
    case = make_case(plan=ready_plan(criteria=(TWO_TRIALS, PSYCHIATRIST)), prescriber=prescriber)
    found = _esketamine(case)
    assert found.verdict is Verdict.UNLIKELY
    own = [r for r in found.blocked_by if r.rule_id.startswith("plan.criteria.")]
    assert [r.rule_id for r in own] == ["plan.criteria.plan_2"]
    assert '"Psychiatrist prescribing"' in own[0].explain
    assert "is not a psychiatrist" in own[0].explain


def test_a_plan_criterion_with_too_few_trials_is_not_met(make_case):
    three = PlanCriterion(text="Three antidepressants", min_agents=3)
    found = _esketamine(make_case(plan=ready_plan(criteria=(three,))))
    assert found.verdict is Verdict.UNLIKELY
    own = [r for r in found.blocked_by if r.rule_id == "plan.criteria.plan_1"]
    assert "2 adequate failed antidepressant trials" in own[0].explain


def test_a_statement_ketacover_cannot_check_is_asked_until_the_clinic_answers_it(make_case):
    baseline = PlanCriterion(text="Baseline PHQ-9 within 30 days", source=CALL)
    found = _esketamine(make_case(plan=ready_plan(criteria=(baseline,))))
    asks = [item.ask for item in found.missing if item.fact == "criteria.plan_1"]
    assert asks == [
        'Document for the plan\'s criterion "Baseline PHQ-9 within 30 days": Not yet answered '
        "from the record."
    ]
    answered = replace(baseline, answer="PHQ-9 of 21 on November 2, 2026")
    found = _esketamine(make_case(plan=ready_plan(criteria=(answered,))))
    assert not [item for item in found.missing if item.fact == "criteria.plan_1"]
    assert any("PHQ-9 of 21 on November 2, 2026" in r.explain for r in found.reasons)


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"text": "  "}, "text"), ({"text": "x", "min_agents": -1}, "min_agents")],
)
def test_a_plan_criterion_needs_words_and_counts_of_zero_or_more(changes, field):
    with pytest.raises(ValueError, match=field):
        PlanCriterion(**changes)
