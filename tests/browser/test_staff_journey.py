"""A staffer's day in a real browser: a new case through the intake wizard, its assessment, a
call whose answers become plan facts, and a document generated and downloaded."""

from __future__ import annotations

import pytest

from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of

pytestmark = pytest.mark.browser

PATIENT = {
    "case_id": "case-browser-1",
    "given_name": "Robin",
    "family_name": "Browsertest",
    "date_of_birth": "1990-05-17",
    "sex": "female",
    "line1": "12 Sample Road",
    "city": "Springfield",
    "state": "IL",
    "postal_code": "62701",
    "phone": "217-555-0199",
}
PLAN = {
    "payer": "Example Health",
    "category": "commercial_self_funded",
    "plan_type": "ppo",
    "plan_name": "Choice PPO",
    "member_id": "XKC0001",
    "state": "IL",
    "phone_behavioral_health": "800-555-0110",
    "grandfathered": "no",
    "in_deductible": "1500.00",
    "in_deductible_met": "600",
    "in_coinsurance_percent": "20",
    "in_out_of_pocket_max": "5000",
    "in_out_of_pocket_met": "900",
    "out_of_network_benefits": "unknown",
}
PROVIDERS = {
    "clinic_name": "Maple Hollow Interventional Psychiatry",
    "clinic_npi": "1987654328",
    "clinic_tin": "00-0000101",
    "clinic_network_status": "in_network",
    "clinic_rems_certified": "yes",
    "clinic_line1": "500 Sample Avenue",
    "clinic_city": "Springfield",
    "clinic_state": "IL",
    "clinic_postal_code": "62704",
    "clinic_phone": "217-555-0150",
    "clinic_fax": "217-555-0151",
    "prescriber_name": "Elena Fakename",
    "prescriber_credentials": "MD",
    "prescriber_npi": "1234567893",
    "prescriber_specialty": "psychiatry",
}
PHQ9 = [3, 3, 2, 2, 3, 2, 3, 2, 2]
TRIALS = [
    {
        "name": "sertraline",
        "dose": "200 mg daily",
        "dose_mg_per_day": "200",
        "start": "2025-09-15",
        "end": "2025-12-15",
        "adequate_dose": "yes",
        "outcome": "no_response",
        "reason_stopped": "No response",
        "current_episode": "yes",
    },
    {
        "name": "bupropion",
        "dose": "300 mg daily",
        "dose_mg_per_day": "300",
        "start": "2026-01-05",
        "end": "2026-04-10",
        "adequate_dose": "yes",
        "outcome": "no_response",
        "reason_stopped": "No response",
        "current_episode": "yes",
    },
]
TREATMENT = {
    "treatment": "esketamine",
    "sessions": "21",
    "price_per_session": "1050.00",
    "dose_mg": "84",
    "start": "2026-12-01",
    "suicidal_ideation": "no",
    "bipolar_history": "no",
    "psychotic_features": "no",
    "substance_use": "none",
}
CALL = {
    "call-on": "2026-11-20",
    "call-time": "10:30",
    "call-party": "Behavioral health line",
    "call-representative": "Rep 4471",
    "call-reference": "REF-88812",
    "call-prior_authorization_required": "yes",
    "call-out_of_network_benefits": "yes",
    "call-esketamine_covered": "yes",
    "call-appeal_window_days": "180",
}


def _pick_from_live_search(browser, css: str):
    """Click a live-search result once the search has settled (it fills the code field).

    Results are replaced while typing (one request per pause), so a result found early can be
    swapped out before the click lands: wait until no request is in flight, and find it again
    if it was replaced.
    """
    from selenium.common.exceptions import StaleElementReferenceException

    idle = "return document.querySelector('.htmx-request') === null"
    for _ in range(20):
        browser.wait(lambda d: browser.find_all(css))
        browser.wait(lambda d: d.execute_script(idle))
        try:
            pick = browser.find_all(css)[0]
            assert "F33.2" in browser.text("#icd-results")
            browser.click(pick)
        except StaleElementReferenceException:
            continue
        return
    raise AssertionError("the live search never settled")


def _step_heading(browser):
    return browser.text("main h2")


