"""The case page in a real browser: a summary on top that a save brings up to date without a
reload, sections opened from the menu that show the case as it is now, Generate that leaves the
viewer on the documents with the confirmation in view, few Tab presses to any form, and
screenshots of the summary and the sections at desktop and phone size."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/casepage")
OON = "Out-of-network reimbursement with a superbill"


def _verdict(browser, label: str) -> str:
    """The verdict the summary gives the way to pay ``label`` (read from the page's text, as
    the list sits in a closed disclosure)."""
    for item in browser.find_all("#case-summary .verdicts li"):
        text = item.get_attribute("textContent")
        if text.startswith(label):
            return text.rpartition(":")[2].strip()
    raise AssertionError(f"{label} is not in the summary")


def _open_section(browser, slug: str) -> None:
    """Open a section from the menu (htmx) and wait for it."""
    section = browser.find("#case-section > section")
    browser.click(browser.find(f'#case-menu a[href$="/section/{slug}/"]'))
    browser.wait(browser.gone(section))
    browser.wait(lambda d: browser.find_all(f"#section-{slug.replace('-', '_')}"))


def _mark_page(browser) -> None:
    browser.driver.execute_script("window.kcSamePage = 'still here';")


def _same_page(browser) -> bool:
    return browser.driver.execute_script("return window.kcSamePage;") == "still here"


def test_a_recorded_call_changes_the_verdict_on_top_without_a_reload(browser, people):
    browser.log_in("staff")
    browser.open(f"/cases/{people.case.pk}/")
    assert _verdict(browser, OON) != "unlikely"
    _mark_page(browser)
    _open_section(browser, "calls")
    assert browser.driver.current_url.endswith(f"/cases/{people.case.pk}/section/calls/")
    section = browser.find("#section-calls")
    browser.fill_all(
        {
            "call-party": "Behavioral health line",
            "call-reference": "REF-OON-NO",
            "call-out_of_network_benefits": "no",
        }
    )
    browser.click(section.find_element("xpath", './/button[normalize-space()="Save the call"]'))
    browser.wait(browser.gone(section))
    browser.wait(lambda d: _verdict(browser, OON) == "unlikely")
    assert _same_page(browser)
    assert "Call recorded." in browser.text("#section-calls")
    assert "REF-OON-NO" in browser.text("#section-calls")
    assert case_of(CaseRecord.objects.get(pk=people.case.pk)).plan.out_of_network_benefits is False


def test_after_a_request_is_recorded_the_denial_form_offers_it(browser, people):
    browser.log_in("staff")
    browser.open(f"/cases/{people.case.pk}/section/prior-authorizations/")
    _mark_page(browser)
    section = browser.find("#section-prior_authorizations")
    browser.fill_all(
        {
            "pa-submitted": "2026-11-20",
            "pa-treatment": "esketamine",
            "pa-channel": "fax",
            "pa-urgency": "standard",
        }
    )
    browser.click(section.find_element("xpath", './/button[normalize-space()="Save the request"]'))
    browser.wait(browser.gone(section))
    assert "Request recorded." in browser.text("#section-prior_authorizations")
    saved = case_of(CaseRecord.objects.get(pk=people.case.pk)).prior_authorizations[-1]
    _open_section(browser, "denials")
    assert _same_page(browser)
    offered = [
        option.get_attribute("value")
        for option in browser.find_all('[name="denial-prior_authorization_id"] option')
    ]
    assert saved.id in offered


def test_generate_keeps_the_viewer_on_the_documents_with_the_confirmation_in_view(browser, people):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.log_in("staff")
    browser.open(f"/cases/{people.case.pk}/section/documents/")
    presses = 0
    generate = browser.find('#section-documents button[type="submit"]')
    while browser.driver.switch_to.active_element != generate and presses < 60:
        ActionChains(browser.driver).send_keys(Keys.TAB).perform()
        presses += 1
    assert presses <= 40, f"{presses} Tab presses to reach Generate"

    browser.fill("kind", "medical-necessity")
    browser.fill("fmt", "html")
    browser.submit("Generate")
    assert browser.driver.current_url.endswith("/section/documents/#case-section")
    message = browser.find("#case-section .messages")
    assert "(version 1) is ready." in message.text
    top, bottom = browser.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom];", message
    )
    height = browser.driver.execute_script("return window.innerHeight;")
    assert top >= -1
    assert bottom <= height

    _open_section(browser, "overview")
    rows = browser.text("#section-overview table")
    letter = next(line for line in rows.splitlines() if "Letter of medical necessity" in line)
    assert "done" in letter
    assert "Not generated yet" not in letter


def test_the_summary_and_the_sections_are_captured_at_desktop_and_phone_size(browser, people):
    browser.log_in("staff")
    pk = people.second_case.pk
    SHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = []
    for slug in ("overview", "deadlines", "calls", "denials", "documents"):
        browser.open(f"/cases/{pk}/section/{slug}/")
        for size in ((1366, 900), (390, 844)):
            path, wide = browser.screenshot(f"case-{slug}", size)
            shutil.copy(path, SHOTS / path.name)
            if wide:
                too_wide.append((slug, size))
    assert too_wide == []
