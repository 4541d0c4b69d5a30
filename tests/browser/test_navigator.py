"""The patient navigator in a real Chromium: the question flow in English and in Spanish at phone
and desktop size (screenshots kept under tests/browser/artifacts/), the action plan downloaded,
and the whole flow done with the keyboard only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = (390, 844)
DESKTOP = (1280, 900)

ANSWERS = [
    {"age": "adult", "home_state": "OH", "coverage": "employer"},
    {"plan_kind": "self_funded", "plan_type": "ppo", "out_of_network": "yes"},
    {
        "conditions": "depression",
        "recurrent": "yes",
        "severity": "severe",
        "psychotic": "no",
        "bipolar": "no",
    },
    {"med_0_name": "Zoloft", "med_0_outcome": "no_response", "med_0_weeks": "8", "therapy": "yes"},
    {"treatment": "esketamine", "price_per_session": "900", "clinic_rems": "yes"},
    {"denial": "yes", "denial_reason": "not_medically_necessary", "denial_level": "first"},
]
"""One synthetic person's answers, step by step (the denial date is set separately)."""

WORDS = {
    "en": {
        "start": "Start",
        "next": "Continue",
        "last": "See my answer",
        "answer": "Your answer",
        "ways": "Ways to pay",
        "plan": "Your action plan (PDF)",
        "notice": "This gives information, not medical or legal advice.",
        "deadline": "Last day to file your appeal",
    },
    "es": {
        "start": "Empezar",
        "next": "Continuar",
        "last": "Ver mi respuesta",
        "answer": "Su respuesta",
        "ways": "Formas de pagar",
        "plan": "Su plan de acción (PDF)",
        "notice": "Esto es información, no consejo médico ni legal.",
        "deadline": "Último día para presentar su apelación",
    },
}


def _choose(browser, name: str, value: str) -> None:
    if name == "conditions":
        browser.click(browser.find(f'[name="conditions"][value="{value}"]'))
    else:
        browser.fill(name, value)


def _walk(browser, language: str, shots: list, wide: list, size: tuple[int, int]) -> None:
    words = WORDS[language]
    browser.open("/navigator/")
    if language == "es":
        browser.fill("language", "es")
        browser.submit("Change")
    assert words["notice"] in browser.text()
    page = browser.find("html")
    browser.click(browser.driver.find_element("link text", words["start"]))
    browser.wait(browser.gone(page))
    for number, answers in enumerate(ANSWERS, start=1):
        assert browser.find("html").get_attribute("lang") == language
        assert words["notice"] in browser.text()
        for name, value in answers.items():
            _choose(browser, name, value)
        if number == len(ANSWERS):
            browser.fill("denial_date", "2026-11-02")
        if number in (1, 4):
            path, too_wide = browser.screenshot(f"navigator-{language}-question-{number}", size)
            shots.append(path)
            if too_wide:
                wide.append((language, number, size))
        browser.submit(words["last"] if number == len(ANSWERS) else words["next"])
    assert browser.find("h1").text == words["answer"]
    text = browser.text()
    assert words["ways"] in text
    assert words["deadline"] in text
    assert words["notice"] in text
    assert browser.find_all("figure.chart .bar")
    path, too_wide = browser.screenshot(f"navigator-{language}-answer", size)
    shots.append(path)
    if too_wide:
        wide.append((language, "answer", size))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_navigator_works_at_phone_and_desktop_size(browser, transactional_db, language, size):
    browser.driver.set_window_size(*size)
    shots: list = []
    wide: list = []
    _walk(browser, language, shots, wide, size)
    assert len(shots) == 3
    assert all(path.stat().st_size > 5000 for path in shots)
    assert wide == []
    button = browser.driver.find_element(
        "xpath", f'//button[normalize-space()="{WORDS[language]["plan"]}"]'
    )
    browser.click(button)
    plan = browser.downloaded(".pdf")
    assert plan.read_bytes().startswith(b"%PDF")


def _keys(browser, *keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser.driver).send_keys(*keys).perform()


def _active(browser):
    return browser.driver.switch_to.active_element


def _tab_to(browser, matches, limit: int = 80) -> None:
    """Press Tab until the focused element matches (it must be reachable by keyboard)."""
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        _keys(browser, Keys.TAB)
        if matches(_active(browser)):
            return
    raise AssertionError("not reachable with the Tab key")


def _named(name: str):
    return lambda element: element.get_attribute("name") == name


def _button(text: str):
    return lambda element: element.tag_name == "button" and element.text.strip() == text


