"""The render entry point: a letter in a format, and the format a file name asks for."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError
from ketacover.core.letters.letter import Letter
from ketacover.render import FORMATS, UnsupportedFormatError, format_for_path, render


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [("pdf", b"%PDF-"), ("docx", b"PK\x03\x04"), ("html", b"<!DOCTYPE html>")],
)
def test_it_renders_a_letter_in_each_format(letter: Letter, fmt: str, magic: bytes) -> None:
    assert fmt in FORMATS
    data = render(letter, fmt)  # type: ignore[arg-type]
    assert data.startswith(magic)


def test_html_comes_back_as_utf8_bytes(letter: Letter) -> None:
    assert "Åkeson".encode() in render(letter, "html")


def test_an_unknown_format_is_refused(letter: Letter) -> None:
    with pytest.raises(UnsupportedFormatError, match="'rtf': use one of pdf, docx, html"):
        render(letter, "rtf")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("letter.pdf", "pdf"),
        ("out/Letter.PDF", "pdf"),
        ("appeal.docx", "docx"),
        (Path("preview.html"), "html"),
        ("preview.htm", "html"),
        ("packet.v2.pdf", "pdf"),
    ],
)
def test_it_tells_the_format_from_the_suffix(path: str | Path, fmt: str) -> None:
    assert format_for_path(path) == fmt


@pytest.mark.parametrize(
    ("path", "shown"),
    [("letter.txt", "'.txt'"), ("letter.doc", "'.doc'"), ("letter", "no suffix")],
)
def test_an_unknown_suffix_is_refused_naming_it_and_the_formats(path: str, shown: str) -> None:
    with pytest.raises(KetacoverError) as raised:
        format_for_path(path)
    assert isinstance(raised.value, UnsupportedFormatError)
    assert str(raised.value) == f"cannot tell the format from {shown}: use .pdf, .docx or .html"
