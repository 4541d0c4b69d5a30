"""Treatment-history analysis and criteria judging (facts.md section 3 criteria sets)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.history import (
    DEFAULT_CRITERIA,
    Criteria,
    CriterionStatus,
    analyze,
    judge,
    overall,
)
from ketacover.core.model import Outcome, TreatmentTrial, TrialKind

TODAY = date(2026, 11, 23)
MET = CriterionStatus.MET
NOT_MET = CriterionStatus.NOT_MET
UNDOC = CriterionStatus.NOT_DOCUMENTED


def failed(name: str, weeks: int | None = 8, **changes) -> TreatmentTrial:
    trial = TreatmentTrial(
        name=name,
        weeks=weeks,
        adequate_dose=True,
        outcome=Outcome.NO_RESPONSE,
        current_episode=True,
    )
    return replace(trial, **changes)


def statuses(trials, criteria, episode_start=None):
    analysis = analyze(trials, episode_start=episode_start, today=TODAY)
    return {r.id: r.status for r in judge(analysis, criteria)}


def test_it_writes_the_plain_sentence_for_met_trials():
    analysis = analyze(
        (failed("sertraline", 12), failed("venlafaxine", 8)), episode_start=None, today=TODAY
    )
    (result,) = judge(analysis, DEFAULT_CRITERIA)
    assert result.status is MET
    assert result.text == (
        "2 adequate failed antidepressant trials of at least 6 weeks in the current "
        "episode documented (sertraline 12 weeks, venlafaxine 8 weeks); the criteria ask for 2."
    )
    assert analysis.adequate_trials == 2
    assert analysis.distinct_classes == 2


def test_without_the_minimum_the_sentence_says_only_what_the_history_holds():
    analysis = analyze(
        (failed("sertraline", 12), failed("venlafaxine", 8)), episode_start=None, today=TODAY
    )
    (result,) = judge(analysis, DEFAULT_CRITERIA, with_minimum=False)
    assert result.text.endswith("(sertraline 12 weeks, venlafaxine 8 weeks).")
    assert "ask for" not in result.text


def test_a_count_is_never_written_as_more_of_fewer():
    trials = tuple(failed(name, 8) for name in ("sertraline", "venlafaxine", "bupropion"))
    (result,) = judge(analyze(trials, episode_start=None, today=TODAY), DEFAULT_CRITERIA)
    assert result.text.startswith("3 adequate failed antidepressant trials")
    assert "3 of 2" not in result.text
    assert result.text.endswith("; the criteria ask for 2.")


def test_it_computes_weeks_from_dates_and_from_today_for_an_ongoing_trial():
    trials = (
        failed("sertraline", None, start=date(2026, 1, 1), end=date(2026, 2, 26)),
        failed("bupropion", None, start=date(2026, 10, 1), outcome=Outcome.ONGOING),
    )
    analysis = analyze(trials, episode_start=None, today=TODAY)
    assert [t.weeks for t in analysis.trials] == [Decimal("8.0"), Decimal("7.6")]
    assert analysis.current_antidepressant is True
    assert analysis.trials[0].label() == "sertraline 8 weeks"


def test_a_failed_drug_with_no_end_date_counts_its_weeks_to_today_as_still_taken():
    trials = (failed("venlafaxine", None, start=date(2026, 8, 31)),)
    analysis = analyze(trials, episode_start=None, today=TODAY)
    assert analysis.trials[0].weeks == Decimal("12.0")
    assert analysis.trials[0].ongoing is True
    assert analysis.current_antidepressant is True


def test_explicit_weeks_win_over_counting_to_today_when_there_is_no_end_date():
    trials = (failed("venlafaxine", 6, start=date(2026, 1, 5)),)
    analysis = analyze(trials, episode_start=None, today=TODAY)
    assert analysis.trials[0].weeks == Decimal("6")


def test_a_dated_trial_with_no_end_and_no_stop_reason_is_ongoing_whatever_its_weeks():
    trials = (failed("venlafaxine", 6, start=date(2026, 1, 5)),)
    analysis = analyze(trials, episode_start=None, today=TODAY)
    assert analysis.trials[0].ongoing is True
    assert analysis.current_antidepressant is True


def test_a_note_on_a_trial_with_weeks_and_no_end_does_not_read_it_as_stopped():
    trial = replace(
        failed("duloxetine", 16, start=date(2026, 3, 16)),
        note="Judged a non-response after 16 weeks; still taken alongside esketamine.",
    )
    analysis = analyze((trial,), episode_start=None, today=TODAY)
    assert analysis.trials[0].ongoing is True
    assert analysis.trials[0].weeks == Decimal("16")
    assert analysis.current_antidepressant is True


def test_a_trial_with_a_stop_reason_is_not_ongoing_without_an_end_date():
    trial = replace(failed("venlafaxine", 6, start=date(2026, 1, 5)), reason_stopped="no response")
    analysis = analyze((trial,), episode_start=None, today=TODAY)
    assert analysis.trials[0].ongoing is False


@pytest.mark.parametrize(
    ("trials", "criteria", "expected"),
    [
        ((failed("sertraline"),), DEFAULT_CRITERIA, {"min_agents": NOT_MET}),
        (
            (failed("sertraline"), failed("fluoxetine", weeks=4)),
            DEFAULT_CRITERIA,
            {"min_agents": NOT_MET},
        ),
        (
            (failed("sertraline"), failed("fluoxetine", weeks=None)),
            DEFAULT_CRITERIA,
            {"min_agents": UNDOC},
        ),
        (
            (failed("sertraline"), failed("fluoxetine", adequate_dose=None)),
            DEFAULT_CRITERIA,
            {"min_agents": UNDOC},
        ),
        (
            (failed("sertraline"), failed("fluoxetine", adequate_dose=None, dose="40 mg")),
            DEFAULT_CRITERIA,
            {"min_agents": MET},
        ),
        (
            (failed("sertraline"), failed("fluoxetine", outcome=Outcome.REMISSION)),
            DEFAULT_CRITERIA,
            {"min_agents": NOT_MET},
        ),
        (
            (failed("sertraline"), failed("fluoxetine", current_episode=False)),
            DEFAULT_CRITERIA,
            {"min_agents": NOT_MET},
        ),
        ((failed("sertraline"), failed("mystery pill")), DEFAULT_CRITERIA, {"min_agents": UNDOC}),
        ((), DEFAULT_CRITERIA, {"min_agents": UNDOC}),
        (
            (failed("sertraline"), failed("fluoxetine")),
            Criteria(min_classes=2),
            {"min_agents": MET, "min_classes": NOT_MET},
        ),
        (
            (failed("sertraline"), failed("mystery pill", current_episode=None)),
            Criteria(min_agents=1, min_classes=2),
            {"min_agents": MET, "min_classes": UNDOC},
        ),
        (
            (),
            Criteria(min_classes=2, augmentation_required=True),
            {"min_agents": UNDOC, "min_classes": UNDOC, "augmentation": UNDOC},
        ),
        (
            (failed("sertraline"), failed("fluoxetine")),
            Criteria(augmentation_required=True),
            {"min_agents": MET, "augmentation": NOT_MET},
        ),
        (
            (failed("sertraline"), failed("fluoxetine"), failed("aripiprazole")),
            Criteria(augmentation_required=True),
            {"min_agents": MET, "augmentation": MET},
        ),
        (
            (
                failed("sertraline"),
                failed("fluoxetine"),
                TreatmentTrial(kind=TrialKind.PSYCHOTHERAPY, name="CBT"),
            ),
            Criteria(augmentation_or_psychotherapy=True),
            {"min_agents": MET, "augmentation_or_psychotherapy": MET},
        ),
        (
            (
                failed("sertraline", improvement_percent=Decimal(10)),
                failed("bupropion", improvement_percent=Decimal(40)),
            ),
            Criteria(max_improvement_percent=Decimal(25)),
            {"min_agents": MET, "max_improvement_percent": NOT_MET},
        ),
        (
            (failed("sertraline", improvement_percent=Decimal(10)), failed("bupropion")),
            Criteria(max_improvement_percent=Decimal(25)),
            {"min_agents": MET, "max_improvement_percent": UNDOC},
        ),
        (
            (
                failed("sertraline", improvement_percent=Decimal(10)),
                failed("bupropion", improvement_percent=Decimal(25)),
            ),
            Criteria(max_improvement_percent=Decimal(25)),
            {"min_agents": MET, "max_improvement_percent": MET},
        ),
        (
            (failed("sertraline"), failed("fluoxetine", weeks=3)),
            Criteria(min_weeks=None),
            {"min_agents": MET},
        ),
        ((failed("sertraline"),), Criteria(min_agents=None), {}),
    ],
)
def test_it_judges_each_criterion(trials, criteria, expected):
    assert statuses(trials, criteria) == expected


def test_it_places_trials_in_the_episode_by_dates_when_unmarked():
    trials = (
        failed("sertraline", current_episode=None, start=date(2026, 1, 5), end=date(2026, 3, 2)),
        failed("fluoxetine", current_episode=None, start=date(2024, 1, 5), end=date(2024, 3, 2)),
    )
    assert statuses(trials, DEFAULT_CRITERIA, episode_start=date(2025, 12, 1)) == {
        "min_agents": NOT_MET
    }
    assert statuses(trials, DEFAULT_CRITERIA) == {"min_agents": UNDOC}


def test_it_applies_a_look_back_window_in_years():
    trials = (
        failed("sertraline", end=date(2025, 1, 1)),
        failed("fluoxetine", end=date(2019, 1, 1)),
        failed("bupropion"),
    )
    criteria = Criteria(within_years=5, current_episode=False)
    assert statuses(trials, criteria) == {"min_agents": UNDOC}
    assert statuses(trials[:2], criteria) == {"min_agents": NOT_MET}


def test_it_sorts_trials_into_augmentation_psychotherapy_tms_and_ect():
    trials = (
        failed("sertraline"),
        failed("lithium"),
        failed("quetiapine", augmentation=True),
        TreatmentTrial(kind=TrialKind.PSYCHOTHERAPY, name="CBT"),
        TreatmentTrial(kind=TrialKind.TMS, name="TMS course"),
        TreatmentTrial(kind=TrialKind.ECT, name="ECT"),
    )
    analysis = analyze(trials, episode_start=None, today=TODAY)
    assert [t.name for t in analysis.trials] == ["sertraline"]
    assert analysis.augmentation == ("lithium", "quetiapine")
    assert analysis.psychotherapy == ("CBT",)
    assert analysis.tms
    assert analysis.ect
    assert analysis.current_antidepressant is False
    assert analysis.best_improvement_percent is None


def test_it_treats_an_empty_history_as_unknown():
    analysis = analyze((), episode_start=None, today=TODAY)
    assert analysis.recorded is False
    assert analysis.current_antidepressant is None


@pytest.mark.parametrize(
    ("found", "expected"),
    [({MET}, True), ({MET, UNDOC}, None), ({MET, NOT_MET, UNDOC}, False), (set(), True)],
)
def test_overall_combines_statuses(found, expected):
    from ketacover.core.history import CriterionResult

    assert overall(CriterionResult("x", s, "") for s in found) is expected


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 11, 1)),
    days=st.integers(min_value=0, max_value=3000),
)
def test_weeks_from_dates_match_the_day_count(start, days):
    trial = failed("sertraline", None, start=start, end=date.fromordinal(start.toordinal() + days))
    (drug,) = analyze((trial,), episode_start=None, today=TODAY).trials
    assert drug.weeks is not None
    assert abs(drug.weeks * 7 - days) <= Decimal("0.35")
