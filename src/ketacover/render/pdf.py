"""Letters and packets as PDF (reportlab platypus; no system packages needed).

US Letter, 1-inch margins, Helvetica. The first page opens with the letterhead; page 2 onward
carries the running header the letter gives, and every page "Page N of M". A packet is one PDF:
each document starts on a new page and has a bookmark, attached PDFs follow in order, stamped
and numbered with the rest. Metadata carries the title (and the sender as author), nothing else.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from ketacover.core.letters.letter import Letter, Packet
from ketacover.render.errors import RenderError
from ketacover.render.pdf_page import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    FurnishedCanvas,
    Furniture,
)
from ketacover.render.pdf_story import letter_story

if TYPE_CHECKING:
    from ketacover.render.pdf_attachments import Attachment


class _Bookmark(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """An invisible mark: the page it lands on gets an outline entry with this title."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key = key
        self.title = title

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0.0, 0.0)

    def draw(self) -> None:
        self.canv.mark(self.key, self.title)


def render_pdf(letter: Letter, *, language: str | None = None) -> bytes:
    """One letter as PDF bytes; ``language`` (``en`` or ``es``, by default the letter's own)
    writes the date line and the page numbers, the only words a renderer adds."""
    author = letter.sender.name if letter.sender is not None else ""
    chosen = language or letter.language
    furniture = Furniture(letter.running_header, language=chosen)
    return _build(letter_story(letter, chosen), letter.title, author, furniture)


def render_packet_pdf(packet: Packet, attachments: Sequence[tuple[str, bytes]] = ()) -> bytes:
    """A packet as one PDF: its documents in order, then ``attachments`` as ``(name, pdf)``.

    Raises :class:`RenderError` for a packet without documents or an attachment that is not a
    readable PDF (naming it).
    """
    if not packet.documents:
        raise RenderError(f"packet {packet.title!r} has no documents")
    opened: list[Attachment] = []
    if attachments:
        # pypdf is imported only when there is something to attach.
        from ketacover.render.pdf_attachments import open_attachments

        opened = open_attachments(attachments)
    story: list[Flowable] = []
    for index, document in enumerate(packet.documents):
        if index:
            story.append(PageBreak())
        story.append(_Bookmark(f"document-{index}", document.title))
        story += letter_story(document)
    furniture = Furniture(
        packet.running_header, extra_pages=sum(len(attachment.pages) for attachment in opened)
    )
    senders = [doc.sender.name for doc in packet.documents if doc.sender is not None]
    main = _build(story, packet.title, senders[0] if senders else "", furniture)
    if not opened:
        return main
    from ketacover.render.pdf_attachments import append_attachments

    return append_attachments(main, opened, furniture)


def _build(story: list[Flowable], title: str, author: str, furniture: Furniture) -> bytes:
    buffer = io.BytesIO()
    frame = Frame(
        MARGIN,
        MARGIN,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    document = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        pageTemplates=[PageTemplate(id="page", frames=[frame])],
        title=title,
        author=author,
        subject="",
        keywords="",
        creator="ketacover",
        invariant=1,
    )
    document.build(story, canvasmaker=partial(FurnishedCanvas, furniture=furniture))
    return buffer.getvalue()
