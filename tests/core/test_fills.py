import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.errors import KetacoverError
from ketacover.core.fills import DEFAULT_GAP_DAYS, Fill, FillKind, infer_trials, weeks_between
from ketacover.core.model import Outcome, TrialKind


def fill(name, on, days=30, dose=None, source=None, kind=FillKind.FILL):
    return Fill(
        ingredient=name,
        on=date.fromisoformat(on),
        days_supply=days,
        dose_mg_per_day=None if dose is None else Decimal(dose),
        source_id=source or f"{name}-{on}",
        kind=kind,
    )


def test_the_default_gap_is_30_days():
    assert DEFAULT_GAP_DAYS == 30


def test_fills_of_one_drug_without_gaps_make_one_trial_from_first_fill_to_end_of_supply():
    (trial,) = infer_trials([fill("sertraline", "2025-02-05"), fill("sertraline", "2025-01-06")])
    assert (trial.name, trial.start, trial.end) == (
        "sertraline",
        date(2025, 1, 6),
        date(2025, 3, 6),
    )
    assert trial.weeks == 8
    assert trial.sources == ("sertraline-2025-01-06", "sertraline-2025-02-05")
    assert trial.kind is TrialKind.MEDICATION


def test_records_do_not_say_how_a_trial_ended_so_outcome_and_adequacy_stay_unknown():
    (trial,) = infer_trials([fill("sertraline", "2025-01-06")])
    assert trial.outcome is Outcome.UNKNOWN
    assert trial.adequate_dose is None
    assert trial.current_episode is None


@pytest.mark.parametrize(
    ("second_fill", "trials"),
    [
        ("2025-03-07", 1),  # the day after the supply ends (2025-02-04) + 30 days without drug
        ("2025-03-08", 2),  # 31 days without drug
        ("2025-01-20", 1),  # an early refill overlapping the first supply
    ],
)
def test_a_gap_longer_than_gap_days_starts_a_new_trial(second_fill, trials):
    fills = [fill("sertraline", "2025-01-06"), fill("sertraline", second_fill)]
    assert len(infer_trials(fills)) == trials


def test_the_gap_is_configurable():
    fills = [fill("sertraline", "2025-01-06"), fill("sertraline", "2025-03-20")]
    assert len(infer_trials(fills, gap_days=30)) == 2
    assert len(infer_trials(fills, gap_days=60)) == 1
    assert len(infer_trials(fills, gap_days=0)) == 2


def test_a_negative_gap_is_refused():
    with pytest.raises(KetacoverError, match="gap_days: -1 must be 0 or more"):
        infer_trials([], gap_days=-1)


def test_an_early_refill_does_not_push_the_end_past_the_latest_supply():
    fills = [fill("sertraline", "2025-01-06"), fill("sertraline", "2025-01-26")]
    (trial,) = infer_trials(fills)
    assert trial.end == date(2025, 2, 24)


def test_a_long_fill_inside_a_run_keeps_the_latest_end():
    fills = [
        fill("sertraline", "2025-01-06", days=90),
        fill("sertraline", "2025-01-20", days=10),
        fill("sertraline", "2025-04-20"),
    ]
    (trial,) = infer_trials(fills)
    assert trial.end == date(2025, 5, 19)


def test_a_switch_to_another_drug_is_another_trial_ordered_by_start():
    fills = [fill("venlafaxine", "2025-03-01"), fill("sertraline", "2025-01-06")]
    assert [trial.name for trial in infer_trials(fills)] == ["sertraline", "venlafaxine"]


def test_a_record_without_days_supply_covers_its_own_day_only():
    (trial,) = infer_trials([fill("sertraline", "2025-01-06", days=None)])
    assert (trial.start, trial.end, trial.weeks) == (date(2025, 1, 6), date(2025, 1, 6), 0)
    (zero,) = infer_trials([fill("sertraline", "2025-01-06", days=0)])
    assert zero.end == date(2025, 1, 6)


@pytest.mark.parametrize(
    ("doses", "text", "highest"),
    [
        ([None, None], None, None),
        (["100", None], "100 mg daily", Decimal(100)),
        (["50", "100", "100"], "50 mg to 100 mg daily", Decimal(100)),
        (["37.5", "75"], "37.5 mg to 75 mg daily", Decimal(75)),
    ],
)
def test_the_dose_is_the_highest_recorded_with_the_range_reached(doses, text, highest):
    fills = [
        fill("venlafaxine", (date(2025, 1, 1) + timedelta(days=30 * n)).isoformat(), dose=dose)
        for n, dose in enumerate(doses)
    ]
    (trial,) = infer_trials(fills)
    assert (trial.dose, trial.dose_mg_per_day) == (text, highest)


