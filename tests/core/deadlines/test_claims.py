from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ketacover.core.deadlines import case_deadlines
from ketacover.core.deadlines.claims import REF, claim_filing_due
from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.model import (
    Case,
    Claim,
    ClaimStatus,
    Patient,
    PayerCategory,
    Plan,
    Session,
    Treatment,
)


def _case(category=PayerCategory.MEDICARE, days=None, claims=(), dates=(3, 10, 17)):
    return Case(
        id="case-filing",
        patient=Patient(given_name="Sam", family_name="Ashdown", date_of_birth=date(1950, 1, 1)),
        plan=Plan(payer="Medicare", category=category, timely_filing_days=days),
        sessions=tuple(
            Session(on=date(2026, 11, day), treatment=Treatment.ESKETAMINE) for day in dates
        ),
        claims=claims,
    )


def test_the_earliest_unsent_date_of_service_gives_medicare_s_twelve_months():
    found = claim_filing_due(_case())
    assert found is not None
    assert (found.kind, found.due, found.ref) == (DeadlineKind.CLAIM_FILING, date(2027, 11, 3), REF)
    assert found.clock == "12 months after the date of service"
    assert "3 dates of service are not filed yet" in found.explain
    assert found.source.citation == "42 CFR 424.44(a)(1)"


def test_a_sent_claim_moves_the_deadline_to_the_next_unsent_date():
    sent = Claim(service_from=date(2026, 11, 3), billed=Decimal(100), status=ClaimStatus.SUBMITTED)
    draft = Claim(service_from=date(2026, 11, 10), billed=Decimal(100), status=ClaimStatus.DRAFT)
    found = claim_filing_due(_case(claims=(sent, draft)))
    assert found is not None
    assert found.due == date(2027, 11, 10)


def test_a_span_claim_covers_every_date_in_it():
    span = Claim(
        service_from=date(2026, 11, 3),
        service_to=date(2026, 11, 17),
        billed=Decimal(300),
        status=ClaimStatus.PAID,
    )
    assert claim_filing_due(_case(claims=(span,))) is None


@pytest.mark.parametrize(("days", "due"), [(90, date(2027, 2, 1)), (None, None)])
def test_a_commercial_plan_s_limit_is_its_own_setting_or_nothing(days, due):
    found = claim_filing_due(_case(category=PayerCategory.COMMERCIAL_FULLY_INSURED, days=days))
    assert (found.due if found else None) == due
    if found:
        assert found.clock == "90 days after the date of service, as the plan states"


def test_no_plan_no_filing_deadline_and_the_case_lists_it_once():
    assert claim_filing_due(replace(_case(), plan=None)) is None
    kinds = [d.kind for d in case_deadlines(_case(), date(2026, 11, 23))]
    assert kinds.count(DeadlineKind.CLAIM_FILING) == 1
