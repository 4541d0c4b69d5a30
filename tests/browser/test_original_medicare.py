"""An Original Medicare case in the browser: the claim path, and the ABN filled and listed."""

from __future__ import annotations

from ketacover.interop.casefile import load_case
from ketacover.web.cases.services import case_create

from .conftest import EXAMPLES, TODAY


def test_a_staffer_sees_the_claim_path_and_fills_the_abn(browser, people):
    record = case_create(
        user=people.staff,
        workspace=people.clinic,
        case=load_case(EXAMPLES / "medicare-iv-ketamine.yaml"),
        today=TODAY,
    )
    browser.log_in("staff")
    browser.open(f"/cases/{record.pk}/section/overview/")
    summaries = [s.text for s in browser.find_all("details.card summary strong")]
    assert "IV ketamine, billed to Medicare by the clinic (no prior authorization)" in summaries
    browser.open(f"/cases/{record.pk}/section/documents/")
    assert "Prior-authorization packet" not in browser.text()
    browser.submit("Fill the ABN")
    assert "Advance Beneficiary Notice (ABN) (version 1) is ready." in browser.text(".messages")
    assert "Advance Beneficiary Notice (ABN)" in browser.text("#section-documents .table-wrap")
    for size in ((1366, 900), (390, 844)):
        _, too_wide = browser.screenshot("original-medicare-case", size)
        assert not too_wide


def test_a_staffer_records_the_signed_abn_from_the_claims_section(browser, people):
    from dataclasses import replace

    from selenium.webdriver.common.by import By

    case = load_case(EXAMPLES / "medicare-iv-ketamine.yaml")
    record = case_create(
        user=people.staff, workspace=people.clinic, case=replace(case, abn=None), today=TODAY
    )
    browser.log_in("staff")
    browser.open(f"/cases/{record.pk}/section/claims/")
    assert "No signed ABN is recorded" in browser.text("#section-claims")
    browser.fill_all({"abn-signed": "2026-11-10", "abn-option": "bill_medicare"})
    button = browser.driver.find_element(By.XPATH, '//button[normalize-space()="Save the ABN"]')
    browser.click(button)
    browser.wait(lambda d: "Signed on Nov 10, 2026: option 1" in browser.text("#section-claims"))
    for size in ((1366, 900), (390, 844)):
        _, too_wide = browser.screenshot("original-medicare-abn-recorded", size)
        assert not too_wide
