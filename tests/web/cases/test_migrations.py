"""Migration 0002 fills the columns the deadlines repeat from their case (workspace, stage, payer,
assignee) for deadlines stored before it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ketacover.web.cases.models import CaseRecord, DeadlineRecord
from ketacover.web.cases.services import case_assign


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_deadlines_stored_before_the_migration_get_their_cases_columns(world):
    case_assign(user=world.owner, record=world.second_case, assignee_id=world.staff.pk)
    assert DeadlineRecord.objects.count() > 0
    try:
        _migrate([("cases", "0001_initial")])
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    rows = list(DeadlineRecord.objects.select_related("case"))
    assert rows
    for row in rows:
        case: CaseRecord = row.case
        assert (row.workspace_id, row.stage, row.payer, row.assignee_id) == (
            case.workspace_id,
            case.stage,
            case.payer,
            case.assignee_id,
        )
    assert any(row.assignee_id == world.staff.pk for row in rows)
