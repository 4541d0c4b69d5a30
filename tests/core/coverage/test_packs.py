"""Each shipped payer pack judges a synthetic case as its policy says: one case that meets the
pack, and one that fails each criterion the pack states (sourcebook esketamine.toml)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ketacover.core.coverage import PathwayId, Verdict, assess
from ketacover.core.model import (
    Case,
    Clinician,
    Outcome,
    Scale,
    ScaleScore,
    Specialty,
    SubstanceUse,
    TreatmentTrial,
    TrialKind,
)

from .conftest import TODAY, build_case, ready_plan, trial


def _trials(
    *, augmentation: bool = True, ongoing: bool = True, psychotherapy: bool = True
) -> tuple[TreatmentTrial, ...]:
    items = [
        trial("sertraline", 12, improvement_percent=Decimal(10)),
        trial("escitalopram", 10, improvement_percent=Decimal(15)),
        trial(
            "venlafaxine",
            8,
            improvement_percent=Decimal(20),
            start=date(2026, 9, 1) if ongoing else None,
        ),
    ]
    if augmentation:
        items.append(trial("aripiprazole", 8, augmentation=True))
    if psychotherapy:
        items.append(trial("CBT", 12, kind=TrialKind.PSYCHOTHERAPY, outcome=Outcome.UNKNOWN))
    return tuple(items)


def _case(pack: str, **changes: Any) -> Case:
    """A case that meets every shipped pack's stated criteria, judged by ``pack``."""
    base = build_case(
        plan=ready_plan(criteria_pack=pack),
        treatment_history=_trials(),
        scores=(
            ScaleScore(scale=Scale.PHQ9, score=21, on=date(2026, 11, 2)),
            ScaleScore(scale=Scale.MADRS, score=34, on=date(2026, 11, 2)),
        ),
    )
    return replace(base, **changes)


def _verdict(case: Case) -> Verdict:
    found = assess(case, TODAY).pathway(PathwayId.ESKETAMINE_PA)
    return found.verdict


def _general_practitioner() -> Clinician:
    return Clinician(
        name="Dr. Pat Example",
        npi="1234567893",
        specialty=Specialty.PRIMARY_CARE,
        consults_psychiatrist=False,
    )


def _only_ssris() -> tuple[TreatmentTrial, ...]:
    return (
        trial("sertraline", 12, improvement_percent=Decimal(10)),
        trial("escitalopram", 10, improvement_percent=Decimal(15)),
        trial("fluoxetine", 8, improvement_percent=Decimal(5), start=date(2026, 9, 1)),
        trial("aripiprazole", 8, augmentation=True),
    )


def _scores(phq9: int, madrs: int | None = None, hamd: int | None = None) -> tuple[ScaleScore, ...]:
    day = date(2026, 11, 2)
    items = [ScaleScore(scale=Scale.PHQ9, score=phq9, on=day)]
    if madrs is not None:
        items.append(ScaleScore(scale=Scale.MADRS, score=madrs, on=day))
    if hamd is not None:
        items.append(ScaleScore(scale=Scale.HAMD17, score=hamd, on=day))
    return tuple(items)


MEETS = {
    "highmark": Verdict.LIKELY,
    "cigna": Verdict.LIKELY,
    "bcbs_ok": Verdict.LIKELY,
    "triple_s": Verdict.LIKELY,
    "qualchoice": Verdict.LIKELY,
    "texas_medicaid": Verdict.POSSIBLE,
    "medical_mutual": Verdict.LIKELY,
    "mercy_care_az": Verdict.LIKELY,
    "bcbs_ms": Verdict.UNLIKELY,
}


@pytest.mark.parametrize(("pack", "verdict"), sorted(MEETS.items()))
def test_a_case_meeting_the_policy_gets_the_verdict_the_policy_allows(pack, verdict):
    assert _verdict(_case(pack)) is verdict


