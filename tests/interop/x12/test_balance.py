from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ketacover.interop.x12 import (
    Adjustment,
    ClaimPayment,
    ServiceLine,
    adjusted_total,
    parse_835,
    payment_mismatch,
    unbalanced_claim,
    unbalanced_claims,
)


def test_the_unbalanced_claim_is_reported_with_its_numbers_and_the_others_still_import(denials):
    [found] = unbalanced_claims(denials)
    assert found.claim_id == "KC-CLM-1006"
    assert found.segment == 96
    assert (found.charge, found.paid, found.adjusted) == (Decimal(500), Decimal(300), Decimal(150))
    assert found.difference == Decimal(50)
    assert len(denials.claims) == 8


def test_claim_and_line_adjustments_both_count(claims):
    assert adjusted_total(claims["case-x12-co50"]) == Decimal(500)
    assert adjusted_total(claims["case-x12-paid"]) == Decimal(400)
    assert unbalanced_claim(claims["case-x12-paid"]) is None
    assert unbalanced_claim(claims["KC-CLM-0999"]) is None


def test_the_payment_balances_against_claims_less_provider_adjustments(denials):
    assert payment_mismatch(denials) is None


def test_a_payment_that_does_not_add_up_is_reported(denials_text):
    [remittance] = parse_835(denials_text.replace("BPR*I*876.5*", "BPR*I*900*"))
    mismatch = payment_mismatch(remittance)
    assert mismatch is not None
    assert (mismatch.payment, mismatch.claims_paid, mismatch.provider_adjustments) == (
        Decimal(900),
        Decimal(900),
        Decimal("23.5"),
    )
    assert mismatch.difference == Decimal("23.5")


cents = st.decimals(min_value=0, max_value=100_000, places=2)


@given(charges=st.lists(cents, min_size=1, max_size=4), data=st.data())
def test_a_claim_whose_adjustments_explain_the_difference_always_balances(charges, data):
    lines = []
    for charge in charges:
        paid = data.draw(st.decimals(min_value=0, max_value=charge, places=2))
        lines.append(
            ServiceLine(
                qualifier="HC",
                procedure="96365",
                charge=charge,
                paid=paid,
                units=Decimal(1),
                adjustments=(Adjustment("CO", "45", charge - paid),),
            )
        )
    extra = data.draw(cents)
    claim = ClaimPayment(
        segment=1,
        patient_control_number="x",
        status_code="1",
        charge=sum(charges) + extra,
        paid=sum(line.paid for line in lines),
        patient_responsibility=Decimal(0),
        adjustments=(Adjustment("OA", "23", extra),),
        service_lines=tuple(lines),
    )
    assert unbalanced_claim(claim) is None
    off = data.draw(cents.filter(lambda d: d != 0))
    shifted = unbalanced_claim(
        ClaimPayment(
            segment=1,
            patient_control_number="x",
            status_code="1",
            charge=claim.charge + off,
            paid=claim.paid,
            patient_responsibility=Decimal(0),
            adjustments=claim.adjustments,
            service_lines=claim.service_lines,
        )
    )
    assert shifted is not None
    assert shifted.difference == off
