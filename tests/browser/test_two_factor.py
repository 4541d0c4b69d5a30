"""Two-factor login in a real browser: a staffer sets it up from the QR page, saves the recovery
codes, and then logs in with the password and a code."""

from __future__ import annotations

import pytest

from ketacover.web.accounts import authenticator

pytestmark = pytest.mark.browser

T0 = 1_795_000_000.0
"""A fixed moment for the app's clock (the live server runs in this process)."""


def test_a_staffer_sets_up_two_factor_login_and_logs_in_with_a_code(browser, people, monkeypatch):
    now = {"at": T0}
    monkeypatch.setattr(authenticator, "clock", lambda: now["at"])

    browser.log_in("staff")
    browser.open("/accounts/two-factor/")
    assert "Off." in browser.text()
    page = browser.find("html")
    browser.click(browser.find("a.button"))
    browser.wait(browser.gone(page))

    qr = browser.find("img.qr-code")
    drawn = browser.driver.execute_script(
        "return arguments[0].complete ? arguments[0].naturalWidth : 0;", qr
    )
    assert drawn > 100  # the SVG drew: the policy let the data: image through
    secret = browser.text("#secret").replace(" ", "")
    browser.fill("code", authenticator.code_at(secret, now["at"]))
    browser.submit("Switch two-factor login on")

    codes = [item.text for item in browser.find_all(".recovery-codes code")]
    assert len(codes) == 10
    assert "not shown again" in browser.text()
    page = browser.find("html")
    browser.click(browser.find("a.button"))
    browser.wait(browser.gone(page))
    assert "On." in browser.text()
    assert secret not in browser.driver.page_source

    browser.submit("Log out")
    browser.log_in("staff")
    assert browser.driver.current_url.endswith("/accounts/login/code/")
    assert "Enter your code" in browser.text()
    now["at"] += 30
    browser.fill("code", authenticator.code_at(secret, now["at"]))
    browser.submit("Log in")
    assert browser.driver.current_url == browser.base + "/"
    assert "staff" in browser.text("header")
