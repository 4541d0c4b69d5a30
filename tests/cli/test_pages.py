"""``ketacover pages``: draws the stored case pages ahead for the day and says in one line how
many cases were drawn and how many were already current; bad input is one line and exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from ketacover.interop.casefile import load_case
from ketacover.web.accounts.models import Membership, Role, Workspace
from ketacover.web.cases.models import CasePage, CaseRecord
from ketacover.web.cases.services import case_create

from .conftest import TODAY

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SUMMARY = r"{day}: {drawn} drawn \({pages}\), {current} already current, [0-9.]+ s"


@pytest.fixture
def clinics(db) -> tuple[Workspace, Workspace]:
    """Two workspaces: one with two cases (one with a patient member), one with one case."""
    first, second = (Workspace.objects.create(name=n) for n in ("Maple Hollow", "Elsewhere"))
    owner = User.objects.create_user(username="owner", password="a-long-test-password-1")
    patient = User.objects.create_user(username="patient", password="a-long-test-password-1")
    Membership.objects.create(workspace=first, user=owner, role=Role.OWNER)
    Membership.objects.create(workspace=second, user=owner, role=Role.OWNER)
    day = timezone.localdate()
    cases = [
        case_create(
            user=owner, workspace=space, case=load_case(EXAMPLES / f"{name}.yaml"), today=day
        )
        for space, name in (
            (first, "esketamine-ready-ppo"),
            (first, "denial-appeal-running"),
            (second, "crps-iv-ketamine-ppo"),
        )
    ]
    Membership.objects.create(workspace=first, user=patient, role=Role.PATIENT, case=cases[0])
    return first, second


def _summary(output: str, day: str, drawn: str, pages: str, current: str) -> None:
    pattern = SUMMARY.format(day=day, drawn=drawn, pages=pages, current=current)
    assert re.search(pattern, output), output


def test_it_draws_every_case_then_finds_them_current(run, clinics):
    first = run("pages", "--today", TODAY)
    assert first.exit_code == 0, first.output
    _summary(first.output, TODAY, "3 cases", "4 pages", "0")
    assert CasePage.objects.count() == 4
    again = run("pages", "--today", TODAY)
    assert again.exit_code == 0, again.output
    _summary(again.output, TODAY, "0 cases", "0 pages", "3")
    assert len(again.output.strip().splitlines()) == 1


def test_by_default_it_draws_for_the_clinics_today(run, clinics):
    result = run("pages")
    assert result.exit_code == 0, result.output
    _summary(result.output, timezone.localdate().isoformat(), "3 cases", "4 pages", "0")


def test_one_workspace_alone(run, clinics):
    _, second = clinics
    result = run("pages", "--today", TODAY, "--workspace", str(second.pk))
    assert result.exit_code == 0, result.output
    _summary(result.output, TODAY, "1 case", "1 page", "0")
    assert set(CasePage.objects.values_list("case__workspace", flat=True)) == {second.pk}


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--today", "tomorrow"), "--today"),
        (("--today", "2026-13-40"), "--today"),
        (("--workspace", "9999"), "no workspace 9999"),
        (("--workspace", "Maple Hollow"), "is not a workspace id"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run, clinics, args, named):
    result = run("pages", *args)
    assert result.exit_code == 2
    assert named in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not CasePage.objects.exists()
    assert CaseRecord.objects.count() == 3
