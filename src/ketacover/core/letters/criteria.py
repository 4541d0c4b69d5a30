"""The plan's failed-treatment criteria as a letter states them, one by one.

A plan's own criteria (a payer pack chosen on the case, from that payer's published policy) are
named by the policy they come from, and each finding says what the history holds and what the
policy asks for. When nothing is known of the plan's criteria, the history is still set against
the criteria payers commonly apply (the default pack, from the payer policies in the sources list),
but no document names that pack or prints its counts as if a plan had asked for them: a finding
says only what the history holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from ketacover.core.coverage import load_rules
from ketacover.core.coverage.rulebook import DEFAULT_PACK, PackInfo
from ketacover.core.history import CriterionResult, analyze, judge
from ketacover.core.model import Case

LABELS: Final = {
    "min_agents": "Failed antidepressant trials",
    "min_classes": "Antidepressant classes",
    "max_improvement_percent": "Improvement on each trial",
    "augmentation": "Augmentation trial",
    "augmentation_or_psychotherapy": "Augmentation or psychotherapy",
}
"""Each criterion in a reviewer's words."""


@dataclass(frozen=True, slots=True)
class PlanCriteria:
    """The criteria a case is judged against, and how the history fares on each."""

    pack: PackInfo
    own: bool
    """Whether they are the plan's own (a payer's pack), not the commonly applied default."""
    results: tuple[CriterionResult, ...]

    @property
    def intro(self) -> str:
        """One sentence naming what the history is set against."""
        if self.own:
            return f"Set against the plan's criteria: {self.pack.source}."
        return (
            "The plan's own criteria are not on record here; the history is set against the "
            "criteria health plans commonly apply."
        )


def plan_criteria(case: Case, today: date) -> PlanCriteria:
    """The case's criteria (its plan's pack, else the common default) judged on its history."""
    pack, _ = load_rules().pack(None if case.plan is None else case.plan.criteria_pack)
    own = pack.id != DEFAULT_PACK
    analysis = analyze(
        case.treatment_history, episode_start=case.history.episode_start, today=today
    )
    return PlanCriteria(
        pack=pack, own=own, results=tuple(judge(analysis, pack.criteria, with_minimum=own))
    )


def label(criterion_id: str) -> str:
    """The criterion in a reviewer's words (``Failed antidepressant trials``)."""
    return LABELS.get(criterion_id, criterion_id.replace("_", " ").capitalize())
