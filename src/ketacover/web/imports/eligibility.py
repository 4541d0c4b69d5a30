"""A payer's 271 eligibility response merged into a case's plan after a preview: the preview
shows what the response says (coverage, dates, deductibles and out-of-pocket maximums with what
remains, coinsurance and copays, prior authorization, the payer's messages) and what merging
would fill and where it conflicts with the case (the case's values are kept). The merge goes
through :func:`ketacover.web.cases.services.case_save` at the version previewed, so a case saved
in between is never overwritten; previews and merges are audited with ids and counts only (the
payer's messages can name people and are never logged). Reading is
:mod:`ketacover.interop.x12.eligibility`; what it changes is :mod:`ketacover.core.eligibility`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.http import HttpRequest

from ketacover.core.eligibility import Eligibility, PlanChange, answer_for, plan_changes
from ketacover.core.errors import KetacoverError
from ketacover.core.model import Case
from ketacover.web.accounts.models import Actor
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import ConflictError, PermissionDeniedError, case_of, case_save
from ketacover.web.imports.selectors import import_memberships


class EligibilityMergeError(KetacoverError):
    """The payer did not answer the request: there is nothing to merge."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EligibilityPreview:
    """What merging a 271 into a case would do, as of the case's ``version``."""

    version: int
    eligibility: Eligibility
    fills: tuple[PlanChange, ...]
    """Empty plan fields the response fills."""
    conflicts: tuple[PlanChange, ...]
    """Fields where the case holds another value (kept)."""

    @property
    def changes_anything(self) -> bool:
        """Whether merging would fill anything."""
        return bool(self.fills)

    @property
    def other_member(self) -> bool:
        """Whether the response's member id differs from the case's (another patient's?)."""
        return any(change.field == "member_id" for change in self.conflicts)


def _pick(found: tuple[Eligibility, ...], case: Case) -> Eligibility:
    return answer_for(
        found,
        member_id=case.plan.member_id if case.plan else None,
        birth_date=case.patient.date_of_birth,
    )


def _merge(record: CaseRecord, text: str) -> tuple[Case, EligibilityPreview]:
    from ketacover.interop.x12.eligibility import parse_271

    case = case_of(record)
    found = _pick(parse_271(text), case)
    plan, changes = plan_changes(case.plan, found)
    preview = EligibilityPreview(
        version=record.version,
        eligibility=found,
        fills=tuple(change for change in changes if not change.conflict),
        conflicts=tuple(change for change in changes if change.conflict),
    )
    return replace(case, plan=plan), preview


def _staff(user: Actor, record: CaseRecord) -> None:
    if not import_memberships(user=user).filter(workspace=record.workspace).exists():
        raise PermissionDeniedError("only workspace staff can import records into cases")


def eligibility_preview(
    *, user: Actor, record: CaseRecord, text: str, request: HttpRequest | None = None
) -> EligibilityPreview:
    """The preview of merging the 271 ``text`` into ``record`` (EligibilityError if it cannot be
    read). Nothing is written but the audit event."""
    _staff(user, record)
    _, preview = _merge(record, text)
    audit_record(
        user=user,
        action=Action.VIEW,
        object_type="case",
        object_id=record.pk,
        workspace=record.workspace,
        request=request,
        detail={"import": "271", "preview": True},
    )
    return preview


def eligibility_merge(
    *,
    user: Actor,
    record: CaseRecord,
    text: str,
    expected_version: int,
    today: date,
    request: HttpRequest | None = None,
) -> EligibilityPreview:
    """Merge the 271 ``text`` into ``record``'s plan as previewed at ``expected_version``;
    ConflictError if the case was saved since, EligibilityMergeError if the payer did not
    answer. Returns what was merged."""
    _staff(user, record)
    if record.version != expected_version:
        raise ConflictError(record)
    merged, preview = _merge(record, text)
    if preview.eligibility.active is None and preview.eligibility.rejections:
        raise EligibilityMergeError("the payer did not answer the request; nothing to merge")
    if preview.changes_anything:
        case_save(
            user=user,
            record=record,
            case=merged,
            expected_version=expected_version,
            today=today,
            request=request,
            detail={
                "import": "271",
                "filled": len(preview.fills),
                "conflicts": len(preview.conflicts),
            },
        )
    return preview
