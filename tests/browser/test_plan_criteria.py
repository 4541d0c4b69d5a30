"""A staffer records a criterion the plan stated on a call, in the plan's words, from the calls
section of the case page; the section lists it with the plan's other criteria."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_staffer_adds_a_criterion_the_plan_stated_on_a_call(browser, people):
    browser.log_in("staff")
    browser.open(f"/cases/{people.case.pk}/section/calls/")
    browser.fill_all(
        {
            "plan_criterion-text": "Baseline PHQ-9 within 30 days of the request",
            "plan_criterion-source": "Benefits call of December 1, 2026, reference REF-77",
            "plan_criterion-answer": "PHQ-9 of 22 on November 9, 2026",
        }
    )
    button = browser.find("#section-calls form[action$='/plan-criteria/'] button")
    browser.click(button)
    browser.wait(lambda d: "criterion recorded" in browser.text("#section-calls"))
    section = browser.text("#section-calls")
    assert "Baseline PHQ-9 within 30 days of the request" in section
    assert "Answered: PHQ-9 of 22 on November 9, 2026" in section
    assert "Psychiatrist prescribing" in section
    browser.driver.execute_script(
        "document.getElementById('section-calls').scrollIntoView({block: 'start'});"
    )
    for size in ((1366, 900), (390, 844)):
        _, too_wide = browser.screenshot("plan-criteria", size)
        assert not too_wide
