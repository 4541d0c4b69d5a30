"""Writing the audit trail: every service that shows or changes health data calls
``audit_record``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ketacover.web.accounts.models import Actor, Workspace
from ketacover.web.audit.models import Action, AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as the server saw it (``REMOTE_ADDR``)."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


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
    """Append one event. ``detail`` holds ids and kinds only, never health data."""
    return AuditEvent.objects.create(
        user_id=user.pk if user.is_authenticated else None,
        workspace=workspace,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        ip=client_ip(request),
        detail=detail or {},
    )
