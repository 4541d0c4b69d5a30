"""PDF packets: documents and attachments in one file, numbered through and bookmarked."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace

import pytest
from pypdf import PdfReader, PdfWriter

from ketacover.core.letters.letter import Packet
from ketacover.render.errors import RenderError
from ketacover.render.pdf import render_packet_pdf, render_pdf

PdfPages = Callable[..., bytes]


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def bookmarks(reader: PdfReader) -> list[tuple[str, int]]:
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


def starts(packet: Packet) -> tuple[list[int], int]:
    """Where each document would start, and the page count, from the documents on their own."""
    first_pages, total = [], 0
    for document in packet.documents:
        first_pages.append(total)
        total += len(read(render_pdf(document)).pages)
    return first_pages, total


def test_each_document_starts_on_a_new_page_with_its_bookmark(packet: Packet) -> None:
    reader = read(render_packet_pdf(packet))
    first_pages, total = starts(packet)
    assert len(reader.pages) == total >= 4
    titles = [document.title for document in packet.documents]
    assert bookmarks(reader) == list(zip(titles, first_pages, strict=True))
    for document, page in zip(packet.documents, first_pages, strict=True):
        assert document.title in reader.pages[page].extract_text()
    assert reader.page_mode == "/UseOutlines"


def test_pages_are_numbered_through_the_packet_with_the_header_after_page_one(
    packet: Packet,
) -> None:
    reader = read(render_packet_pdf(packet))
    texts = [page.extract_text() for page in reader.pages]
    assert packet.running_header not in texts[0]
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        if number > 1:
            assert packet.running_header in text


def test_attachments_follow_in_order_stamped_numbered_and_bookmarked(
    packet: Packet, pdf_pages: PdfPages
) -> None:
    attachments = [("notes.pdf", pdf_pages(2)), ("labs.pdf", pdf_pages(1, label="Lab report"))]
    reader = read(render_packet_pdf(packet, attachments))
    _, own = starts(packet)
    total = own + 3
    assert len(reader.pages) == total
    assert bookmarks(reader)[-2:] == [("notes.pdf", own), ("labs.pdf", own + 2)]
    assert [title for title, _ in bookmarks(reader)[:-2]] == [d.title for d in packet.documents]
    expected = ["Clinical note page 1", "Clinical note page 2", "Lab report page 1"]
    for offset, words in enumerate(expected):
        text = reader.pages[own + offset].extract_text()
        assert words in text
        assert packet.running_header in text
        assert f"Page {own + offset + 1} of {total}" in text
    assert f"Page 1 of {total}" in reader.pages[0].extract_text()


def test_a_packet_keeps_its_title_and_the_first_sender_in_the_metadata(
    packet: Packet, pdf_pages: PdfPages
) -> None:
    for pdf in (render_packet_pdf(packet), render_packet_pdf(packet, [("a.pdf", pdf_pages(1))])):
        metadata = read(pdf).metadata
        assert metadata is not None
        assert metadata.title == "Prior authorization packet"
        assert metadata.author == "Example Ketamine Clinic"
        assert "XKC000123456" not in " ".join(str(value) for value in metadata.values())


def test_a_packet_without_any_sender_has_no_author(packet: Packet) -> None:
    anonymous = replace(packet, documents=(replace(packet.documents[0], sender=None),))
    metadata = read(render_packet_pdf(anonymous)).metadata
    assert metadata is not None
    assert not metadata.author


def test_a_rotated_attachment_page_is_stamped_upright(packet: Packet, pdf_pages: PdfPages) -> None:
    writer = PdfWriter(clone_from=read(pdf_pages(1, label="Scanned form")))
    writer.pages[0].rotate(90)
    buffer = io.BytesIO()
    writer.write(buffer)
    reader = read(render_packet_pdf(packet, [("form.pdf", buffer.getvalue())]))
    last = reader.pages[-1]
    assert last.rotation == 0
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last.extract_text()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("scan.jpg", b"\xff\xd8\xff\xe0 not a pdf at all"),
        ("empty.pdf", b""),
        ("truncated.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog"),
    ],
)
def test_it_refuses_an_attachment_that_is_not_a_pdf_naming_it(
    packet: Packet, pdf_pages: PdfPages, name: str, data: bytes
) -> None:
    attachments = [("fine.pdf", pdf_pages(1)), (name, data)]
    with pytest.raises(RenderError, match=re.escape(f"attachment '{name}' is not a readable PDF")):
        render_packet_pdf(packet, attachments)


def test_it_refuses_a_pdf_without_pages(packet: Packet) -> None:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    with pytest.raises(RenderError, match=r"attachment 'blank\.pdf' is a PDF without pages"):
        render_packet_pdf(packet, [("blank.pdf", buffer.getvalue())])


def test_it_refuses_a_password_protected_pdf(packet: Packet, pdf_pages: PdfPages) -> None:
    writer = PdfWriter(clone_from=read(pdf_pages(1)))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(RenderError, match=r"attachment 'locked\.pdf' is a password-protected PDF"):
        render_packet_pdf(packet, [("locked.pdf", buffer.getvalue())])


def test_a_packet_without_documents_is_refused(packet: Packet) -> None:
    with pytest.raises(RenderError, match="has no documents"):
        render_packet_pdf(replace(packet, documents=()))
