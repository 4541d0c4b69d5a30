"""Making, revoking and serving calendar feeds of deadlines.

A feed's address is ``/feeds/<token>.ics`` with a random token whose hash alone is stored. The
calendar comes from the cases' core deadlines (``ketacover.core.deadlines.case_deadlines``)
through ``ketacover.interop.ics.deadlines_calendar``, whose events carry case ids and what is
due, never a patient's name. Every fetch is an audit event (``export``, object ``feed``). A
feed works only while its maker may still see what it shows (``creator_may_read``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from ketacover.core.deadlines import case_deadlines
from ketacover.core.errors import KetacoverError
from ketacover.interop.ics import deadlines_calendar
from ketacover.web.accounts.models import Actor, Membership, Workspace, user_id_of
from ketacover.web.accounts.selectors import MANAGERS, token_hash, workspace_for
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of
from ketacover.web.feeds.models import CalendarFeed


@dataclass(frozen=True, slots=True)
class CreatedFeed:
    """A new feed and its address, which exists nowhere else once shown."""

    feed: CalendarFeed
    url: str


def feed_create(
    *,
    user: Actor,
    workspace: Workspace,
    case: CaseRecord | None,
    site: str,
    request: HttpRequest | None = None,
) -> CreatedFeed:
    """A feed of one case's deadlines, or of the workspace's when ``case`` is None (owners and
    staff). ``site`` is the address the feed URL starts with."""
    workspace_for(user=user, pk=workspace.pk, roles=MANAGERS)
    if case is not None and case.workspace_id != workspace.pk:
        raise KetacoverError("case: choose a case of this workspace")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        feed = CalendarFeed.objects.create(
            workspace=workspace,
            case=case,
            token_hash=token_hash(token),
            created_by_id=user_id_of(user),
        )
        audit_record(
            user=user,
            action=Action.CREATE,
            object_type="feed",
            object_id=feed.pk,
            workspace=workspace,
            request=request,
            detail={"case": case.pk if case is not None else None},
        )
    url = site.rstrip("/") + reverse("feeds:feed", args=[token])
    return CreatedFeed(feed=feed, url=url)


def feed_revoke(
    *, user: Actor, workspace: Workspace, pk: int, request: HttpRequest | None = None
) -> None:
    """Revoke a feed of the workspace: its address answers 404 from now on."""
    workspace_for(user=user, pk=workspace.pk, roles=MANAGERS)
    with transaction.atomic():
        revoked = CalendarFeed.objects.filter(
            pk=pk, workspace=workspace, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        if revoked == 0:
            raise Http404("No such feed.")
        audit_record(
            user=user,
            action=Action.DELETE,
            object_type="feed",
            object_id=pk,
            workspace=workspace,
            request=request,
        )


def creator_may_read(feed: CalendarFeed) -> bool:
    """Whether the person who made ``feed`` may still see what it shows: their account is
    active and they are still owner or staff of its workspace (as making a feed requires).
    Checked at every fetch, so a feed ends with its maker's access: membership removed, role
    lowered, account deactivated or deleted (issue 15, finding 4)."""
    creator = feed.created_by
    if creator is None or not creator.is_active:
        return False
    return Membership.objects.filter(
        user_id=creator.pk, workspace_id=feed.workspace_id, role__in=MANAGERS
    ).exists()


def _revoke_orphaned(feed: CalendarFeed, *, request: HttpRequest | None) -> None:
    """Revoke a feed whose maker lost access, so its owners see it as revoked."""
    with transaction.atomic():
        CalendarFeed.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        audit_record(
            user=AnonymousUser(),
            action=Action.DELETE,
            object_type="feed",
            object_id=feed.pk,
            workspace=feed.workspace,
            request=request,
            detail={"reason": "creator_lost_access"},
        )


def feed_calendar(
    *, token: str, today: date, stamp: datetime, request: HttpRequest | None = None
) -> bytes:
    """The iCalendar file behind a feed address; 404 for an unknown or revoked token."""
    feed = (
        CalendarFeed.objects.select_related("workspace", "case", "created_by")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )
    if feed is None:
        raise Http404("No such feed.")
    if not creator_may_read(feed):
        _revoke_orphaned(feed, request=request)
        raise Http404("No such feed.")
    workspace = feed.workspace
    if feed.case is not None:
        records: list[CaseRecord] = [feed.case]
        name = f"ketacover {feed.case.case_id}"
    else:
        records = list(workspace.cases.only("id", "case_id", "data").order_by("case_id"))
        clinic = workspace.kind == Workspace.Kind.CLINIC
        name = f"ketacover: {workspace.name}" if clinic else "ketacover deadlines"
    items = []
    for record in records:
        case = case_of(record)
        items.append((case, case_deadlines(case, today)))
    calendar = deadlines_calendar(items, today=today, name=name, stamp=stamp)
    audit_record(
        user=AnonymousUser(),
        action=Action.EXPORT,
        object_type="feed",
        object_id=feed.pk,
        workspace=workspace,
        request=request,
        detail={"case": feed.case_id, "cases": len(records)},
    )
    return calendar
