from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from ketacover.core.errors import KetacoverError
from ketacover.core.model import Call, Channel
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import (
    ConflictError,
    PermissionDeniedError,
    case_add_event,
    case_create,
    case_of,
    case_save,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def test_a_save_from_a_stale_version_is_refused_and_nothing_is_overwritten(world):
    record = world.case
    first = case_of(record)
    renamed = replace(first, notes="first editor's note")
    case_save(user=world.staff, record=record, case=renamed, expected_version=1, today=TODAY)
    stale = replace(first, notes="second editor's note")
    with pytest.raises(ConflictError) as raised:
        case_save(user=world.owner, record=record, case=stale, expected_version=1, today=TODAY)
    assert raised.value.current.version == 2
    assert case_of(CaseRecord.objects.get(pk=record.pk)).notes == "first editor's note"


def test_adding_a_call_appends_it_and_bumps_the_version(world):
    call = Call(
        at=datetime(2026, 11, 20, 15, 0, tzinfo=UTC),
        channel=Channel.PHONE,
        representative="Rep 12",
        reference="REF-1",
    )
    before = len(case_of(world.case).calls)
    record = case_add_event(
        user=world.staff,
        record=world.case,
        field="calls",
        event=call,
        expected_version=1,
        today=TODAY,
    )
    assert record.version == 2
    assert len(case_of(record).calls) == before + 1


def test_a_patient_cannot_change_a_case(world):
    with pytest.raises(PermissionDeniedError):
        case_save(
            user=world.patient,
            record=world.case,
            case=case_of(world.case),
            expected_version=1,
            today=TODAY,
        )


def test_an_outsider_cannot_create_cases_in_another_clinic(world):
    with pytest.raises(PermissionDeniedError):
        case_create(
            user=world.outsider, workspace=world.clinic, case=case_of(world.case), today=TODAY
        )


def test_a_case_id_is_unique_within_a_workspace(world):
    with pytest.raises(KetacoverError, match="already exists"):
        case_create(user=world.owner, workspace=world.clinic, case=case_of(world.case), today=TODAY)


def test_saving_refreshes_stage_payer_and_deadlines(world):
    record = world.second_case
    assert record.stage == "denied"
    assert record.deadlines.filter(kind="appeal_filing").exists()
    assert record.next_due is not None


def test_an_invalid_case_is_not_saved(world):
    case = case_of(world.case)
    broken = replace(case, diagnoses=(replace(case.diagnoses[0], code="X99.999"),))
    with pytest.raises(KetacoverError):
        case_save(user=world.staff, record=world.case, case=broken, expected_version=1, today=TODAY)
    assert CaseRecord.objects.get(pk=world.case.pk).version == 1
