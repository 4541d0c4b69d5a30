"""The printed page of a PDF: US Letter with 1-inch margins, a running header, "Page N of M".

A page's furniture (header and number) is drawn once the total is known: the canvas holds each
finished page until the document is saved, then stamps them all. The same drawing stamps the
pages of attached PDFs, so a packet reads as one numbered document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color, white
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas

from ketacover.render.layout import page_label

PAGE_WIDTH, PAGE_HEIGHT = LETTER
MARGIN = inch
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - 2 * MARGIN

FONT = "Helvetica"
BOLD = "Helvetica-Bold"
ITALIC = "Helvetica-Oblique"
INK = Color(0.1, 0.1, 0.12)
MUTED = Color(0.35, 0.36, 0.4)
RULE = Color(0.6, 0.62, 0.66)
SHADE = Color(0.92, 0.93, 0.95)

_FURNITURE_SIZE = 8.0
_HEADER_DROP = 0.55 * inch
_FOOTER_RISE = 0.5 * inch


@dataclass(frozen=True, slots=True)
class Furniture:
    """What goes on every page but the content: the header text and the page count to show.

    ``header_from`` is the first page number that carries the header (2: not on the letterhead
    page). ``extra_pages`` are pages appended after the build (attachments), counted in "of M".
    """

    header: str
    header_from: int = 2
    extra_pages: int = 0
    language: str = "en"
    """The language of the page number ("Page N of M" or "Página N de M")."""


def draw_furniture(
    canvas: Canvas,
    furniture: Furniture,
    number: int,
    total: int,
    box: tuple[float, float, float, float] = (0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT),
    *,
    backed: bool = False,
) -> None:
    """Draw the running header (from ``header_from`` on) and "Page N of M" on one page.

    ``box`` is the page's visible area (left, bottom, width, height). ``backed`` puts a white
    ground under the words, for pages drawn by someone else whose margins may not be empty.
    """
    left, bottom, width, height = box
    margin = min(MARGIN, width / 8)
    canvas.saveState()
    canvas.setFont(FONT, _FURNITURE_SIZE)
    if furniture.header and number >= furniture.header_from:
        top = bottom + height - min(_HEADER_DROP, height / 10)
        _words(canvas, furniture.header, left + margin, top, backed=backed)
        if not backed:
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(left + margin, top - 5, left + width - margin, top - 5)
    label = page_label(number, total, furniture.language)
    label_width = canvas.stringWidth(label, FONT, _FURNITURE_SIZE)
    rise = min(_FOOTER_RISE, height / 10)
    _words(canvas, label, left + (width - label_width) / 2, bottom + rise, backed=backed)
    canvas.restoreState()


def _words(canvas: Canvas, text: str, x: float, y: float, *, backed: bool) -> None:
    if backed:
        canvas.setFillColor(white)
        text_width = canvas.stringWidth(text, FONT, _FURNITURE_SIZE)
        canvas.rect(x - 3, y - 3, text_width + 6, _FURNITURE_SIZE + 5, stroke=0, fill=1)
    canvas.setFillColor(MUTED)
    canvas.drawString(x, y, text)


class FurnishedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that holds finished pages back until save, then numbers them "Page N of M".

    Bookmarks are held with their page too: a destination names the page being written, which
    is only known once the held pages are written out in order.
    """

    def __init__(self, *args: object, furniture: Furniture, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held: list[dict[str, Any]] = []
        self._marks: list[tuple[str, str]] = []

    def mark(self, key: str, title: str) -> None:
        """Put an outline entry (bookmark) titled ``title`` on the page being drawn."""
        self._marks.append((key, title))

    def showPage(self) -> None:  # noqa: N802  (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._marks = []
        self._startPage()

    def save(self) -> None:
        held = self._held
        total = len(held) + self._furniture.extra_pages
        for number, state in enumerate(held, start=1):
            self.__dict__.update(state)
            for key, title in self._marks:
                self.bookmarkPage(key)
                self.addOutlineEntry(title, key, level=0)
            draw_furniture(self, self._furniture, number, total)
            Canvas.showPage(self)
        if any(state["_marks"] for state in held):
            self.showOutline()
        Canvas.save(self)
