"""The daily digest e-mail of what is due: overdue, due today, and in the next 7 days.

Each member who is assigned cases gets those cases' deadlines; a workspace's owners get the
deadlines of its unassigned cases (and of cases assigned to someone who is no longer a member
who could see them). The deadlines are the ones stored with each case at its last save, the same
rows the dashboard shows.

The e-mail is PHI-light: it names a case by its id and says what is due, by when, with a link
to the case page (behind the login). No patient name, diagnosis or plan detail is written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

from ketacover.core.deadlines import DeadlineKind
from ketacover.web.accounts.models import Membership, Role, Workspace
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.models import DeadlineRecord

AHEAD: Final = 7
"""Days ahead the digest looks."""
OVERDUE_BACK: Final = 90
"""How far back an overdue deadline still shows (as on the dashboard)."""
BUCKETS: Final = (("overdue", "Overdue"), ("today", "Due today"), ("week", "Next 7 days"))

WHAT: Final = {
    DeadlineKind.PA_DECISION.value: "prior-authorization decision due",
    DeadlineKind.PA_FOLLOW_UP.value: "follow up on the prior-authorization request",
    DeadlineKind.REAUTHORIZATION.value: "ask for re-authorization",
    DeadlineKind.APPEAL_FILING.value: "last day to file the appeal",
    DeadlineKind.APPEAL_DECISION.value: "appeal decision due",
    DeadlineKind.EXTERNAL_REVIEW_FILING.value: "last day to ask for external review",
    DeadlineKind.EXTERNAL_REVIEW_DECISION.value: "external review decision due",
    DeadlineKind.REMS_MONITORING_FORM.value: "submit the REMS patient monitoring form",
    DeadlineKind.PEER_TO_PEER_REQUEST.value: "last day to ask for a peer-to-peer call",
    DeadlineKind.CLAIM_FILING.value: "last day to file the claim",
    DeadlineKind.GOOD_FAITH_ESTIMATE.value: "give the patient the Good Faith Estimate",
    DeadlineKind.GOOD_FAITH_DISPUTE.value: "last day for the patient to dispute the bill",
}
"""What is due, in a few words (the same wording as the calendar feed)."""


@dataclass(frozen=True, slots=True)
class DueItem:
    """One deadline in a digest."""

    case_pk: int
    case_id: str
    workspace_id: int
    what: str
    due: date
    bucket: str


@dataclass(slots=True)
class Digest:
    """Everything due for one person."""

    user: User
    items: list[DueItem] = field(default_factory=list)

    def bucket(self, name: str) -> list[DueItem]:
        """The items of one bucket (``overdue``, ``today`` or ``week``), by due date."""
        return [item for item in self.items if item.bucket == name]


@dataclass(frozen=True, slots=True)
class ReminderRun:
    """What a run sent (or, in a dry run, would send), and who was skipped for lack of an
    e-mail address."""

    digests: tuple[Digest, ...]
    without_email: tuple[Digest, ...]


def _bucket(due: date, today: date) -> str:
    return "overdue" if due < today else ("today" if due == today else "week")


def _what(row: DeadlineRecord) -> str:
    text = WHAT.get(row.kind, row.kind.replace("_", " "))
    return f"{text} ({row.ref})" if row.ref else text


def reminder_digests(*, today: date) -> list[Digest]:
    """The digests for ``today``, one per person with something due, by user id."""
    rows = list(
        DeadlineRecord.objects.filter(
            due__gte=today - timedelta(days=OVERDUE_BACK), due__lte=today + timedelta(days=AHEAD)
        )
        .select_related("case")
        .only("kind", "due", "ref", "case__case_id", "case__workspace_id", "case__assignee_id")
        .order_by("due", "id")
    )
    workspaces = {row.case.workspace_id for row in rows}
    roles: dict[tuple[int, int], str] = {}
    owners: dict[int, list[int]] = defaultdict(list)
    users: dict[int, User] = {}
    for membership in Membership.objects.filter(workspace_id__in=workspaces).select_related("user"):
        roles[(membership.workspace_id, membership.user_id)] = membership.role
        users[membership.user_id] = membership.user
        if membership.role == Role.OWNER:
            owners[membership.workspace_id].append(membership.user_id)
    digests: dict[int, Digest] = {}
    for row in rows:
        case = row.case
        assignee = case.assignee_id
        assigned = assignee is not None and roles.get((case.workspace_id, assignee)) not in (
            None,
            Role.PATIENT,
        )
        recipients = [assignee] if assigned and assignee else owners[case.workspace_id]
        item = DueItem(
            case_pk=case.pk,
            case_id=case.case_id,
            workspace_id=case.workspace_id,
            what=_what(row),
            due=row.due,
            bucket=_bucket(row.due, today),
        )
        for user_id in recipients:
            digests.setdefault(user_id, Digest(user=users[user_id])).items.append(item)
    return [digests[user_id] for user_id in sorted(digests)]


def digest_subject(digest: Digest) -> str:
    """``ketacover: 2 overdue, 1 due today, 3 in the next 7 days``."""
    counts = [len(digest.bucket(name)) for name, _ in BUCKETS]
    return (
        f"ketacover: {counts[0]} overdue, {counts[1]} due today, "
        f"{counts[2]} in the next {AHEAD} days"
    )


def digest_text(digest: Digest, *, today: date, base_url: str) -> str:
    """The e-mail body: case ids, what is due, the due date and a link; nothing else."""
    lines = [f"What is due on your ketacover cases, as of {_day(today)}.", ""]
    for name, title in BUCKETS:
        items = digest.bucket(name)
        if not items:
            continue
        lines.append(f"{title} ({len(items)})")
        for item in items:
            lines.append(f"- {item.case_id}: {item.what}, due {_day(item.due)}")
            lines.append(f"  {base_url.rstrip('/')}{reverse('cases:detail', args=[item.case_pk])}")
        lines.append("")
    lines += [
        "Dates are computed from the rules each case cites; a date printed on a notice wins.",
        "Information to help with paperwork, not medical or legal advice.",
        "You get this e-mail because these cases are assigned to you, or because you own a "
        "workspace with unassigned cases.",
    ]
    return "\n".join(lines) + "\n"


def _day(value: date) -> str:
    return f"{value:%B} {value.day}, {value:%Y}"


def reminders_send(*, today: date, base_url: str, dry_run: bool = False) -> ReminderRun:
    """Send (unless ``dry_run``) each digest for ``today``; each one sent is an audit event
    per workspace it covers (``export``, object ``reminder``, case ids only)."""
    digests = reminder_digests(today=today)
    reachable = tuple(d for d in digests if d.user.email)
    unreachable = tuple(d for d in digests if not d.user.email)
    if dry_run or not reachable:
        return ReminderRun(digests=reachable, without_email=unreachable)
    messages = [
        EmailMessage(
            subject=digest_subject(digest),
            body=digest_text(digest, today=today, base_url=base_url),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[digest.user.email],
        )
        for digest in reachable
    ]
    with get_connection() as connection:
        connection.send_messages(messages)
    spaces = Workspace.objects.in_bulk({item.workspace_id for d in reachable for item in d.items})
    for digest in reachable:
        by_workspace: dict[int, list[int]] = defaultdict(list)
        for item in digest.items:
            by_workspace[item.workspace_id].append(item.case_pk)
        for workspace_id, cases in sorted(by_workspace.items()):
            audit_record(
                user=AnonymousUser(),
                action=Action.EXPORT,
                object_type="reminder",
                object_id=digest.user.pk,
                workspace=spaces[workspace_id],
                detail={"cases": sorted(set(cases))},
            )
    return ReminderRun(digests=reachable, without_email=unreachable)
