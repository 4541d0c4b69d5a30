"""The ABN (form CMS-R-131) as PDF: one page with the form's blanks and the case's entries."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from ketacover.core.billing.abn import compose
from ketacover.interop.casefile import load_case
from ketacover.render.abn import abn_pdf

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_notice_is_one_page_with_every_blank_and_the_entries():
    notice = compose(load_case(EXAMPLES / "medicare-iv-ketamine.yaml"))
    reader = PdfReader(BytesIO(abn_pdf(notice)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for blank in (
        "A. Notifier:",
        "B. Patient Name:",
        "C. Identification Number:",
        "E. Reason Medicare May Not Pay:",
        "F. Estimated Cost",
        "G. OPTIONS:",
        "H. Additional Information:",
        "I. Signature:",
        "J. Date:",
    ):
        assert blank in text
    assert "Advance Beneficiary Notice of Non-coverage (ABN)" in text
    assert "Desert Example Infusion Center" in text
    assert "Walter Pinecrest" in text
    assert "case-0012" in text
    assert "$40.00" in text
    assert "$360.00" in text
    assert "$400.00 each" in text
    assert "$2,400.00 for 6" in text
    assert text.count("OPTION ") == 3
    assert "CMS-R-131" in text
