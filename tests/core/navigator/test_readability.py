"""The navigator's explanations read at about an eighth-grade level (English) and as "fairly
easy" Spanish, measured with the formulas of ketacover.core.navigator.readability."""

from __future__ import annotations

import pytest

from ketacover.core.letters.language import Language
from ketacover.core.navigator.guide import guide
from ketacover.core.navigator.outlook import outlook
from ketacover.core.navigator.readability import (
    counts,
    english_syllables,
    flesch_kincaid_grade,
    mean,
    sentence_count,
    spanish_syllables,
    szigriszt_pazos,
)

from .scenarios import SCENARIOS, TODAY


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("cat", 1),
        ("table", 2),
        ("insurance", 3),
        ("appeal", 2),
        ("authorization", 5),
        ("denied", 2),
        ("mostly", 2),
        ("2026", 1),
        ("", 1),
    ],
)
def test_english_syllables_are_estimated_by_vowel_groups(word, syllables):
    assert english_syllables(word) == syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("plan", 1),
        ("seguro", 3),
        ("aplicación", 4),
        ("poeta", 3),
        ("ciudad", 2),
        ("hay", 1),
        ("día", 2),
        ("2027", 1),
    ],
)
def test_spanish_syllables_are_counted_by_vowel_nuclei(word, syllables):
    assert spanish_syllables(word) == syllables


def test_the_formulas_match_hand_counts():
    text = "The cat sat on the mat. It was happy."
    measured = counts(text)
    assert (measured.words, measured.sentences, measured.syllables) == (9, 2, 10)
    expected = 0.39 * 9 / 2 + 11.8 * 10 / 9 - 15.59
    assert flesch_kincaid_grade(text) == pytest.approx(expected)
    spanish = "El plan paga. Usted firma la carta."
    measured = counts(spanish, spanish=True)
    assert (measured.words, measured.sentences, measured.syllables) == (7, 2, 11)
    assert szigriszt_pazos(spanish) == pytest.approx(206.835 - 62.3 * 11 / 7 - 7 / 2)
    assert flesch_kincaid_grade("") == 0.0
    assert szigriszt_pazos("") == 100.0
    assert sentence_count("no stop at all") == 1
    assert mean([]) == 0.0


def test_harder_text_scores_a_higher_grade():
    easy = "You can ask the plan. It will say yes or no."
    hard = (
        "Notwithstanding contractual preauthorization requirements, administrative "
        "determinations regarding experimental investigational classifications necessitate "
        "comprehensive documentation."
    )
    assert flesch_kincaid_grade(hard) > 12 > 4 > flesch_kincaid_grade(easy)
    assert szigriszt_pazos("Es fácil. Lo lee. Lo firma.") > szigriszt_pazos(
        "La documentación administrativa correspondiente necesita justificación "
        "extraordinariamente pormenorizada."
    )


def _explanations(language: Language) -> list[str]:
    found: list[str] = []
    for answers in SCENARIOS.values():
        found += guide(outlook(answers, TODAY), answers, language).explanations()
    return found


def test_the_english_explanations_read_at_about_an_eighth_grade_level():
    texts = _explanations(Language.EN)
    grades = [flesch_kincaid_grade(text) for text in texts]
    assert mean(grades) <= 8.0, f"mean grade {mean(grades):.1f}"
    hardest = max(zip(grades, texts, strict=True))
    assert hardest[0] <= 12.0, hardest


def test_the_spanish_explanations_are_fairly_easy_to_read():
    texts = _explanations(Language.ES)
    scores = [szigriszt_pazos(text) for text in texts]
    assert mean(scores) >= 65.0, f"mean perspicuity {mean(scores):.1f}"
    hardest = min(zip(scores, texts, strict=True))
    assert hardest[0] >= 40.0, hardest
