from decimal import Decimal

import pytest

from ketacover.core.model import ClaimStatus, DenialReason
from ketacover.interop.x12 import Adjustment, ClaimPayment, ServiceLine, outcome


@pytest.mark.parametrize(
    ("claim_id", "reason", "codes"),
    [
        ("case-x12-co50", DenialReason.NOT_MEDICALLY_NECESSARY, ("CO-50",)),
        ("KC-CLM-1003", DenialReason.EXPERIMENTAL_INVESTIGATIONAL, ("CO-55",)),
        ("KC-CLM-1004", DenialReason.NO_PRIOR_AUTHORIZATION, ("CO-197",)),
        ("UNKNOWN-77", DenialReason.CODING_ERROR, ("CO-16",)),
    ],
)
def test_denials_are_classified_from_their_carcs_with_group_codes_kept(
    claims, claim_id, reason, codes
):
    read = outcome(claims[claim_id])
    assert read.denied
    assert read.is_denial
    assert read.reason is reason
    assert read.denial_codes == codes
    assert read.status is ClaimStatus.DENIED
    assert read.denied_amount == claims[claim_id].charge


def test_status_4_is_a_denial_and_so_is_nothing_paid_on_an_adjusted_claim(claims):
    assert claims["case-x12-co50"].status_code == "4"
    assert claims["KC-CLM-1003"].status_code == "1"
    assert outcome(claims["KC-CLM-1003"]).denied


def test_a_line_fully_adjusted_with_co_is_a_partial_denial(claims):
    read = outcome(claims["KC-CLM-1005"])
    assert not read.denied
    assert read.denied_lines == (1,)
    assert read.is_denial
    assert read.denial_codes == ("CO-151",)
    assert read.codes == ("CO-45", "CO-151")
    assert read.reason is DenialReason.FREQUENCY_LIMIT
    assert read.denied_amount == Decimal(200)
    assert read.status is ClaimStatus.PARTIALLY_PAID


def test_a_paid_claim_with_deductible_and_coinsurance_is_not_a_denial(claims):
    read = outcome(claims["case-x12-paid"])
    assert not read.is_denial
    assert read.codes == ("CO-45", "PR-1", "PR-2")
    assert read.reason is None
    assert read.denied_amount == 0
    assert read.status is ClaimStatus.PAID


def test_a_reversal_is_not_a_denial(claims):
    assert not outcome(claims["KC-CLM-0999"]).is_denial


def _claim(status, paid, line_paid, adjustments):
    return ClaimPayment(
        segment=1,
        patient_control_number="x",
        status_code=status,
        charge=Decimal(100),
        paid=paid,
        patient_responsibility=Decimal(0),
        service_lines=(
            ServiceLine(
                qualifier="HC",
                procedure="96365",
                charge=Decimal(100),
                paid=line_paid,
                units=Decimal(1),
                adjustments=adjustments,
            ),
        ),
    )


def test_malformed_and_unknown_codes_do_not_stop_classification():
    claim = _claim(
        "4",
        Decimal(0),
        Decimal(0),
        (Adjustment("XX", "50", Decimal(60)), Adjustment("CO", "55", Decimal(40))),
    )
    assert outcome(claim).reason is DenialReason.EXPERIMENTAL_INVESTIGATIONAL


def test_a_line_written_off_by_the_patient_is_not_a_contractual_denial():
    claim = _claim("1", Decimal(0), Decimal(0), (Adjustment("PR", "1", Decimal(100)),))
    read = outcome(claim)
    assert read.denied  # nothing paid on an adjusted claim
    assert read.denied_lines == ()
    unpaid_line = _claim("1", Decimal(10), Decimal(0), ())
    assert not outcome(unpaid_line).is_denial
