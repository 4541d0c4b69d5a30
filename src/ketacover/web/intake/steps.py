"""The seven steps of the intake wizard, and how far a case has come through them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ketacover.core.model import Case


@dataclass(frozen=True, slots=True)
class Step:
    """One page of the wizard."""

    number: int
    """Its place, from 1."""
    slug: str
    """Its URL segment."""
    title: str
    """Its heading."""


STEPS: Final = (
    Step(1, "patient", "Patient"),
    Step(2, "plan", "Health plan"),
    Step(3, "providers", "Providers"),
    Step(4, "diagnoses", "Diagnoses"),
    Step(5, "scales", "Rating scales"),
    Step(6, "history", "Treatment history"),
    Step(7, "treatment", "Treatment plan and urgency"),
)
"""Every step, in order."""
BY_SLUG: Final = {step.slug: step for step in STEPS}


def filled(case: Case) -> int:
    """The last step whose facts the case already holds (1 once the case exists)."""
    present = (
        True,
        case.plan is not None,
        case.clinic is not None or case.prescriber is not None,
        bool(case.diagnoses),
        bool(case.scores),
        bool(case.treatment_history),
        case.treatment_plan is not None,
    )
    return max(number for number, done in enumerate(present, start=1) if done)


def progress(current: Step, reached: int) -> list[dict[str, object]]:
    """The progress list: each step with whether it is the current one and may be linked to.

    Steps up to ``reached`` (the furthest the user has gone, or the case's data reaches) are
    finished and linked; the current one is marked; later ones are plain text.
    """
    return [
        {
            "step": step,
            "current": step == current,
            "linked": step != current and step.number <= reached,
        }
        for step in STEPS
    ]


def next_step(current: Step) -> Step | None:
    """The step after ``current``, or None after the last."""
    return STEPS[current.number] if current.number < len(STEPS) else None


def previous_step(current: Step) -> Step | None:
    """The step before ``current``, or None before the first."""
    return STEPS[current.number - 2] if current.number > 1 else None
