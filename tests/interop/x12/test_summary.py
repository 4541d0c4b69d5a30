from datetime import date
from decimal import Decimal

from ketacover.core.model import DenialReason
from ketacover.interop.x12 import GroupTotal, ReasonTotal, parse_835, summarize


def test_the_summary_totals_match_the_file(denials):
    summary = summarize(denials)
    assert summary.payer == "EXAMPLE MOUNTAIN INSURANCE"
    assert summary.payment == Decimal("876.5")
    assert summary.payment_date == date(2026, 11, 20)
    assert summary.claims == 8
    assert summary.billed == Decimal(4240)
    assert summary.paid == Decimal(900)
    assert summary.patient_responsibility == Decimal(200)
    assert summary.adjusted == (GroupTotal("CO", Decimal(3090)), GroupTotal("PR", Decimal(200)))
    assert summary.provider_adjustments == Decimal("23.5")
    assert summary.paid - summary.provider_adjustments == summary.payment
    assert summary.denied == 5
    assert summary.denied_amount == Decimal(2740)
    assert summary.denied_by_reason == (
        ReasonTotal(DenialReason.NO_PRIOR_AUTHORIZATION, 1, Decimal(1090)),
        ReasonTotal(DenialReason.CODING_ERROR, 1, Decimal(500)),
        ReasonTotal(DenialReason.NOT_MEDICALLY_NECESSARY, 1, Decimal(500)),
        ReasonTotal(DenialReason.EXPERIMENTAL_INVESTIGATIONAL, 1, Decimal(450)),
        ReasonTotal(DenialReason.FREQUENCY_LIMIT, 1, Decimal(200)),
    )
    assert [u.claim_id for u in summary.unbalanced] == ["KC-CLM-1006"]
    assert summary.payment_mismatch is None


def test_generated_files_total_to_their_payment(make):
    claims = make.generated(60, seed=7)
    [remittance] = parse_835(make.render(claims, newlines=False, control=9))
    summary = summarize(remittance)
    assert summary.claims == 60
    assert summary.billed == sum(claim.charge for claim in claims)
    assert summary.paid == summary.payment
    assert summary.unbalanced == ()
    assert summary.denied == sum(
        claim.status == "4" or claim.paid == 0 or any(line.paid == 0 for line in claim.lines)
        for claim in claims
    )


def test_denials_without_a_known_code_are_grouped_as_unclassified(denials_text):
    [remittance] = parse_835(denials_text.replace("CAS*CO*16*500~", "CAS*CO*252*500~"))
    totals = {total.reason: total for total in summarize(remittance).denied_by_reason}
    assert totals[None] == ReasonTotal(None, 1, Decimal(500))


def test_reading_every_claim_at_once_gives_the_same_totals_and_rows_as_one_by_one(make):
    from ketacover.interop.x12 import outcome, parse_835, summarize
    from ketacover.interop.x12.claims import claim_detail
    from ketacover.interop.x12.report import read_remittance

    [remittance] = parse_835(make.render(make.generated(300), newlines=True, control=5))
    summary, details = read_remittance(remittance)
    assert summary == summarize(remittance)
    assert details == tuple(claim_detail(claim, outcome(claim)) for claim in remittance.claims)
