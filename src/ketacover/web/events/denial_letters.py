"""Reading an uploaded denial letter: accepted by content (a PDF starts with ``%PDF-``), never
by its name, up to :data:`MAX_LETTER_BYTES`, and its text extracted with pypdf. The bytes are
read in memory and not kept."""

from __future__ import annotations

import io
import logging
import struct
import zlib
from typing import Final

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ketacover.core.errors import KetacoverError
from ketacover.render.pdf_attachments import UnreadFilterError, content_size

MAX_LETTER_BYTES: Final = 5 * 1024 * 1024
"""A denial letter is a few pages; anything above 5 MB is refused."""

MAX_PAGES: Final = 30
"""Only the first pages are read; a notice states its reason up front."""

MAX_TEXT_BYTES: Final = 4 * 1024 * 1024
"""Most page content (decoded) read from those pages: a typed page holds a few tens of
kilobytes; a compressed stream that inflates past this is refused before text is extracted."""

PDF_MAGIC: Final = b"%PDF-"

_UNREADABLE: Final = (
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
"""What pypdf lets through on damaged bytes besides its own errors (an unknown stream filter is
a NotImplementedError, a self-referencing object a RecursionError): as in
:mod:`ketacover.render.pdf_attachments`."""


class DenialLetterError(KetacoverError):
    """The upload is not a readable PDF; the message starts with the form field, ``letter``."""


def letter_text(content: bytes) -> tuple[str, int]:
    """The text of a PDF denial letter and its page count.

    Raises :class:`DenialLetterError` for anything that is not a PDF by content, too large,
    password-protected, unreadable, or without a text layer (a scan).
    """
    if len(content) > MAX_LETTER_BYTES:
        raise DenialLetterError("letter: the file is larger than 5 MB")
    if not content.startswith(PDF_MAGIC):
        raise DenialLetterError("letter: the file is not a PDF (its content does not start %PDF-)")
    # pypdf reports damaged files through logging as well as by raising; keep those notes out of
    # the server log, which must not carry anything from a patient's document.
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise DenialLetterError("letter: the PDF is password-protected; upload an open copy")
        pages = reader.pages
        first = list(pages)[:MAX_PAGES]
        budget = MAX_TEXT_BYTES
        for page in first:
            try:
                budget -= content_size(page, budget)
            except UnreadFilterError as error:
                raise DenialLetterError(
                    "letter: the PDF compresses its pages with a method ketacover does not "
                    f"read ({error.args[0]}); type the denial in instead"
                ) from None
            if budget < 0:
                raise DenialLetterError(
                    "letter: the PDF's pages hold more than "
                    f"{MAX_TEXT_BYTES // (1024 * 1024)} MB of content once decompressed; "
                    "type the denial in instead"
                )
        text = "\n".join(page.extract_text() or "" for page in first)
        count = len(pages)
    except _UNREADABLE as error:
        raise DenialLetterError(
            f"letter: the PDF cannot be read ({type(error).__name__})"
        ) from None
    finally:
        quiet.setLevel(level)
    if not text.strip():
        raise DenialLetterError(
            "letter: the PDF has no text layer (a scan?); type the denial in instead"
        )
    return text, count
