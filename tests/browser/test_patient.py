"""A patient in a real browser: their own page of their own case, the next step first, a letter
from the plan attached, the page in Spanish, on a phone and on a laptop; never the clinic's
pages or another person's case."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketacover.web.uploads.models import Upload

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PHONE, LAPTOP = (390, 844), (1366, 900)


def _pdf(path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    canvas.drawString(72, 720, "Explanation of benefits")
    canvas.showPage()
    canvas.save()
    return path


def test_a_patient_logs_in_sees_the_next_step_first_attaches_an_eob_and_reads_it_in_spanish(
    browser, people
):
    browser.log_in("patient")
    assert browser.driver.current_url == f"{browser.base}/me/cases/{people.case.pk}/"
    first = browser.find("main section")
    assert first.get_attribute("id") == "next"
    assert browser.find("#next h2").text == "Your next step"
    text = browser.text()
    for clinic_word in ("J0013", "REMS", "CFR", "Record a call", "Stage", "Assignee"):
        assert clinic_word not in text
    for size in (PHONE, LAPTOP):
        _path, too_wide = browser.screenshot("patient-case-en", size)
        assert not too_wide, size

    browser.click(browser.find('#letters input[name="kind"][value="eob"]'))
    upload = browser.find('input[type="file"]')
    upload.send_keys(str(_pdf(ARTIFACTS / "eob-upload.pdf")))
    browser.submit("Add the file")
    assert "Your clinic can see the file now" in browser.text(".messages")
    assert "An explanation of benefits (EOB)" in browser.text("#letters")
    assert Upload.objects.filter(case=people.case, created_by=people.patient).count() == 1

    browser.fill("language", "es")
    browser.submit("Change")
    assert browser.driver.current_url.startswith(f"{browser.base}/me/cases/{people.case.pk}/")
    assert browser.find("html").get_attribute("lang") == "es"
    assert browser.find("#next h2").text == "Su próximo paso"
    assert "Una explicación de beneficios (EOB)" in browser.text("#letters")
    for size in (PHONE, LAPTOP):
        _path, too_wide = browser.screenshot("patient-case-es", size)
        assert not too_wide, size


def test_a_patient_never_reaches_the_clinics_pages_or_another_case(browser, people):
    browser.log_in("patient")
    for staff_page in ("/", "/cases/", f"/cases/{people.case.pk}/"):
        browser.open(staff_page)
        assert browser.driver.current_url == f"{browser.base}/me/cases/{people.case.pk}/"
    for other in (people.second_case, people.other_case):
        for page in (f"/cases/{other.pk}/", f"/me/cases/{other.pk}/"):
            browser.open(page)
            assert browser.find("h1").text == "Page not found"
            assert browser.find_all('main a[href="/"]'), "the 404 page offers a way back"
            assert other.case_id not in browser.driver.page_source
            assert other.patient_name not in browser.driver.page_source
