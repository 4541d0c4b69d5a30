"""The clinical argument of a letter of medical necessity, by variant: what each one says from
the case and the evidence cited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from ketacover.core.letters.necessity_argument import reasoning
from ketacover.core.model import Case, Outcome, TreatmentTrial
from ketacover.interop.casefile import load_case

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 23)


def example(name: str) -> Case:
    return load_case(ROOT / "examples" / f"{name}.yaml")


def test_the_esketamine_argument_names_the_oral_antidepressant_still_taken():
    texts = reasoning(example("approved-pa-reauth"), TODAY, "esketamine", ())
    assert any("is taking duloxetine, which continues" in text for text in texts)


def test_the_esketamine_argument_names_no_antidepressant_once_every_trial_has_ended():
    case = example("approved-pa-reauth")
    ended = tuple(
        replace(trial, end=date(2026, 7, 6)) if trial.end is None else trial
        for trial in case.treatment_history
    )
    texts = reasoning(replace(case, treatment_history=ended), TODAY, "esketamine", ())
    assert not any("which continues as the oral antidepressant" in text for text in texts)


def test_an_iv_argument_counts_the_medications_that_failed_by_name():
    case = replace(
        example("ptsd-iv-ketamine-self-pay-hsa"),
        treatment_history=(
            TreatmentTrial(name="sertraline", weeks=10, outcome=Outcome.NO_RESPONSE),
            TreatmentTrial(name="prazosin", weeks=8, outcome=Outcome.INTOLERANCE),
            TreatmentTrial(name="paroxetine", weeks=8, outcome=Outcome.RESPONSE),
        ),
    )
    texts = reasoning(case, TODAY, "ptsd-iv", ())
    assert any("2 medication trials ended" in text for text in texts)
    assert not any("paroxetine" in text for text in texts)


def test_an_iv_argument_says_the_use_is_off_label():
    texts = reasoning(example("denial-appeal-running"), TODAY, "trd-iv", ())
    assert any("off-label" in text for text in texts)
