"""Changing cases: the only web code that calls the core.

Each service validates everything before it writes, writes in one transaction, refreshes what
lists and dashboards need, and records an audit event. A save carries the version it started
from; if someone saved in between, :class:`ConflictError` says so and nothing is overwritten.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest

from ketacover.core.deadlines import case_deadlines
from ketacover.core.errors import KetacoverError
from ketacover.core.model import Case
from ketacover.core.stage import stage_of
from ketacover.interop.casefile import case_from_data, case_to_data, parse_case, stored_case
from ketacover.web.accounts.models import Actor, Membership, Role, Workspace, user_id_of
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.models import CaseRecord, DeadlineRecord, DocumentRecord, QueueMark
from ketacover.web.cases.queue import next_due_of
from ketacover.web.clinics.profile import prefilled, profile_of


class ConflictError(KetacoverError):
    """Someone else saved the case since it was opened; ``current`` is their version."""

    def __init__(self, current: CaseRecord) -> None:
        self.current = current
        super().__init__(
            f"case {current.case_id} was changed by someone else (now version {current.version})"
        )


class PermissionDeniedError(KetacoverError):
    """The user may see the case but not make this change."""


def case_of(record: CaseRecord) -> Case:
    """The stored case as a core object. Every stored document passed the whole validation
    (:func:`case_save`, ``case_create``, the API's replace), so reading it back checks its
    structure only (:func:`ketacover.interop.casefile.stored_case`)."""
    return stored_case(record.data)


def _writable(user: Actor, workspace: Workspace) -> Membership:
    if not user.is_authenticated:
        raise PermissionDeniedError("log in first")
    membership = Membership.objects.filter(user_id=user_id_of(user), workspace=workspace).first()
    if membership is None or membership.role == Role.PATIENT:
        raise PermissionDeniedError("only workspace staff can change cases")
    return membership


def _refresh(record: CaseRecord, case: Case, today: date) -> None:
    """Recompute the listed fields and the stored deadlines from ``case``; each deadline row
    carries the queue mark of its item (done or snoozed, ``cases.marks``), and ``next_due`` is
    the earliest item the work queue shows (``queue.next_due_of``)."""
    record.patient_name = case.patient.full_name
    record.payer = case.plan.payer if case.plan is not None else ""
    record.stage = stage_of(case).value
    found = case_deadlines(case, today)
    marks = {
        (m.kind, m.due, m.ref): m.hides_until
        for m in QueueMark.objects.filter(case_id=record.pk)
        if record.pk is not None
    }
    hidden = [marks.get((d.kind.value, d.due, d.ref or "")) for d in found]
    record.next_due = next_due_of([(d.due, h) for d, h in zip(found, hidden, strict=True)], today)
    record.deadlines.all().delete()
    DeadlineRecord.objects.bulk_create(
        DeadlineRecord(
            case=record,
            workspace_id=record.workspace_id,
            stage=record.stage,
            payer=record.payer,
            assignee_id=record.assignee_id,
            kind=d.kind.value,
            due=d.due,
            rule_id=d.rule_id,
            explain=d.explain,
            ref=d.ref or "",
            source=str(d.source),
            hidden_until=h,
        )
        for d, h in zip(found, hidden, strict=True)
    )


def case_create(
    *,
    user: Actor,
    workspace: Workspace,
    case: Case,
    today: date,
    request: HttpRequest | None = None,
    prescriber: int | None = None,
) -> CaseRecord:
    """Store a new case in ``workspace``. A case that names no clinic or prescriber gets the
    workspace's clinic profile's (prescriber number ``prescriber``, else the first listed):
    :func:`ketacover.web.clinics.profile.prefilled`."""
    _writable(user, workspace)
    case = prefilled(case, profile_of(workspace.pk), prescriber)
    if CaseRecord.objects.filter(workspace=workspace, case_id=case.id).exists():
        raise KetacoverError(f"id: a case with id {case.id!r} already exists in this workspace")
    with transaction.atomic():
        record = CaseRecord(workspace=workspace, case_id=case.id, data=case_to_data(case))
        record.patient_name = case.patient.full_name
        record.save()
        _refresh(record, case, today)
        record.save()
        audit_record(
            user=user,
            action=Action.CREATE,
            object_type="case",
            object_id=record.pk,
            workspace=workspace,
            request=request,
        )
    return record


def case_import(
    *,
    user: Actor,
    workspace: Workspace,
    text: str,
    fmt: str,
    today: date,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Store a case from a case file's text (YAML or JSON); every problem is reported first."""
    case = parse_case(text, fmt="json" if fmt == "json" else "yaml", name="upload")
    return case_create(user=user, workspace=workspace, case=case, today=today, request=request)


def case_save(
    *,
    user: Actor,
    record: CaseRecord,
    case: Case,
    expected_version: int,
    today: date,
    request: HttpRequest | None = None,
    detail: dict[str, Any] | None = None,
) -> CaseRecord:
    """Save a changed case if nobody saved since ``expected_version``; else ConflictError."""
    _writable(user, record.workspace)
    if case.id != record.case_id:
        raise KetacoverError("id: the case id cannot change")
    # Round-trip through the case-file validator: the same checks as an upload, before writing.
    data = case_to_data(case_from_data(case_to_data(case)))
    with transaction.atomic():
        updated = CaseRecord.objects.filter(pk=record.pk, version=expected_version).update(
            data=data, version=expected_version + 1
        )
        if updated == 0:
            raise ConflictError(CaseRecord.objects.get(pk=record.pk))
        record.refresh_from_db()
        _refresh(record, case, today)
        record.save(update_fields=["patient_name", "payer", "stage", "next_due", "updated_at"])
        audit_record(
            user=user,
            action=Action.UPDATE,
            object_type="case",
            object_id=record.pk,
            workspace=record.workspace,
            request=request,
            detail=detail or {},
        )
    return record


def case_add_event(
    *,
    user: Actor,
    record: CaseRecord,
    field: str,
    event: object,
    expected_version: int,
    today: date,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Append one event (a call, a prior authorization, a denial, ...) to the case's list."""
    case = case_of(record)
    events = getattr(case, field)
    changes: dict[str, Any] = {field: (*events, event)}
    changed = replace(case, **changes)
    return case_save(
        user=user,
        record=record,
        case=changed,
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"added": field},
    )


def case_viewed(*, user: Actor, record: CaseRecord, request: HttpRequest | None = None) -> None:
    """Record that ``user`` viewed the case's health data."""
    audit_record(
        user=user,
        action=Action.VIEW,
        object_type="case",
        object_id=record.pk,
        workspace=record.workspace,
        request=request,
    )


def case_lock(record: CaseRecord) -> None:
    """Hold the case's row until the current transaction ends, so writes that number the case's
    versions (documents, uploads, packets) take turns instead of two taking the same number.

    PostgreSQL locks the row (``SELECT ... FOR UPDATE``); SQLite needs nothing more, as its
    immediate transactions already hold the database's write lock. Call inside ``atomic``.
    """
    list(CaseRecord.objects.select_for_update().filter(pk=record.pk).values_list("pk"))


def document_generate(
    *,
    user: Actor,
    record: CaseRecord,
    kind: str,
    fmt: str,
    today: date,
    denial_id: str | None = None,
    variant: str | None = None,
    request: HttpRequest | None = None,
) -> DocumentRecord:
    """Compose and render a document for the case and keep it as a new version."""
    from ketacover.core.letters.catalog import Options, compose
    from ketacover.render import FORMATS, render

    _writable(user, record.workspace)
    letter = compose(kind, case_of(record), today, Options(denial_id=denial_id, variant=variant))
    if fmt not in FORMATS:
        raise KetacoverError(f"fmt: {fmt!r} is not a format; use one of {', '.join(FORMATS)}")
    content = render(letter, fmt)
    return document_keep(
        user=user,
        record=record,
        kind=kind,
        fmt=fmt,
        title=letter.title,
        content=content,
        request=request,
    )


def abn_generate(
    *, user: Actor, record: CaseRecord, request: HttpRequest | None = None
) -> DocumentRecord:
    """Fill the Advance Beneficiary Notice (form CMS-R-131) from the case and keep it as a new
    version (staff only). A case it does not fit, or one missing facts, raises before anything
    is written."""
    from ketacover.core.billing.abn import DOCUMENT, compose
    from ketacover.render.abn import abn_pdf

    _writable(user, record.workspace)
    content = abn_pdf(compose(case_of(record)))
    return document_keep(
        user=user,
        record=record,
        kind=ABN_KIND,
        fmt="pdf",
        title=DOCUMENT,
        content=content,
        request=request,
    )


ABN_KIND = "abn"
"""The kind the stored Advance Beneficiary Notice is kept under."""


def document_keep(
    *,
    user: Actor,
    record: CaseRecord,
    kind: str,
    fmt: str,
    title: str,
    content: bytes,
    request: HttpRequest | None,
) -> DocumentRecord:
    """Keep ``content`` as the next version of the case's ``kind`` document, audited."""
    with transaction.atomic():
        case_lock(record)
        latest = record.documents.filter(kind=kind, fmt=fmt).aggregate(Max("version"))
        document = DocumentRecord.objects.create(
            case=record,
            kind=kind,
            fmt=fmt,
            title=title,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            version=(latest["version__max"] or 0) + 1,
            created_by_id=user_id_of(user),
        )
        audit_record(
            user=user,
            action=Action.CREATE,
            object_type="document",
            object_id=document.pk,
            workspace=record.workspace,
            request=request,
            detail={"case": record.pk, "kind": kind, "fmt": fmt},
        )
    return document


def document_downloaded(
    *, user: Actor, document: DocumentRecord, request: HttpRequest | None = None
) -> None:
    """Record that ``user`` downloaded a document."""
    audit_record(
        user=user,
        action=Action.DOWNLOAD,
        object_type="document",
        object_id=document.pk,
        workspace=document.case.workspace,
        request=request,
        detail={"case": document.case_id},
    )


def case_assign(
    *,
    user: Actor,
    record: CaseRecord,
    assignee_id: int | None,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Assign the case to a member of its workspace (an owner, staff member or prescriber), or
    to nobody; only owners and staff may. The case document and its version do not change."""
    membership = _writable(user, record.workspace)
    if membership.role not in {Role.OWNER, Role.STAFF}:
        raise PermissionDeniedError("only owners and staff can assign cases")
    if assignee_id is not None:
        member = Membership.objects.filter(workspace=record.workspace, user_id=assignee_id).first()
        if member is None or member.role == Role.PATIENT:
            raise KetacoverError("assignee: not a member of this workspace who can take a case")
    with transaction.atomic():
        record.assignee_id = assignee_id
        record.save(update_fields=["assignee", "updated_at"])
        # The dashboard filters deadlines by the assignee they repeat (DeadlineRecord).
        record.deadlines.update(assignee_id=assignee_id)
        audit_record(
            user=user,
            action=Action.UPDATE,
            object_type="case",
            object_id=record.pk,
            workspace=record.workspace,
            request=request,
            detail={"changed": "assignee", "assignee": assignee_id},
        )
    return record
