"""The work queue in a real browser: a staffer marks an item done and undoes it, snoozes one
and brings it back from "Done and snoozed", and sees a case's REMS forms as one line; at desktop
and phone size, with screenshots (tests/browser/artifacts)."""

from __future__ import annotations

import pytest

from ketacover.interop.casefile import load_case
from ketacover.web.cases.models import DeadlineRecord, QueueMark
from ketacover.web.cases.services import case_create

from .conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.browser

SIZES = ((1366, 900), (390, 844))


def test_a_staffer_marks_done_undoes_and_snoozes_items_of_the_queue(browser, people):
    rems = case_create(
        user=people.staff,
        workspace=people.clinic,
        case=load_case(EXAMPLES / "approved-pa-reauth.yaml"),
        today=TODAY,
    )
    appeal = DeadlineRecord.objects.filter(case=people.second_case).order_by("due").first()
    browser.log_in("staff")
    browser.open("/")
    text = browser.text()
    assert "Later" in text
    assert "Last day to file the appeal" in text
    assert "Record all as submitted today" in text
    assert "rems_monitoring_form" not in browser.driver.page_source.split('class="queue"')[1]
    for size in SIZES:
        path, too_wide = browser.screenshot("queue", size)
        assert not too_wide, path

    browser.click(browser.find(f'button[name="done"][value="{appeal.pk}"]'))
    browser.wait(lambda d: "Marked 1 item done." in browser.text())
    assert not browser.find_all(f'button[name="done"][value="{appeal.pk}"]')
    for size in SIZES:
        path, too_wide = browser.screenshot("queue-done-undo", size)
        assert not too_wide, path
    browser.submit("Undo")
    assert "Brought 1 item back into the queue." in browser.text()
    assert browser.find_all(f'button[name="done"][value="{appeal.pk}"]')
    assert not QueueMark.objects.exists()

    later = DeadlineRecord.objects.filter(case=people.second_case).order_by("due", "pk").last()
    button = browser.find(f'button[name="snooze"][value="7:{later.pk}"]')
    browser.click(button)
    browser.wait(lambda d: "Snoozed 1 item until" in browser.text())
    assert not browser.find_all(f'button[name="done"][value="{later.pk}"]')
    browser.open("/cases/queue/set-aside/")
    assert "Snoozed until" in browser.text()
    for size in SIZES:
        path, too_wide = browser.screenshot("queue-set-aside", size)
        assert not too_wide, path
    browser.submit("Bring back")
    assert "Nothing is set aside." in browser.text()
    assert not QueueMark.objects.exists()
    assert rems.pk
