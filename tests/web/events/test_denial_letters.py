from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from ketacover.web.events.denial_letters import MAX_LETTER_BYTES, DenialLetterError, letter_text


def test_the_text_and_page_count_of_a_pdf_are_read(pdf):
    text, pages = letter_text(pdf("Considered experimental and investigational."))
    assert "experimental and investigational" in text
    assert pages == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a not a pdf", "not a PDF"),
        (b"%PDF-1.7\nthis is not really a pdf", "cannot be read"),
        (b"%PDF-" + b"0" * MAX_LETTER_BYTES, "larger than 5 MB"),
    ],
)
def test_anything_but_a_readable_pdf_is_refused_by_content(content, message):
    with pytest.raises(DenialLetterError, match=f"^letter: .*{message}"):
        letter_text(content)


def test_a_scan_without_text_is_refused(pdf):
    with pytest.raises(DenialLetterError, match="no text layer"):
        letter_text(pdf())


def test_a_password_protected_pdf_is_refused(pdf):
    from pypdf import PdfReader

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf("experimental"))))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DenialLetterError, match="password-protected"):
        letter_text(buffer.getvalue())
