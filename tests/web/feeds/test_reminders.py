from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from ketacover.cli.app import app
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.feeds import reminders

pytestmark = pytest.mark.django_db

# The denial case's appeal windows close on 2027-05-03 (denial-1) and 2027-05-11 (denial-2).
DAY = date(2027, 5, 11)


@pytest.fixture
def emails(world):
    for user in (world.owner, world.staff, world.patient, world.outsider):
        user.email = f"{user.username}@example.org"
        user.save()
    return world


def _assign(record, user):
    CaseRecord.objects.filter(pk=record.pk).update(assignee=user)


def test_owners_get_the_unassigned_cases(emails):
    digests = reminders.reminder_digests(today=DAY)
    assert [d.user for d in digests] == [emails.owner]
    items = digests[0].items
    assert [(i.case_id, i.bucket, i.due) for i in items] == [
        ("case-0006", "overdue", date(2027, 5, 3)),
        ("case-0006", "today", date(2027, 5, 11)),
    ]


def test_an_assignee_gets_their_cases_and_owners_do_not(emails):
    _assign(emails.second_case, emails.staff)
    digests = reminders.reminder_digests(today=DAY)
    assert [d.user for d in digests] == [emails.staff]


def test_a_case_assigned_to_someone_who_cannot_see_it_goes_to_the_owners(emails):
    _assign(emails.second_case, emails.outsider)
    assert [d.user for d in reminders.reminder_digests(today=DAY)] == [emails.owner]
    _assign(emails.second_case, emails.patient)
    assert [d.user for d in reminders.reminder_digests(today=DAY)] == [emails.owner]


@pytest.mark.parametrize(
    ("today", "buckets"),
    [
        (date(2027, 4, 25), {}),
        (date(2027, 4, 26), {"week": 1}),
        (date(2027, 5, 3), {"today": 1}),
        (date(2027, 5, 4), {"overdue": 1, "week": 1}),
        (date(2026, 11, 23), {}),
    ],
)
def test_the_digest_holds_overdue_today_and_the_next_seven_days(emails, today, buckets):
    digests = reminders.reminder_digests(today=today)
    found = {}
    for item in digests[0].items if digests else []:
        found[item.bucket] = found.get(item.bucket, 0) + 1
    assert found == buckets


def test_the_email_names_case_ids_what_is_due_and_a_link_but_no_health_data(emails, mailoutbox):
    run = reminders.reminders_send(today=DAY, base_url="https://kc.example.org/")
    assert len(run.digests) == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["owner@example.org"]
    assert mail.subject == "ketacover: 1 overdue, 1 due today, 0 in the next 7 days"
    body = mail.body
    assert "- case-0006: last day to file the appeal (denial-1), due May 3, 2027" in body
    assert "- case-0006: last day to file the appeal (denial-2), due May 11, 2027" in body
    assert f"https://kc.example.org/cases/{emails.second_case.pk}/" in body
    assert "Overdue (1)" in body
    assert "Due today (1)" in body
    assert "Next 7 days" not in body
    for secret in ("Morgan", "Fictional", "F33", "depress", "Aetna", "member"):
        assert secret.lower() not in body.lower()


def test_each_digest_sent_is_audited_with_case_ids_only(emails, mailoutbox):
    reminders.reminders_send(today=DAY, base_url="http://x")
    event = AuditEvent.objects.get(action=Action.EXPORT, object_type="reminder")
    assert event.workspace == emails.clinic
    assert event.object_id == str(emails.owner.pk)
    assert event.detail == {"cases": [emails.second_case.pk]}


def test_a_dry_run_sends_nothing(emails, mailoutbox):
    run = reminders.reminders_send(today=DAY, base_url="http://x", dry_run=True)
    assert len(run.digests) == 1
    assert mailoutbox == []
    assert not AuditEvent.objects.filter(object_type="reminder").exists()


def test_people_without_an_email_address_are_skipped(world, mailoutbox):
    run = reminders.reminders_send(today=DAY, base_url="http://x")
    assert run.digests == ()
    assert [d.user for d in run.without_email] == [world.owner]
    assert mailoutbox == []


def test_an_unknown_deadline_kind_is_still_described():
    row = reminders.DeadlineRecord(kind="new_kind", ref="")
    assert reminders._what(row) == "new kind"


def test_the_remind_command_sends_the_digests(emails, mailoutbox):
    result = CliRunner().invoke(
        app, ["remind", "--today", "2027-05-11", "--base-url", "https://kc.example.org"]
    )
    assert result.exit_code == 0, result.output
    assert f"sent to user {emails.owner.pk}: 1 overdue, 1 today, 0 week" in result.output
    assert "2027-05-11: sent 1 digest, 0 skipped" in result.output
    assert len(mailoutbox) == 1
    assert "https://kc.example.org/cases/" in mailoutbox[0].body


def test_the_remind_command_dry_run_says_who_would_get_what(world, mailoutbox):
    world.staff.email = "staff@example.org"
    world.staff.save()
    _assign(world.second_case, world.staff)
    CaseRecord.objects.filter(pk=world.case.pk).update(assignee=world.owner)
    result = CliRunner().invoke(app, ["remind", "--today", "2027-05-11", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"would send to user {world.staff.pk}" in result.output
    assert "would send 1 digest" in result.output
    assert mailoutbox == []


def test_the_remind_command_rejects_a_bad_date(db):
    result = CliRunner().invoke(app, ["remind", "--today", "tomorrow"])
    assert result.exit_code == 2
    assert "--today" in result.output


def test_the_remind_command_names_who_was_skipped_for_lack_of_an_address(world):
    result = CliRunner().invoke(app, ["remind", "--today", "2027-05-11"])
    assert result.exit_code == 0, result.output
    assert f"skipped user {world.owner.pk}: no e-mail address" in result.output
    assert "sent 0 digests, 1 skipped" in result.output
