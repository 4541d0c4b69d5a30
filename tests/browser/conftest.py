"""A real headless Chromium driven by Selenium against pytest-django's live server, and the
people who use it: a clinic staffer, a patient of one case, and a case of another clinic.

The tests skip with a plain reason when Chromium, its driver or Selenium is not installed."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from ketacover.interop.casefile import load_case
from ketacover.web.accounts.models import Membership, Role, Workspace
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_create

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "a-long-browser-password-1"
TODAY = date(2026, 11, 23)
WAIT_SECONDS = 30.0  # generous: CI machines run the whole suite on 2 cores


def _missing() -> str | None:
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not os.access(binary, os.X_OK):
            return f"{binary} is not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    return None


OVERFLOW = """
const main = document.querySelector("main");
const right = main ? main.getBoundingClientRect().right
    - parseFloat(getComputedStyle(main).paddingRight) : window.innerWidth;
return document.documentElement.scrollWidth > window.innerWidth
    || [...document.querySelectorAll("main .card, main > *")].some(
        (e) => e.getBoundingClientRect().right > right + 1);
"""
"""Whether the page is wider than the screen or a card sticks out of the page's column."""


@dataclass
class Browser:
    """One Chromium session: the Selenium driver, the live server's address and the folder its
    downloads land in."""

    driver: Any
    base: str
    downloads: Path

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)

    def wait(self, condition: Callable[[Any], Any], timeout: float = WAIT_SECONDS) -> Any:
        """Wait until ``condition`` holds; a node of a page being replaced meanwhile (a stale
        element) only means the check runs again on the next page."""
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(
            self.driver, timeout, ignored_exceptions=(StaleElementReferenceException,)
        ).until(condition)

    def find(self, css: str) -> Any:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return list(self.driver.find_elements(By.CSS_SELECTOR, css))

    def text(self, css: str = "main") -> str:
        return str(self.find(css).text)

    def fill(self, name: str, value: str | bool) -> None:
        """Type ``value`` into the field named ``name`` the way its widget takes it: keys for
        text, the option for a select, a click for a radio button or a checkbox. Date and time
        pickers are set directly, since their typed form depends on the browser's locale."""
        from selenium.webdriver.support.ui import Select

        field = self.find(f'[name="{name}"]')
        kind = field.get_attribute("type")
        if field.tag_name == "select":
            Select(field).select_by_value(str(value))
        elif kind == "radio":
            self.click(self.find(f'[name="{name}"][value="{value}"]'))
        elif kind == "checkbox":
            if bool(value) != field.is_selected():
                self.click(field)
        elif kind in ("date", "time"):
            self.driver.execute_script("arguments[0].value = arguments[1];", field, value)
        else:
            field.clear()
            field.send_keys(str(value))

    def fill_all(self, values: dict[str, str | bool]) -> None:
        for name, value in values.items():
            self.fill(name, value)

    def click(self, element: Any) -> None:
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()

    def gone(self, element: Any) -> Callable[[Any], bool]:
        """A wait condition: ``element`` has left the page (a navigation or an htmx swap).

        Like Selenium's ``staleness_of``, but Chromium sometimes answers a check on a node of a
        page being replaced with an inspector error rather than a stale-element error; both
        mean the node is gone.
        """
        from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

        def check(_driver: Any) -> bool:
            try:
                element.is_enabled()
            except StaleElementReferenceException:
                return True
            except WebDriverException as error:
                if "does not belong to the document" in str(error) or "No node with" in str(error):
                    return True
                raise
            return False

        return check

    def submit(self, button_text: str) -> None:
        """Press the button with ``button_text`` and wait for the next page to load."""
        from selenium.webdriver.common.by import By

        button = self.driver.find_element(By.XPATH, f'//button[normalize-space()="{button_text}"]')
        page = self.find("html")
        self.click(button)
        self.wait(self.gone(page))
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete")

    def log_in(self, username: str, password: str = PASSWORD) -> None:
        self.open("/accounts/login/")
        self.fill_all({"username": username, "password": password})
        self.submit("Log in")

    def downloaded(self, suffix: str, timeout: float = WAIT_SECONDS) -> Path:
        """The file with ``suffix`` once the download has finished."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = [p for p in self.downloads.iterdir() if p.suffix == suffix]
            partial = [p for p in self.downloads.iterdir() if p.suffix == ".crdownload"]
            if done and not partial:
                return done[0]
            time.sleep(0.1)
        raise AssertionError(f"no {suffix} file arrived in {self.downloads}")

    def screenshot(self, name: str, size: tuple[int, int]) -> tuple[Path, bool]:
        """Save the whole page laid out at ``size`` (a phone size uses mobile emulation), and
        say whether anything on it is wider than the screen or its column."""
        import base64

        width, height = size

        def emulate(tall: int) -> None:
            metrics = {"width": width, "height": tall, "deviceScaleFactor": 1}
            self.driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride", {**metrics, "mobile": width < 600}
            )

        emulate(height)
        too_wide = self.driver.execute_script(OVERFLOW)
        full = self.driver.execute_script("return document.documentElement.scrollHeight;")
        emulate(max(height, min(full, 12000)))
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}-{width}x{height}.png"
        path.write_bytes(base64.b64decode(shot["data"]))
        return path, bool(too_wide)


@pytest.fixture
def browser(live_server: Any, transactional_db: None) -> Iterator[Browser]:
    """A fresh headless Chromium with its own profile and download folder."""
    reason = _missing()
    if reason is not None:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = Path(tempfile.mkdtemp(prefix="ketacover-chromium-"))
    downloads = profile / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile / 'profile'}",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "plugins.always_open_pdf_externally": True,
        },
    )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield Browser(driver=driver, base=live_server.url, downloads=downloads)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@dataclass
class People:
    clinic: Workspace
    staff: User
    patient: User
    case: CaseRecord
    second_case: CaseRecord
    other_case: CaseRecord
    password: str = PASSWORD


@pytest.fixture
def people(transactional_db: None) -> People:
    """A clinic with a staffer and two cases, a patient of the first case, and a second clinic
    with a case of its own."""
    clinic = Workspace.objects.create(name="Maple Hollow")
    other = Workspace.objects.create(name="Elsewhere Clinic")
    owner, staff, patient, outsider = (
        User.objects.create_user(username=name, password=PASSWORD)
        for name in ("owner", "staff", "patient", "outsider")
    )
    Membership.objects.create(workspace=clinic, user=owner, role=Role.OWNER)
    Membership.objects.create(workspace=clinic, user=staff, role=Role.STAFF)
    Membership.objects.create(workspace=other, user=outsider, role=Role.OWNER)

    def create(user: User, workspace: Workspace, example: str) -> CaseRecord:
        case = load_case(EXAMPLES / example)
        return case_create(user=user, workspace=workspace, case=case, today=TODAY)

    case = create(owner, clinic, "esketamine-ready-ppo.yaml")
    second = create(owner, clinic, "denial-appeal-running.yaml")
    other_case = create(outsider, other, "crps-iv-ketamine-ppo.yaml")
    Membership.objects.create(workspace=clinic, user=patient, role=Role.PATIENT, case=case)
    return People(clinic, staff, patient, case, second, other_case)
