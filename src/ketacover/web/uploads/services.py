"""Attaching files to a case, downloading them, and the prior-authorization packet with the
uploaded PDFs appended. Every change and every download is audited (ids and sizes only, never a
file name or content, which may carry health data)."""

from __future__ import annotations

import hashlib
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest

from ketacover.web.accounts.models import Actor, Role, user_id_of
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.models import CaseRecord, DocumentRecord
from ketacover.web.cases.selectors import membership_for
from ketacover.web.cases.services import PermissionDeniedError, case_lock, case_of
from ketacover.web.uploads.content import content_type_of, safe_name
from ketacover.web.uploads.models import Upload

PACKET_KIND = "pa-packet"
"""The kind a generated prior-authorization packet is kept under."""


def _require_staff(user: Actor, record: CaseRecord) -> None:
    membership = membership_for(user=user, case=record)
    if membership is None or membership.role == Role.PATIENT:
        raise PermissionDeniedError("only workspace staff can attach files to a case")


def upload_create(
    *,
    user: Actor,
    record: CaseRecord,
    name: str,
    content: bytes,
    request: HttpRequest | None = None,
) -> Upload:
    """Attach a file to the case: accepted by content (PDF, PNG, JPEG; 10 MB at most), kept under
    a sanitized name, as the next version of that name."""
    _require_staff(user, record)
    return upload_store(user=user, record=record, name=name, content=content, request=request)


def upload_store(
    *,
    user: Actor,
    record: CaseRecord,
    name: str,
    content: bytes,
    request: HttpRequest | None = None,
    detail: dict[str, str] | None = None,
) -> Upload:
    """Keep a file on the case for a caller whose right to add it was checked already (staff
    through :func:`upload_create`, the patient through ``patients.services``): accepted by
    content, under a sanitized name, as the next version of that name, audited with
    ``detail`` added."""
    content_type = content_type_of(content)
    kept = safe_name(name, content_type)
    with transaction.atomic():
        case_lock(record)
        latest = Upload.objects.filter(case=record, name=kept).aggregate(Max("version"))
        upload = Upload.objects.create(
            case=record,
            name=kept,
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            version=(latest["version__max"] or 0) + 1,
            created_by_id=user_id_of(user),
        )
        audit_record(
            user=user,
            action=Action.CREATE,
            object_type="upload",
            object_id=upload.pk,
            workspace=record.workspace,
            request=request,
            detail={
                "case": record.pk,
                "content_type": content_type,
                "size": len(content),
                **(detail or {}),
            },
        )
    return upload


def upload_downloaded(*, user: Actor, upload: Upload, request: HttpRequest | None = None) -> None:
    """Record that ``user`` downloaded an uploaded file."""
    audit_record(
        user=user,
        action=Action.DOWNLOAD,
        object_type="upload",
        object_id=upload.pk,
        workspace=upload.case.workspace,
        request=request,
        detail={"case": upload.case.pk},
    )


def packet_generate(
    *, user: Actor, record: CaseRecord, today: date, request: HttpRequest | None = None
) -> DocumentRecord:
    """Build the prior-authorization packet (cover sheet, letter, history, summary, evidence) as
    one PDF with the latest version of every uploaded PDF appended, and keep it as the next
    version of the case's packet. Missing facts raise
    :class:`~ketacover.core.errors.MissingFactsError` before anything is written."""
    from ketacover.core.letters.catalog import prior_authorization_packet
    from ketacover.render.pdf import render_packet_pdf

    _require_staff(user, record)
    packet = prior_authorization_packet(case_of(record), today)
    latest: dict[str, Upload] = {}
    for upload in Upload.objects.filter(case=record, content_type="application/pdf").order_by(
        "name", "version"
    ):
        latest[upload.name] = upload
    attachments = [(u.name, u.content.decrypt()) for u in latest.values()]
    content = render_packet_pdf(packet, attachments)
    with transaction.atomic():
        case_lock(record)
        version = record.documents.filter(kind=PACKET_KIND, fmt="pdf").aggregate(Max("version"))
        document = DocumentRecord.objects.create(
            case=record,
            kind=PACKET_KIND,
            fmt="pdf",
            title=packet.title,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            version=(version["version__max"] or 0) + 1,
            created_by_id=user_id_of(user),
        )
        audit_record(
            user=user,
            action=Action.CREATE,
            object_type="document",
            object_id=document.pk,
            workspace=record.workspace,
            request=request,
            detail={"case": record.pk, "kind": PACKET_KIND, "attachments": len(attachments)},
        )
    return document
