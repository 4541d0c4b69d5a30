"""The history of 835 files a workspace imported: recorded when a file is previewed (the same
file again is the same row), marked when it is applied, listed and opened again by staff of the
workspace only. Every opening is audited; nothing is recorded for a file that cannot be read.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from ketacover.interop.x12 import Remittance, Summary
from ketacover.interop.x12.claims import ClaimDetail
from ketacover.web.accounts.models import Actor, Workspace, user_id_of
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.imports.models import RemittanceFile
from ketacover.web.imports.selectors import import_memberships

PAGE_SIZE: Final = 20
"""Files per page of the history."""
CLAIMS_PAGE_SIZE: Final = 100
"""Claims per page when a file is opened."""
_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._ -]")
_ZERO: Final = Decimal(0)


def safe_name(name: str) -> str:
    """The uploaded name without path or unusual characters, at most 120 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE.sub("_", base).strip(" .")[:120]
    return cleaned or "remittance.835"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadFile:
    """An 835 as read: each transaction set with its totals and every claim's detail."""

    remittances: tuple[tuple[Remittance, Summary, tuple[ClaimDetail, ...]], ...]


def remittance_file_record(
    *,
    user: Actor,
    workspace: Workspace,
    name: str,
    text: str,
    read: ReadFile,
    request: HttpRequest | None = None,
) -> RemittanceFile:
    """Keep the previewed file in the workspace's history (the same file again: its row). The
    digest is that of the file's text in UTF-8 (the bytes of an ASCII file)."""
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    found = RemittanceFile.objects.filter(workspace=workspace, sha256=digest).first()
    if found is not None:
        return found
    summaries = [summary for _, summary, _ in read.remittances]
    first = read.remittances[0][0] if read.remittances else None

    def total(field: str) -> Decimal:
        return sum((getattr(summary, field) for summary in summaries), _ZERO)

    try:
        with transaction.atomic():
            kept = RemittanceFile.objects.create(
                workspace=workspace,
                name=safe_name(name),
                size=len(data),
                sha256=digest,
                content=zlib.compress(data, 6),
                uploaded_by_id=user_id_of(user),
                payer=(first.payer.name if first else "")[:120],
                trace=((first.payment.trace or "") if first else "")[:80],
                payment_date=first.payment.date if first else None,
                transactions=len(summaries),
                claims=sum(summary.claims for summary in summaries),
                payment=total("payment"),
                billed=total("billed"),
                paid=total("paid"),
                patient_responsibility=total("patient_responsibility"),
                contractual=total("contractual"),
                denied=sum(summary.denied for summary in summaries),
                denied_amount=total("denied_amount"),
            )
            audit_record(
                user=user,
                action=Action.CREATE,
                object_type="remittance_file",
                object_id=kept.pk,
                workspace=workspace,
                request=request,
                detail={"claims": kept.claims, "size": kept.size},
            )
    except IntegrityError:
        return RemittanceFile.objects.get(workspace=workspace, sha256=digest)
    return kept


def remittance_file_applied(*, workspace: Workspace, text: str) -> None:
    """Mark the workspace's row of the file ``text`` applied (the first time)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    RemittanceFile.objects.filter(workspace=workspace, sha256=digest, applied_at=None).update(
        applied_at=timezone.now()
    )


def remittance_files(*, user: Actor) -> QuerySet[RemittanceFile]:
    """The files of every workspace where ``user`` is staff, newest first."""
    workspaces = import_memberships(user=user).values("workspace_id")
    return RemittanceFile.objects.filter(workspace_id__in=workspaces).select_related("workspace")


def remittance_files_page(*, user: Actor, number: str | int | None) -> Page[RemittanceFile]:
    """One page of the history."""
    return Paginator(remittance_files(user=user).defer("content"), PAGE_SIZE).get_page(number)


def remittance_file_get(
    *, user: Actor, pk: int, request: HttpRequest | None = None
) -> tuple[RemittanceFile, str]:
    """The file and its text, for staff of its workspace (404 for anyone else); audited."""
    try:
        kept = remittance_files(user=user).get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404("No such remittance file.") from None
    text = zlib.decompress(kept.content.decrypt()).decode("utf-8")
    audit_record(
        user=user,
        action=Action.VIEW,
        object_type="remittance_file",
        object_id=kept.pk,
        workspace=kept.workspace,
        request=request,
    )
    return kept, text


def read_file(text: str) -> ReadFile:
    """Read the 835 ``text`` for the history and the per-claim tables."""
    from ketacover.interop.x12 import parse_835
    from ketacover.interop.x12.report import read_remittance

    found = []
    for remittance in parse_835(text):
        summary, details = read_remittance(remittance)
        found.append((remittance, summary, details))
    return ReadFile(remittances=tuple(found))