FAILS: list[tuple[str, str, dict[str, Any], Verdict]] = [
    ("highmark", "three antidepressants", {"treatment_history": _trials()[1:]}, Verdict.UNLIKELY),
    (
        "highmark",
        "an augmentation trial",
        {"treatment_history": _trials(augmentation=False)},
        Verdict.UNLIKELY,
    ),
    (
        "highmark",
        "an oral antidepressant with esketamine",
        {"treatment_history": _trials(ongoing=False)},
        Verdict.UNLIKELY,
    ),
    (
        "highmark",
        "a mental health prescriber",
        {"prescriber": _general_practitioner()},
        Verdict.POSSIBLE,
    ),
    ("cigna", "two classes", {"treatment_history": _only_ssris()}, Verdict.UNLIKELY),
    (
        "cigna",
        "25% improvement or less",
        {
            "treatment_history": (
                trial("sertraline", 12, improvement_percent=Decimal(40)),
                *_trials()[1:],
            )
        },
        Verdict.UNLIKELY,
    ),
    (
        "cigna",
        "6 weeks in the current episode",
        {
            "treatment_history": (
                trial("sertraline", 4, improvement_percent=Decimal(10)),
                trial("escitalopram", 4, improvement_percent=Decimal(10)),
                trial("venlafaxine", 4, improvement_percent=Decimal(10), start=date(2026, 9, 1)),
            )
        },
        Verdict.UNLIKELY,
    ),
    ("cigna", "a psychiatrist", {"prescriber": _general_practitioner()}, Verdict.UNLIKELY),
    ("bcbs_ok", "moderate or severe depression", {"scores": _scores(8)}, Verdict.POSSIBLE),
    (
        "bcbs_ok",
        "a month of abstinence",
        {
            "history": replace(
                build_case().history,
                substance_use=SubstanceUse.IN_REMISSION,
                substance_remission_since=date(2026, 11, 20),
            )
        },
        Verdict.UNLIKELY,
    ),
    ("triple_s", "a MADRS of 28 or more", {"scores": _scores(21, 20, 12)}, Verdict.UNLIKELY),
    ("triple_s", "two classes", {"treatment_history": _only_ssris()}, Verdict.UNLIKELY),
    (
        "triple_s",
        "an oral antidepressant",
        {"treatment_history": _trials(ongoing=False)},
        Verdict.UNLIKELY,
    ),
    ("qualchoice", "a PHQ-9 over 15", {"scores": _scores(15, 34)}, Verdict.UNLIKELY),
    (
        "qualchoice",
        "an age under 65",
        {"patient": replace(build_case().patient, date_of_birth=date(1950, 1, 1))},
        Verdict.UNLIKELY,
    ),
    ("qualchoice", "a psychiatrist", {"prescriber": _general_practitioner()}, Verdict.UNLIKELY),
    (
        "qualchoice",
        "augmentation",
        {"treatment_history": _trials(augmentation=False)},
        Verdict.UNLIKELY,
    ),
    ("texas_medicaid", "a psychiatrist", {"prescriber": _general_practitioner()}, Verdict.UNLIKELY),
    ("medical_mutual", "different classes", {"treatment_history": _only_ssris()}, Verdict.UNLIKELY),
    (
        "medical_mutual",
        "a 25% reduction or less",
        {
            "treatment_history": (
                trial("sertraline", 12, improvement_percent=Decimal(40)),
                *_trials()[1:],
            )
        },
        Verdict.UNLIKELY,
    ),
    (
        "medical_mutual",
        "6 weeks each in the current episode",
        {
            "treatment_history": (
                trial("sertraline", 5, improvement_percent=Decimal(10)),
                trial("escitalopram", 5, improvement_percent=Decimal(10)),
                trial("venlafaxine", 5, improvement_percent=Decimal(10), start=date(2026, 9, 1)),
            )
        },
        Verdict.UNLIKELY,
    ),
    ("medical_mutual", "a baseline rating scale", {"scores": ()}, Verdict.UNLIKELY),
    (
        "medical_mutual",
        "psychotherapy tried",
        {"treatment_history": _trials(psychotherapy=False)},
        Verdict.POSSIBLE,
    ),
    (
        "mercy_care_az",
        "a psychiatric provider",
        {"prescriber": _general_practitioner()},
        Verdict.UNLIKELY,
    ),
    ("mercy_care_az", "two classes", {"treatment_history": _only_ssris()}, Verdict.UNLIKELY),
    (
        "mercy_care_az",
        "at least 4 weeks each",
        {
            "treatment_history": (
                trial("sertraline", 3, improvement_percent=Decimal(10)),
                trial("escitalopram", 3, improvement_percent=Decimal(10)),
                trial("venlafaxine", 3, improvement_percent=Decimal(10), start=date(2026, 11, 1)),
            )
        },
        Verdict.UNLIKELY,
    ),
    (
        "mercy_care_az",
        "the current episode",
        {"treatment_history": tuple(replace(item, current_episode=False) for item in _trials())},
        Verdict.UNLIKELY,
    ),
]


