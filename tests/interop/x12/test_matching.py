import dataclasses
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest

from ketacover.core.deadlines import DeadlineKind, case_deadlines
from ketacover.core.model import (
    Case,
    Claim,
    ClaimStatus,
    Denial,
    DenialReason,
    Patient,
    PayerCategory,
    Plan,
    Session,
    Treatment,
)
from ketacover.interop.x12 import MatchBasis, apply, match
from ketacover.interop.x12.reconcile import reconcile

TODAY = date(2026, 11, 23)
PAID_ON = date(2026, 11, 20)


def _case(
    case_id, *, member=None, claims=(), sessions=(), category=PayerCategory.COMMERCIAL_SELF_FUNDED
):
    return Case(
        id=case_id,
        patient=Patient(given_name="Sam", family_name="Ashdown", date_of_birth=date(1980, 1, 1)),
        plan=Plan(payer="Example Mountain Insurance", category=category, member_id=member),
        claims=claims,
        sessions=sessions,
    )


@pytest.fixture
def cases():
    return [
        _case("case-x12-co50"),
        _case(
            "case-by-number",
            claims=(
                Claim(
                    claim_number="KC-CLM-1004",
                    service_from=date(2026, 10, 24),
                    billed=Decimal(1090),
                ),
            ),
        ),
        _case(
            "case-by-payer-number",
            claims=(
                Claim(
                    claim_number="PAYER-1003", service_from=date(2026, 10, 23), billed=Decimal(450)
                ),
            ),
        ),
        _case(
            "case-by-member",
            member="xkc000678901",
            sessions=(Session(on=date(2026, 11, 2), treatment=Treatment.IV_KETAMINE),),
        ),
        _case(
            "case-same-member-other-day",
            member="XKC000678901",
            sessions=(Session(on=date(2026, 10, 1), treatment=Treatment.IV_KETAMINE),),
        ),
    ]


def test_each_claim_is_matched_by_the_first_identifier_that_finds_one_case(denials, cases):
    found = {m.claim.claim_id: m for m in match(denials, cases)}
    assert (found["case-x12-co50"].case.id, found["case-x12-co50"].basis) == (
        "case-x12-co50",
        MatchBasis.PATIENT_CONTROL_NUMBER,
    )
    assert (found["KC-CLM-1004"].case.id, found["KC-CLM-1004"].basis) == (
        "case-by-number",
        MatchBasis.CLAIM_NUMBER,
    )
    assert (found["KC-CLM-1003"].case.id, found["KC-CLM-1003"].basis) == (
        "case-by-payer-number",
        MatchBasis.PAYER_CLAIM_NUMBER,
    )
    assert (found["UNKNOWN-77"].case.id, found["UNKNOWN-77"].basis) == (
        "case-by-member",
        MatchBasis.MEMBER_AND_DATES,
    )


def test_unmatched_claims_are_reported(denials, cases):
    unmatched = [m.claim.claim_id for m in match(denials, cases) if m.case is None]
    assert unmatched == ["case-x12-paid", "KC-CLM-1005", "KC-CLM-1006", "KC-CLM-0999"]
    assert all(m.basis is None for m in match(denials, cases) if m.case is None)


def test_several_cases_matching_equally_leave_the_claim_unmatched_with_the_candidates(
    denials, cases
):
    twin = _case(
        "case-twin",
        member="XKC000678901",
        claims=(
            Claim(
                service_from=date(2026, 11, 1), service_to=date(2026, 11, 3), billed=Decimal(500)
            ),
        ),
    )
    found = {m.claim.claim_id: m for m in match(denials, [*cases, twin])}
    assert found["UNKNOWN-77"].case is None
    assert found["UNKNOWN-77"].candidates == ("case-by-member", "case-twin")


def test_a_claim_without_dates_cannot_match_by_member(denials, cases):
    claim = denials.claims[6]._replace(service_from=None, service_to=None)
    remittance = dataclasses.replace(denials, claims=(claim,))
    assert match(remittance, cases)[0].case is None


