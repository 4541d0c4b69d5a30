"""Bringing records into cases: a FHIR bundle merged into one case, an 835 remittance applied
to a workspace's cases. Each change goes through
:func:`ketacover.web.cases.services.case_save` with the version its preview was made from, so a
case someone saved in between is never overwritten (:class:`ConflictError`); every preview and
change is audited. Parsing is :mod:`ketacover.interop.fhir` and :mod:`ketacover.interop.x12`;
what the records mean (trials, denial reasons, deadlines) is the core's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.http import HttpRequest

from ketacover.core.model import Case, Diagnosis, Plan, ScaleScore
from ketacover.interop.fhir import Change, ChangeKind, ImportReport, InferredTrial
from ketacover.interop.x12 import Remittance, Summary
from ketacover.interop.x12.claims import ClaimDetail
from ketacover.interop.x12.reconcile import MatchedDenial, Reconciliation
from ketacover.web.accounts.models import Actor, Workspace
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import ConflictError, PermissionDeniedError, case_of, case_save
from ketacover.web.imports.history import (
    ReadFile,
    read_file,
    remittance_file_applied,
    remittance_file_record,
)
from ketacover.web.imports.models import RemittanceFile
from ketacover.web.imports.selectors import import_memberships, workspace_records

_ADDED = re.compile(r"^(diagnoses|scores|treatment_history)\[(\d+)\]$")


def _staff(user: Actor, workspace: Workspace) -> None:
    if not import_memberships(user=user).filter(workspace=workspace).exists():
        raise PermissionDeniedError("only workspace staff can import records into cases")


@dataclass(frozen=True, slots=True, kw_only=True)
class BundlePreview:
    """What merging a FHIR bundle into a case would do, as of the case's ``version``."""

    version: int
    """The case version the preview was made from; the merge is refused if it changed."""
    diagnoses: tuple[Diagnosis, ...]
    """Diagnoses to add."""
    trials: tuple[InferredTrial, ...]
    """Treatment trials to add, each with its class, weeks and source records."""
    scores: tuple[ScaleScore, ...]
    """Rating-scale scores to add."""
    sets: tuple[Change, ...]
    """Empty fields to fill (a plan where there was none, a trial's end, its sources...)."""
    conflicts: tuple[Change, ...]
    """Imported values that differ from the case's; the case's values are kept."""
    report: ImportReport
    """What the bundle held, what was skipped and why, what is left for a person."""
    plan: Plan | None = None
    """The plan as the records give it (payer, kind, plan type, group, member id), shown before
    merging; what the merge does with each field is in ``sets`` and ``conflicts``."""

    @property
    def changes_anything(self) -> bool:
        """Whether merging would change the case at all."""
        return bool(self.diagnoses or self.trials or self.scores or self.sets)


def _bundle_merge(record: CaseRecord, text: str) -> tuple[Case, BundlePreview]:
    from ketacover.interop.fhir import import_bundle, merge_into

    imported = import_bundle(text, case_id=record.case_id)
    merged, changes = merge_into(case_of(record), imported)
    added: dict[str, list[int]] = {"diagnoses": [], "scores": [], "treatment_history": []}
    for change in changes:
        found = _ADDED.match(change.path)
        if change.kind is ChangeKind.ADD and found:
            added[found.group(1)].append(int(found.group(2)))
    preview = BundlePreview(
        version=record.version,
        diagnoses=tuple(merged.diagnoses[i] for i in added["diagnoses"]),
        trials=tuple(
            InferredTrial.of(merged.treatment_history[i], imported.report.refills)
            for i in added["treatment_history"]
        ),
        scores=tuple(merged.scores[i] for i in added["scores"]),
        sets=tuple(
            c
            for c in changes
            if c.kind is ChangeKind.SET or (c.kind is ChangeKind.ADD and c.path == "plan")
        ),
        conflicts=tuple(c for c in changes if c.kind is ChangeKind.CONFLICT),
        report=imported.report,
        plan=imported.case.plan,
    )
    return merged, preview


def bundle_preview(
    *, user: Actor, record: CaseRecord, text: str, request: HttpRequest | None = None
) -> BundlePreview:
    """The preview of merging the FHIR bundle ``text`` into ``record`` (FhirImportError if the
    bundle cannot be read). Nothing is written but the audit event."""
    _staff(user, record.workspace)
    _, preview = _bundle_merge(record, text)
    audit_record(
        user=user,
        action=Action.VIEW,
        object_type="case",
        object_id=record.pk,
        workspace=record.workspace,
        request=request,
        detail={"import": "fhir", "preview": True},
    )
    return preview


