"""Screenshots of the main pages at desktop and phone size, kept under tests/browser/artifacts/
for a person to look at; no page may be wider than the screen it is shown on."""

from __future__ import annotations

from datetime import date

import pytest

from ketacover.web.cases.services import document_generate

pytestmark = pytest.mark.browser

SIZES = ((1280, 900), (390, 844))


def test_the_main_pages_are_captured_at_desktop_and_phone_size(browser, people, tmp_path):
    letter = document_generate(
        user=people.staff,
        record=people.case,
        kind="medical-necessity",
        fmt="html",
        today=date(2026, 11, 23),
    )
    preview = tmp_path / "letter.html"
    preview.write_bytes(letter.content.decrypt())
    pk = people.case.pk
    pages = [
        ("login", "/accounts/login/"),
        ("dashboard", "/"),
        ("case-list", "/cases/"),
        ("case-page", f"/cases/{pk}/"),
        ("case-page-calls", f"/cases/{pk}/section/calls/"),
        ("intake-step", f"/intake/{pk}/history/"),
        ("letter-preview", preview.as_uri()),
    ]
    saved, too_wide = [], []
    for name, address in pages:
        if name == "dashboard":
            browser.log_in("staff")
        if name == "letter-preview":
            browser.driver.get(address)
            assert "medical necessity" in browser.driver.page_source.lower()
        else:
            browser.open(address)
        for size in SIZES:
            path, wide = browser.screenshot(name, size)
            saved.append(path)
            if wide:
                too_wide.append((name, size))

    assert len(saved) == 14
    assert all(path.stat().st_size > 5000 for path in saved)
    assert too_wide == []
