"""The criteria as letters state them: the plan's own criteria in its words, one by one, in the
letter of medical necessity, the appeal and the treatment-history summary; a payer pack named by
its policy; and the commonly applied default never named and never counted as if a plan asked."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError
from ketacover.core.letters import catalog
from ketacover.core.letters.criteria import plan_criteria
from ketacover.core.model import Case, Denial, DenialLevel, DenialReason, PlanCriterion
from ketacover.interop.casefile import load_case

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 23)
NAMES = sorted(path.stem for path in (ROOT / "examples").glob("*.yaml"))
ASKED = re.compile(r"(the criteria ask for|criteria health plans commonly apply:) \d")


def example(name: str) -> Case:
    return load_case(ROOT / "examples" / f"{name}.yaml")


def documents(case: Case) -> list[str]:
    found = []
    for kind in catalog.KINDS:
        try:
            found.append(catalog.compose(kind.name, case, TODAY).text())
        except KetacoverError:
            continue
    return found


def _generic(case: Case) -> Case:
    if case.plan is None:
        return case
    return replace(case, plan=replace(case.plan, criteria=(), criteria_pack=None))


@pytest.mark.parametrize("name", NAMES)
def test_no_document_names_the_default_pack_or_prints_its_counts(name):
    case = _generic(example(name))
    for text in documents(case):
        assert "Generic commercial" not in text
        assert "generic_commercial" not in text
        assert not ASKED.search(text), text


def test_the_default_pack_is_used_only_when_nothing_is_known():
    case = example("esketamine-ready-ppo")
    assert plan_criteria(case, TODAY).stated
    assert plan_criteria(_generic(case), TODAY).own is False
    packed = replace(case, plan=replace(case.plan, criteria=(), criteria_pack="cigna"))
    judged = plan_criteria(packed, TODAY)
    assert judged.own is True
    assert judged.pack.id == "cigna"


def test_the_letter_of_medical_necessity_lists_the_plans_criteria_in_its_words():
    text = catalog.compose("medical-necessity", example("esketamine-ready-ppo"), TODAY).text()
    section = text.split("The plan's criteria", 1)[1].split("Why esketamine", 1)[0]
    for words in (
        "Age 18 or older | met",
        "MDD without psychotic features | met",
        "At least 2 antidepressants from 2 classes at an adequate dose for 6 weeks in the "
        "current episode | met",
        "Psychiatrist prescribing | met",
        "REMS-certified setting | met",
    ):
        assert words in section
    assert "benefits call of November 10, 2026, reference REF-20261110-0042" in section


def test_the_letter_of_medical_necessity_names_a_payers_pack_by_its_policy():
    case = example("esketamine-ready-ppo")
    packed = replace(case, plan=replace(case.plan, criteria=(), criteria_pack="highmark"))
    text = catalog.compose("medical-necessity", packed, TODAY).text()
    assert "Set against the plan's criteria: Highmark" in text
    assert "I-212-007" in text


def test_the_letter_of_medical_necessity_has_no_criteria_section_without_the_plans_criteria():
    text = catalog.compose("medical-necessity", _generic(example("esketamine-ready-ppo")), TODAY)
    assert "The plan's criteria" not in text.text()


def test_the_appeal_answers_the_plans_criteria_in_its_words():
    case = example("esketamine-ready-ppo")
    denial = Denial(
        id="denial-1",
        notice_date=date(2026, 11, 18),
        received=date(2026, 11, 20),
        level=DenialLevel.INITIAL,
        reason=DenialReason.NOT_MEDICALLY_NECESSARY,
    )
    text = catalog.compose("appeal", replace(case, denials=(denial,)), TODAY).text()
    assert "Set against the criteria Example Health stated" in text
    assert (
        "- Psychiatrist prescribing: The prescriber, Elena Fakename, MD, is a psychiatrist." in text
    )


def test_a_criterion_the_clinic_answered_in_words_is_printed_with_its_answer():
    case = example("esketamine-ready-ppo")
    extra = PlanCriterion(
        text="Baseline PHQ-9 within 30 days",
        answer="PHQ-9 of 22 on November 9, 2026 (see the rating scales above)",
    )
    case = replace(case, plan=replace(case.plan, criteria=(*case.plan.criteria, extra)))
    text = catalog.compose("medical-necessity", case, TODAY).text()
    assert (
        "Baseline PHQ-9 within 30 days | met | PHQ-9 of 22 on November 9, 2026 (see the rating "
        "scales above)." in text
    )
