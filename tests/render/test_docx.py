"""DOCX letters: reopen the bytes with python-docx and find what an editor would see."""

from __future__ import annotations

import io
from dataclasses import replace

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from ketacover.core.letters.letter import Letter, Packet, Paragraph, Signature, Table
from ketacover.render.docx import render_docx, render_packet_docx
from ketacover.render.errors import RenderError


def reopen(data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(data))


def texts(document: WordDocument) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def test_it_writes_real_paragraphs_headings_and_lists(letter: Letter) -> None:
    document = reopen(render_docx(letter))
    styled = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    assert ("Heading 1", "Letter of Medical Necessity") in styled
    assert ("Heading 2", "Clinical history") in styled
    assert ("List Bullet", "PHQ-9 of 22 on October 1, 2026") in styled
    assert ("List Bullet", "Clinical notes") in styled
    assert ("Caption", "Failed antidepressant trials") in styled
    found = texts(document)
    for expected in ("November 23, 2026", letter.subject, "Dear Medical Director:", "Sincerely,"):
        assert expected in found
    assert "Example Ketamine Clinic\n1 Sample Way\nSpringfield, ST 00000" in found
    assert "Jordan Sample, MD\nNPI 1234567893\nExample Ketamine Clinic" in found
    assert "1.\t" + letter.citations[0] in found
    assert found[-1] == "This letter gives information, not legal advice."


def test_signer_fields_and_blanks_are_labelled_lines(letter: Letter) -> None:
    found = texts(reopen(render_docx(letter)))
    assert "Signature:\t" in found
    assert "Date signed:\t" in found
    answer = found.index("Answer:\t")
    assert found[answer + 1 : answer + 3] == ["\t", "\t"]


def test_tables_are_word_tables_with_a_repeating_header_row(letter: Letter) -> None:
    references, trials = reopen(render_docx(letter)).tables
    assert [[c.text for c in row.cells] for row in references.rows] == [
        list(pair) for pair in letter.references
    ]
    table = next(block for block in letter.body if isinstance(block, Table))
    assert [[c.text for c in row.cells] for row in trials.rows] == [
        list(table.columns),
        *(list(row) for row in table.rows),
    ]
    header = trials.rows[0]._tr
    assert header.trPr is not None
    assert header.trPr.find(qn("w:tblHeader")) is not None
    assert (
        trials.rows[1]._tr.trPr is None or trials.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    )


def test_later_pages_carry_the_header_and_every_page_a_number(letter: Letter) -> None:
    section = reopen(render_docx(letter)).sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == letter.running_header
    assert all(not p.text for p in section.first_page_header.paragraphs)
    for footer in (section.footer, section.first_page_footer):
        xml = footer._element.xml
        assert 'w:instr=" PAGE "' in xml
        assert 'w:instr=" NUMPAGES "' in xml
        assert footer.paragraphs[0].text == "Page  of "


def test_it_is_us_letter_with_one_inch_margins(letter: Letter) -> None:
    section = reopen(render_docx(letter)).sections[0]
    assert (section.page_width.inches, section.page_height.inches) == (8.5, 11)
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert all(margin is not None and margin.inches == 1 for margin in margins)


def test_core_properties_hold_the_title_and_sender_only(letter: Letter) -> None:
    properties = reopen(render_docx(letter)).core_properties
    assert properties.title == "Letter of Medical Necessity"
    assert properties.author == "Example Ketamine Clinic"
    assert properties.comments == ""
    assert "XKC000123456" not in " ".join(
        str(value) for value in (properties.subject, properties.keywords, properties.category)
    )


def test_a_bare_letter_has_only_its_title_date_subject_and_body(letter: Letter) -> None:
    bare = Letter(
        kind="note",
        title="Call Script",
        date=letter.date,
        subject="Benefits call",
        body=(Paragraph("Ask about prior authorization."),),
        running_header="",
    )
    document = reopen(render_docx(bare))
    assert texts(document) == [
        "Call Script",
        "November 23, 2026",
        "Benefits call",
        "Ask about prior authorization.",
    ]
    assert document.tables == []
    assert document.core_properties.author == ""


def test_a_signature_without_credentials_or_npi_prints_the_name(letter: Letter) -> None:
    signed = replace(letter, signature=Signature(name="Jordan Sample", signer_fields=("Date",)))
    found = texts(reopen(render_docx(signed)))
    assert "Jordan Sample" in found
    assert "Date:\t" in found
    assert "Signature:\t" not in found


def test_a_packet_puts_each_document_on_a_new_page(packet: Packet) -> None:
    document = reopen(render_packet_docx(packet))
    breaks = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == [
        "Example Ketamine Clinic\n1 Sample Way\nSpringfield, ST 00000",
        "Evidence List",
    ]
    assert document.core_properties.title == packet.title
    assert document.core_properties.author == "Example Ketamine Clinic"
    assert document.sections[0].header.paragraphs[0].text == packet.running_header


def test_a_packet_without_a_sender_has_no_author(packet: Packet) -> None:
    anonymous = replace(packet, documents=(packet.documents[0],))
    assert reopen(render_packet_docx(anonymous)).core_properties.author == ""


def test_a_table_without_a_caption_has_no_caption_paragraph(letter: Letter) -> None:
    table = Table(columns=("Drug", "Dose"), rows=(("Sertraline", "200 mg"),))
    document = reopen(render_docx(replace(letter, body=(table,))))
    assert not [p for p in document.paragraphs if p.style is not None and p.style.name == "Caption"]
    assert [c.text for c in document.tables[1].rows[1].cells] == ["Sertraline", "200 mg"]


def test_it_refuses_table_widths_that_do_not_fit(letter: Letter) -> None:
    table = Table(columns=("Drug", "Dose"), rows=(), widths=(1, 2, 3))
    with pytest.raises(RenderError, match="widths"):
        render_docx(replace(letter, body=(table,)))
