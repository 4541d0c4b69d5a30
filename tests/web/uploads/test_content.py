import pytest

from ketacover.web.uploads.content import (
    MAX_UPLOAD_BYTES,
    UploadError,
    content_type_of,
    safe_name,
)

from ..conftest import image_bytes, readable_pdf

PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")
PDF = readable_pdf("Referral notes")


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")],
)
def test_it_reads_the_kind_from_the_first_bytes(content, content_type):
    assert content_type_of(content) == content_type


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"MZ\x90\x00 an executable", "only PDF, PNG and JPEG"),
        (b"<html>%PDF-</html>", "only PDF, PNG and JPEG"),
        (b"%PDF-" + b"0" * MAX_UPLOAD_BYTES, "larger than 10 MB"),
        (b"%PDF-1.7\nthe first lines of a letter, cut off", "the PDF cannot be read"),
    ],
)
def test_it_refuses_what_is_not_a_pdf_png_or_jpeg_whatever_its_name(content, message):
    with pytest.raises(UploadError, match=message):
        content_type_of(content)


@pytest.mark.parametrize(
    ("name", "content_type", "kept"),
    [
        ("clinical notes.pdf", "application/pdf", "clinical notes.pdf"),
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("C:\\Users\\x\\scan.PNG", "image/png", "scan.png"),
        ("evil.exe", "image/jpeg", "evil.jpg"),
        ("résumé<script>.pdf", "application/pdf", "resume_script.pdf"),
        ("...", "application/pdf", "upload.pdf"),
        ("a" * 300 + ".pdf", "application/pdf", "a" * 96 + ".pdf"),
    ],
)
def test_names_are_sanitized_and_end_in_the_real_extension(name, content_type, kept):
    assert safe_name(name, content_type) == kept
