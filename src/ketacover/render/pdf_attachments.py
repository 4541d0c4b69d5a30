"""Attached PDFs (clinical notes, prior records) appended to a packet and numbered with it.

Each attachment is opened before the packet is laid out, so its pages count in "Page N of M";
its pages are then stamped with the running header and their numbers (a reportlab overlay
merged onto each page) and bookmarked by the name the user gave the file. A file that is not a
readable PDF is refused with a :class:`RenderError` naming it.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from reportlab.pdfgen.canvas import Canvas

from ketacover.render.errors import RenderError
from ketacover.render.pdf_page import Furniture, draw_furniture

# What pypdf lets through on bytes it cannot make sense of, besides its own errors (found by
# feeding it corrupted PDFs): bad numbers and names, missing keys, unknown filters, broken
# compressed streams, self-referencing objects.
_UNREADABLE = (
    PyPdfError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    AssertionError,
    OSError,
    RuntimeError,
    zlib.error,
    struct.error,
)


@dataclass(frozen=True, slots=True)
class Attachment:
    """An opened attached PDF: the name it is listed and bookmarked under, and its pages."""

    name: str
    pages: tuple[PageObject, ...]


@contextmanager
def _refusing(name: str, what: str) -> Iterator[None]:
    try:
        yield
    except _UNREADABLE as exc:
        raise RenderError(f"attachment {name!r} {what}: {type(exc).__name__}") from exc


def open_attachments(attachments: Sequence[tuple[str, bytes]]) -> list[Attachment]:
    """Open each attachment as a PDF, or raise :class:`RenderError` naming the first that fails."""
    opened: list[Attachment] = []
    for name, data in attachments:
        with _refusing(name, "is not a readable PDF"):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise RenderError(f"attachment {name!r} is a password-protected PDF")
            pages = tuple(reader.pages)
        if not pages:
            raise RenderError(f"attachment {name!r} is a PDF without pages")
        opened.append(Attachment(name=name, pages=pages))
    return opened


def append_attachments(main: bytes, attachments: list[Attachment], furniture: Furniture) -> bytes:
    """``main`` followed by every attachment page, stamped, numbered on and bookmarked."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(main)))
    first = len(writer.pages) + 1
    total = len(writer.pages) + sum(len(attachment.pages) for attachment in attachments)
    added: list[tuple[str, PageObject]] = []
    boxes: list[tuple[float, float, float, float]] = []
    for attachment in attachments:
        start = len(writer.pages)
        with _refusing(attachment.name, "has a page that cannot be read"):
            for page in attachment.pages:
                copy = writer.add_page(page)
                if copy.rotation:
                    copy.transfer_rotation_to_content()
                added.append((attachment.name, copy))
                boxes.append(_visible(copy))
        writer.add_outline_item(title=attachment.name, page_number=start)
    stamps = PdfReader(io.BytesIO(_stamps(furniture, boxes, first, total))).pages
    for (name, page), stamp in zip(added, stamps, strict=True):
        with _refusing(name, "has a page that cannot be stamped"):
            page.merge_page(stamp)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _visible(page: PageObject) -> tuple[float, float, float, float]:
    crop = page.cropbox
    return (float(crop.left), float(crop.bottom), float(crop.width), float(crop.height))


def _stamps(
    furniture: Furniture, boxes: list[tuple[float, float, float, float]], first: int, total: int
) -> bytes:
    """One transparent page per attachment page, sized like it, with its header and number."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for offset, box in enumerate(boxes):
        left, bottom, width, height = box
        canvas.setPageSize((left + width, bottom + height))
        draw_furniture(canvas, furniture, first + offset, total, box, backed=True)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