def _walk_the_wizard(browser) -> CaseRecord:
    browser.open("/intake/")
    assert _step_heading(browser) == "Step 1 of 7: Patient"
    browser.fill_all(PATIENT)
    browser.submit("Save and continue to health plan")
    record = CaseRecord.objects.get(case_id="case-browser-1")

    assert _step_heading(browser) == "Step 2 of 7: Health plan"
    browser.fill_all(PLAN)
    browser.submit("Save and continue to providers")
    assert _step_heading(browser) == "Step 3 of 7: Providers"
    browser.fill_all(PROVIDERS)
    browser.submit("Save and continue to diagnoses")

    assert _step_heading(browser) == "Step 4 of 7: Diagnoses"
    browser.fill("primary", True)
    browser.fill("code", "recurrent severe without psych")
    _pick_from_live_search(browser, '#icd-results button[value="F33.2"]')
    browser.wait(lambda d: browser.find('[name="code"]').get_attribute("value") == "F33.2")
    browser.submit("Add diagnosis")
    assert "F33.2" in browser.text("main table")
    browser.find('a.button[href$="/scales/"]').click()

    assert _step_heading(browser) == "Step 5 of 7: Rating scales"
    for number, answer in enumerate(PHQ9, start=1):
        browser.fill(f"phq9-item_{number}", str(answer))
    browser.fill("phq9-on", "2026-11-09")
    browser.submit("Score and add the PHQ-9")
    assert "22 of 27" in browser.text("main table")
    browser.find('a.button[href$="/history/"]').click()

    assert _step_heading(browser) == "Step 6 of 7: Treatment history"
    for trial in TRIALS:
        browser.fill_all(trial)
        browser.submit("Add the treatment")
    rows = browser.find_all("main table tbody tr")
    assert [row.text.split(" ")[0] for row in rows] == ["sertraline", "bupropion"]
    browser.find('a.button[href$="/treatment/"]').click()

    assert _step_heading(browser) == "Step 7 of 7: Treatment plan and urgency"
    browser.fill_all(TREATMENT)
    browser.submit("Save and finish")
    assert browser.driver.current_url == browser.base + f"/cases/{record.pk}/"
    return record


def test_a_staffer_creates_a_case_records_a_call_and_downloads_a_pdf(browser, people):
    browser.log_in("staff")
    record = _walk_the_wizard(browser)

    assert browser.text("h1").startswith("Robin Browsertest")
    assert browser.find("#overview-heading").text == "Ways to pay"
    verdicts = browser.find_all("details.card summary .verdict")
    assert verdicts
    assert all(v.text in {"likely", "possible", "unlikely", "unknown"} for v in verdicts)
    case = case_of(CaseRecord.objects.get(pk=record.pk))
    assert [d.code for d in case.diagnoses] == ["F33.2"]
    assert case.scores[0].score == 22
    assert len(case.treatment_history) == 2
    assert all(t.start is not None and t.end is not None for t in case.treatment_history)
    assert case.plan is not None
    assert case.plan.prior_authorization_required is None

    opened = browser.find("#section-overview")
    browser.click(browser.find('#case-menu a[href$="/section/calls/"]'))
    browser.wait(browser.gone(opened))
    section = browser.find("#section-calls")
    browser.fill_all(CALL)
    browser.click(section.find_element("xpath", './/button[normalize-space()="Save the call"]'))
    browser.wait(browser.gone(section))
    calls = browser.text("#section-calls > .table-wrap table")
    assert "REF-88812" in calls
    assert "Is prior authorization required? Yes" in calls
    assert "180 days" in calls
    plan = case_of(CaseRecord.objects.get(pk=record.pk)).plan
    assert plan is not None
    assert plan.prior_authorization_required is True
    assert plan.esketamine_covered is True
    assert plan.out_of_network_benefits is True

    browser.click(browser.find('#case-menu a[href$="/section/documents/"]'))
    browser.wait(lambda d: browser.find_all("#section-documents"))
    browser.fill("kind", "pa-cover-sheet")
    browser.fill("fmt", "pdf")
    browser.submit("Generate")
    assert "cover sheet (version 1) is ready." in browser.text(".messages")
    link = browser.find("#section-documents .table-wrap a")
    assert "cover sheet" in link.text
    link.click()
    pdf = browser.downloaded(".pdf")
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF-")
    assert content.rstrip().endswith(b"%%EOF")
    assert len(content) > 1000
