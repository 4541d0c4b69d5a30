"""The HSA/FSA letter of medical necessity."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import MissingFactsError
from ketacover.core.letters import catalog
from ketacover.core.model import Case, Diagnosis
from ketacover.interop.casefile import load_case

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = Path(__file__).parent / "golden" / "hsa-fsa-letter"
TODAY = date(2026, 11, 23)
ALL = sorted(path.stem for path in (ROOT / "examples").glob("*.yaml"))


def example(name: str) -> Case:
    return load_case(ROOT / "examples" / f"{name}.yaml")


def text_of(case: Case) -> str:
    return catalog.compose("hsa-fsa-letter", case, TODAY).text()


@pytest.mark.parametrize("name", ALL)
def test_the_letter_matches_its_golden_text(name):
    text = text_of(example(name))
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    assert text + "\n" == path.read_text(encoding="utf-8")


def test_it_gives_diagnosis_treatment_sessions_period_and_price():
    text = text_of(example("ptsd-iv-ketamine-self-pay-hsa"))
    for fact in (
        "F43.12",
        "6 sessions of IV ketamine infusion",
        "November 16, 2026",
        "$600.00 per session, $3,600.00 for the 6 sessions",
        "NPI 1717171718",
    ):
        assert fact in text


def test_it_words_pub_502_carefully():
    text = text_of(example("ptsd-iv-ketamine-self-pay-hsa"))
    assert "IRS Publication 502 defines medical care" in text
    assert "does not name ketamine" in text
    assert "likely, not certain, to qualify" in text


def test_it_leaves_out_the_price_when_unknown_and_lists_every_diagnosis():
    case = example("suicidal-ideation-expedited")
    case = replace(
        case,
        treatment_plan=replace(case.treatment_plan, price_per_session=None),
        diagnoses=(*case.diagnoses, Diagnosis(code="F33.9X")),
    )
    text = text_of(case)
    assert "Cost" not in text
    for code in ("(F33.2)", "(R45.851)", "diagnosis (F33.9X)"):
        assert code in text


def test_it_does_not_need_a_plan_but_needs_the_signer_diagnosis_and_treatment():
    case = replace(example("ptsd-iv-ketamine-self-pay-hsa"), plan=None)
    assert "HSA/FSA account administrator" in text_of(case)
    bare = replace(case, prescriber=None, diagnoses=(), treatment_plan=None)
    with pytest.raises(MissingFactsError) as raised:
        text_of(bare)
    assert [why.split(":")[0] for why in raised.value.missing] == [
        "prescriber",
        "prescriber.npi",
        "diagnoses",
        "treatment_plan",
    ]