def bundle_merge(
    *,
    user: Actor,
    record: CaseRecord,
    text: str,
    expected_version: int,
    today: date,
    request: HttpRequest | None = None,
) -> BundlePreview:
    """Merge the FHIR bundle ``text`` into ``record`` as previewed at ``expected_version``;
    ConflictError if the case was saved since. Returns what was merged."""
    _staff(user, record.workspace)
    if record.version != expected_version:
        raise ConflictError(record)
    merged, preview = _bundle_merge(record, text)
    if preview.changes_anything:
        case_save(
            user=user,
            record=record,
            case=merged,
            expected_version=expected_version,
            today=today,
            request=request,
            detail={
                "import": "fhir",
                "diagnoses": len(preview.diagnoses),
                "trials": len(preview.trials),
                "scores": len(preview.scores),
                "set": len(preview.sets),
                "conflicts": len(preview.conflicts),
            },
        )
    return preview


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimRow:
    """One claim payment of a remittance and the case it matched, as the page lists it."""

    claim_id: str
    payer_claim_number: str | None
    service_from: date | None
    charge: Decimal
    paid: Decimal
    case_id: str | None
    """The matched case's id (``None`` when unmatched)."""
    record_pk: int | None
    basis: str | None
    candidates: tuple[str, ...]
    """Cases that matched equally well (then none is chosen)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DenialRow:
    """A matched denial with its appeal deadline, and the stored case it belongs to."""

    matched: MatchedDenial
    record_pk: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RemittanceResult:
    """One transaction set of an 835 held against the workspace's cases."""

    control_number: str
    remittance: Remittance
    """The transaction set as read: payer, payee, payment and claims."""
    summary: Summary
    details: tuple[ClaimDetail, ...]
    """Every claim read for a person, in file order."""
    reconciliation: Reconciliation
    claims: tuple[ClaimRow, ...]
    denials: tuple[DenialRow, ...]
    """Matched denials with their appeal deadlines, in file order."""

    @property
    def matched(self) -> tuple[ClaimRow, ...]:
        """Claims matched to a case."""
        return tuple(row for row in self.claims if row.case_id is not None)

    @property
    def unmatched(self) -> tuple[ClaimRow, ...]:
        """Claims no single case was found for."""
        return tuple(row for row in self.claims if row.case_id is None)


@dataclass(frozen=True, slots=True, kw_only=True)
class RemittancePlan:
    """An 835 held against a workspace: the figures, the matches, and the cases it changes."""

    workspace: Workspace
    results: tuple[RemittanceResult, ...]
    changed: dict[str, int]
    """Primary keys (as text) of the cases it changes, with the version each was read at."""
    kept: RemittanceFile | None = None
    """The file's row in the workspace's history (once previewed)."""


def _remittance_plan(
    user: Actor, workspace: Workspace, text: str, today: date
) -> tuple[RemittancePlan, dict[str, Case], dict[str, CaseRecord], ReadFile]:
    from ketacover.interop.x12.reconcile import reconcile

    read = read_file(text)
    records = {r.case_id: r for r in workspace_records(user=user, workspace=workspace)}
    originals = {case_id: case_of(record) for case_id, record in records.items()}
    current = list(originals.values())
    results = []
    for remittance, summary, details in read.remittances:
        found = reconcile(remittance, current, today=today)
        current = list(found.cases)
        rows = tuple(
            ClaimRow(
                claim_id=match.claim.claim_id,
                payer_claim_number=match.claim.payer_claim_number,
                service_from=match.claim.service_from,
                charge=match.claim.charge,
                paid=match.claim.paid,
                case_id=match.case.id if match.case else None,
                record_pk=records[match.case.id].pk if match.case else None,
                basis=match.basis.value if match.basis else None,
                candidates=match.candidates,
            )
            for match in found.matches
        )
        results.append(
            RemittanceResult(
                control_number=remittance.control_number,
                remittance=remittance,
                summary=summary,
                details=details,
                reconciliation=found,
                claims=rows,
                denials=tuple(
                    DenialRow(matched=each, record_pk=records[each.case_id].pk)
                    for each in found.denials
                ),
            )
        )
    changed = {case.id: case for case in current if case != originals[case.id]}
    plan = RemittancePlan(
        workspace=workspace,
        results=tuple(results),
        changed={str(records[case_id].pk): records[case_id].version for case_id in changed},
    )
    return plan, changed, records, read


def _detail(plan: RemittancePlan) -> dict[str, object]:
    return {
        "import": "835",
        "transactions": [result.control_number for result in plan.results],
        "claims": sum(len(result.claims) for result in plan.results),
        "matched": sum(len(result.matched) for result in plan.results),
        "cases": sorted(int(pk) for pk in plan.changed),
    }


def remittance_preview(
    *,
    user: Actor,
    workspace: Workspace,
    text: str,
    today: date,
    name: str = "remittance.835",
    request: HttpRequest | None = None,
) -> RemittancePlan:
    """The 835 ``text`` summed up, every claim read, and matched to ``workspace``'s cases. The
    cases are not changed; the file is kept in the workspace's history (:mod:`.history`).
    RemittanceError if the file cannot be read, and then nothing is kept."""
    _staff(user, workspace)
    plan, _, _, read = _remittance_plan(user, workspace, text, today)
    kept = remittance_file_record(
        user=user, workspace=workspace, name=name, text=text, read=read, request=request
    )
    plan = replace(plan, kept=kept)
    audit_record(
        user=user,
        action=Action.VIEW,
        object_type="remittance",
        workspace=workspace,
        request=request,
        detail={**_detail(plan), "preview": True},
    )
    return plan


def remittance_apply(
    *,
    user: Actor,
    workspace: Workspace,
    text: str,
    versions: dict[str, int],
    today: date,
    request: HttpRequest | None = None,
) -> RemittancePlan:
    """Apply the 835 ``text`` to ``workspace``'s cases in one transaction: every case it changes
    must still be at the version in ``versions`` (the preview's), else ConflictError names the
    case and nothing is saved."""
    _staff(user, workspace)
    plan, changed, records, _ = _remittance_plan(user, workspace, text, today)
    detail = _detail(plan)
    with transaction.atomic():
        for case_id, case in changed.items():
            record = records[case_id]
            expected = versions.get(str(record.pk))
            if expected is None or expected != record.version:
                raise ConflictError(record)
            case_save(
                user=user,
                record=record,
                case=case,
                expected_version=expected,
                today=today,
                request=request,
                detail={"import": "835", "transactions": detail["transactions"]},
            )
        remittance_file_applied(workspace=workspace, text=text)
        audit_record(
            user=user,
            action=Action.UPDATE,
            object_type="remittance",
            workspace=workspace,
            request=request,
            detail=detail,
        )
    return plan
