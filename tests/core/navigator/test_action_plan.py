"""The action plan: a core Letter in the person's language, laid out by the PDF renderer, that
says it is information and not advice, and carries no name or member ID."""

from __future__ import annotations

import io

import pypdf
import pytest

from ketacover.core.letters.language import Language
from ketacover.core.letters.letter import Paragraph, Table
from ketacover.core.navigator import words
from ketacover.core.navigator.action_plan import KIND, compose_action_plan
from ketacover.core.navigator.guide import guide
from ketacover.core.navigator.outlook import outlook
from ketacover.render.pdf import render_pdf

from .scenarios import SCENARIOS, TODAY


def _plan(name: str, language: Language):
    answers = SCENARIOS[name]
    return compose_action_plan(guide(outlook(answers, TODAY), answers, language))


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_plan_opens_and_closes_with_the_notice_and_names_nobody(name, language):
    letter = _plan(name, language)
    notice = words.NOT_ADVICE.format(language)
    assert letter.kind == KIND
    assert letter.body[0].text == notice  # type: ignore[union-attr]
    assert letter.notice == notice
    text = letter.text()
    for private in ("Robin", "Testperson", "XKC000123456", "1 Elm Street", "1985"):
        assert private not in text


def test_the_costs_table_and_deadlines_are_in_the_plan():
    letter = _plan("Marketplace HMO, IV ketamine, denied as experimental, final", Language.EN)
    tables = [block for block in letter.body if isinstance(block, Table)]
    assert tables
    assert tables[0].columns[0] == "Way to pay"
    assert any("$3,900.00" in row for row in tables[0].rows)
    assert "Last day to ask for an outside (external) review" in letter.text()
    assert "call 911" in letter.text()


def test_without_a_treatment_the_plan_says_how_to_compare_costs():
    text = _plan("nothing known", Language.EN).text()
    assert "Choose a treatment to compare costs." in text
    assert "No deadline is running from your answers." in text


def test_the_spanish_plan_is_laid_out_in_spanish_down_to_the_page_numbers():
    letter = _plan("Medicare of unknown kind, CRPS, denial", Language.ES)
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(letter, language="es")))
    first = reader.pages[0].extract_text()
    assert "Su plan de acción" in first
    assert "23 de noviembre de 2026" in first
    assert f"Página 1 de {len(reader.pages)}" in first
    assert "Esto es información, no consejo médico ni legal" in first
    last = reader.pages[-1].extract_text()
    assert "Esto es información" in last
    assert "Page " not in last


def test_the_plan_gives_the_one_line_answer_right_after_the_notice():
    answers = SCENARIOS["Marketplace HMO, IV ketamine, denied as experimental, final"]
    told = guide(outlook(answers, TODAY), answers, Language.EN)
    letter = compose_action_plan(told)
    assert told.headline is not None
    opening = letter.body[1]
    assert isinstance(opening, Paragraph)
    assert opening.text == told.headline.answer
    assert told.headline.answer.startswith("For IV ketamine")