def test_apply_adds_a_post_service_denial_and_the_erisa_appeal_deadline_follows(claims):
    case = _case("case-x12-co50")
    applied = apply(case, claims["case-x12-co50"], today=TODAY)
    assert case.denials == ()
    [denial] = applied.denials
    assert denial == Denial(
        id="denial-1",
        notice_date=PAID_ON,
        pre_service=False,
        reason=DenialReason.NOT_MEDICALLY_NECESSARY,
        carc_codes=("CO-50",),
        claim_number="PAYER-1002",
    )
    [claim] = applied.claims
    assert (
        claim.claim_number,
        claim.billed,
        claim.allowed,
        claim.paid,
        claim.patient_share,
        claim.status,
    ) == ("PAYER-1002", Decimal(500), Decimal(0), Decimal(0), Decimal(0), ClaimStatus.DENIED)
    assert (claim.service_from, claim.service_to) == (date(2026, 10, 22), date(2026, 10, 22))
    appeal = [d for d in case_deadlines(applied, TODAY) if d.kind is DeadlineKind.APPEAL_FILING]
    assert [(d.due, d.ref) for d in appeal] == [(date(2027, 5, 19), "denial-1")]
    assert appeal[0].due == PAID_ON + timedelta(days=180)


def test_apply_updates_the_matching_claim_and_keeps_its_number(claims):
    existing = Claim(
        claim_number="KC-CLM-1005", service_from=date(2026, 10, 25), billed=Decimal(700)
    )
    applied = apply(_case("c", claims=(existing,)), claims["KC-CLM-1005"], today=TODAY)
    [claim] = applied.claims
    assert (claim.claim_number, claim.paid, claim.allowed, claim.status) == (
        "KC-CLM-1005",
        Decimal(400),
        Decimal(400),
        ClaimStatus.PARTIALLY_PAID,
    )
    [denial] = applied.denials
    assert denial.carc_codes == ("CO-151",)
    assert denial.reason is DenialReason.FREQUENCY_LIMIT


def test_apply_finds_the_claim_by_dates_when_it_has_no_number(claims):
    existing = Claim(service_from=date(2026, 10, 22), billed=Decimal(1000))
    other = Claim(service_from=date(2026, 9, 1), billed=Decimal(10))
    applied = apply(_case("c", claims=(other, existing)), claims["case-x12-paid"], today=TODAY)
    assert applied.claims[0] == other
    assert (
        applied.claims[1].claim_number,
        applied.claims[1].status,
        applied.claims[1].patient_share,
    ) == ("PAYER-1001", ClaimStatus.PAID, Decimal(200))
    assert applied.denials == ()


def test_applying_the_same_payment_twice_adds_one_denial_with_a_fresh_id(claims):
    taken = Denial(id="denial-2", notice_date=date(2026, 1, 5))
    case = dataclasses.replace(_case("c"), denials=(taken,))
    once = apply(case, claims["KC-CLM-1004"], today=TODAY)
    twice = apply(once, claims["KC-CLM-1004"], today=TODAY)
    assert [d.id for d in twice.denials] == ["denial-2", "denial-3"]
    assert twice.denials[1].carc_codes == ("CO-197",)
    assert twice.denials[1].reason is DenialReason.NO_PRIOR_AUTHORIZATION


def test_a_reversal_changes_nothing_and_a_missing_payment_date_uses_today(claims):
    case = _case("c")
    assert apply(case, claims["KC-CLM-0999"], today=TODAY) is case
    undated = claims["UNKNOWN-77"]._replace(payment_date=None, service_from=None, service_to=None)
    applied = apply(case, undated, today=TODAY)
    assert applied.denials[0].notice_date == TODAY
    assert applied.claims[0].service_from == TODAY
    assert applied.denials[0].reason is DenialReason.CODING_ERROR


