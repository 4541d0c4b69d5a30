"""The audit log as CSV (columns at, user, action, object type, object id, ip), streamed row by
row so a long trail never sits in memory; every export is itself an audit event."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Final

from django.http import HttpRequest
from django.utils import timezone

from ketacover.web.accounts.models import Actor, Workspace
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.audit.selectors import AuditFilter
from ketacover.web.audit.services import audit_record

HEADER: Final = ("at", "user", "action", "object type", "object id", "ip")
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


class _Line:
    """A file-like object whose ``write`` hands back the line written."""

    def write(self, value: str) -> str:
        return value


def safe_cell(value: str) -> str:
    """``value`` made inert for spreadsheets: a leading ``=``, ``+``, ``-`` or ``@`` would start
    a formula (OWASP "CSV injection"), so such a cell gets a leading apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_lines(events: Iterable[AuditEvent]) -> Iterator[str]:
    """The CSV text, one line at a time, header first."""
    writer = csv.writer(_Line())
    yield writer.writerow(HEADER)
    for event in events:
        yield writer.writerow(
            (
                timezone.localtime(event.at).isoformat(timespec="seconds"),
                safe_cell(event.user.get_username() if event.user is not None else ""),
                event.action,
                safe_cell(event.object_type),
                safe_cell(event.object_id),
                event.ip or "",
            )
        )


def audit_exported(
    *,
    user: Actor,
    workspace: Workspace,
    where: AuditFilter,
    request: HttpRequest | None = None,
) -> None:
    """Record that ``user`` exported the workspace's audit log with the filter ``where``."""
    audit_record(
        user=user,
        action=Action.EXPORT,
        object_type="audit_log",
        object_id=workspace.pk,
        workspace=workspace,
        request=request,
        detail=where.as_detail(),
    )
