"""A Letter as reportlab flowables: letterhead, addresses, subject, body, signature, references.

Styles are built once, at import; a letter only instantiates flowables. Text is escaped for
reportlab's paragraph markup, so a letter's words are printed exactly as given.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ketacover.core.letters import letter as content
from ketacover.render.layout import check_table, column_fractions, word, written_date
from ketacover.render.pdf_grid import Grid
from ketacover.render.pdf_page import (
    BOLD,
    FONT,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    INK,
    ITALIC,
    MUTED,
    RULE,
    SHADE,
)

_BASE = ParagraphStyle("base", fontName=FONT, fontSize=10.5, leading=14, textColor=INK)
# No paragraph leaves its last line alone at the top of a page (allowWidows=0).
_BODY = ParagraphStyle("body", _BASE, alignment=TA_JUSTIFY, spaceAfter=7, allowWidows=0)
_SENDER = ParagraphStyle("sender", _BASE, fontName=BOLD, fontSize=14, leading=17)
_SENDER_LINES = ParagraphStyle("sender-lines", _BASE, fontSize=8.5, leading=11, textColor=MUTED)
_TITLE = ParagraphStyle("title", _BASE, fontName=BOLD, fontSize=13, leading=16, spaceAfter=8)
_PLAIN = ParagraphStyle("plain", _BASE, spaceAfter=10)
_SUBJECT = ParagraphStyle("subject", _BASE, fontName=BOLD, spaceAfter=4)
_HEADING = ParagraphStyle(
    "heading",
    _BASE,
    fontName=BOLD,
    fontSize=11,
    leading=14,
    spaceBefore=8,
    spaceAfter=4,
    keepWithNext=1,
)
# Symbol's bullet, unlike Helvetica's, comes back as "•" when the text is extracted.
_BULLET = ParagraphStyle(
    "bullet", _BASE, leftIndent=16, bulletIndent=4, spaceAfter=2, bulletFontName="Symbol"
)
_CELL = ParagraphStyle("cell", _BASE, fontSize=8.8, leading=10.8)
_HEAD_CELL = ParagraphStyle("head-cell", _CELL, fontName=BOLD)
_LABEL = ParagraphStyle("label", _CELL, fontName=BOLD, fontSize=9.5, leading=11.5)
_VALUE = ParagraphStyle("value", _CELL, fontSize=9.5, leading=11.5)
_CAPTION = ParagraphStyle("caption", _BASE, fontName=ITALIC, fontSize=9, leading=11, spaceAfter=3)
_CITATION = ParagraphStyle(
    "citation", _BASE, fontSize=9, leading=11.5, leftIndent=18, bulletIndent=0, spaceAfter=3
)
_SMALL = ParagraphStyle("small", _BASE, fontSize=7.5, leading=9.5, textColor=MUTED, spaceBefore=10)

_PAD = [
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]
_GRID_STYLE = TableStyle(
    [
        *_PAD,
        # Short cells are drawn as plain strings (see _cell): the same font as the cell styles.
        ("FONT", (0, 0), (-1, 0), BOLD, 8.8, 10.8),
        ("FONT", (0, 1), (-1, -1), FONT, 8.8, 10.8),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
    ]
)
_REFERENCE_STYLE = TableStyle(
    [
        *_PAD,
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("FONT", (0, 0), (0, -1), BOLD, 9.5, 11.5),
        ("FONT", (1, 0), (1, -1), FONT, 9.5, 11.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ]
)
_FIELD_HEIGHT = 24.0
_LABEL_SHARE = 0.3


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _lines(lines: list[str], style: ParagraphStyle) -> Paragraph:
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


def letter_story(letter: content.Letter, language: str | None = None) -> list[Flowable]:
    """Every flowable of one letter, in reading order (``language``, by default the letter's own,
    writes its date line and headings)."""
    language = language or letter.language
    story: list[Flowable] = []
    if letter.sender is not None:
        story.append(_p(letter.sender.name, _SENDER))
        if letter.sender.lines:
            story.append(_lines(list(letter.sender.lines), _SENDER_LINES))
        story.append(
            HRFlowable(width="100%", thickness=0.8, color=INK, spaceBefore=4, spaceAfter=12)
        )
    story.append(_p(letter.title, _TITLE))
    story.append(_p(written_date(letter.date, language), _PLAIN))
    if letter.recipient is not None:
        party = letter.recipient
        story.append(_lines([party.name, *party.lines], _PLAIN))
    story.append(_p(letter.subject, _SUBJECT))
    if letter.references:
        story.append(_references(letter.references))
    story.append(Spacer(1, 8))
    blocks = _sections(letter.body)
    if letter.salutation:
        # The salutation keeps with the first block of the body.
        salutation: list[Flowable] = [_p(letter.salutation, _BODY)]
        blocks = [salutation + blocks[0], *blocks[1:]] if blocks else [salutation]
    # The last short blocks, the signature and (with nothing in between) the notice travel
    # together, so no page holds only a closing line, a short last section or the notice.
    signature = _signature(letter.closing, letter.signature)
    kept = _tail_size(blocks, _height(signature))
    for flowables in blocks[: len(blocks) - kept]:
        story += flowables
    tail = [flowable for flowables in blocks[len(blocks) - kept :] for flowable in flowables]
    # reportlab breaks the page early for a KeepTogether nested in another: unwrap the signature.
    tail += [
        part
        for flowable in signature
        for part in (flowable._content if isinstance(flowable, KeepTogether) else [flowable])
    ]
    after: list[list[Flowable]] = []
    if letter.citations:
        after.append(_numbered_section(word("References", language), letter.citations))
    if letter.enclosures:
        heading = _p(content.ENCLOSURES.format(letter.language), _HEADING)
        items = [Paragraph(escape(item), _BULLET, bulletText="•") for item in letter.enclosures]
        after.append([CondPageBreak(48), heading, *items])
    if after:
        story.append(KeepTogether(tail))
        for section in after[:-1]:
            story += section
        # The last list travels whole with the notice when it is short, else its last two items.
        last = [item for item in after[-1] if not isinstance(item, CondPageBreak)]
        keep = len(last) if _height(last) <= _TAIL_HEIGHT else 2
        story += last[: len(last) - keep]
        tail = last[len(last) - keep :]
    if letter.notice:
        tail.append(_p(letter.notice, _SMALL))
    story.append(KeepTogether(tail))
    return story


_TAIL_BLOCKS = 2
"""At most this many of a letter's last sections are kept on one page with its signature."""
_TAIL_HEIGHT = FRAME_HEIGHT / 2
"""...as long as together they take no more than half a page (a long table is not moved)."""