def _press_and_wait(browser, key: str) -> None:
    page = browser.find("html")
    _keys(browser, key)
    browser.wait(browser.gone(page))
    browser.wait(lambda d: d.execute_script("return document.readyState") == "complete")


def test_the_whole_flow_can_be_done_with_the_keyboard_only(browser, transactional_db):
    from selenium.webdriver.common.keys import Keys

    browser.open("/navigator/")
    _tab_to(browser, lambda e: e.tag_name == "a" and e.text.strip() == "Start")
    _press_and_wait(browser, Keys.ENTER)

    # Is the patient 18 or older: the checked "I don't know" takes the focus; Down wraps to "Yes".
    _tab_to(browser, _named("age"))
    _keys(browser, Keys.ARROW_DOWN)
    assert _active(browser).get_attribute("value") == "adult"
    _tab_to(browser, _named("coverage"))
    _keys(browser, Keys.ARROW_DOWN)
    assert _active(browser).get_attribute("value") == "employer"
    _tab_to(browser, _button("Continue"))
    _press_and_wait(browser, Keys.ENTER)

    assert browser.find("h1").text == "Your plan"
    _tab_to(browser, _named("insurer"))
    _keys(browser, "Example Health")
    _tab_to(browser, _button("Continue"))
    _press_and_wait(browser, Keys.ENTER)

    assert browser.find("h1").text == "Your condition"
    _tab_to(browser, lambda e: e.get_attribute("value") == "depression")
    _keys(browser, Keys.SPACE)
    assert _active(browser).is_selected()
    _tab_to(browser, _button("Continue"))
    _press_and_wait(browser, Keys.ENTER)

    assert browser.find("h1").text == "Treatments you tried"
    _tab_to(browser, _named("med_0_name"))
    _keys(browser, "sertraline")
    _tab_to(browser, _button("Continue"))
    _press_and_wait(browser, Keys.ENTER)

    assert browser.find("h1").text == "The treatment"
    _tab_to(browser, _named("treatment"))
    _keys(browser, Keys.ARROW_DOWN, Keys.ARROW_DOWN)
    assert _active(browser).get_attribute("value") == "esketamine"
    _tab_to(browser, _button("Continue"))
    _press_and_wait(browser, Keys.ENTER)

    assert browser.find("h1").text == "A denial letter"
    _tab_to(browser, _button("See my answer"))
    _press_and_wait(browser, Keys.ENTER)

    assert browser.find("h1").text == "Your answer"
    assert "sertraline" not in browser.driver.current_url
    _tab_to(browser, _button("Your action plan (PDF)"), limit=200)
    _keys(browser, Keys.ENTER)
    assert browser.downloaded(".pdf").read_bytes().startswith(b"%PDF")


TITLES = {
    "en": [
        "Your insurance",
        "Your plan",
        "Your condition",
        "Treatments you tried",
        "The treatment",
        "A denial letter",
    ],
    "es": [
        "Su seguro",
        "Su plan",
        "Su condición",
        "Tratamientos que probó",
        "El tratamiento",
        "Una carta de negación",
    ],
}


def _history(browser, action: str) -> None:
    page = browser.find("html")
    getattr(browser.driver, action)()
    browser.wait(browser.gone(page))
    browser.wait(lambda d: d.execute_script("return document.readyState") == "complete")


@pytest.mark.parametrize("language", ["en", "es"])
def test_back_and_reload_after_every_step_show_the_page_with_its_answers(
    browser, transactional_db, language
):
    browser.driver.set_window_size(*PHONE)
    words = WORDS[language]
    titles = TITLES[language]
    browser.open("/navigator/")
    if language == "es":
        browser.fill("language", "es")
        browser.submit("Change")
    page = browser.find("html")
    browser.click(browser.driver.find_element("link text", words["start"]))
    browser.wait(browser.gone(page))
    for number, answers in enumerate(ANSWERS, start=1):
        assert browser.find("h1").text == titles[number - 1]
        for name, value in answers.items():
            _choose(browser, name, value)
        if number == len(ANSWERS):
            browser.fill("denial_date", "2026-11-02")
        browser.submit(words["last"] if number == len(ANSWERS) else words["next"])
        _history(browser, "back")
        assert browser.find("h1").text == titles[number - 1]
        if number == 1:
            assert browser.find('[name="home_state"]').get_attribute("value") == "OH"
        if number == 4:
            assert browser.find('[name="med_0_name"]').get_attribute("value") == "Zoloft"
        _history(browser, "forward")
        expected = titles[number] if number < len(ANSWERS) else words["answer"]
        assert browser.find("h1").text == expected
        _history(browser, "refresh")
        assert browser.find("h1").text == expected
    assert words["deadline"] in browser.text()
