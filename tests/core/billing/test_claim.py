"""Composing the claim of a date of service from a case: lines priced from the fee schedule,
every missing fact named, the authorization number and the recorded status carried."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ketacover.core.billing import claims, compose
from ketacover.core.errors import MissingFactsError
from ketacover.core.model import Claim, ClaimLineStatus, ClaimStatus, Fee
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).parents[3] / "examples"


@pytest.fixture(scope="module")
def reauth():
    return load_case(EXAMPLES / "approved-pa-reauth.yaml")


def test_each_line_is_priced_per_unit_and_the_claim_total_is_their_sum(reauth):
    claim = compose(reauth, on=date(2026, 11, 10))
    assert [(line.code, line.units, line.charge) for line in claim.lines] == [
        ("J0013", 84, Decimal("1344.00")),
        ("99214", 1, Decimal("180.00")),
        ("99415", 1, Decimal("95.00")),
        ("99416", 1, Decimal("45.00")),
    ]
    assert claim.total == Decimal("1664.00")


def test_the_claim_carries_the_authorization_number_and_the_diagnosis_pointers(reauth):
    claim = compose(reauth, on=date(2026, 11, 10))
    assert claim.authorization_number == "AUTH-55012-A"
    assert claim.diagnoses[0] == "F33.2"
    assert all(line.pointers[0] == 1 and line.pointer_letters[0] == "A" for line in claim.lines)


def test_a_code_the_fee_schedule_lacks_is_a_missing_fact_named_by_code(reauth):
    clinic = dataclasses.replace(
        reauth.clinic, fee_schedule=(Fee(code="99214", charge=Decimal("180")),)
    )
    with pytest.raises(MissingFactsError) as raised:
        compose(dataclasses.replace(reauth, clinic=clinic), on=date(2026, 11, 10))
    named = [item for item in raised.value.missing if item.startswith("clinic.fee_schedule")]
    assert [item.split("for ")[1].split(" ")[0] for item in named] == ["J0013", "99415", "99416"]


def test_one_claim_per_date_of_service(reauth):
    dates = [claim.service_date for claim in claims(reauth)]
    assert dates == sorted({session.on for session in reauth.sessions})


def test_the_status_comes_from_the_recorded_claim_per_claim_and_per_line(reauth):
    record = Claim(
        service_from=date(2026, 11, 17),
        status=ClaimStatus.PARTIALLY_PAID,
        billed=Decimal("1619"),
        lines=(ClaimLineStatus(code="99415", status=ClaimStatus.DENIED),),
    )
    case = dataclasses.replace(reauth, claims=(*reauth.claims, record))
    claim = compose(case, on=date(2026, 11, 17))
    assert claim.status is ClaimStatus.PARTIALLY_PAID
    assert {line.code: line.status for line in claim.lines}["99415"] is ClaimStatus.DENIED
    assert {line.code: line.status for line in claim.lines}["J0013"] is ClaimStatus.PARTIALLY_PAID
    assert compose(case, on=date(2026, 11, 20)).status is ClaimStatus.DRAFT


def test_the_filing_limit_follows_the_plan(reauth):
    claim = compose(reauth, on=date(2026, 11, 10))
    assert claim.filing is not None
    assert claim.filing.last_day == date(2027, 5, 9)


def test_a_date_without_a_session_is_named(reauth):
    with pytest.raises(MissingFactsError, match="no session given on 2026-11-11"):
        compose(reauth, on=date(2026, 11, 11))


def test_every_example_with_sessions_produces_its_claims():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        case = load_case(path)
        if case.sessions:
            assert all(claim.total > 0 for claim in claims(case)), path.name
