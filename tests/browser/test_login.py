"""Logging in with the keyboard alone, on a page whose style sheet loads."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _focused(driver):
    return driver.switch_to.active_element


def test_the_login_form_can_be_completed_with_tab_and_enter(browser, people):
    from selenium.webdriver.common.keys import Keys

    browser.open("/accounts/login/")
    driver = browser.driver
    assert _focused(driver).get_attribute("id") == "id_username"
    _focused(driver).send_keys("staff", Keys.TAB)
    assert _focused(driver).get_attribute("id") == "id_password"
    _focused(driver).send_keys(people.password, Keys.TAB)
    button = _focused(driver)
    assert button.text == "Log in"
    outline = driver.execute_script(
        "const s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth];",
        button,
    )
    assert outline[0] != "none"
    assert outline[1] != "0px"
    page = browser.find("html")
    button.send_keys(Keys.ENTER)

    browser.wait(browser.gone(page))
    assert driver.current_url == browser.base + "/"
    assert "staff" in browser.text("header")


def test_the_style_sheet_and_htmx_are_served_to_the_browser(browser, people):
    browser.open("/accounts/login/")
    loaded = browser.driver.execute_script(
        "return [...document.styleSheets].map(s => [s.href, s.cssRules.length]);"
    )
    assert any(href.endswith("ketacover/site.css") and rules > 10 for href, rules in loaded)
    layout = browser.driver.execute_script(
        "return getComputedStyle(document.querySelector('header.top')).display;"
    )
    assert layout == "flex"
    assert browser.driver.execute_script("return typeof htmx") == "object"


def test_a_wrong_password_keeps_the_username_and_says_what_went_wrong(browser, people):
    browser.log_in("staff", "not-the-password")
    assert browser.driver.current_url.endswith("/accounts/login/")
    assert browser.find("#id_username").get_attribute("value") == "staff"
    assert browser.find_all("[role=alert], .errorlist")
