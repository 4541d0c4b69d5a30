import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ketacover.interop.x12 import Adjustment, Party, RemittanceError, load_835, parse_835
from ketacover.interop.x12 import parser as parser_module

FIXTURES = Path(__file__).parents[2] / "fixtures" / "x12"


def test_it_maps_the_payment_and_the_parties(denials):
    assert denials.control_number == "0001"
    assert denials.payment.amount == Decimal("876.5")
    assert denials.payment.method == "ACH"
    assert denials.payment.date == date(2026, 11, 20)
    assert denials.payment.trace == "EFT00000101"
    assert denials.production_date == date(2026, 11, 19)
    assert denials.payer == Party("EXAMPLE MOUNTAIN INSURANCE")
    assert denials.payee == Party("FRONT RANGE SAMPLE INFUSION CLINIC", "1234567893", "XX")
    assert denials.payee.npi == "1234567893"
    assert len(denials.claims) == 8


def test_it_maps_a_claim_with_its_patient_dates_and_amounts(claims):
    claim = claims["case-x12-paid"]
    assert claim.segment == 16
    assert claim.status_code == "1"
    assert (claim.charge, claim.paid, claim.patient_responsibility) == (
        Decimal(1000),
        Decimal(600),
        Decimal(200),
    )
    assert claim.filing_indicator == "12"
    assert claim.payer_claim_number == "PAYER-1001"
    assert claim.patient_name == "TESTPERSON, ALEX"
    assert claim.member_id == "XKC000100001"
    assert claim.service_from == claim.service_to == date(2026, 10, 22)
    assert claim.received == date(2026, 10, 26)
    assert claim.payment_date == date(2026, 11, 20)
    assert claim.amounts == (("AU", Decimal(1000)),)
    assert claim.quantities == (("CA", Decimal(1)),)


def test_it_maps_service_lines_with_modifiers_units_allowed_and_adjustments(claims):
    first, second = claims["case-x12-paid"].service_lines
    assert (first.qualifier, first.procedure, first.modifiers) == ("HC", "96365", ())
    assert (second.procedure, second.modifiers) == ("99214", ("25",))
    assert (first.charge, first.paid, first.units, first.allowed) == (
        Decimal(600),
        Decimal(360),
        Decimal(1),
        Decimal(500),
    )
    assert first.date == date(2026, 10, 22)
    assert first.control_number == "case-x12-paid-1"
    assert first.adjustments == (
        Adjustment("CO", "45", Decimal(100)),
        Adjustment("PR", "1", Decimal(50)),
        Adjustment("PR", "2", Decimal(90)),
    )
    assert first.adjustments[0].code == "CO-45"
    assert claims["KC-CLM-1004"].service_lines[0].units == Decimal(84)


def test_it_keeps_claim_level_adjustments_and_remark_codes_apart_from_line_ones(claims):
    denied = claims["case-x12-co50"]
    assert denied.adjustments == (Adjustment("CO", "50", Decimal(500)),)
    assert denied.remarks == ("N115",)
    assert denied.service_lines[0].adjustments == ()
    assert claims["KC-CLM-1003"].service_lines[0].remarks == ("N386",)


def test_the_subscriber_member_id_wins_over_the_patient_one(claims):
    assert claims["UNKNOWN-77"].member_id == "XKC000678901"
    assert claims["UNKNOWN-77"].patient_name == "INVENTED, DREW"


def test_it_maps_provider_level_adjustments(denials):
    wo, interest = denials.provider_adjustments
    assert (wo.provider_id, wo.fiscal_period, wo.reason, wo.reference, wo.amount) == (
        "1234567893",
        date(2026, 12, 31),
        "WO",
        "OVERPAY0999",
        Decimal(25),
    )
    assert (interest.reason, interest.reference, interest.amount) == ("L6", None, Decimal("-1.5"))