@pytest.mark.parametrize(
    ("agent", "on", "augmentation"),
    [
        ("aripiprazole", "2025-02-01", True),  # during the venlafaxine trial
        ("aripiprazole", "2024-12-01", False),  # supply ends 2024-12-30, before the trial
        ("aripiprazole", "2024-12-03", True),  # supply ends 2025-01-01, the trial's first day
        ("lithium", "2025-02-01", True),
        ("olanzapine/fluoxetine", "2025-02-01", False),  # itself an antidepressant
        ("quetiapine", "2026-01-01", False),  # no antidepressant active
    ],
)
def test_an_augmenting_agent_taken_during_an_antidepressant_trial_is_augmentation(
    agent, on, augmentation
):
    fills = [
        fill("venlafaxine", "2025-01-01"),
        fill("venlafaxine", "2025-01-31"),
        fill(agent, on),
    ]
    trial = next(trial for trial in infer_trials(fills) if trial.name == agent)
    assert trial.augmentation is augmentation


def test_antidepressant_trials_are_never_marked_as_augmentation():
    fills = [fill("venlafaxine", "2025-01-01"), fill("aripiprazole", "2025-01-01")]
    venlafaxine = next(trial for trial in infer_trials(fills) if trial.name == "venlafaxine")
    assert venlafaxine.augmentation is False


def test_prescriptions_statements_and_fills_of_one_drug_combine_and_each_source_counts_once():
    fills = [
        fill("fluoxetine", "2023-03-01", source="MedicationRequest/mr-1", kind="prescription"),
        fill("fluoxetine", "2023-03-02", source="MedicationDispense/md-1"),
        fill("fluoxetine", "2023-03-02", source="MedicationDispense/md-1"),
        fill(
            "fluoxetine", "2023-04-01", days=60, source="MedicationStatement/ms-1", kind="statement"
        ),
    ]
    (trial,) = infer_trials(fills)
    assert trial.sources == (
        "MedicationRequest/mr-1",
        "MedicationDispense/md-1",
        "MedicationStatement/ms-1",
    )
    assert trial.end == date(2023, 5, 30)


def test_a_fill_knows_its_last_day():
    assert fill("x", "2025-01-06").last_day == date(2025, 2, 4)
    assert fill("x", "2025-01-06", days=None).last_day == date(2025, 1, 6)


@pytest.mark.parametrize(
    ("start", "last", "weeks"),
    [
        ("2025-01-01", "2025-01-07", 1),
        ("2025-01-01", "2025-01-06", 0),
        ("2025-01-01", "2025-02-11", 6),
    ],
)
def test_weeks_count_whole_weeks_with_both_days_included(start, last, weeks):
    assert weeks_between(date.fromisoformat(start), date.fromisoformat(last)) == weeks


fills_strategy = st.lists(
    st.builds(
        Fill,
        ingredient=st.sampled_from(["sertraline", "venlafaxine", "aripiprazole"]),
        on=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31)),
        days_supply=st.one_of(st.none(), st.integers(min_value=0, max_value=120)),
        source_id=st.uuids().map(str),
    ),
    max_size=30,
)


@given(fills=fills_strategy, gap=st.integers(min_value=0, max_value=120))
def test_every_record_lands_in_exactly_one_trial_of_its_drug(fills, gap):
    trials = infer_trials(fills, gap_days=gap)
    sources = [source for trial in trials for source in trial.sources]
    assert sorted(sources) == sorted({each.source_id for each in fills})
    for each in fills:
        (home,) = [trial for trial in trials if each.source_id in trial.sources]
        assert home.name == each.ingredient
        assert home.start <= each.on
        assert each.last_day <= home.end


@given(fills=fills_strategy, gap=st.integers(min_value=0, max_value=120))
def test_trials_of_one_drug_are_more_than_gap_days_apart(fills, gap):
    trials = infer_trials(fills, gap_days=gap)
    for name in {trial.name for trial in trials}:
        runs = [trial for trial in trials if trial.name == name]
        for before, after in itertools.pairwise(runs):
            assert (after.start - before.end).days - 1 > gap
        for trial in runs:
            assert trial.weeks == ((trial.end - trial.start).days + 1) // 7


def test_a_trial_without_a_mg_dose_keeps_the_last_dose_as_worded_and_the_latest_reason():
    records = [
        Fill(
            ingredient="sertraline",
            on=date(2025, 1, 1),
            days_supply=30,
            source_id="a",
            dose_text="one tablet daily",
        ),
        Fill(
            ingredient="sertraline",
            on=date(2025, 1, 31),
            days_supply=30,
            source_id="b",
            dose_text="two tablets daily",
            note="nausea",
        ),
    ]
    (trial,) = infer_trials(records)
    assert (trial.dose, trial.dose_mg_per_day) == ("two tablets daily", None)
    assert trial.reason_stopped == "nausea"
    assert trial.outcome is Outcome.UNKNOWN


def test_a_mg_dose_wins_over_a_worded_one():
    records = [
        Fill(ingredient="sertraline", on=date(2025, 1, 1), source_id="a", dose_text="as told"),
        Fill(
            ingredient="sertraline", on=date(2025, 1, 2), source_id="b", dose_mg_per_day=Decimal(50)
        ),
    ]
    (trial,) = infer_trials(records)
    assert trial.dose == "50 mg daily"
