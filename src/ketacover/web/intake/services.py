"""Intake services: start a case from step 1, and apply any later step's change to it.

Every change is checked (codes, scores, dates) before anything is written, then saved through
:func:`ketacover.web.cases.services.case_save`, which validates the whole case, checks the version
the form was opened at, and records an audit event naming the step.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest

from ketacover.web.accounts.models import Actor, Workspace
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_create, case_of, case_save
from ketacover.web.intake.changes import CHANGES, Data, InvalidStepError, start_case


def intake_start(
    *,
    user: Actor,
    workspace: Workspace,
    case_id: str,
    data: Data,
    today: date,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Create the case of step 1 (its id and patient) in ``workspace``."""
    case = start_case(case_id, data, today)
    if CaseRecord.objects.filter(workspace=workspace, case_id=case.id).exists():
        taken = f"A case with id {case.id} already exists; choose another."
        raise InvalidStepError({"case_id": taken})
    return case_create(
        user=user,
        workspace=workspace,
        case=case,
        today=today,
        request=request,
        prescriber=data.get("prescriber_index"),
    )


def intake_apply(
    *,
    user: Actor,
    record: CaseRecord,
    change: str,
    data: Data,
    expected_version: int,
    today: date,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Apply one of the wizard's changes (see ``CHANGES``) and save the case."""
    changed = CHANGES[change](case_of(record), data, today)
    return case_save(
        user=user,
        record=record,
        case=changed,
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"intake": change},
    )
