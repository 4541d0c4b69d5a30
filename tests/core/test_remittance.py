from decimal import Decimal

import pytest

from ketacover.core import remittance
from ketacover.core.model import ClaimStatus
from ketacover.core.sources import Confidence


@pytest.mark.parametrize(
    ("code", "meaning"),
    [
        ("1", "processed as primary"),
        ("2", "processed as secondary"),
        ("3", "processed as tertiary"),
        ("4", "denied"),
        ("19", "processed as primary, forwarded to additional payer(s)"),
        ("20", "processed as secondary, forwarded to additional payer(s)"),
        ("21", "processed as tertiary, forwarded to additional payer(s)"),
        ("22", "reversal of previous payment"),
    ],
)
def test_each_known_claim_status_code_has_its_plain_meaning(code, meaning):
    assert remittance.describe_status(code) == meaning
    assert remittance.CLAIM_STATUS_CODES[code].source.confidence is Confidence.PARTLY_VERIFIED


def test_an_unknown_status_code_is_accepted_without_a_meaning():
    assert "no meaning in ketacover" in remittance.describe_status("25")


@pytest.mark.parametrize(
    ("status", "paid", "adjusted", "denied"),
    [
        ("4", "0", True, True),
        ("4", "10", False, True),
        ("1", "0", True, True),
        ("1", "0", False, False),
        ("1", "10", True, False),
        ("22", "0", True, False),
        ("19", "0", True, True),
    ],
)
def test_a_claim_is_denied_on_status_4_or_when_nothing_is_paid_on_an_adjusted_claim(
    status, paid, adjusted, denied
):
    assert (
        remittance.is_denied_claim(status_code=status, paid=Decimal(paid), adjusted=adjusted)
        is denied
    )


@pytest.mark.parametrize(
    ("charge", "paid", "contractual", "denied"),
    [
        ("500", "0", "500", True),
        ("500", "0", "400", False),
        ("500", "10", "490", False),
        ("0", "0", "0", False),
    ],
)
def test_a_line_is_denied_when_co_adjustments_take_its_whole_charge(
    charge, paid, contractual, denied
):
    assert (
        remittance.is_denied_line(
            charge=Decimal(charge), paid=Decimal(paid), contractual=Decimal(contractual)
        )
        is denied
    )


def test_the_claim_status_follows_the_denials():
    assert remittance.claim_status(denied=True, lines_denied=True) is ClaimStatus.DENIED
    assert remittance.claim_status(denied=False, lines_denied=True) is ClaimStatus.PARTIALLY_PAID
    assert remittance.claim_status(denied=False, lines_denied=False) is ClaimStatus.PAID
    assert remittance.is_reversal("22")
    assert not remittance.is_reversal("2")
