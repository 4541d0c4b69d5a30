"""What the API does: personal tokens, and the case reads and changes it adds to the case
services (a whole case replaced, one event added, the assessment and deadlines computed).

Case changes go through :mod:`ketacover.web.cases.services`, so they are validated, versioned
and audited exactly as on the pages; every read of a case's health data is audited with
``case_viewed``.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from ketacover.core.coverage import Assessment, assess
from ketacover.core.deadlines import Deadline, case_deadlines
from ketacover.core.errors import KetacoverError
from ketacover.interop.casefile import case_from_data
from ketacover.web.accounts.models import Actor, Role, user_id_of
from ketacover.web.api import selectors as api_selectors
from ketacover.web.api.models import ApiToken, TokenScope
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases import selectors, services
from ketacover.web.cases.models import CaseRecord, DocumentRecord
from ketacover.web.cases.services import ConflictError, PermissionDeniedError

TOKEN_PREFIX = "kc_"
"""Every token starts with this, so a leaked one is easy to recognise (and to scan for)."""
_SHOWN = 11
"""Characters kept in clear (the ``kc_`` prefix and eight more) to tell tokens apart."""
_TOUCH_EVERY = timedelta(minutes=1)
"""``last_used_at`` is written at most this often per token, not on every request."""
DEFAULT_LIFETIME = timedelta(days=90)
"""How long a token works unless its maker chooses otherwise..."""
LONGEST_LIFETIME = timedelta(days=365)
"""...and the longest they may choose."""


def token_hash(token: str) -> str:
    """The stored form of a token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_create(
    *,
    user: Actor,
    name: str,
    scope: str = TokenScope.READ,
    lifetime: timedelta = DEFAULT_LIFETIME,
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """A new token for ``user`` with ``scope``, expiring after ``lifetime`` (at most
    ``LONGEST_LIFETIME``); returns the record and the plain token, which is never stored and
    cannot be shown again."""
    if scope not in TokenScope.values:
        raise KetacoverError("scope: choose read or read_write")
    if not timedelta(0) < lifetime <= LONGEST_LIFETIME:
        raise KetacoverError(f"lifetime: from 1 to {LONGEST_LIFETIME.days} days")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user_id=user_id_of(user),
        name=name.strip(),
        prefix=plain[:_SHOWN],
        token_hash=token_hash(plain),
        scope=scope,
        expires_at=timezone.now() + lifetime,
    )
    audit_record(
        user=user,
        action=Action.CREATE,
        object_type="api_token",
        object_id=token.pk,
        request=request,
        detail={"scope": scope, "days": lifetime.days},
    )
    return token, plain


def token_revoke(*, user: Actor, pk: int, request: HttpRequest | None = None) -> ApiToken:
    """Revoke one of the user's own tokens (404 for anyone else's); revoking twice is harmless."""
    token = api_selectors.token_get(user=user, pk=pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            user=user,
            action=Action.UPDATE,
            object_type="api_token",
            object_id=token.pk,
            request=request,
            detail={"revoked": True},
        )
    return token


def token_revoke_all(*, user: User, reason: str) -> int:
    """Revoke every open token of ``user`` (their password changed or was reset): scripts must
    get a new token from the new password. Returns how many were revoked."""
    revoked = ApiToken.objects.filter(user_id=user.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit_record(
            user=user,
            action=Action.UPDATE,
            object_type="api_token",
            detail={"revoked": revoked, "reason": reason},
        )
    return revoked


def token_find(*, token: str) -> ApiToken | None:
    """The open token presented (with its active user), or None: unknown, revoked, expired, or
    its user is deactivated. Looked up by hash: the plain token is never compared or stored."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    now = timezone.now()
    found = (
        ApiToken.objects.select_related("user")
        .filter(
            token_hash=token_hash(token),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )
        .first()
    )
    if found is None:
        return None
    if found.last_used_at is None or now - found.last_used_at >= _TOUCH_EVERY:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found


def token_authenticate(*, token: str) -> User | None:
    """The active user an open token belongs to, or None (see :func:`token_find`)."""
    found = token_find(token=token)
    return found.user if found is not None else None


def _require_staff(user: Actor, record: CaseRecord) -> None:
    """Refuse a change before reading its body: patients and others see 403, not 422."""
    membership = selectors.membership_for(user=user, case=record)
    if membership is None or membership.role == Role.PATIENT:
        raise PermissionDeniedError("only workspace staff can change cases")


def _require_version(record: CaseRecord, expected_version: int) -> None:
    """A change written against an old version is a conflict, whatever its content."""
    if record.version != expected_version:
        raise ConflictError(record)


def case_add(*, user: Actor, text: str, today: date, request: HttpRequest | None) -> CaseRecord:
    """Store a case sent as case-file JSON text in the user's staff workspace."""
    workspace = api_selectors.staff_workspace(user=user)
    return services.case_import(
        user=user, workspace=workspace, text=text, fmt="json", today=today, request=request
    )


def case_read(*, user: Actor, record: CaseRecord, request: HttpRequest | None) -> CaseRecord:
    """The case, its read audited."""
    services.case_viewed(user=user, record=record, request=request)
    return record


def case_replace(
    *,
    user: Actor,
    record: CaseRecord,
    data: dict[str, Any],
    expected_version: int,
    today: date,
    request: HttpRequest | None,
) -> CaseRecord:
    """Replace the whole case with ``data`` (case-file format) if nobody saved since
    ``expected_version``."""
    _require_staff(user, record)
    _require_version(record, expected_version)
    case = case_from_data(data)
    return services.case_save(
        user=user,
        record=record,
        case=case,
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"replaced": True},
    )


def case_event_add(
    *,
    user: Actor,
    record: CaseRecord,
    kind: str,
    event: dict[str, Any],
    expected_version: int,
    today: date,
    request: HttpRequest | None,
) -> CaseRecord:
    """Add one event to the case's list ``kind``. The whole case is validated with the event in
    place, so its problems carry case-file paths (``denials[2].notice_date``) and cross-checks
    (an appeal naming an unknown denial) apply."""
    _require_staff(user, record)
    _require_version(record, expected_version)
    data = dict(record.data)
    data[kind] = [*data.get(kind, []), event]
    added = getattr(case_from_data(data), kind)[-1]
    return services.case_add_event(
        user=user,
        record=record,
        field=kind,
        event=added,
        expected_version=expected_version,
        today=today,
        request=request,
    )


def case_assessment(
    *, user: Actor, record: CaseRecord, today: date, request: HttpRequest | None
) -> Assessment:
    """The coverage assessment of the case as of ``today``, its read audited."""
    services.case_viewed(user=user, record=record, request=request)
    return assess(services.case_of(record), today)


def case_deadline_list(
    *, user: Actor, record: CaseRecord, today: date, request: HttpRequest | None
) -> list[Deadline]:
    """Every deadline of the case as of ``today``, soonest first, its read audited."""
    services.case_viewed(user=user, record=record, request=request)
    found = case_deadlines(services.case_of(record), today)
    return sorted(found, key=lambda item: (item.due, item.kind.value))


def case_document_list(
    *, user: Actor, record: CaseRecord, request: HttpRequest | None
) -> QuerySet[DocumentRecord]:
    """The case's stored documents (metadata only), newest first, the read audited."""
    services.case_viewed(user=user, record=record, request=request)
    return record.documents.defer("content")
