"""``ketacover demo``: the demo workspace holds the example cases moved to around today, so a
newcomer sees past events, work due now and deadlines ahead instead of everything overdue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from ketacover.cli.server import EXAMPLES_WRITTEN_FOR
from ketacover.core.model.timeshift import weeks_between
from ketacover.interop.casefile import load_case
from ketacover.web.accounts.models import Workspace
from ketacover.web.cases.services import case_of

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _sessions(case_id: str) -> list[date]:
    record = Workspace.objects.get(name="Demo Clinic").cases.get(case_id=case_id)
    return [session.on for session in case_of(record).sessions]


@pytest.mark.django_db
def test_demo_moves_the_examples_by_whole_weeks_to_around_today(run, tmp_path, monkeypatch):
    monkeypatch.setenv("KETACOVER_DATA_DIR", str(tmp_path))
    result = run("demo", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    weeks = weeks_between(EXAMPLES_WRITTEN_FOR, timezone.localdate())
    written = load_case(EXAMPLES / "approved-pa-reauth.yaml")
    assert written.sessions
    assert _sessions(written.id) == [
        date.fromordinal(s.on.toordinal() + 7 * weeks) for s in written.sessions
    ]
    if weeks:
        assert f"Dates moved {abs(weeks)} week" in result.output


@pytest.mark.django_db
def test_demo_as_written_keeps_the_dates(run, tmp_path, monkeypatch):
    monkeypatch.setenv("KETACOVER_DATA_DIR", str(tmp_path))
    result = run("demo", str(EXAMPLES), "--as-written")
    assert result.exit_code == 0, result.output
    written = load_case(EXAMPLES / "approved-pa-reauth.yaml")
    assert _sessions(written.id) == [s.on for s in written.sessions]
    assert "Dates moved" not in result.output
