"""Writing the audit trail: every service that shows or changes health data calls
``audit_record``."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from ketacover.web.accounts.models import Actor, Workspace
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.client_address import request_client_address


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: the peer's, or the one a configured trusted proxy passed on
    (:mod:`ketacover.web.client_address`)."""
    return request_client_address(request)


def audit_record(
    *,
    user: Actor,
    action: Action,
    object_type: str,
    object_id: str | int = "",
    workspace: Workspace | None = None,
    request: HttpRequest | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. ``detail`` holds ids and kinds only, never health data.

    Every case page view writes one, so the row is inserted with one parameterized statement
    (the ORM's insert cost more than the database's; bench/README.md), with the values each
    field would have sent, and the event returned as saved."""
    event = AuditEvent(
        at=timezone.now(),
        user_id=user.pk if user.is_authenticated else None,
        workspace_id=workspace.pk if workspace is not None else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        ip=client_ip(request),
        detail=detail or {},
    )
    fields = [field for field in AuditEvent._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    values = [field.get_db_prep_save(getattr(event, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(AuditEvent._meta.db_table)} ({columns}) "
            f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING id",
            values,
        )
        row = cursor.fetchone()
    event.pk = row[0] if row else None
    event._state.adding = False
    event._state.db = connection.alias
    return event
