"""The plan's own criteria (``plan.criteria``), judged one by one against the record.

A criterion the plan stated on a benefits call or in its policy is kept in the plan's words; its
structured parts (failed trials, classes, weeks, age, a psychiatrist prescribing, a REMS-certified
setting, no psychotic features, no bipolar disorder) are checked against the case, and a statement
with none of them is answered by the clinic in words (``answer``). When a plan has criteria of its
own they replace any criteria pack's failed-treatment criteria (see ``docs/rules.md``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from ketacover.core.coverage.facts import FactValue
from ketacover.core.history import (
    Criteria,
    CriterionResult,
    CriterionStatus,
    HistoryAnalysis,
    judge,
)
from ketacover.core.model import Case, PlanCriterion, Specialty

_RANK: Final = {
    CriterionStatus.MET: 0,
    CriterionStatus.NOT_DOCUMENTED: 1,
    CriterionStatus.NOT_MET: 2,
}


def own_criteria(case: Case) -> tuple[PlanCriterion, ...]:
    """The plan's own criteria on the case (empty when none are recorded)."""
    return () if case.plan is None else case.plan.criteria


def judge_plan(
    case: Case, analysis: HistoryAnalysis, facts: Mapping[str, FactValue]
) -> list[CriterionResult]:
    """Each of the plan's criteria as met, not met or not documented, with the finding.

    ``facts`` are the case's coverage facts (:func:`ketacover.core.coverage.facts.case_facts`);
    each result's ``id`` is ``plan_<n>`` (1-based, in the plan's order)."""
    return [
        _statement(number, item, case, analysis, facts)
        for number, item in enumerate(own_criteria(case), start=1)
    ]


def _statement(
    number: int,
    item: PlanCriterion,
    case: Case,
    analysis: HistoryAnalysis,
    facts: Mapping[str, FactValue],
) -> CriterionResult:
    parts: list[tuple[CriterionStatus, str]] = []
    if item.min_agents is not None or item.min_classes is not None:
        criteria = Criteria(
            min_agents=item.min_agents,
            min_classes=item.min_classes,
            min_weeks=item.min_weeks,
            current_episode=bool(item.current_episode),
        )
        # The plan's words state the minimum: the finding says only what the history holds.
        parts += [(r.status, r.text) for r in judge(analysis, criteria, with_minimum=False)]
    if item.min_age is not None:
        parts.append(_age(facts.get("patient.age"), item.min_age))
    if item.psychiatrist:
        parts.append(_psychiatrist(case, facts.get("prescriber.psychiatry")))
    if item.rems_setting:
        parts.append(_rems(case, facts.get("clinic.rems_certified")))
    if item.no_psychotic_features:
        parts.append(_absent(case, facts.get("dx.psychotic_features"), "psychotic features"))
    if item.no_bipolar:
        parts.append(_absent(case, facts.get("dx.bipolar"), "bipolar disorder"))
    if item.answer:
        parts.append((CriterionStatus.MET, item.answer.strip()))
    if not parts:
        parts.append((CriterionStatus.NOT_DOCUMENTED, "Not yet answered from the record."))
    status = max((status for status, _ in parts), key=_RANK.__getitem__)
    return CriterionResult(f"plan_{number}", status, " ".join(_sentence(t) for _, t in parts))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _age(age: FactValue, minimum: int) -> tuple[CriterionStatus, str]:
    if not isinstance(age, int):
        return CriterionStatus.NOT_DOCUMENTED, "The date of birth is not recorded"
    met = age >= minimum
    return (CriterionStatus.MET if met else CriterionStatus.NOT_MET), f"The patient is {age}"


def _psychiatrist(case: Case, psychiatry: FactValue) -> tuple[CriterionStatus, str]:
    prescriber = case.prescriber
    if prescriber is None or psychiatry is None:
        return CriterionStatus.NOT_DOCUMENTED, "The prescriber's specialty is not recorded"
    name = prescriber.name + (f", {prescriber.credentials}" if prescriber.credentials else "")
    if psychiatry is True and prescriber.specialty is Specialty.PSYCHIATRY:
        return CriterionStatus.MET, f"The prescriber, {name}, is a psychiatrist"
    if psychiatry is True:
        return CriterionStatus.MET, f"The prescriber, {name}, consults a psychiatrist"
    return (
        CriterionStatus.NOT_MET,
        f"The prescriber, {name}, is not a psychiatrist and no psychiatric consultation is "
        "recorded",
    )


def _rems(case: Case, certified: FactValue) -> tuple[CriterionStatus, str]:
    clinic = case.clinic.name if case.clinic is not None else "The setting"
    if certified is True:
        return CriterionStatus.MET, f"{clinic} is certified in the SPRAVATO REMS"
    if certified is False:
        return CriterionStatus.NOT_MET, f"{clinic} is not certified in the SPRAVATO REMS"
    return CriterionStatus.NOT_DOCUMENTED, "The setting's REMS certification is not recorded"


def _absent(case: Case, present: FactValue, what: str) -> tuple[CriterionStatus, str]:
    if present is False:
        codes = ", ".join(d.code for d in sorted(case.diagnoses, key=lambda d: not d.primary))
        coded = f" ({codes})" if codes else ""
        return CriterionStatus.MET, f"No {what} in the diagnoses{coded} or history"
    if present is True:
        return CriterionStatus.NOT_MET, f"The record shows {what}"
    return CriterionStatus.NOT_DOCUMENTED, f"Whether there are {what} is not recorded"


def sources(items: Sequence[PlanCriterion]) -> tuple[str, ...]:
    """The distinct places the plan stated its criteria, in order."""
    seen: list[str] = []
    for item in items:
        if item.source and item.source.strip() not in seen:
            seen.append(item.source.strip())
    return tuple(seen)
