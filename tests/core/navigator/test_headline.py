"""Tests for ketacover.core.navigator.headline: the one-line answer is about the treatment the
person asked about, and the ways to pay for it come first, best verdict first."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from ketacover.core.coverage import PathwayId, Verdict
from ketacover.core.letters.language import Language
from ketacover.core.model import Treatment
from ketacover.core.navigator.guide import guide
from ketacover.core.navigator.headline import OTHER_TREATMENT, RANK, headline, ordered
from ketacover.core.navigator.outlook import outlook

from .scenarios import SCENARIOS, TODAY


@dataclass(frozen=True)
class Step:
    text: str


@dataclass(frozen=True)
class Way:
    pathway: PathwayId
    verdict: Verdict
    verdict_word: str = "Likely"
    steps: tuple[Step, ...] = ()


def test_ways_for_another_treatment_go_last_even_when_their_verdict_is_better():
    ways = (
        Way(PathwayId.ESKETAMINE_PA, Verdict.LIKELY),
        Way(PathwayId.IV_KETAMINE_PA, Verdict.UNKNOWN),
        Way(PathwayId.SELF_PAY, Verdict.POSSIBLE),
    )
    assert [w.pathway for w in ordered(ways, Treatment.IV_KETAMINE)] == [
        PathwayId.SELF_PAY,
        PathwayId.IV_KETAMINE_PA,
        PathwayId.ESKETAMINE_PA,
    ]
    assert [w.pathway for w in ordered(ways, Treatment.ESKETAMINE)] == [
        PathwayId.ESKETAMINE_PA,
        PathwayId.SELF_PAY,
        PathwayId.IV_KETAMINE_PA,
    ]


def test_without_a_treatment_the_best_verdict_comes_first_and_ties_keep_their_order():
    ways = (
        Way(PathwayId.ESKETAMINE_PA, Verdict.UNLIKELY),
        Way(PathwayId.OON_REIMBURSEMENT, Verdict.POSSIBLE),
        Way(PathwayId.SELF_PAY, Verdict.POSSIBLE),
    )
    assert [w.pathway for w in ordered(ways, None)] == [
        PathwayId.OON_REIMBURSEMENT,
        PathwayId.SELF_PAY,
        PathwayId.ESKETAMINE_PA,
    ]


@pytest.mark.parametrize(
    ("verdict", "opening"),
    [
        (Verdict.LIKELY, "For IV ketamine, your best way now is “Pay yourself”. Likely."),
        (Verdict.POSSIBLE, "For IV ketamine, your best way now is “Pay yourself”. Likely."),
        (
            Verdict.UNKNOWN,
            "For IV ketamine, no way is clear yet. The closest is “Pay yourself”. Likely.",
        ),
        (
            Verdict.UNLIKELY,
            "For IV ketamine, no way is clear yet. The closest is “Pay yourself”. Likely.",
        ),
    ],
)
def test_the_answer_says_plainly_whether_a_way_stands_out(verdict, opening):
    told = headline((Way(PathwayId.SELF_PAY, verdict),), Treatment.IV_KETAMINE, Language.EN)
    assert told is not None
    assert told.answer == opening
    assert told.next_step is None


def test_the_next_step_is_the_best_ways_first_step_in_the_readers_language():
    way = Way(PathwayId.SELF_PAY, Verdict.LIKELY, steps=(Step("Pida un plan."), Step("Otro.")))
    told = headline((way,), Treatment.ESKETAMINE, Language.ES)
    assert told is not None
    assert told.answer == "Para Spravato, lo mejor ahora es «Pagar por su cuenta». Likely."
    assert told.next_step == "Siguiente paso: Pida un plan."
    assert headline((), None, Language.EN) is None


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_situation_opens_with_the_treatment_it_asked_about(name):
    answers = SCENARIOS[name]
    told = guide(outlook(answers, TODAY), answers, Language.EN)
    assert told.headline is not None
    other = OTHER_TREATMENT.get(answers.treatment, frozenset()) if answers.treatment else set()
    assert told.ways[0].pathway not in other
    ranks = [(way.pathway in other, RANK[way.verdict]) for way in told.ways]
    assert ranks == sorted(ranks)
    if answers.treatment is Treatment.IV_KETAMINE:
        assert told.headline.answer.startswith("For IV ketamine")
        assert told.ways[-1].pathway is PathwayId.ESKETAMINE_PA