def test_line_breaks_between_segments_change_nothing(denials_text, denials):
    compact = denials_text.replace("\n", "")
    assert parse_835(compact) == (denials,)
    assert parse_835(denials_text.replace("~\n", "~\r\n")) == (denials,)
    assert parse_835("\ufeff\n" + denials_text) == (denials,)


@pytest.mark.parametrize(
    ("element", "component", "terminator"), [("|", ">", "\n"), ("^", "\\", "\r")]
)
def test_it_reads_files_with_other_delimiters(
    denials_text, denials, element, component, terminator
):
    text = denials_text.replace("^", "{").replace("*", element).replace(":", component)
    text = text.replace("~\n", terminator)
    assert parse_835(text) == (denials,)


def test_it_reads_several_transaction_sets_and_groups(denials_text):
    lines = denials_text.splitlines()
    st = lines.index("ST*835*0001~")
    se = next(i for i, line in enumerate(lines) if line.startswith("SE*"))
    second = [line.replace("0001", "0002") for line in lines[st : se + 1]]
    group = ["GS*HP*KETAPAYER*KETACLINIC*20261120*0900*102*X*005010X221A1~", *second, "GE*1*102~"]
    text = "\n".join([*lines[: se + 1], *second, "GE*2*101~", *group, "IEA*2*000000101~"])
    found = parse_835(text)
    assert [r.control_number for r in found] == ["0001", "0002", "0002"]
    assert [c.claim_id for c in found[0].claims] == [c.claim_id for c in found[2].claims]
    assert found[2].claims[0].segment == found[0].claims[0].segment + 2 * 133 + 2


def test_a_second_interchange_after_iea_is_read(denials_text):
    assert len(parse_835(denials_text + denials_text)) == 2


def test_inpatient_remarks_unknown_segments_and_line_dates_are_read(denials_text):
    text = denials_text.replace(
        "MOA***N115~",
        "MIA*0****M1" + "*" * 15 + "MA01*MA02~\nTS3*1234567893*11*20261231*1~",
    )
    text = text.replace("DTM*232*20261023~\nDTM*233*20261023~\n", "")
    text = text.replace("DTM*472*20261023~", "DTM*150*20261023~\nDTM*151*20261024~")
    [remittance] = parse_835(_recount(text))
    claims = {c.patient_control_number: c for c in remittance.claims}
    assert claims["case-x12-co50"].remarks == ("M1", "MA01", "MA02")
    assert claims["KC-CLM-1003"].service_from == date(2026, 10, 23)
    assert claims["KC-CLM-1003"].service_to == date(2026, 10, 23)
    assert claims["KC-CLM-1003"].service_lines[0].date == date(2026, 10, 23)


def test_claim_dates_fall_back_to_the_line_dates(make):
    claim = make.generated(1)[0]
    text = make.render([claim], newlines=True, control=5)
    text = text.replace(f"DTM*232*{claim.service:%Y%m%d}~\n", "")
    text = text.replace(f"DTM*233*{claim.service:%Y%m%d}~\n", "")
    [remittance] = parse_835(_recount(text))
    assert remittance.claims[0].service_from == remittance.claims[0].service_to == claim.service


def test_the_payment_date_falls_back_to_the_production_date(denials_text):
    text = denials_text.replace("*DA*98765*20261120~", "*DA*98765*~")
    [remittance] = parse_835(text)
    assert remittance.payment.date == date(2026, 11, 19)
    assert remittance.claims[0].payment_date == date(2026, 11, 19)


def _recount(text):
    """The text with SE01 set to the number of segments from ST to SE."""
    lines = text.splitlines()
    st = next(i for i, line in enumerate(lines) if line.startswith("ST*"))
    se = next(i for i, line in enumerate(lines) if line.startswith("SE*"))
    lines[se] = f"SE*{se - st + 1}*" + lines[se].split("*")[2]
    return "\n".join(lines) + "\n"


def _segment_of(text, prefix):
    lines = text.splitlines()
    return next(i for i, line in enumerate(lines) if line.startswith(prefix)) + 1


