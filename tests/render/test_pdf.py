"""PDF letters: open the bytes with pypdf and read back what a reviewer would see."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from ketacover.core.letters.letter import Letter, Paragraph, Signature, Table
from ketacover.render.errors import RenderError
from ketacover.render.pdf import render_pdf


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in read(pdf).pages]


def flat(text: str) -> str:
    """Extracted text with line breaks as spaces, so wrapped phrases can be found."""
    return " ".join(text.split())


def test_it_starts_a_pdf_on_us_letter_pages(letter: Letter) -> None:
    pdf = render_pdf(letter)
    assert pdf.startswith(b"%PDF-")
    box = read(pdf).pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612.0, 792.0)


def test_it_prints_the_subject_date_parties_and_every_reference(letter: Letter) -> None:
    text = flat(" ".join(pages_text(render_pdf(letter))))
    assert letter.subject in text
    assert "November 23, 2026" in text
    assert "Example Ketamine Clinic 1 Sample Way Springfield, ST 00000" in text
    assert "Utilization Review Synthetic Health Plan PO Box 0" in text
    for label, value in letter.references:
        assert label in text
        assert value in text


def test_it_prints_every_table_cell_and_the_caption(letter: Letter) -> None:
    text = " ".join(pages_text(render_pdf(letter)))
    table = next(block for block in letter.body if isinstance(block, Table))
    assert table.caption is not None
    assert table.caption in text
    for cell in (*table.columns, *(cell for row in table.rows for cell in row)):
        assert cell in text


def test_it_numbers_the_citations_under_references(letter: Letter) -> None:
    text = flat(" ".join(pages_text(render_pdf(letter))))
    assert "References" in text
    for number, citation in enumerate(letter.citations, start=1):
        assert f"{number}. {citation}" in text


def test_it_lists_enclosures_bullets_signature_and_notice(letter: Letter) -> None:
    text = flat(" ".join(pages_text(render_pdf(letter))))
    assert "Enclosures • Treatment history • Clinical notes" in text
    assert "• PHQ-9 of 22 on October 1, 2026" in text
    assert (
        "Sincerely, Signature: Jordan Sample, MD NPI 1234567893 Example Ketamine Clinic "
        "Date signed:" in text
    )
    assert "Representative's name:" in text
    assert "Answer:" in text
    assert text.endswith(
        "This letter gives information, not legal advice. Ada Example · DOB March 4, 1988 "
        "Page 2 of 2"
    )


def test_it_keeps_dashes_section_signs_curly_quotes_and_accents(letter: Letter) -> None:
    text = flat(" ".join(pages_text(render_pdf(letter))))
    assert "Ada Åkeson Example" in text
    assert "29 CFR § 2560.503-1" in text
    assert "“six infusions”" in text
    assert "over three weeks – a course" in text


def test_it_prints_markup_characters_as_text(letter: Letter) -> None:
    tricky = replace(letter, body=(Paragraph("Dose <b>2 & 3</b> &amp; more"),))
    assert "Dose <b>2 & 3</b> &amp; more" in pages_text(render_pdf(tricky))[0]


def test_a_long_letter_runs_over_pages_numbered_n_of_m(long_letter: Letter) -> None:
    pages = pages_text(render_pdf(long_letter))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_the_running_header_is_on_page_two_onward_only(long_letter: Letter) -> None:
    first, *rest = pages_text(render_pdf(long_letter))
    assert long_letter.running_header not in first
    assert rest
    assert all(long_letter.running_header in text for text in rest)


def test_an_empty_running_header_leaves_later_pages_bare(long_letter: Letter) -> None:
    pages = pages_text(render_pdf(replace(long_letter, running_header="")))
    assert "DOB" not in " ".join(pages)
    assert "Page 2 of" in pages[1]


def test_a_table_over_a_page_break_repeats_its_header_row(letter: Letter) -> None:
    columns = ("Medication trial", "Outcome")
    rows = tuple((f"Trial {n}", "No response") for n in range(1, 90))
    table = Table(columns=columns, rows=rows, widths=(3, 1))
    pages = pages_text(render_pdf(replace(letter, body=(table,))))
    spanned = [text for text in pages if "Trial " in text.replace("Medication trial", "")]
    assert len(spanned) >= 2
    assert all("Medication trial" in text for text in spanned)
    assert "Trial 89" in " ".join(pages)


def test_long_cell_text_wraps_inside_its_column(letter: Letter) -> None:
    words = " ".join(f"word{n}" for n in range(40))
    table = Table(columns=("Drug", "Reason stopped"), rows=(("Sertraline", words),))
    text = pages_text(render_pdf(replace(letter, body=(table,))))[0]
    reason = text[text.index("word0") : text.index("word39")]
    assert "\n" in reason


def test_a_cell_taller_than_a_page_splits_across_pages(letter: Letter) -> None:
    notes = " ".join(f"note{n}" for n in range(2500))
    table = Table(columns=("Drug", "Clinical notes"), rows=(("Sertraline", notes),))
    pages = pages_text(render_pdf(replace(letter, body=(table,))))
    assert len(pages) >= 3
    assert "note2499" in " ".join(pages)
    assert all("Clinical notes" in text for text in pages)


def test_it_sets_the_title_and_author_and_keeps_the_subject_out(letter: Letter) -> None:
    metadata = read(render_pdf(letter)).metadata
    assert metadata is not None
    assert metadata.title == "Letter of Medical Necessity"
    assert metadata.author == "Example Ketamine Clinic"
    values = " ".join(str(value) for value in metadata.values())
    assert "XKC000123456" not in values
    assert letter.subject not in values
    assert letter.running_header not in values


def test_a_bare_letter_prints_its_title_date_subject_and_body(letter: Letter) -> None:
    bare = Letter(
        kind="note",
        title="Call Script",
        date=letter.date,
        subject="Benefits call",
        body=(Paragraph("Ask whether prior authorization is required."),),
        running_header="",
    )
    pdf = render_pdf(bare)
    metadata = read(pdf).metadata
    assert metadata is not None
    assert not metadata.author
    (page,) = pages_text(pdf)
    assert flat(page) == (
        "Call Script November 23, 2026 Benefits call "
        "Ask whether prior authorization is required. Page 1 of 1"
    )


def test_a_sender_without_lines_is_just_the_letterhead_name(letter: Letter) -> None:
    assert letter.sender is not None
    bare = replace(letter, sender=replace(letter.sender, lines=()))
    assert flat(pages_text(render_pdf(bare))[0]).startswith(
        "Example Ketamine Clinic Letter of Medical Necessity November 23, 2026"
    )


def test_a_signature_prints_only_the_parts_it_has(letter: Letter) -> None:
    signature = Signature(name="Jordan Sample", signer_fields=())
    plain = replace(letter, body=(), closing=None, signature=signature)
    text = flat(" ".join(pages_text(render_pdf(plain))))
    assert "Jordan Sample References" in text
    assert "NPI" not in text
    assert "Signature:" not in text


def test_a_closing_without_a_signature_is_still_printed(letter: Letter) -> None:
    text = flat(" ".join(pages_text(render_pdf(replace(letter, body=(), signature=None)))))
    assert "Sincerely, References" in text


def test_it_refuses_a_table_whose_rows_do_not_fit_its_columns(letter: Letter) -> None:
    ragged = Table(columns=("Drug", "Dose"), rows=(("Sertraline",),), caption="Trials")
    with pytest.raises(RenderError, match="table 'Trials': row 1 has 1 cells for 2 columns"):
        render_pdf(replace(letter, body=(ragged,)))
