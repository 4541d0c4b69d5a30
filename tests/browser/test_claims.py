"""The claims section in a real browser: the claims of each date of service load into the case
page, a staffer sends one (claim and line status, saved in place), downloads its 837P, and the
section fits the desktop and a phone (screenshots in tests/browser/artifacts)."""

from __future__ import annotations

import pytest

from ketacover.core.model import ClaimStatus
from ketacover.interop.casefile import load_case
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_create, case_of

from .conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.browser

SIZES = ((1366, 900), (390, 844))


def test_a_staffer_sends_a_claim_from_the_case_page_and_downloads_its_837(browser, people):
    record = case_create(
        user=people.staff,
        workspace=people.clinic,
        case=load_case(EXAMPLES / "approved-pa-reauth.yaml"),
        today=TODAY,
    )
    browser.log_in("staff")
    browser.open(f"/cases/{record.pk}/section/claims/")
    browser.wait(lambda d: browser.find_all(".claim-panel"))
    panel = browser.find("#claim-5")
    assert "Nov 17, 2026" in panel.text
    assert "$1,619.00" in panel.text
    assert "Draft (not sent)" in panel.text
    for size in SIZES:
        path, too_wide = browser.screenshot("claims", size)
        assert not too_wide, path

    browser.click(browser.find("#claim-5 details summary"))
    browser.fill("claim5-status", "submitted")
    browser.fill("claim5-line_2", "denied")
    browser.click(browser.find("#claim-5 form button[type=submit]"))
    browser.wait(lambda d: "Claim status saved." in browser.text("#claims-composed"))
    assert "Sent since" in browser.text("#claim-5")
    claim = case_of(CaseRecord.objects.get(pk=record.pk)).claims[-1]
    assert claim.status is ClaimStatus.SUBMITTED
    assert [line.status for line in claim.lines][1] is ClaimStatus.DENIED

    browser.click(browser.find('#claim-5 a[href$="/837/"]'))
    sent = browser.downloaded(".837")
    assert sent.read_text(encoding="ascii").startswith("ISA*")