def test_reconcile_reports_each_matched_denial_with_its_deadline(denials, cases):
    result = reconcile(
        denials, [*cases, _case("case-medicare-less", category=PayerCategory.TRICARE)], today=TODAY
    )
    by_claim = {d.claim_id: d for d in result.denials}
    assert sorted(by_claim) == ["KC-CLM-1003", "KC-CLM-1004", "UNKNOWN-77", "case-x12-co50"]
    co50 = by_claim["case-x12-co50"]
    assert (co50.case_id, co50.basis, co50.denial.reason) == (
        "case-x12-co50",
        MatchBasis.PATIENT_CONTROL_NUMBER,
        DenialReason.NOT_MEDICALLY_NECESSARY,
    )
    assert co50.appeal_deadline.due == date(2027, 5, 19)
    assert co50.why_no_deadline is None
    assert [m.claim.claim_id for m in result.unmatched] == [
        "case-x12-paid",
        "KC-CLM-1005",
        "KC-CLM-1006",
        "KC-CLM-0999",
    ]
    updated = {case.id: case for case in result.cases}
    assert len(updated["case-x12-co50"].denials) == 1
    assert cases[0].denials == ()


def test_reconcile_says_why_there_is_no_deadline(denials):
    tricare = _case("case-x12-co50", category=PayerCategory.TRICARE)
    [only] = reconcile(denials, [tricare], today=TODAY).denials
    assert only.appeal_deadline is None
    assert "no appeal filing window" in only.why_no_deadline


def test_reconcile_skips_a_claim_whose_denial_was_recorded_on_another_date(claims, denials):
    earlier = Denial(
        id="denial-1", notice_date=date(2026, 11, 1), pre_service=False, claim_number="PAYER-0999"
    )
    case = dataclasses.replace(_case("KC-CLM-0999"), denials=(earlier,))
    result = reconcile(
        dataclasses.replace(denials, claims=(claims["KC-CLM-0999"],)), [case], today=TODAY
    )
    assert result.denials == ()
    assert result.cases == (case,)


def _payment(pcn, *lines, status="1", paid="0"):
    from ketacover.interop.x12.model import Adjustment, ClaimPayment, ServiceLine

    def line(code, paid_amount, ref, denied):
        adjustments = (Adjustment(group="CO", reason="50", amount=Decimal(100)),) if denied else ()
        return ServiceLine(
            procedure=code,
            qualifier="HC",
            charge=Decimal(100),
            paid=Decimal(paid_amount),
            units=Decimal(1),
            adjustments=adjustments,
            control_number=ref,
        )

    return ClaimPayment(
        segment=1,
        patient_control_number=pcn,
        status_code=status,
        charge=Decimal(100 * len(lines)),
        paid=Decimal(paid),
        patient_responsibility=Decimal(0),
        payer_claim_number="PAYER-77",
        service_from=date(2026, 11, 3),
        service_to=date(2026, 11, 3),
        service_lines=tuple(line(*each) for each in lines),
    )


def test_each_service_line_s_answer_is_kept_with_the_claim_line_it_names():
    pcn = "case-lines-20261103"
    payment = _payment(
        pcn,
        ("J0013", "80", f"{pcn}-1", False),
        ("99214", "0", f"{pcn}-2", True),
        ("99415", "20", "OTHER-SOFTWARE-9", False),
        paid="100",
    )
    case = _case("case-lines", claims=(Claim(service_from=date(2026, 11, 3), billed=Decimal(300)),))
    [found] = match_one(case, payment)
    assert found.basis is MatchBasis.PATIENT_CONTROL_NUMBER
    [claim] = apply(case, payment, today=TODAY).claims
    assert [(a.code, a.status, a.paid, a.line_number) for a in claim.lines] == [
        ("J0013", ClaimStatus.PAID, Decimal(80), 1),
        ("99214", ClaimStatus.DENIED, Decimal(0), 2),
        ("99415", ClaimStatus.PAID, Decimal(20), None),
    ]


def match_one(case, payment):
    """Match one claim payment (``match`` reads only the remittance's claims)."""
    return match(SimpleNamespace(claims=(payment,)), [case])


@pytest.mark.parametrize(
    ("pcn", "ref", "number"),
    [
        ("case-1-20261103", "case-1-20261103-3", 3),
        ("case-1-20261103", "case-1-20261103-x", None),
        ("case-1-20261103", "case-2-20261103-3", None),
        ("case-1-20261103", None, None),
    ],
)
def test_a_line_control_number_is_read_back_only_when_ketacover_wrote_it(pcn, ref, number):
    from ketacover.interop.x12.matching import line_number

    assert line_number(_payment(pcn), ref) == number
