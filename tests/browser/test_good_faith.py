"""A staffer makes a self-pay patient's Good Faith Estimate from the case page and downloads the
PDF; the page, with the estimate in its documents, fits desktop and phone screens."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from ketacover.interop.casefile import load_case
from ketacover.web.cases.services import case_create

from .conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.browser

SIZES = ((1366, 900), (390, 844))


def test_staff_make_and_download_the_good_faith_estimate(browser, people):
    record = case_create(
        user=people.staff,
        workspace=people.clinic,
        case=load_case(EXAMPLES / "self-pay-iv-ketamine-gfe.yaml"),
        today=TODAY,
    )
    browser.log_in("staff")
    browser.open(f"/cases/{record.pk}/section/documents/")
    browser.submit("Make the Good Faith Estimate (PDF)")
    assert "Good Faith Estimate (version 1) is ready." in browser.text()
    too_wide = [size for size in SIZES if browser.screenshot("case-page-gfe", size)[1]]
    assert too_wide == []
    link = browser.find('#section-documents .table-wrap a[href*="/documents/"]')
    assert link.text == "Good Faith Estimate"
    browser.click(link)
    pdf = browser.downloaded(".pdf")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.read_bytes())).pages)
    assert "$1,920.00" in text