@pytest.mark.parametrize(
    ("old", "new", "where", "problem"),
    [
        ("ST*835*0001~", "ST*837*0001~", "ST*", "ST01 is '837': this is not an 835"),
        ("ST*835*0001~", "ST*835~", "ST*", "ST02 is missing"),
        (
            "CLP*KC-CLM-1003*1*450*",
            "CLP*KC-CLM-1003*1*4X0*",
            "CLP*KC-CLM-1003",
            "CLP03 '4X0' is not an amount",
        ),
        ("CLP*KC-CLM-1003*1*450*", "CLP*KC-CLM-1003*1*NaN*", "CLP*KC-CLM-1003", "not an amount"),
        (
            "CLP*KC-CLM-1003*1*450*0*0*12*PAYER-1003*11*1~",
            "CLP*KC-CLM-1003*1*450~",
            "CLP*KC-CLM-1003",
            "CLP04 is missing",
        ),
        ("CLP*KC-CLM-1003*1*", "CLP*KC-CLM-1003**", "CLP*KC-CLM-1003", "CLP02 is missing"),
        ("DTM*405*20261119~", "DTM*405*20261319~", "DTM*405", "DTM02 '20261319' is not a date"),
        ("DTM*405*20261119~", "DTM*405*2026111~", "DTM*405", "is not a date (CCYYMMDD)"),
        ("DTM*405*20261119~", "DTM*405~", "DTM*405", "DTM02 is missing"),
        ("DTM*405*20261119~", "DTM~", "DTM", "DTM01 is missing"),
        (
            "SE*133*0001~",
            "SE*132*0001~",
            "SE*",
            "SE01 says '132' segments but the transaction set has 133",
        ),
        ("SE*133*0001~", "SE*133*0002~", "SE*", "SE02 does not match ST02"),
        ("GE*1*101~", "GE*2*101~", "GE*", "GE01 says '2' transaction sets but 1 were read"),
        ("GE*1*101~", "GE*1*999~", "GE*", "GE02 does not match GS06"),
        ("IEA*1*000000101~", "IEA*x*000000101~", "IEA", "IEA01 says 'x' functional groups"),
        ("IEA*1*000000101~", "IEA*1*000000999~", "IEA", "IEA02 does not match ISA13"),
        ("CAS*CO*50*500~", "CAS*CO*50~", "CAS*CO*50", "CAS03 is missing"),
        ("CAS*CO*50*500~", "CAS*CO~", "CAS*CO~", "CAS02 is missing"),
        ("CAS*CO*50*500~", "CAS*CO*50*500*X~", "CAS*CO*50", "CAS04 'X' is not an amount"),
        (
            "SVC*HC:96365*450*0**1~",
            "SVC*96365*450*0**1~",
            "SVC*96365",
            "SVC01 has no procedure code",
        ),
        ("SVC*HC:96365*450*0**1~", "SVC*HC:96365*450~", "SVC*HC:96365*450~", "SVC03 is missing"),
        (
            "SVC*HC:96365*450*0**1~",
            "SVC*HC:96365*450*0**Z~",
            "SVC*HC:96365*450",
            "SVC05 'Z' is not",
        ),
        ("LQ*HE*N386~", "LQ*HE~", "LQ*HE", "LQ02 is missing"),
        ("AMT*AU*450~", "AMT*AU~", "AMT*AU~", "AMT02 is missing"),
        ("QTY*CA*1~\nSVC*HC:96365*450", "QTY*CA~\nSVC*HC:96365*450", "QTY*CA~", "QTY02 is missing"),
        ("TRN*1*EFT00000101*1512345678~", "TRN*1~", "TRN", "TRN02 is missing"),
        ("N1*PR*EXAMPLE MOUNTAIN INSURANCE~", "N1~", "N1~", "N101 is missing"),
        ("BPR*I*876.5*", "BPR*I*876,5*", "BPR", "BPR02 '876,5' is not an amount"),
        (
            "PLB*1234567893*20261231*WO:OVERPAY0999*25*L6*-1.5~",
            "PLB*1234567893*20261231~",
            "PLB",
            "PLB03 is missing",
        ),
        (
            "PLB*1234567893*20261231*WO:OVERPAY0999*25*L6*-1.5~",
            "PLB*1234567893*20261231*WO~",
            "PLB",
            "PLB04 is missing",
        ),
        ("N3*100 SAMPLE WAY~", "n3*100 SAMPLE WAY~", "n3", "'n3' is not a segment id"),
    ],
)
def test_a_malformed_file_names_the_segment_and_the_problem(denials_text, old, new, where, problem):
    assert old in denials_text
    text = denials_text.replace(old, new, 1)
    with pytest.raises(RemittanceError) as error:
        parse_835(text)
    message = str(error.value)
    assert problem in message
    assert re.search(rf"segment {_segment_of(text, where)}\b", message)
    assert "TESTPERSON" not in message


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            lambda t: t[: t.index("SE*133")],
            "ends after segment 134 inside a transaction set (no SE)",
        ),
        (lambda t: t[: t.index("IEA*")], "ends after segment 136 before its IEA"),
        (
            lambda t: t.replace("CAS*CO*50*500~\n", "").replace("LX*1~\n", "CAS*CO*50*500~\n"),
            "comes before any CLP",
        ),
        (lambda t: t.replace("REF*TJ*000000606~", "LQ*HE*N1~"), "LQ comes outside a service line"),
        (lambda t: t.replace("ST*835*0001~", "GS*HP~"), "expected ST or GE here, found GS"),
        (lambda t: t.replace("IEA*1*000000101~", "ST*835*9~"), "expected GS or IEA here, found ST"),
        (lambda t: t + "GS*HP~", "expected ISA or the end of the file here, found GS"),
        (lambda t: t.replace("GS*HP", "ST*HP"), "expected GS here, found ST"),
        (lambda t: t.replace("MOA***N115~", "MOA***N115~\nGS*HP~"), "GS inside a transaction set"),
    ],
)
def test_truncated_and_disordered_files_are_reported(denials_text, edit, problem):
    with pytest.raises(RemittanceError, match="835 ") as error:
        parse_835(edit(denials_text))
    assert problem in str(error.value)


