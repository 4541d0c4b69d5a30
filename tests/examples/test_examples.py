"""The example cases in ``examples/``: each one loads, and its assessment, deadlines and costs on
2026-11-23 match a golden JSON file; plus what each example is there to show.

Regenerate the golden files after a deliberate change with ``make golden`` (which sets
``KETACOVER_UPDATE_GOLDEN=1``) and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from ketacover.core.costs import CostComparison, case_costs
from ketacover.core.coverage import Assessment, PathwayAssessment, PathwayId, Verdict, assess
from ketacover.core.deadlines import Deadline, DeadlineKind, case_deadlines
from ketacover.core.model import Case
from ketacover.interop.casefile import load_case

TODAY = date(2026, 11, 23)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


class Results(NamedTuple):
    case: Case
    assessment: Assessment
    deadlines: tuple[Deadline, ...]
    costs: CostComparison


@cache
def results(name: str) -> Results:
    case = load_case(EXAMPLES / f"{name}.yaml")
    return Results(
        case=case,
        assessment=assess(case, today=TODAY),
        deadlines=tuple(case_deadlines(case, TODAY)),
        costs=case_costs(case),
    )


def as_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, tuple | list):
        return [as_plain(item) for item in value]
    return value


def render(result: Results) -> str:
    document = {
        "case_id": result.case.id,
        "today": TODAY,
        "assessment": as_plain(result.assessment),
        "deadlines": as_plain(result.deadlines),
        "costs": as_plain(result.costs),
    }
    return json.dumps(document, default=str, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def pathway(name: str, pathway_id: PathwayId) -> PathwayAssessment:
    return results(name).assessment.pathway(pathway_id)


def words(item: PathwayAssessment) -> str:
    """Everything a pathway says, in one lower-case text to search."""
    parts = [reason.explain for reason in item.reasons]
    parts += [f"{fact.fact} {fact.ask}" for fact in item.missing]
    parts += [action.text for action in item.actions]
    return " ".join(parts).lower()


def deadlines_of(name: str, kind: DeadlineKind, ref: str | None = None) -> list[Deadline]:
    return [
        deadline
        for deadline in results(name).deadlines
        if deadline.kind is kind and (ref is None or deadline.ref == ref)
    ]


def test_the_examples_folder_holds_at_least_eight_distinct_cases():
    ids = [load_case(path).id for path in EXAMPLE_FILES]
    assert len(ids) >= 8
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_each_example_starts_with_a_header_comment_saying_what_ketacover_should_conclude(
    path: Path,
):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ")
    header = text.split("\nid:", 1)[0]
    assert "ketacover should conclude" in header


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_each_example_matches_its_golden_file(path: Path):
    rendered = render(results(path.stem))
    golden = GOLDEN / f"{path.stem}.json"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.is_file(), f"{golden.name} is missing: run `make golden` and review it"
    assert rendered == golden.read_text(encoding="utf-8")


def test_every_golden_file_belongs_to_an_example():
    stems = {path.stem for path in EXAMPLE_FILES}
    orphans = sorted(path.name for path in GOLDEN.glob("*.json") if path.stem not in stems)
    assert orphans == []


def test_the_ready_ppo_case_is_likely_to_get_esketamine_approved():
    assert pathway("esketamine-ready-ppo", PathwayId.ESKETAMINE_PA).verdict is Verdict.LIKELY


def test_one_failed_trial_is_not_enough_and_the_assessment_says_trials_are_missing():
    item = pathway("esketamine-one-failed-trial", PathwayId.ESKETAMINE_PA)
    assert item.verdict is not Verdict.LIKELY
    assert "trial" in words(item)


def test_bipolar_depression_rules_out_esketamine_but_still_shows_self_pay():
    assessment = results("bipolar-depression").assessment
    assert assessment.pathway(PathwayId.ESKETAMINE_PA).verdict is Verdict.UNLIKELY
    assert "bipolar" in words(assessment.pathway(PathwayId.ESKETAMINE_PA))
    assert assessment.pathway(PathwayId.SELF_PAY).verdict is not Verdict.UNLIKELY


def test_suicidal_ideation_makes_the_case_expedited_with_a_72_hour_decision():
    assert results("suicidal-ideation-expedited").assessment.expedited is True
    # Submitted 2026-11-23 as urgent: 72 hours from the start of that day run out at the end of
    # 2026-11-25 (45 CFR 147.136, which Marketplace plans stay on).
    decisions = deadlines_of("suicidal-ideation-expedited", DeadlineKind.PA_DECISION, "pa-1")
    assert [deadline.due for deadline in decisions] == [date(2026, 11, 25)]


def test_a_standard_case_is_not_expedited():
    assert results("esketamine-ready-ppo").assessment.expedited is False


def test_the_erisa_appeal_of_the_denied_pa_is_due_180_days_after_the_notice_arrived():
    # Notice received 2026-11-04; 29 CFR 2560.503-1(h)(3)(i): 180 days -> 2027-05-03 (a Monday).
    filings = deadlines_of("denial-appeal-running", DeadlineKind.APPEAL_FILING, "denial-1")
    assert [deadline.due for deadline in filings] == [date(2027, 5, 3)]
    assert filings[0].starts == date(2026, 11, 4)


def test_the_claim_denied_with_carc_55_has_its_own_appeal_window():
    # Remittance received 2026-11-12; 180 days -> 2027-05-11 (a Tuesday).
    filings = deadlines_of("denial-appeal-running", DeadlineKind.APPEAL_FILING, "denial-2")
    assert [deadline.due for deadline in filings] == [date(2027, 5, 11)]


def test_the_denied_iv_ketamine_request_stays_short_of_likely():
    item = pathway("denial-appeal-running", PathwayId.IV_KETAMINE_PA)
    assert item.verdict in {Verdict.UNLIKELY, Verdict.POSSIBLE, Verdict.UNKNOWN}


def test_the_denied_iv_ketamine_case_still_has_esketamine_as_the_likelier_way():
    item = pathway("denial-appeal-running", PathwayId.ESKETAMINE_PA)
    assert item.verdict is Verdict.LIKELY


def test_an_hmo_without_out_of_network_benefits_will_not_reimburse_a_superbill():
    item = pathway("hmo-no-oon-benefits", PathwayId.OON_REIMBURSEMENT)
    assert item.verdict is Verdict.UNLIKELY


def test_the_medicare_advantage_request_is_due_seven_calendar_days_after_submission():
    # Submitted 2026-11-18; CMS-0057-F standard clock for Medicare Advantage: 7 calendar days.
    decisions = deadlines_of("medicare-advantage-pa-pending", DeadlineKind.PA_DECISION, "pa-1")
    assert [deadline.due for deadline in decisions] == [date(2026, 11, 25)]


def test_the_medicare_advantage_esketamine_deadline_asks_which_clock_applies():
    decisions = deadlines_of("medicare-advantage-pa-pending", DeadlineKind.PA_DECISION, "pa-1")
    assert all("ask the plan which clock applies" in d.explain for d in decisions)


def test_the_original_medicare_iv_case_is_billed_by_the_clinic_with_ga_under_its_abn():
    from ketacover.core.billing import claims

    item = pathway("medicare-iv-ketamine", PathwayId.IV_KETAMINE_PA)
    assert item.claim_path
    assert [action.rule_id for action in item.actions] == ["iv.medicare_claim", "iv.medicare_abn"]
    for claim in claims(load_case(EXAMPLES / "medicare-iv-ketamine.yaml")):
        for line in claim.lines:
            assert ("GA" in line.modifiers) is (line.code in {"J3490", "96365"})


def test_the_approved_pa_gets_a_reauthorization_reminder_before_it_runs_out():
    reminders = deadlines_of("approved-pa-reauth", DeadlineKind.REAUTHORIZATION, "pa-1")
    assert reminders
    assert all(reminder.due <= date(2026, 11, 29) for reminder in reminders)


def test_the_crps_case_is_assessed_for_iv_ketamine_and_priced_per_infusion():
    item = pathway("crps-iv-ketamine-ppo", PathwayId.IV_KETAMINE_PA)
    assert item.verdict is not Verdict.UNLIKELY
    assert results("crps-iv-ketamine-ppo").costs.pathways


def test_the_ptsd_case_can_be_paid_for_out_of_pocket():
    assessment = results("ptsd-iv-ketamine-self-pay-hsa").assessment
    assert assessment.pathway(PathwayId.SELF_PAY).verdict is not Verdict.UNLIKELY
    costs = results("ptsd-iv-ketamine-self-pay-hsa").costs
    assert PathwayId.SELF_PAY in {cost.pathway for cost in costs.pathways}


def test_every_example_is_assessed_on_every_pathway():
    for path in EXAMPLE_FILES:
        assessment = results(path.stem).assessment
        assert {item.pathway for item in assessment.pathways} == set(PathwayId)


def test_the_crps_case_hears_nothing_about_antidepressant_trials_or_psychiatric_codes():
    assessment = results("crps-iv-ketamine-ppo").assessment
    esketamine = assessment.pathway(PathwayId.ESKETAMINE_PA)
    assert esketamine.verdict is Verdict.UNLIKELY
    assert "antidepressant" not in " ".join(
        [fact.ask for fact in esketamine.missing] + [action.text for action in esketamine.actions]
    )
    hybrid = {reason.rule_id for reason in assessment.pathway(PathwayId.HYBRID_BILLING).reasons}
    assert "hybrid.pain_codes" in hybrid
    assert "hybrid.psychiatric_codes" not in hybrid


def test_the_in_network_clinics_unauthorized_sessions_get_retro_authorization_not_a_superbill():
    oon = pathway("crps-iv-ketamine-ppo", PathwayId.OON_REIMBURSEMENT)
    texts = " ".join(action.text for action in oon.actions)
    assert "retroactive authorization" in texts
    assert "CARC 197" in texts
    assert "superbill per session" not in texts


def test_a_medication_still_taken_with_a_start_and_weeks_but_no_end_is_read_as_ongoing():
    from ketacover.core.history import analyze

    case = load_case(EXAMPLES / "approved-pa-reauth.yaml")
    analysis = analyze(
        case.treatment_history, episode_start=case.history.episode_start, today=TODAY
    )
    duloxetine = next(trial for trial in analysis.trials if trial.name == "duloxetine")
    assert duloxetine.ongoing is True
    assert analysis.current_antidepressant is True
