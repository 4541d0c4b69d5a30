"""The case page's record, read with one SQL statement, is the record the ORM reads: every
column it names with the same value and type, the case document read on first use."""

from __future__ import annotations

import pytest

from ketacover.web.cases import selectors
from ketacover.web.cases.models import CaseRecord

pytestmark = pytest.mark.django_db


def test_the_page_record_has_the_values_and_types_the_orm_reads(world):
    CaseRecord.objects.filter(pk=world.case.pk).update(assignee=world.staff)
    scope = selectors.scope_of(world.owner)
    record = selectors.case_page_get(user=world.owner, pk=world.case.pk, scope=scope)
    stored = CaseRecord.objects.get(pk=world.case.pk)
    for attname in selectors._PAGE_FIELDS:
        assert getattr(record, attname) == getattr(stored, attname), attname
        assert type(getattr(record, attname)) is type(getattr(stored, attname)), attname
    assert record.assignee_name == "staff"
    assert record.data == stored.data
    assert record._state.adding is False


def test_a_case_outside_the_scope_is_not_found(world):
    from django.http import Http404

    scope = selectors.scope_of(world.owner)
    with pytest.raises(Http404):
        selectors.case_page_get(user=world.owner, pk=world.other_case.pk, scope=scope)