@pytest.mark.parametrize(
    ("pack", "criterion", "changes", "verdict"),
    FAILS,
    ids=[f"{pack}: {criterion}" for pack, criterion, _, _ in FAILS],
)
def test_a_case_failing_one_criterion_of_the_policy_is_capped(pack, criterion, changes, verdict):
    assert _verdict(_case(pack, **changes)) is verdict


@pytest.mark.parametrize(("pack", "where"), [("texas_medicaid", "6.46"), ("premera", "5.01.609")])
def test_a_policy_that_states_no_trial_count_prints_none(pack, where):
    found = assess(_case(pack), TODAY).pathway(PathwayId.ESKETAMINE_PA)
    texts = " ".join(reason.explain for reason in found.reasons)
    assert "the criteria ask for" not in texts
    assert any(where in action.text for action in found.actions)


def test_a_policy_that_states_no_trial_count_does_not_fail_a_short_history_on_a_default():
    one = (trial("sertraline", 12, improvement_percent=Decimal(10), start=date(2026, 9, 1)),)
    found = assess(_case("premera", treatment_history=one), TODAY).pathway(PathwayId.ESKETAMINE_PA)
    assert found.verdict is Verdict.POSSIBLE
    assert "the criteria ask for" not in " ".join(reason.explain for reason in found.reasons)


def test_the_outcome_of_a_failed_trial_is_what_cigna_counts():
    responded = (
        trial("sertraline", 12, improvement_percent=Decimal(10), outcome=Outcome.RESPONSE),
        *_trials()[1:],
    )
    # Two classes remain among the failed trials (escitalopram SSRI, venlafaxine SNRI).
    assert _verdict(_case("cigna", treatment_history=responded)) is Verdict.LIKELY


def test_mercy_cares_form_asks_about_the_treatment_of_an_active_substance_use_disorder():
    history = replace(build_case().history, substance_use=SubstanceUse.ACTIVE)
    found = assess(_case("mercy_care_az", history=history), TODAY).pathway(PathwayId.ESKETAMINE_PA)
    assert found.verdict in (Verdict.POSSIBLE, Verdict.UNLIKELY)
    assert "mercy_care_az.substance_use" in {reason.rule_id for reason in found.reasons}


def test_mercy_cares_four_to_six_weeks_counts_a_five_week_trial_and_says_it_may_be_questioned():
    five_weeks = tuple(
        replace(item, weeks=5) if item.kind is TrialKind.MEDICATION else item for item in _trials()
    )
    found = assess(_case("mercy_care_az", treatment_history=five_weeks), TODAY).pathway(
        PathwayId.ESKETAMINE_PA
    )
    assert found.verdict is Verdict.LIKELY
    assert any("shorter than 6 weeks" in action.text for action in found.actions)
