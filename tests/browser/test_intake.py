"""The intake's clinical steps in a real browser: the ICD-10-CM picker (a result fills the code
field; the diagnosis is added by an explicit action), a date edited on a row, the PHQ-9 entered
item by item with its total and band updating as answers are clicked, and the item 9 flag carried
to the urgency question. Screenshots at desktop and phone size are kept for a person to look at."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.interop.casefile import load_case
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_create, case_of

pytestmark = pytest.mark.browser

SIZES = ((1366, 900), (390, 844))
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = date(2026, 11, 23)


def _case_without_an_urgency_answer(people) -> CaseRecord:
    """The esketamine example with the suicidal ideation question not yet answered."""
    case = load_case(EXAMPLES / "esketamine-ready-ppo.yaml")
    case = replace(
        case,
        id="case-intake-browser",
        history=replace(case.history, suicidal_ideation=None),
    )
    return case_create(user=people.staff, workspace=people.clinic, case=case, today=TODAY)


def _shoot(browser, name: str) -> None:
    for size in SIZES:
        path, too_wide = browser.screenshot(name, size)
        assert path.stat().st_size > 5000
        assert not too_wide, (name, size)


def _settled_results(browser) -> list[str]:
    idle = "return document.querySelector('.htmx-request') === null"
    browser.wait(lambda d: browser.find_all("#icd-results button[data-icd-code]"))
    browser.wait(lambda d: d.execute_script(idle))
    return [b.get_attribute("value") for b in browser.find_all("#icd-results button")]


def test_a_staffer_picks_a_code_adds_it_and_scores_a_phq9_with_the_item_9_flag(browser, people):
    record = _case_without_an_urgency_answer(people)
    browser.log_in("staff")
    browser.open(f"/intake/{record.pk}/diagnoses/")

    browser.fill("code", "depress")
    found = _settled_results(browser)
    assert found[:3] == ["F33.0", "F33.1", "F33.2"]
    assert all(code.startswith(("F33", "F32")) for code in found[:15])
    _shoot(browser, "intake-icd-results")

    page = browser.find("html")
    browser.click(browser.find('#icd-results button[value="F33.1"]'))
    assert browser.find('[name="code"]').get_attribute("value") == "F33.1"
    assert "F33.1 chosen" in browser.text("#icd-results")
    assert len(case_of(CaseRecord.objects.get(pk=record.pk)).diagnoses) == 1
    assert page.is_enabled()  # no navigation: nothing was added

    browser.fill("primary", True)
    since = browser.find('#diagnosis-add [name="since"]')
    browser.driver.execute_script("arguments[0].value = '2025-06-01';", since)
    browser.submit("Add diagnosis")
    diagnoses = case_of(CaseRecord.objects.get(pk=record.pk)).diagnoses
    assert [(d.code, d.primary, d.since) for d in diagnoses][-1] == (
        "F33.1",
        True,
        date(2025, 6, 1),
    )
    assert not browser.find('[name="primary"]').is_selected()
    assert browser.find('#diagnosis-add [name="since"]').get_attribute("value") == ""
    assert browser.find('[name="code"]').get_attribute("value") == ""

    rows = browser.find_all("main table tbody tr")
    browser.click(rows[-1].find_element("css selector", "details.row-edit summary"))
    field = rows[-1].find_element("css selector", 'input[name="edit-since"]')
    browser.driver.execute_script("arguments[0].value = '2025-05-20';", field)
    page = browser.find("html")
    browser.click(rows[-1].find_element("css selector", "form.row-edit-form button"))
    browser.wait(browser.gone(page))
    diagnoses = case_of(CaseRecord.objects.get(pk=record.pk)).diagnoses
    assert diagnoses[-1].since == date(2025, 5, 20)
    assert "May 20, 2025" in browser.text("main table")

    browser.open(f"/intake/{record.pk}/scales/")
    total = '[data-scale="phq9"] [data-total]'
    flag = '[data-scale="phq9"] [data-flag]'
    assert browser.text(total) == "No items answered yet"
    answers = [2, 2, 2, 2, 1, 2, 2, 1]
    running = 0
    for number, answer in enumerate(answers, start=1):
        browser.fill(f"phq9-item_{number}", str(answer))
        running += answer
        assert browser.text(total).startswith(f"Total {running} of 27")
    assert browser.text(total) == "Total 14 of 27: moderate (8 of 9 items answered)"
    assert not browser.find(flag).is_displayed()
    browser.fill("phq9-item_9", "1")
    assert browser.text(total) == "Total 15 of 27: moderately severe"
    assert browser.find(flag).is_displayed()
    assert "Suicidal ideation flag" in browser.text(flag)
    browser.fill("phq9-item_9", "0")
    assert not browser.find(flag).is_displayed()
    browser.fill("phq9-item_9", "2")
    assert browser.text(total) == "Total 16 of 27: moderately severe"
    browser.fill("phq9-on", "2026-11-20")
    _shoot(browser, "intake-phq9-live")

    browser.submit("Score and add the PHQ-9")
    table = browser.text("main table")
    assert "16 of 27, moderately severe" in table
    assert "item 9 above 0" in table
    assert "was answered above 0 on Nov 20, 2026" in browser.text("main")

    browser.open(f"/intake/{record.pk}/treatment/")
    assert "is prefilled with Yes" in browser.text("main")
    assert browser.find('[name="suicidal_ideation"][value="yes"]').is_selected()
    assert case_of(CaseRecord.objects.get(pk=record.pk)).history.suicidal_ideation is None
    _shoot(browser, "intake-urgency-prefilled")

    # Without the allowed amount, the step says what the cost needs and the ceiling.
    browser.find('[name="allowed_per_session"]').clear()
    browser.submit("Save and finish")
    browser.open(f"/intake/{record.pk}/treatment/")
    needs = browser.text("#cost-needs")
    assert "allowed amount per session" in needs
    assert "the patient pays at most $4,100.00 in cost sharing" in needs
    _shoot(browser, "intake-cost-ceiling")


def test_without_the_script_a_result_still_fills_the_field_and_adds_nothing(browser, people):
    record = _case_without_an_urgency_answer(people)
    browser.log_in("staff")
    browser.open(f"/intake/{record.pk}/diagnoses/")
    browser.fill("code", "generalized anxiety")
    _settled_results(browser)
    # The server's answer to a result pressed without the script: the field filled, no add.
    browser.driver.execute_script(
        "document.querySelectorAll('[data-icd-code]')"
        ".forEach(b => b.removeAttribute('data-icd-code'));"
    )
    browser.submit("F41.1")
    assert browser.find('[name="code"]').get_attribute("value") == "F41.1"
    assert [d.code for d in case_of(CaseRecord.objects.get(pk=record.pk)).diagnoses] == ["F33.2"]
    assert re.search(r"Step 4 of 7", browser.text("main h2"))
