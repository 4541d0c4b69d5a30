"""The CMS-1500 (02/12) PDF in both modes: the example claims' forms match their golden text,
the PDF pages carry the data at the print grid's places, and a claim of more than six lines
continues on a second form with the total only on the last."""

from __future__ import annotations

import dataclasses
import os
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from ketacover.core.billing import claims
from ketacover.core.errors import MissingFactsError
from ketacover.interop.casefile import load_case, parse_case
from ketacover.render.cms1500 import cms1500_pdf, cms1500_text
from ketacover.render.cms1500.form import column_x, line_y

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "examples" / "golden" / "claims"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
GOLDEN_CASES = (
    "approved-pa-reauth",  # esketamine, commercial, buy and bill
    "medicare-esketamine",  # esketamine, Original Medicare
    "crps-iv-ketamine-ppo",  # IV ketamine with its NDC
    "ptsd-iv-ketamine-self-pay-hsa",  # hybrid: infusion, E/M and psychotherapy add-on
    "medicare-iv-ketamine",  # IV ketamine, Original Medicare
)


def first_claim(name: str):
    return claims(load_case(EXAMPLES / f"{name}.yaml"))[0]


def placed_texts(data: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """Each text run of a page with the point it starts at."""
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), tm[4], tm[5]))

    PdfReader(BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return found


def at(data: bytes, value: str, page: int = 0) -> tuple[float, float]:
    for text, x, y in placed_texts(data, page):
        if text == value:
            return x, y
    raise AssertionError(f"{value!r} is not on page {page + 1}")


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_the_example_forms_match_their_golden_text(name):
    made = claims(load_case(EXAMPLES / f"{name}.yaml"))
    text = "\f\n".join(cms1500_text(claim) for claim in made)
    golden = GOLDEN / f"{name}.cms1500.txt"
    if UPDATE:
        golden.write_text(text)
    assert text == golden.read_text()


def test_the_data_only_pdf_puts_key_boxes_on_the_print_grid():
    claim = first_claim("approved-pa-reauth")
    data = cms1500_pdf([claim], data_only=True)
    assert at(data, claim.subscriber.member_id) == pytest.approx((column_x(50), line_y(8)))
    assert at(data, "MOCKWELL, RILEY") == pytest.approx((column_x(1), line_y(10)))
    assert at(data, "F332") == pytest.approx((column_x(3), line_y(38)))
    assert at(data, "AUTH55012A") == pytest.approx((column_x(50), line_y(40)))
    assert at(data, "J0013") == pytest.approx((column_x(25), line_y(44)))
    assert at(data, "99214") == pytest.approx((column_x(25), line_y(46)))
    assert at(data, "1171 00") == pytest.approx((column_x(52), line_y(56)))  # box 28


def test_the_grid_is_ten_characters_and_six_lines_per_inch():
    assert column_x(11) - column_x(1) == pytest.approx(72)
    assert line_y(1) - line_y(7) == pytest.approx(72)


def test_the_data_only_pdf_has_no_labels_and_the_whole_form_has_them():
    claim = first_claim("crps-iv-ketamine-ppo")
    data_only = PdfReader(BytesIO(cms1500_pdf([claim], data_only=True))).pages[0].extract_text()
    whole = PdfReader(BytesIO(cms1500_pdf([claim]))).pages[0].extract_text()
    assert "HEALTH INSURANCE CLAIM FORM" not in data_only
    assert "PATIENT'S NAME" not in data_only
    assert "HEALTH INSURANCE CLAIM FORM" in whole
    assert "23. PRIOR AUTHORIZATION NUMBER" in whole
    assert "J3490" in whole
    assert "J3490" in data_only


def test_the_drug_line_carries_the_ndc_in_the_shaded_part_of_24():
    claim = first_claim("crps-iv-ketamine-ppo")
    data = cms1500_pdf([claim], data_only=True)
    assert at(data, "N400000000000ML2") == pytest.approx((column_x(1), line_y(43)))


def test_money_has_no_dollar_sign_and_cents_in_their_own_columns():
    text = cms1500_text(first_claim("approved-pa-reauth"))
    row = text.splitlines()[43]
    assert row[49:57] == "  896 00"
    assert "$" not in text
    assert "." not in text


def test_boxes_12_and_13_and_27_stay_blank_unless_the_case_says():
    claim = first_claim("approved-pa-reauth")
    blank = cms1500_text(claim).splitlines()
    assert "SIGNATURE ON FILE" not in "\n".join(blank)
    assert blank[55][37] == " "
    assert blank[55][42] == " "
    signed = dataclasses.replace(claim, signature_on_file=True, accept_assignment=True)
    rows = cms1500_text(signed).splitlines()
    assert rows[28][6:23] == "SIGNATURE ON FILE"
    assert rows[28][54:71] == "SIGNATURE ON FILE"
    assert rows[55][37] == "X"


def test_a_seven_line_claim_continues_on_a_second_form_with_the_total_on_the_last():
    claim = first_claim("crps-iv-ketamine-ppo")
    extra = tuple(
        dataclasses.replace(claim.lines[i % len(claim.lines)], number=i + 1) for i in range(7)
    )
    long = dataclasses.replace(claim, lines=extra)
    reader = PdfReader(BytesIO(cms1500_pdf([long])))
    assert len(reader.pages) == 2
    first, second = (page.extract_text() for page in reader.pages)
    total = f"{long.total:.2f}".split(".")[0]
    assert f"{total} 00" not in first
    assert f"{total} 00" in second
    forms = cms1500_text(long).split("\f\n")
    assert len(forms) == 2
    assert sum("11 09 26 11 09 26" in row for row in forms[0].splitlines()) == 6
    assert sum("11 09 26 11 09 26" in row for row in forms[1].splitlines()) == 1


def test_a_claim_without_a_plan_or_patient_address_is_not_written():
    claim = first_claim("crps-iv-ketamine-ppo")
    orphan = dataclasses.replace(
        claim,
        payer=None,
        subscriber=dataclasses.replace(claim.subscriber, address=None),
    )
    with pytest.raises(MissingFactsError) as raised:
        cms1500_pdf([orphan])
    assert [item.split(":")[0] for item in raised.value.missing] == ["plan", "patient.address"]


def test_the_case_files_signature_and_assignment_settings_reach_boxes_12_13_and_27():
    text = (EXAMPLES / "approved-pa-reauth.yaml").read_text()
    text = text.replace(
        '  phone: "401-555-0110"\n', '  phone: "401-555-0110"\n  signature_on_file: true\n', 1
    )
    text = text.replace("  payer_id: OEI01\n", "  payer_id: OEI01\n  accept_assignment: false\n", 1)
    claim = claims(parse_case(text, fmt="yaml"))[0]
    rows = cms1500_text(claim).splitlines()
    assert rows[28].strip() == "SIGNATURE ON FILE                               SIGNATURE ON FILE"
    assert rows[55][42] == "X"  # box 27: NO
    assert rows[55][37] == " "


def test_an_original_medicare_claim_says_none_in_item_11_and_leaves_the_insured_boxes_blank():
    rows = cms1500_text(first_claim("medicare-esketamine")).splitlines()
    assert rows[17][49:53] == "NONE"
    assert rows[9][49:].strip() == ""  # item 4
    assert rows[11][32:].strip() == ""  # items 6 and 7
    assert rows[23].strip() == ""  # item 11c
    assert rows[7][0] == "X"  # item 1: Medicare
