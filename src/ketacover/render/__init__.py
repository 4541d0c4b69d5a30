"""Lays a core :class:`~ketacover.core.letters.letter.Letter` out as PDF, DOCX or HTML.

A renderer knows nothing of cases: it prints exactly the content it is given, adding only page
numbers and the running header the letter carries.

>>> format_for_path("letter.docx")
'docx'
"""

from __future__ import annotations

from os import PathLike
from pathlib import PurePath
from typing import Literal, get_args

from ketacover.core.letters.letter import Letter
from ketacover.render.errors import RenderError, UnsupportedFormatError

Format = Literal["pdf", "docx", "html"]
FORMATS: tuple[Format, ...] = get_args(Format)
_SUFFIXES: dict[str, Format] = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}

__all__ = [
    "FORMATS",
    "Format",
    "RenderError",
    "UnsupportedFormatError",
    "format_for_path",
    "render",
]


def render(letter: Letter, fmt: Format) -> bytes:
    """``letter`` as the bytes of a PDF, DOCX or (UTF-8) HTML file."""
    if fmt == "pdf":
        from ketacover.render.pdf import render_pdf

        return render_pdf(letter)
    if fmt == "docx":
        from ketacover.render.docx import render_docx

        return render_docx(letter)
    if fmt == "html":
        from ketacover.render.html import render_html

        return render_html(letter).encode("utf-8")
    raise UnsupportedFormatError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def format_for_path(path: str | PathLike[str]) -> Format:
    """The format a file name asks for, by its suffix (case does not matter)."""
    suffix = PurePath(path).suffix
    try:
        return _SUFFIXES[suffix.lower()]
    except KeyError:
        shown = repr(suffix) if suffix else "no suffix"
        raise UnsupportedFormatError(
            f"cannot tell the format from {shown}: use .pdf, .docx or .html"
        ) from None
