"""Claims aging on the dashboard: the open claims of the user's clinic, by days since sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ketacover.core.model import Claim, ClaimStatus
from ketacover.web.cases.aging import aging_rows, claims_aging
from ketacover.web.cases.selectors import scope_of
from ketacover.web.cases.services import case_of, case_save

from ..conftest import TODAY

pytestmark = pytest.mark.django_db


def _claim(days_ago: int, status=ClaimStatus.SUBMITTED, billed="100", paid=None, today=TODAY):
    return Claim(
        service_from=today - timedelta(days=days_ago + 2),
        submitted=today - timedelta(days=days_ago),
        status=status,
        billed=Decimal(billed),
        paid=None if paid is None else Decimal(paid),
    )


@pytest.mark.parametrize(
    ("days", "bucket"), [(0, 0), (30, 0), (31, 1), (60, 1), (61, 2), (90, 2), (91, 3), (400, 3)]
)
def test_a_claim_falls_in_the_bucket_of_its_days_since_sent(days, bucket):
    rows = aging_rows([_claim(days)], TODAY)
    assert [row.claims for row in rows] == [1 if i == bucket else 0 for i in range(4)]
    assert [row.label for row in rows] == ["0-30", "31-60", "61-90", "90+"]


def test_paid_and_draft_claims_are_not_open_and_partial_payments_leave_what_is_owed():
    rows = aging_rows(
        [
            _claim(5, ClaimStatus.PAID),
            _claim(5, ClaimStatus.DRAFT),
            _claim(5, ClaimStatus.PARTIALLY_PAID, billed="1000", paid="600"),
            _claim(10, ClaimStatus.DENIED, billed="250"),
        ],
        TODAY,
    )
    assert (rows[0].claims, rows[0].billed, rows[0].outstanding) == (
        2,
        Decimal("1250.00"),
        Decimal("650.00"),
    )


def _add_claims(world, record, claims, user=None):
    case = case_of(record)
    return case_save(
        user=user or world.owner,
        record=record,
        case=replace(case, claims=(*case.claims, *claims)),
        expected_version=record.version,
        today=TODAY,
    )


def test_the_dashboard_shows_the_clinic_s_aging_and_not_another_clinic_s(world):
    today = timezone.localdate()
    before = claims_aging(scope=scope_of(world.staff), today=today)[1]
    _add_claims(world, world.case, [_claim(45, billed="1234.50", today=today)])
    _add_claims(
        world, world.other_case, [_claim(45, billed="9876.00", today=today)], world.outsider
    )
    page = world.client_for(world.staff).get(reverse("dashboard")).content.decode()
    aging = page[page.index('id="claims-aging"') :]
    row = aging[aging.index("<td>31-60</td>") :].split("</tr>")[0]
    billed = before.billed + Decimal("1234.50")
    assert f"<td>{before.claims + 1}</td><td>${billed:,.2f}</td>" in row
    rows = claims_aging(scope=scope_of(world.outsider), today=today)
    assert rows[1].billed >= Decimal("9876.00")
    assert all(row.billed != Decimal("1234.50") for row in rows)


def test_a_changed_case_is_counted_at_once_despite_the_cache(world):
    today = date(2026, 12, 1)
    before = claims_aging(scope=scope_of(world.staff), today=today)
    record = _add_claims(world, world.case, [_claim(3, billed="500", today=today)])
    assert record.version > 1
    after = claims_aging(scope=scope_of(world.staff), today=today)
    assert after[0].claims == before[0].claims + 1
