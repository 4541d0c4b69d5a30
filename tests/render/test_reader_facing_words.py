"""What a payer, a reviewer or a patient reads: every document of every example, the packet and the
navigator's action plan, in every format, cite public documents only and are laid out without
stray pages.

None of them may contain ``facts.md`` (the team's notes), a rule or pack id, a confidence mark
(``[PV]``, ``[U]``), the default criteria pack's name, or a count like "3 of 2" where the first
number is larger than the second; no PDF page may hold a single line of its own (the running
header and the page number aside).
"""

from __future__ import annotations

import io
import re
from datetime import date
from functools import cache
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from ketacover.core.coverage import load_rules
from ketacover.core.errors import KetacoverError
from ketacover.core.letters.catalog import KINDS, compose, prior_authorization_packet
from ketacover.core.letters.language import Language
from ketacover.core.letters.letter import Letter
from ketacover.core.navigator.action_plan import compose_action_plan
from ketacover.core.navigator.guide import guide
from ketacover.core.navigator.outlook import outlook
from ketacover.core.sourcebook import entries
from ketacover.interop.casefile import load_case
from ketacover.render import render
from ketacover.render.pdf import render_packet_pdf, render_pdf

from ..core.navigator.scenarios import SCENARIOS
from ..core.navigator.scenarios import TODAY as NAVIGATOR_TODAY

TODAY = date(2026, 11, 23)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
COUNT = re.compile(r"\b(\d+) of (\d+)\b")
PAGE_NUMBER = re.compile(r"^(Page|Página) \d+ (of|de) \d+$")


@cache
def internal_words() -> frozenset[str]:
    """Rule ids, pack ids and source ids: names for the team, never for a reader."""
    book = load_rules()
    names = {rule.id for rules in book.rules.values() for rule in rules}
    names |= {rule.id for pack in book.packs.values() for rule in pack.rules}
    names |= set(book.packs)
    names |= {key for key in entries() if "-" in key and not key.isdigit()}
    return frozenset(names)


def problems(text: str) -> list[str]:
    """Every way ``text`` talks in the team's words instead of the reader's."""
    found = [word for word in ("facts.md", "[PV]", "[U]", "[V]") if word in text]
    found += [
        name for name in internal_words() if re.search(rf"(?<![\w.-]){re.escape(name)}\b", text)
    ]
    if "Generic commercial" in text:
        found.append("Generic commercial")
    found += [f"{n} of {m}" for n, m in COUNT.findall(text) if int(n) > int(m)]
    return found


def lone_pages(pdf: bytes, header: str) -> list[int]:
    """The numbers of the pages holding fewer than two lines besides the header and the number."""
    lonely = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        own = [line for line in lines if line != header and not PAGE_NUMBER.match(line)]
        if len(own) < 2:
            lonely.append(number)
    return lonely


@cache
def documents(name: str) -> tuple[Letter, ...]:
    case = load_case(EXAMPLES / f"{name}.yaml")
    found = []
    for kind in KINDS:
        try:
            found.append(compose(kind.name, case, TODAY))
        except KetacoverError:
            continue
    return tuple(found)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    words = [paragraph.text for paragraph in document.paragraphs]
    words += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(words)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_no_document_of_an_example_talks_in_the_teams_words_in_any_format(name):
    for letter in documents(name):
        assert problems(letter.text()) == [], letter.kind
        html = render(letter, "html").decode("utf-8")
        assert problems(re.sub(r"<[^>]*>", " ", html)) == [], letter.kind
        assert problems(docx_text(render(letter, "docx"))) == [], letter.kind
        pdf = render(letter, "pdf")
        pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
        assert problems(" ".join(" ".join(page.split()) for page in pages)) == [], letter.kind


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_no_pdf_page_of_an_example_holds_a_single_line(name):
    for letter in documents(name):
        header = " ".join(letter.running_header.split())
        assert lone_pages(render_pdf(letter), header) == [], letter.kind


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_packet_of_an_example_reads_as_public_and_has_no_lone_page(name):
    case = load_case(EXAMPLES / f"{name}.yaml")
    try:
        packet = prior_authorization_packet(case, TODAY)
    except KetacoverError:
        return
    pdf = render_packet_pdf(packet)
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    assert problems(text) == []
    assert lone_pages(pdf, " ".join(packet.running_header.split())) == []


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_the_navigators_action_plan_reads_as_public(scenario, language):
    answers = SCENARIOS[scenario]
    plan = compose_action_plan(guide(outlook(answers, NAVIGATOR_TODAY), answers, language))
    assert problems(plan.text()) == []
    assert lone_pages(render_pdf(plan), " ".join(plan.running_header.split())) == []


def test_the_checks_catch_what_they_look_for():
    assert problems("see facts.md section 3") == ["facts.md"]
    assert problems("Premera policy [PV]") == ["[PV]"]
    assert problems("min agents | met | 3 of 2 adequate trials") == ["3 of 2"]
    assert problems("PHQ-9 24 of 27; 2 of 2 trials") == []
    assert "esketamine.bipolar" in problems("(esketamine.bipolar) excluded")
    assert problems("Judged against Generic commercial esketamine criteria") == [
        "Generic commercial"
    ]
