"""Attached PDFs (clinical notes, prior records) appended to a packet and numbered with it.

Each attachment is opened before the packet is laid out, so its pages count in "Page N of M";
its pages are then stamped with the running header and their numbers (a reportlab overlay
merged onto each page) and bookmarked by the name the user gave the file. A file that is not a
readable PDF is refused with a :class:`RenderError` naming it.

Stamping decodes each page's content stream, and a Flate stream of 70 kB can hold 70 MB: a
1 MB file of 15 such pages once grew a worker to 4 GB. So the attachments of one packet share a
budget (:data:`MAX_PAGES` pages, :data:`MAX_CONTENT_BYTES` of page content once decoded),
measured before anything is decoded whole: Flate streams are inflated in chunks whose output is
counted and dropped, stopping at the budget. The same budget applies to one file at upload.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.filters import ASCII85Decode, ASCIIHexDecode
from pypdf.generic import ArrayObject, StreamObject
from reportlab.pdfgen.canvas import Canvas

from ketacover.render.errors import AttachmentBudgetError, RenderError
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


MAX_PAGES: Final = 1000
"""Most attached pages in one packet (a year of clinical notes is a few hundred)."""
MAX_CONTENT_BYTES: Final = 32 * 1024 * 1024
"""Most page content, once decoded, in the attachments of one packet: a typed page holds a few
tens of kilobytes and a scanned one a few bytes (its picture is not decoded to stamp it)."""
_CHUNK: Final = 64 * 1024
# Filters that never grow what they decode, decoded whole (their output is at most their input).
_SHRINKING: Final[dict[str, Callable[[bytes], bytes]]] = {
    "/ASCIIHexDecode": ASCIIHexDecode.decode,
    "/ASCII85Decode": ASCII85Decode.decode,
}


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
    """Open each attachment as a PDF, or raise :class:`RenderError` naming the first that fails
    (:class:`AttachmentBudgetError` when the attachments together go past the budget)."""
    opened: list[Attachment] = []
    pages_left, bytes_left = MAX_PAGES, MAX_CONTENT_BYTES
    for name, data in attachments:
        with _refusing(name, "is not a readable PDF"):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise RenderError(f"attachment {name!r} is a password-protected PDF")
            count = len(reader.pages)
            if count > pages_left:
                raise AttachmentBudgetError(
                    f"attachment {name!r} brings the attached pages past {MAX_PAGES}; "
                    "attach fewer or shorter files"
                )
            pages = tuple(reader.pages)
            for number, page in enumerate(pages, start=1):
                try:
                    bytes_left -= content_size(page, bytes_left)
                except UnreadFilterError as error:
                    raise RenderError(
                        f"attachment {name!r} compresses its page {number} with a method "
                        f"ketacover does not read ({error.args[0]}); print it to a new PDF"
                    ) from None
                if bytes_left < 0:
                    raise AttachmentBudgetError(
                        f"attachment {name!r} brings the attached page content past "
                        f"{MAX_CONTENT_BYTES // (1024 * 1024)} MB once decompressed (at its "
                        f"page {number}); attach fewer files, or print it to a new PDF"
                    )
        if not pages:
            raise RenderError(f"attachment {name!r} is a PDF without pages")
        pages_left -= count
        opened.append(Attachment(name=name, pages=pages))
    return opened


class UnreadFilterError(ValueError):
    """A content stream compressed with a filter whose output is not bounded by its input."""


def content_size(page: PageObject, limit: int) -> int:
    """The decoded size of ``page``'s content streams, or ``limit + 1`` as soon as it is known
    to be larger; never holds more than one chunk of decoded content. Raises ``ValueError``
    for a stream compressed with a filter whose output is not bounded by its input."""
    contents = page.get("/Contents")
    if contents is None:
        return 0
    target = contents.get_object()
    streams = (
        [part.get_object() for part in target] if isinstance(target, ArrayObject) else [target]
    )
    total = 0
    for stream in streams:
        if not isinstance(stream, StreamObject):
            continue
        total += _stream_size(stream, limit - total)
        if total > limit:
            return limit + 1
    return total


def _stream_size(stream: StreamObject, limit: int) -> int:
    filters = stream.get("/Filter")
    names = [str(each) for each in filters] if isinstance(filters, ArrayObject) else [filters]
    names = [str(each) for each in names if each is not None]
    data: bytes = stream._data  # the stored (encoded) bytes; get_data() would decode them whole
    for position, name in enumerate(names):
        if name in _SHRINKING:
            data = _SHRINKING[name](data)
        elif name in ("/FlateDecode", "/Fl") and position == len(names) - 1:
            return _inflated_size(data, limit)
        else:
            # Any other filter (LZW, run-length, or Flate followed by more filters) could grow
            # without bound; pages of current software never use one for their text.
            raise UnreadFilterError(name)
    return len(data)


def _inflated_size(data: bytes, limit: int) -> int:
    inflater = zlib.decompressobj()
    total = 0
    pending = data
    while pending and total <= limit:
        chunk = inflater.decompress(pending, _CHUNK)
        total += len(chunk)
        pending = inflater.unconsumed_tail
        if not chunk and not pending:
            break
    return total


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
