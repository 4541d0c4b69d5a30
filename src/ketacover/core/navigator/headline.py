"""The navigator's one-line answer: for the treatment the person asked about, the way to pay that
stands best now and the next step on it, shown above everything else.

The ways to pay are ordered for the same reader: first those that pay for the treatment asked
about, best verdict first, then those for the other treatment (Spravato when IV ketamine was
asked about, IV ketamine and the mixed in-network/self-pay way when Spravato was). Within a
verdict the engine's order is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Protocol, TypeVar

from ketacover.core.coverage import PathwayId, Verdict
from ketacover.core.letters.language import Language, Phrase
from ketacover.core.model import Treatment
from ketacover.core.navigator.words import SHORT_PATHWAYS


class Way(Protocol):
    """What the headline reads of a way to pay (the guide's ``WayToPay``)."""

    @property
    def pathway(self) -> PathwayId: ...
    @property
    def verdict(self) -> Verdict: ...
    @property
    def verdict_word(self) -> str: ...
    @property
    def steps(self) -> tuple[Step, ...]: ...


class Step(Protocol):
    """A step of a way to pay: its text."""

    @property
    def text(self) -> str: ...


W = TypeVar("W", bound=Way)

RANK: Final = {Verdict.LIKELY: 0, Verdict.POSSIBLE: 1, Verdict.UNKNOWN: 2, Verdict.UNLIKELY: 3}
"""Best first: a way that may work before one that is not known yet, before one that will not."""

OTHER_TREATMENT: Final = {
    Treatment.IV_KETAMINE: frozenset({PathwayId.ESKETAMINE_PA}),
    Treatment.ESKETAMINE: frozenset({PathwayId.IV_KETAMINE_PA, PathwayId.HYBRID_BILLING}),
}
"""The ways that pay for another treatment than the one asked about."""

TREATMENT_WORDS: Final = {
    Treatment.IV_KETAMINE: Phrase("IV ketamine", "la ketamina IV"),
    Treatment.ESKETAMINE: Phrase("Spravato", "Spravato"),
}
ANY_TREATMENT: Final = Phrase("ketamine treatment", "el tratamiento con ketamina")

BEST: Final = Phrase(
    "For {treatment}, your best way now is “{way}”. {verdict}.",
    "Para {treatment}, lo mejor ahora es «{way}». {verdict}.",
)
UNCLEAR: Final = Phrase(
    "For {treatment}, no way is clear yet. The closest is “{way}”. {verdict}.",
    "Para {treatment}, aún no hay un camino claro. El más cercano es «{way}». {verdict}.",
)
NEXT: Final = Phrase("Next step: {step}", "Siguiente paso: {step}")


@dataclass(frozen=True, slots=True)
class Headline:
    """The one-line answer and the next step (None when the best way has no step)."""

    pathway: PathwayId
    answer: str
    next_step: str | None


def ordered(ways: tuple[W, ...], treatment: Treatment | None) -> tuple[W, ...]:
    """``ways`` for the treatment asked about first, each group best verdict first."""
    other = OTHER_TREATMENT.get(treatment, frozenset()) if treatment else frozenset()
    return tuple(sorted(ways, key=lambda way: (way.pathway in other, RANK[way.verdict])))


def headline(
    ways: tuple[Way, ...], treatment: Treatment | None, language: Language
) -> Headline | None:
    """The one-line answer for ``treatment`` from ``ways`` (already :func:`ordered`)."""
    if not ways:
        return None
    best = ways[0]
    phrase = BEST if best.verdict in (Verdict.LIKELY, Verdict.POSSIBLE) else UNCLEAR
    said = (
        ANY_TREATMENT if treatment is None else TREATMENT_WORDS.get(treatment, ANY_TREATMENT)
    ).format(language)
    way = SHORT_PATHWAYS[best.pathway].format(language)
    answer = phrase.format(language, treatment=said, way=way, verdict=best.verdict_word)
    answer = answer[0].upper() + answer[1:]
    step = NEXT.format(language, step=best.steps[0].text) if best.steps else None
    return Headline(pathway=best.pathway, answer=answer, next_step=step)
