"""The plan's criteria as a letter states them, one by one.

The plan's own criteria (``plan.criteria``: learned on a benefits call or copied from the plan's
policy) come first and are listed in the plan's words, each with what the record shows; they win
over any criteria pack. Failing those, a payer pack chosen on the case (from that payer's
published policy) is named by the policy it comes from, and each finding says what the history
holds and what the policy asks for. When nothing is known of the plan's criteria, the history is
still set against the criteria payers commonly apply (the default pack, from the payer policies
in the sources list), but no document names that pack or prints its counts as if a plan had asked
for them: a finding says only what the history holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from ketacover.core.coverage import load_rules
from ketacover.core.coverage.facts import case_facts
from ketacover.core.coverage.plan_criteria import judge_plan, own_criteria, sources
from ketacover.core.coverage.rulebook import DEFAULT_PACK, PackInfo
from ketacover.core.history import CriterionResult, CriterionStatus, analyze, judge
from ketacover.core.letters.text import join_words
from ketacover.core.model import Case, PlanCriterion

LABELS: Final = {
    "min_agents": "Failed antidepressant trials",
    "min_classes": "Antidepressant classes",
    "max_improvement_percent": "Improvement on each trial",
    "augmentation": "Augmentation trial",
    "augmentation_or_psychotherapy": "Augmentation or psychotherapy",
}
"""Each criterion in a reviewer's words."""

STATUS_WORDS: Final = {
    CriterionStatus.MET: "met",
    CriterionStatus.NOT_MET: "not met",
    CriterionStatus.NOT_DOCUMENTED: "not documented",
}
"""Each status as a table cell says it."""


@dataclass(frozen=True, slots=True)
class PlanCriteria:
    """The criteria a case is judged against, and how the record fares on each."""

    pack: PackInfo
    own: bool
    """Whether they are the plan's own (its stated criteria or a payer's pack), not the commonly
    applied default."""
    results: tuple[CriterionResult, ...]
    stated: tuple[PlanCriterion, ...] = ()
    """The plan's own criteria in its words, one per result, when the plan stated them."""
    payer: str = "the plan"

    @property
    def intro(self) -> str:
        """One sentence naming what the record is set against."""
        if self.stated:
            where = sources(self.stated)
            said = f" ({join_words(list(where))})" if where else ""
            return (
                f"Set against the criteria {self.payer} stated{said}, one by one in its own words."
            )
        if self.own:
            return f"Set against the plan's criteria: {self.pack.source}."
        return (
            "The plan's own criteria are not on record here; the history is set against the "
            "criteria health plans commonly apply."
        )

    @property
    def rows(self) -> tuple[tuple[str, str, str], ...]:
        """(criterion, status, finding) per criterion: the plan's words where it stated them."""
        if self.stated:
            return tuple(
                (item.text, STATUS_WORDS[result.status], result.text)
                for item, result in zip(self.stated, self.results, strict=True)
            )
        return tuple(
            (label(result.id), STATUS_WORDS[result.status], result.text) for result in self.results
        )

    @property
    def met(self) -> list[str]:
        """The findings of the criteria met; each led by the plan's words where it stated them."""
        if self.stated:
            return [
                f"{item.text.rstrip('.')}: {result.text}"
                for item, result in zip(self.stated, self.results, strict=True)
                if result.status is CriterionStatus.MET
            ]
        return [r.text for r in self.results if r.status is CriterionStatus.MET]


def plan_criteria(case: Case, today: date) -> PlanCriteria:
    """The case's criteria (the plan's own, else its pack, else the common default) judged on
    its record."""
    pack, _ = load_rules().pack(None if case.plan is None else case.plan.criteria_pack)
    analysis = analyze(
        case.treatment_history, episode_start=case.history.episode_start, today=today
    )
    stated = own_criteria(case)
    if stated:
        facts = case_facts(case, today, analysis, None)
        return PlanCriteria(
            pack=pack,
            own=True,
            results=tuple(judge_plan(case, analysis, facts)),
            stated=stated,
            payer=case.plan.payer if case.plan is not None else "the plan",
        )
    own = pack.id != DEFAULT_PACK
    return PlanCriteria(
        pack=pack, own=own, results=tuple(judge(analysis, pack.criteria, with_minimum=own))
    )


def label(criterion_id: str) -> str:
    """The criterion in a reviewer's words (``Failed antidepressant trials``)."""
    return LABELS.get(criterion_id, criterion_id.replace("_", " ").capitalize())
