"""Findings 3 and 10 in a real browser: a staffer changes their password on its page, and the
login pause an attacker causes stops a new device but not the staffer's own browser."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

NEW_PASSWORD = "harbour-violet-tandem-58"
SIZES = ((1366, 900), (390, 844))


def _shots(browser, name: str) -> None:
    for size in SIZES:
        path, too_wide = browser.screenshot(name, size)
        assert path.stat().st_size > 5000
        assert not too_wide, (name, size)


def test_finding_10_a_staffer_changes_their_password_in_the_browser(browser, people):
    browser.log_in("staff", people.password)
    browser.open("/accounts/workspaces/")
    browser.click(browser.find('a[href="/accounts/password/"]'))
    browser.wait(lambda d: d.current_url.endswith("/accounts/password/"))
    browser.fill_all(
        {
            "old_password": "not-the-password",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        }
    )
    browser.submit("Change the password")
    assert browser.find("#id_old_password_errors").text
    _shots(browser, "password-change-error")
    browser.fill_all(
        {
            "old_password": people.password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        }
    )
    browser.submit("Change the password")
    assert browser.driver.current_url.endswith("/accounts/workspaces/")
    assert "Your password is changed" in browser.text()
    _shots(browser, "password-changed")


def test_finding_3_a_paused_account_still_opens_on_the_staffers_own_browser(browser, people):
    driver = browser.driver
    browser.log_in("staff", people.password)
    device = driver.get_cookie("ketacover_device")
    assert device is not None
    browser.submit("Log out")
    # An attacker's browser: no device cookie, five wrong guesses.
    driver.delete_cookie("ketacover_device")
    for _ in range(5):
        browser.log_in("staff", "a-wrong-guess-123")
    browser.log_in("staff", people.password)
    assert "Too many failed logins" in browser.text()
    assert browser.driver.current_url.endswith("/accounts/login/")
    _shots(browser, "login-paused")
    # The staffer's own browser (its device cookie back) logs in all the same.
    driver.add_cookie({key: device[key] for key in ("name", "value", "path")})
    browser.log_in("staff", people.password)
    assert driver.current_url == browser.base + "/"
    assert "staff" in browser.text("header")


def test_finding_10_a_staffer_makes_a_read_only_token_that_expires(browser, people):
    browser.log_in("staff", people.password)
    browser.open("/api/tokens/")
    assert browser.find('[name="scope"][value="read"]').is_selected()
    browser.fill_all({"name": "nightly export", "days": "30"})
    browser.submit("Create the token")
    assert browser.find("#new-token").get_attribute("value").startswith("kc_")
    assert "read only" in browser.text("table")
    _shots(browser, "api-token-made")
