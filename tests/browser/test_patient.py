"""A patient in a real browser: their own case only, read-only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_patient_sees_only_their_own_case_and_no_staff_forms(browser, people):
    browser.log_in("patient")
    browser.open("/cases/")
    rows = browser.find_all("#case-table tbody tr")
    assert len(rows) == 1
    assert people.case.case_id in rows[0].text
    assert people.second_case.case_id not in browser.text()

    browser.open(f"/cases/{people.case.pk}/")
    assert browser.find("#assessment").text == "Ways to pay"
    assert not browser.find_all("main form[method=post]")
    assert not browser.find_all("main button[type=submit]")
    assert "Record a call" not in browser.text()

    for other in (people.second_case, people.other_case):
        browser.open(f"/cases/{other.pk}/")
        assert browser.find("h1").text == "Page not found"
        assert browser.find_all('main a[href="/"]'), "the 404 page offers a way back"
        assert other.case_id not in browser.driver.page_source
