"""What an uploaded file is, read from its first bytes (its name is not trusted), and a safe
name to keep it under."""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import warnings
from typing import Final

from PIL import Image

from ketacover.core.errors import KetacoverError
from ketacover.render.errors import AttachmentBudgetError, RenderError
from ketacover.render.pdf_attachments import MAX_CONTENT_BYTES, MAX_PAGES, open_attachments

MAX_UPLOAD_BYTES: Final = 10 * 1024 * 1024
"""The largest file accepted: 10 MB."""
MAX_PIXELS: Final = 40_000_000
"""The most pixels an image may have (a letter page scanned at 600 dpi has 34 million); decoded
whole, such an image takes at most 160 MB for a moment."""

_SIGNATURES: Final = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
"""Magic bytes of the accepted kinds: PDF, PNG and JPEG."""

EXTENSIONS: Final = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
"""The extension a kept name ends with, by content type."""

_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._ -]+")
_NAME_LIMIT: Final = 100


class UploadError(KetacoverError):
    """A file that is not accepted; the message says why, without its content."""


def content_type_of(content: bytes) -> str:
    """``application/pdf``, ``image/png`` or ``image/jpeg`` from the file's first bytes; anything
    else (whatever its name says) raises :class:`UploadError`."""
    if not content:
        raise UploadError("file: the file is empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise UploadError("file: the file is larger than 10 MB")
    content_type = signature_of(content)
    if content_type is None:
        raise UploadError("file: only PDF, PNG and JPEG files are accepted (read from the content)")
    if content_type == "application/pdf":
        _require_readable_pdf(content)
    else:
        _require_whole_image(content, content_type)
    return content_type


def signature_of(head: bytes) -> str | None:
    """The kind the first bytes announce (``application/pdf``, ``image/png``, ``image/jpeg``),
    or None; it does not open the file, so a damaged PDF still reads as a PDF here."""
    for magic, content_type in _SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def _require_readable_pdf(content: bytes) -> None:
    """Refuse a PDF that cannot be opened, is locked with a password or has no pages: it could
    never be read by a reviewer nor appended to a prior-authorization packet."""
    try:
        open_attachments([("file", content)])
    except AttachmentBudgetError as exc:
        raise UploadError(
            f"file: the PDF holds more than a packet can carry ({MAX_PAGES} pages, "
            f"{MAX_CONTENT_BYTES // (1024 * 1024)} MB of page content once decompressed); "
            "split it, or print it to a new PDF"
        ) from exc
    except RenderError as exc:
        raise UploadError(
            "file: the PDF cannot be read (it is damaged, locked with a password, or has no pages)"
        ) from exc


def _require_whole_image(content: bytes, content_type: str) -> None:
    """Refuse a PNG or JPEG that does not decode whole: one whose header claims more than
    :data:`MAX_PIXELS` pixels (checked before any pixel is decoded), one that is truncated or
    damaged, or one whose content is another format than its first bytes said."""
    kind = "PNG" if content_type == "image/png" else "JPEG"
    try:
        with warnings.catch_warnings():
            # Pillow warns (and above twice the limit refuses) on its own pixel bound; ours is
            # lower and checked first, so its warning says nothing new.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=[kind]) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise UploadError(
                        f"file: the {kind} image is {width} x {height} pixels, more than the "
                        f"{MAX_PIXELS // 1_000_000} million accepted (scan at 300 dpi)"
                    )
                image.load()
    except UploadError:
        raise
    except Image.DecompressionBombError as exc:
        # Pillow's own bound (twice its warning size) is higher than ours: past ours too.
        raise UploadError(
            f"file: the {kind} image has more pixels than the {MAX_PIXELS // 1_000_000} "
            "million accepted (scan at 300 dpi)"
        ) from exc
    except (OSError, ValueError, SyntaxError, struct.error) as exc:
        raise UploadError(
            f"file: the {kind} image cannot be read whole (it is damaged or truncated)"
        ) from exc


def safe_name(name: str, content_type: str) -> str:
    """``name`` without folders or unsafe characters, at most 100 characters, ending in the
    extension of its real content type (``../../x.exe`` with PDF bytes becomes ``x.pdf``)."""
    base = re.split(r"[\\/]", name)[-1]
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE.sub("_", ascii_name).strip(" ._-")
    stem = cleaned.rsplit(".", 1)[0] if "." in cleaned else cleaned
    stem = re.sub(r"[ _]{2,}", "_", stem).strip(" ._-") or "upload"
    extension = EXTENSIONS[content_type]
    return stem[: _NAME_LIMIT - len(extension)] + extension