def _sections(body: tuple[content.Block, ...]) -> list[list[Flowable]]:
    """The body's flowables by section: a heading with the blocks up to the next heading."""
    sections: list[list[Flowable]] = []
    for block in body:
        if isinstance(block, content.Heading) or not sections:
            sections.append([])
        sections[-1] += _block(block)
    return sections


def _height(flowables: list[Flowable]) -> float:
    """The height ``flowables`` take laid out at the full frame width."""
    total = 0.0
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            total += _height(list(flowable._content))
        else:
            total += flowable.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1]
    return total


def _tail_size(blocks: list[list[Flowable]], room_taken: float) -> int:
    """How many of the last ``blocks`` to keep with the signature (``room_taken`` high)."""
    kept, height = 0, room_taken
    for flowables in reversed(blocks[-_TAIL_BLOCKS:]):
        height += _height(flowables)
        if height > _TAIL_HEIGHT:
            break
        kept += 1
    return kept


def _references(references: tuple[tuple[str, str], ...]) -> Table:
    label_width = _LABEL_SHARE * FRAME_WIDTH
    value_width = FRAME_WIDTH - label_width
    rows = [
        [_cell(label, _LABEL, label_width), _cell(value, _VALUE, value_width)]
        for label, value in references
    ]
    return Table(
        rows,
        colWidths=[label_width, value_width],
        splitInRow=1,
        style=_REFERENCE_STYLE,
        hAlign="LEFT",
    )


