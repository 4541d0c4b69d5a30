"""Each 271 fixture read into the case's terms, against the values its script wrote, and the
reader's answers to damaged files."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ketacover.core.eligibility import NetworkBenefits, ServiceBenefit
from ketacover.core.model import PayerCategory, PlanType
from ketacover.interop.x12.eligibility import load_271, parse_271
from ketacover.interop.x12.errors import EligibilityError

FIXTURES = Path(__file__).parents[2] / "fixtures" / "x12"


def _one(name: str):
    [found] = load_271(FIXTURES / name)
    return found


def test_an_active_ppo_gives_both_networks_mental_health_coinsurance_and_the_message():
    found = _one("ppo-active-mh.271")
    assert found.active is True
    assert (found.payer, found.payer_id) == ("EXAMPLE HEALTH", "EXH01")
    assert (found.member_id, found.group_number) == ("XKC000123456", "GRP004521")
    assert found.plan_name == "EXAMPLE HEALTH CHOICE PPO"
    assert found.plan_type is PlanType.PPO
    assert (found.plan_begin, found.plan_end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert found.in_network == NetworkBenefits(
        deductible=Decimal("1500"),
        deductible_remaining=Decimal("600"),
        out_of_pocket_max=Decimal("5000"),
        out_of_pocket_remaining=Decimal("3800"),
    )
    assert found.in_network.deductible_met == Decimal("900")
    assert found.in_network.out_of_pocket_met == Decimal("1200")
    assert found.out_of_network.deductible == Decimal("3000")
    assert found.out_of_network.deductible_remaining == Decimal("3000")
    assert found.out_of_network.out_of_pocket_max == Decimal("10000")
    mh_in = found.service(in_network=True, kind="coinsurance_percent")
    assert mh_in == ServiceBenefit(
        service_type="MH",
        in_network=True,
        coinsurance_percent=Decimal("20"),
        prior_authorization=False,
    )
    assert found.service(in_network=False, kind="coinsurance_percent").coinsurance_percent == 40
    office = found.service(in_network=True, kind="copay")
    assert (office.service_type, office.copay) == ("98", Decimal("30"))
    assert found.prior_authorization_required is False
    assert found.out_of_network_benefits is True
    assert found.messages == ("MENTAL HEALTH BENEFITS ADMINISTERED BY THE PLAN",)
    assert found.rejections == ()


def test_the_family_deductible_is_not_read_as_the_individual_one():
    found = _one("ppo-active-mh.271")
    assert found.in_network.deductible == Decimal("1500")
    assert not any(benefit.service_type == "30" for benefit in found.services)


def test_inactive_coverage_says_so_with_its_dates():
    found = _one("inactive.271")
    assert found.active is False
    assert (found.plan_begin, found.plan_end) == (date(2025, 1, 1), date(2026, 6, 30))
    assert found.messages == ("COVERAGE TERMINATED",)
    assert found.in_network.empty
    assert found.out_of_network.empty


def test_a_high_deductible_plan_on_one_line_keeps_its_remaining_deductible():
    text = (FIXTURES / "hdhp-deductible.271").read_text()
    assert "\n" not in text
    [found] = parse_271(text)
    assert found.in_network.deductible == Decimal("3300")
    assert found.in_network.deductible_remaining == Decimal("2900")
    assert found.in_network.deductible_met == Decimal("400")
    assert found.in_network.out_of_pocket_remaining == Decimal("6600")
    assert found.service(in_network=True, kind="coinsurance_percent").coinsurance_percent == 0
    assert found.group_number == "HDHP2026"


def test_an_hmo_that_requires_prior_authorization_and_has_no_out_of_network_benefits():
    found = _one("prior-auth.271")
    assert found.plan_type is PlanType.HMO
    assert found.prior_authorization_required is True
    assert found.out_of_network_benefits is False
    mh = found.service(in_network=True, kind="copay")
    assert (mh.service_type, mh.copay, mh.prior_authorization) == ("MH", Decimal("40"), True)
    pharmacy = [b for b in found.services if b.service_type == "88"]
    assert pharmacy[0].copay == Decimal("15")
    assert found.payer == "EXAMPLE CARE HMO"


def test_a_benefit_related_entity_is_not_taken_for_the_payer_or_the_subscriber():
    found = _one("prior-auth.271")
    assert found.member_id == "ECH4455667788"
    assert "ADMINISTRATOR" not in found.payer


def test_medicare_in_the_hets_shape_is_original_medicare_with_the_part_b_deductible_met():
    found = _one("medicare-hets.271")
    assert found.active is True
    assert found.category is PayerCategory.MEDICARE
    assert found.insurance_type == "MA"
    assert found.in_network.deductible == Decimal("283")
    assert found.in_network.deductible_remaining == Decimal("0")
    assert found.service(in_network=True, kind="coinsurance_percent").coinsurance_percent == 20
    assert found.plan_begin == date(2019, 10, 1)
    assert found.messages == ("PART B DEDUCTIBLE MET FOR 2026",)


def test_a_rejected_request_gives_the_reason_in_words_and_no_coverage():
    found = _one("rejected.271")
    assert found.active is None
    assert found.rejections == ("75",)
    assert found.rejection_words() == ("subscriber not found",)


def _ppo() -> str:
    return (FIXTURES / "ppo-active-mh.271").read_text()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("EB*C*IND*30***23*1500*", "EB*C*IND*30***23*1,5OO*"),
            "271 segment 19 (EB): EB07 is not a number",
        ),
        (("DTP*346*D8*20260101", "DTP*346*D8*20261301"), "271 segment 16 (DTP): DTP03 '20261301' "),
        (
            ("EB*B*IND*98***27*30*****Y", "EB*B*IND*98***27*30*****Q"),
            "271 segment 31 (EB): EB12 'Q' is not Y, N, W or U",
        ),
        (("ST*271", "ST*835"), "271 segment 3 (ST): ST01 is '835': this is not an 271"),
        (("HL*3*2*22*0", "HL*3*2**0"), "271 segment 9 (HL): HL03 is missing"),
    ],
)
def test_a_damaged_file_names_the_segment_and_element(change, message):
    with pytest.raises(EligibilityError) as raised:
        parse_271(_ppo().replace(*change))
    assert str(raised.value).startswith(message)


def test_a_message_never_quotes_a_name_or_a_member_id():
    damaged = _ppo().replace("EB*C*IND*30***23*1500*", "EB*C*IND*30***23*SAMPLE*")
    with pytest.raises(EligibilityError) as raised:
        parse_271(damaged)
    assert "SAMPLE" not in str(raised.value)
    assert "EB07" in str(raised.value)


def test_a_truncated_file_says_so():
    with pytest.raises(EligibilityError, match="truncated"):
        parse_271(_ppo().split("SE*")[0])


def test_reading_time_grows_with_the_file_not_faster(make_271):
    import time

    def seconds(count: int) -> float:
        text = make_271.large(count)
        start = time.perf_counter()
        assert len(parse_271(text)) == count
        return time.perf_counter() - start

    small, big = min(seconds(500) for _ in range(3)), min(seconds(4000) for _ in range(3))
    assert big < small * 8 * 3


def test_service_types_repeated_in_one_eb_are_each_read():
    text = (
        _ppo()
        .replace(
            "EB*A*IND*MH***27**0.2***N*Y~\nEB*A*IND*A4***27**0.2***N*Y~\n",
            "EB*A*IND*MH^A4***27**0.2***N*Y~\n",
        )
        .replace("SE*32*", "SE*31*")
    )
    [found] = parse_271(text)
    inside = {b.service_type: b for b in found.services if b.in_network}
    assert inside["MH"].coinsurance_percent == inside["A4"].coinsurance_percent == 20


def test_a_dependent_answered_under_the_subscriber_keeps_the_subscriber_member_id():
    subscriber_end = "EB*1*IND*88~\n"
    dependent = (
        "HL*4*3*23*0~\nTRN*2*DEP-TRACE*9877281234~\nNM1*03*1*SAMPLE*KIM~\n"
        "DMG*D8*20100101*F~\nEB*1**30*PR*EXAMPLE HEALTH CHOICE PPO~\n"
        "EB*A*IND*MH***27**0.3***N*Y~\n"
    )
    text = (
        _ppo()
        .replace("HL*3*2*22*0", "HL*3*2*22*1")
        .replace(subscriber_end, subscriber_end + dependent)
    )
    text = text.replace("SE*32*", "SE*38*")
    subscriber, child = parse_271(text)
    assert subscriber.member_id == child.member_id == "XKC000123456"
    assert child.group_number == "GRP004521"
    assert child.active is True
    assert child.service(in_network=True, kind="coinsurance_percent").coinsurance_percent == 30
    assert child.in_network.empty


def test_the_patient_is_told_from_a_dependent_by_the_date_of_birth():
    from ketacover.core.eligibility import NoAnswerError, answer_for

    subscriber_end = "EB*1*IND*88~\n"
    dependent = "HL*4*3*23*0~\nNM1*03*1*SAMPLE*KIM~\nDMG*D8*20100101*F~\nEB*1**30*PR~\n"
    text = _ppo().replace(subscriber_end, subscriber_end + dependent).replace("SE*32*", "SE*36*")
    found = parse_271(text)
    assert [each.birth_date for each in found] == [date(1985, 3, 14), date(2010, 1, 1)]
    child = answer_for(found, member_id="XKC000123456", birth_date=date(2010, 1, 1))
    assert child is found[1]
    with pytest.raises(NoAnswerError):
        answer_for(found, member_id="XKC000123456", birth_date=None)
    with pytest.raises(NoAnswerError):
        answer_for(found, member_id="OTHER", birth_date=date(2010, 1, 1))
