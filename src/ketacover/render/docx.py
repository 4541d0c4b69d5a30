"""Letters and packets as editable Word documents (python-docx).

Real paragraphs, headings and lists, Word tables with a repeating header row, signer-only fields
as labelled lines to write on. The first page has no header; later pages carry the running
header; every footer has "Page N of M" as PAGE and NUMPAGES fields, which Word keeps current as
the user edits. Core properties carry the title and the sender as author, nothing else.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as WordParagraph

from ketacover.core.letters import letter as content
from ketacover.render.layout import check_table, column_fractions, word, written_date

_TEXT_WIDTH = Inches(6.5)
_MUTED = RGBColor(0x59, 0x5C, 0x66)
_HEADER_SHADE = "E8EAEE"
_LABEL_SHARE = 0.3


def render_docx(letter: content.Letter) -> bytes:
    """One letter as DOCX bytes."""
    sender = letter.sender.name if letter.sender is not None else ""
    document = _document(letter.title, sender, letter.running_header, letter.language)
    _letter(document, letter, new_page=False)
    return _save(document)


def render_packet_docx(packet: content.Packet) -> bytes:
    """A packet as one DOCX: each document starts on a new page."""
    senders = [doc.sender.name for doc in packet.documents if doc.sender is not None]
    document = _document(packet.title, senders[0] if senders else "", packet.running_header)
    for index, letter in enumerate(packet.documents):
        _letter(document, letter, new_page=index > 0)
    return _save(document)


def _document(title: str, author: str, running_header: str, language: str = "en") -> WordDocument:
    document = Document()
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.comments = ""
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1)
    section.top_margin = section.bottom_margin = Inches(1)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = running_header
    for run in header.runs:
        run.font.size = Pt(8.5)
        run.font.color.rgb = _MUTED
    for footer in (section.footer, section.first_page_footer):
        _page_numbers(footer.paragraphs[0], language)
    if language != "en":
        # Word's proofing language, so a Spanish document is not spell-checked as English.
        tag = OxmlElement("w:lang")
        tag.set(qn("w:val"), f"{language}-US")
        normal.element.get_or_add_rPr().append(tag)
    return document


def _page_numbers(paragraph: WordParagraph, language: str = "en") -> None:
    """ "Page N of M" with live PAGE and NUMPAGES fields."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{word('Page', language)} ")
    _field(paragraph, "PAGE")
    paragraph.add_run(f" {word('of', language)} ")
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = Pt(8.5)


def _field(paragraph: WordParagraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _save(document: WordDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _letter(document: WordDocument, letter: content.Letter, *, new_page: bool) -> None:
    first = None
    if letter.sender is not None:
        first = document.add_paragraph()
        _lines(first, [letter.sender.name, *letter.sender.lines], letterhead=True)
    title = document.add_heading(letter.title, level=1)
    (first or title).paragraph_format.page_break_before = new_page
    document.add_paragraph(written_date(letter.date, letter.language))
    if letter.recipient is not None:
        _lines(document.add_paragraph(), [letter.recipient.name, *letter.recipient.lines])
    document.add_paragraph().add_run(letter.subject).bold = True
    if letter.references:
        _references(document, letter.references)
    if letter.salutation:
        document.add_paragraph(letter.salutation)
    for block in letter.body:
        _block(document, block)
    if letter.closing:
        document.add_paragraph(letter.closing).paragraph_format.keep_with_next = True
    if letter.signature is not None:
        _signature(document, letter.signature)
    if letter.citations:
        document.add_heading(word("References", letter.language), level=2)
        for number, citation in enumerate(letter.citations, start=1):
            paragraph = document.add_paragraph(f"{number}.\t{citation}")
            paragraph.paragraph_format.left_indent = Inches(0.3)
            paragraph.paragraph_format.first_line_indent = Inches(-0.3)
    if letter.enclosures:
        document.add_heading(content.ENCLOSURES.format(letter.language), level=2)
        for item in letter.enclosures:
            document.add_paragraph(item, style="List Bullet")
    if letter.notice:
        run = document.add_paragraph().add_run(letter.notice)
        run.font.size = Pt(8)
        run.font.color.rgb = _MUTED


def _lines(paragraph: WordParagraph, lines: list[str], *, letterhead: bool = False) -> None:
    """Lines of one block (an address) in one paragraph, separated by line breaks."""
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if letterhead and index == 0:
            run.bold = True
            run.font.size = Pt(14)
        elif letterhead:
            run.font.size = Pt(9)
            run.font.color.rgb = _MUTED
        if index < len(lines) - 1:
            run.add_break()


def _references(document: WordDocument, references: tuple[tuple[str, str], ...]) -> None:
    table = document.add_table(rows=len(references), cols=2)
    widths = (_TEXT_WIDTH * _LABEL_SHARE, _TEXT_WIDTH * (1 - _LABEL_SHARE))
    for row, (label, value) in zip(table.rows, references, strict=True):
        label_cell, value_cell = row.cells
        label_cell.paragraphs[0].add_run(label).bold = True
        value_cell.paragraphs[0].add_run(value)
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = int(width)
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    document.add_paragraph()


def _block(document: WordDocument, block: content.Block) -> None:
    if isinstance(block, content.Heading):
        document.add_heading(block.text, level=2)
    elif isinstance(block, content.Paragraph):
        document.add_paragraph(block.text)
    elif isinstance(block, content.Bullets):
        for item in block.items:
            document.add_paragraph(item, style="List Bullet")
    elif isinstance(block, content.Table):
        _table(document, block)
    else:
        _field_lines(document, block.label, block.lines)


def _table(document: WordDocument, table: content.Table) -> None:
    check_table(table)
    if table.caption:
        document.add_paragraph(table.caption, style="Caption")
    grid = document.add_table(rows=len(table.rows) + 1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    widths = [int(_TEXT_WIDTH * share) for share in column_fractions(table)]
    header, *body = grid.rows
    _repeat_as_header(header)
    for cell, text, width in zip(header.cells, table.columns, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
        _shade(cell)
    for row, values in zip(body, table.rows, strict=True):
        for cell, text, width in zip(row.cells, values, widths, strict=True):
            cell.width = width
            cell.paragraphs[0].add_run(text)
    document.add_paragraph()


def _repeat_as_header(row: _Row) -> None:
    """Mark a row as the table's header, repeated at the top of each page the table spans."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _shade(cell: _Cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), _HEADER_SHADE)
    cell._tc.get_or_add_tcPr().append(shading)


def _field_lines(document: WordDocument, label: str, lines: int) -> None:
    """A label and a ruled line to the right margin; further lines ruled the full width."""
    for index in range(max(lines, 1)):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            _TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES
        )
        paragraph.paragraph_format.space_before = Pt(8)
        if index == 0:
            paragraph.add_run(f"{label}:").bold = True
        paragraph.add_run("\t")


def _signature(document: WordDocument, signature: content.Signature) -> None:
    lines = [", ".join(part for part in (signature.name, signature.credentials) if part)]
    if signature.npi:
        lines.append(f"NPI {signature.npi}")
    lines += signature.lines
    # As US letters are signed: the signature line above the printed name, the rest below.
    first, rest = signature.signer_fields[:1], signature.signer_fields[1:]
    for field in first:
        _field_lines(document, field, 1)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6 if first else 18)
    paragraph.paragraph_format.keep_with_next = bool(rest)
    _lines(paragraph, lines)
    for field in rest:
        _field_lines(document, field, 1)