def _block(block: content.Block) -> list[Flowable]:
    if isinstance(block, content.Heading):
        return [_p(block.text, _HEADING)]
    if isinstance(block, content.Paragraph):
        return [_p(block.text, _BODY)]
    if isinstance(block, content.Bullets):
        items = [Paragraph(escape(item), _BULLET, bulletText="•") for item in block.items]
        return [*items, Spacer(1, 5)]
    if isinstance(block, content.Table):
        return _table(block)
    return [_fields([(block.label, block.lines)])]


_CELL_PADDING = 8.5
"""Left and right cell padding (see _PAD) plus a hair, so a string that fits never touches."""


def _cell(text: str, style: ParagraphStyle, width: float) -> Paragraph | str:
    """A table cell: a plain string when it fits on one line, else a wrapping paragraph.

    Most cells are short (codes, dates, amounts); drawing them as strings skips paragraph
    parsing and line breaking, which is most of the time a packet takes to lay out.
    """
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= (
        width - _CELL_PADDING
    ):
        return text
    return _p(text, style)


def _table(table: content.Table) -> list[Flowable]:
    check_table(table)
    widths = [share * FRAME_WIDTH for share in column_fractions(table)]
    rows = [
        [_cell(cell, _HEAD_CELL, width) for cell, width in zip(table.columns, widths, strict=True)]
    ]
    rows += [
        [_cell(cell, _CELL, width) for cell, width in zip(row, widths, strict=True)]
        for row in table.rows
    ]
    grid = Grid(
        rows, colWidths=widths, repeatRows=1, splitInRow=1, style=_GRID_STYLE, hAlign="LEFT"
    )
    parts: list[Flowable] = []
    if table.caption:
        parts.append(_p(table.caption, _CAPTION))
    parts.append(grid)
    parts.append(Spacer(1, 9))
    return parts


def _fields(fields: list[tuple[str, int]]) -> Table:
    """Labelled ruled lines to write on; a field of several lines rules the full width below."""
    rows: list[list[Paragraph | str]] = []
    commands: list[tuple[object, ...]] = [*_PAD, ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
    for label, count in fields:
        first = len(rows)
        rows.append([_p(f"{label}:", _LABEL), ""])
        commands.append(("LINEBELOW", (1, first), (1, first), 0.6, INK))
        for extra in range(first + 1, first + max(count, 1)):
            rows.append(["", ""])
            commands.append(("SPAN", (0, extra), (1, extra)))
            commands.append(("LINEBELOW", (0, extra), (1, extra), 0.6, INK))
    label_width = _LABEL_SHARE * FRAME_WIDTH
    return Table(
        rows,
        colWidths=[label_width, FRAME_WIDTH - label_width],
        rowHeights=[_FIELD_HEIGHT] * len(rows),
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def _signature(closing: str | None, signature: content.Signature | None) -> list[Flowable]:
    parts: list[Flowable] = []
    if closing:
        parts.append(_p(closing, _BASE))
    if signature is not None:
        lines = [", ".join(part for part in (signature.name, signature.credentials) if part)]
        if signature.npi:
            lines.append(f"NPI {signature.npi}")
        lines += signature.lines
        # As US letters are signed: the signature line above the printed name, the rest below.
        first, rest = signature.signer_fields[:1], signature.signer_fields[1:]
        if first:
            parts.append(Spacer(1, 14))
            parts.append(_fields([(first[0], 1)]))
        parts.append(Spacer(1, 4 if first else 10))
        parts.append(_lines(lines, _BASE))
        if rest:
            parts.append(Spacer(1, 4))
            parts.append(_fields([(field, 1) for field in rest]))
    if not parts:
        return []
    return [Spacer(1, 6), KeepTogether(parts)]


def _numbered_section(title: str, items: tuple[str, ...]) -> list[Flowable]:
    entries: list[Flowable] = [
        Paragraph(escape(item), _CITATION, bulletText=f"{number}.")
        for number, item in enumerate(items, start=1)
    ]
    return [CondPageBreak(48), _p(title, _HEADING), *entries]
