"""Spanish documents laid out as PDF, DOCX and HTML: every accented letter survives, and the few
words a renderer adds (the date line, headings, page numbers) come in Spanish too."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from ketacover.core.letters import call_phrases, cover_phrases, parts_phrases, script_phrases
from ketacover.core.letters.catalog import Options, compose, cover_note
from ketacover.core.letters.language import Language, Phrase
from ketacover.core.letters.letter import Bullets, Heading, Letter, Paragraph
from ketacover.interop.casefile import load_case
from ketacover.render import render
from ketacover.render.docx import render_docx
from ketacover.render.html import render_html, render_html_fragment
from ketacover.render.pdf import render_pdf

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = date(2026, 11, 23)
SPANISH_LETTERS = "áéíóúñüÁÉÍÓÚÑÜ¿¡«»"


def spanish_letter() -> Letter:
    """A short Spanish letter with every accented letter, enclosures and citations."""
    return Letter(
        kind="cover-note",
        title="Nota sobre la carta «Internal appeal»",
        date=TODAY,
        subject="¿Qué es? ¡Léala con calma!",
        body=(
            Heading("Qué es esta carta"),
            Paragraph(f"Señora Núñez: acentos {' '.join(SPANISH_LETTERS)} y pingüino."),
            Bullets(("Él envía la apelación.", "Último día: 11 de mayo de 2027.")),
        ),
        running_header="Ana Núñez Ejemplo · Fecha de nacimiento: 9 de agosto de 1975",
        citations=("Ejemplo A. Estudio. Rev Sintética. 2024;1:1-9.",),
        enclosures=("El aviso de negación («Denial notice dated 11/09/2026»)",),
        language=Language.ES,
    )


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_fonts(data: bytes) -> set[tuple[str, str]]:
    found = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found.add((str(font["/BaseFont"]), str(font.get("/Encoding"))))
    return found


def spanish_phrases() -> list[str]:
    found = []
    for module in (call_phrases, cover_phrases, parts_phrases, script_phrases):
        for value in vars(module).values():
            items = value.values() if isinstance(value, dict) else [value]
            found += [item.es for item in items if isinstance(item, Phrase)]
    return found


def test_every_spanish_phrase_is_drawable_in_the_pdf_standard_fonts():
    # Helvetica is drawn with WinAnsiEncoding (cp1252): a character outside it would vanish.
    for text in spanish_phrases():
        text.encode("cp1252")
    assert "¿" in "".join(spanish_phrases())


def test_every_accented_letter_survives_the_pdf():
    data = render_pdf(spanish_letter())
    text = pdf_text(data)
    for char in SPANISH_LETTERS:
        assert char in text, char
    assert "pingüino" in text
    assert "Señora Núñez" in text
    assert {encoding for _, encoding in pdf_fonts(data) if _ != "/Symbol"} == {"/WinAnsiEncoding"}


def test_the_pdf_date_line_headings_and_page_numbers_are_in_spanish():
    text = pdf_text(render_pdf(spanish_letter()))
    assert "23 de noviembre de 2026" in text
    assert "Documentos adjuntos" in text
    assert "Referencias" in text
    assert "Página 1 de 1" in text
    assert "Page 1" not in text
    assert "November" not in text


def test_an_explicit_language_still_wins_in_the_pdf():
    text = pdf_text(render_pdf(spanish_letter(), language="en"))
    assert "November 23, 2026" in text
    assert "Page 1 of 1" in text


def test_the_spanish_call_script_and_cover_note_render_in_every_format():
    case = load_case(EXAMPLES / "denial-appeal-running.yaml")
    documents = [
        compose("call-script", case, TODAY, language=Language.ES),
        cover_note("appeal", case, TODAY, Options(variant="patient"), language=Language.ES),
    ]
    for document in documents:
        text = pdf_text(render(document, "pdf"))
        assert document.title in text
        assert "Página 1 de" in text
        assert "23 de noviembre de 2026" in text
        word = docx.Document(io.BytesIO(render(document, "docx")))
        assert document.title in [paragraph.text for paragraph in word.paragraphs]
        html = render(document, "html").decode("utf-8")
        assert '<html lang="es">' in html
        assert "Fecha de nacimiento" in html


def test_the_docx_is_marked_spanish_with_spanish_headings_and_page_numbers():
    word = docx.Document(io.BytesIO(render_docx(spanish_letter())))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert "23 de noviembre de 2026" in texts
    assert "Documentos adjuntos" in texts
    assert "Referencias" in texts
    assert "Señora Núñez" in " ".join(texts)
    footer = word.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Página ")
    assert " de " in footer
    languages = re.findall(r'w:lang w:val="([^"]+)"', word.styles["Normal"].element.xml)
    assert languages == ["es-US"]


def test_an_english_docx_keeps_its_english_furniture():
    english = replace(spanish_letter(), language=Language.EN)
    word = docx.Document(io.BytesIO(render_docx(english)))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert "November 23, 2026" in texts
    assert "Enclosures" in texts
    assert word.sections[0].footer.paragraphs[0].text.startswith("Page ")
    assert "w:lang" not in word.styles["Normal"].element.xml


def test_the_html_says_its_language_and_words_its_furniture_in_it():
    html = render_html(spanish_letter())
    assert '<html lang="es">' in html
    assert '<article class="letter" lang="es">' in html
    assert '<time datetime="2026-11-23">23 de noviembre de 2026</time>' in html
    assert "<h2>Documentos adjuntos</h2>" in html
    assert "<h2>Referencias</h2>" in html
    assert '"P\\e1 gina " counter(page) " de " counter(pages)' in html
    assert "pingüino" in html


@pytest.mark.parametrize("language", [Language.EN, Language.ES])
def test_an_html_fragment_marks_only_a_language_other_than_english(language):
    fragment = render_html_fragment(replace(spanish_letter(), language=language))
    marked = '<article class="letter" lang="es">' in fragment
    assert marked is (language is Language.ES)
