"""The errors a renderer raises: bad input it was handed, never a layout failure of its own."""

from __future__ import annotations

from ketacover.core.errors import KetacoverError


class RenderError(KetacoverError):
    """A document could not be laid out as given (an attachment that is not a PDF, a ragged table).

    Messages name the attachment, the table or the suffix, never a person.
    """


class UnsupportedFormatError(RenderError, ValueError):
    """An output path or format name is not one of the formats ketacover writes."""


class AttachmentBudgetError(RenderError):
    """The attachments of one packet (or one uploaded PDF) hold more pages, or more page
    content once decompressed, than a packet may; the message names the attachment."""