@pytest.mark.parametrize(
    ("drop", "problem"),
    [
        ("BPR*", "no BPR (payment) segment"),
        ("N1*PR*", "no N1*PR segment"),
        ("N1*PE*", "no N1*PE segment"),
    ],
)
def test_a_transaction_without_payment_or_parties_is_rejected(denials_text, drop, problem):
    lines = [line for line in denials_text.splitlines() if not line.startswith(drop)]
    text = "\n".join(lines).replace("SE*133*", "SE*132*")
    with pytest.raises(RemittanceError, match=r"segment \d+ \(SE\)") as error:
        parse_835(text)
    assert problem in str(error.value)


def test_it_loads_a_file_and_reads_latin_1_text(tmp_path, denials_text, denials):
    path = tmp_path / "era.835"
    path.write_bytes(denials_text.replace("SAMPLE WAY", "SAMPLE W\xc9Y").encode("latin-1"))
    assert load_835(path)[0].claims == denials.claims
    assert load_835(FIXTURES / "denials.835") == (denials,)


def test_a_missing_or_oversized_file_is_a_clear_error(tmp_path, monkeypatch):
    with pytest.raises(RemittanceError, match="cannot read the file"):
        load_835(tmp_path / "absent.835")
    monkeypatch.setattr(parser_module, "MAX_BYTES", 10)
    with pytest.raises(RemittanceError, match="the largest read is 10"):
        load_835(FIXTURES / "denials.835")


def test_reading_leaves_the_garbage_collector_as_it_found_it(denials_text):
    import gc

    parse_835(denials_text)
    assert gc.isenabled()
    gc.disable()
    try:
        parse_835(denials_text)
        assert not gc.isenabled()
    finally:
        gc.enable()
