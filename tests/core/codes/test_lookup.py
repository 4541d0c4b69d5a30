import subprocess
import sys
from datetime import date

import pytest

from ketacover.core.codes import icd10cm, npi
from ketacover.core.codes.lookup import UNDERSTOOD, UNVERIFIED_WARNING, CodeInfo, describe_code
from ketacover.core.codes.procedures import CPT_NOTICE
from ketacover.core.sources import Confidence


def _only(text: str, on: date | None = None) -> CodeInfo:
    infos = describe_code(text, on)
    assert len(infos) == 1, infos
    return infos[0]


def _details(info: CodeInfo) -> dict[str, str]:
    return dict(info.details)


@pytest.mark.parametrize(
    ("text", "systems"),
    [
        ("F33.2", ["ICD-10-CM"]),
        ("1234567893", ["NPI"]),
        ("J0013", ["HCPCS"]),
        ("96365", ["CPT"]),
        ("CO-50", ["CARC"]),
        ("197", ["CARC"]),
        ("25", ["modifier", "CARC", "POS"]),
        ("11", ["POS", "modifier", "CARC"]),
        ("50", ["CARC", "modifier", "POS"]),
        ("KX", ["modifier"]),
        ("J9999", ["ICD-10-CM", "HCPCS"]),
    ],
)
def test_it_returns_every_plausible_reading_best_first(text, systems):
    assert [info.system for info in describe_code(text)] == systems


def test_a_billable_diagnosis_shows_billable_category_and_table():
    info = _only("f332")
    assert info.valid
    assert info.code == "F33.2"
    assert (
        info.description == "Major depressive disorder, recurrent severe without psychotic features"
    )
    assert _details(info) == {
        "billable": "yes",
        "category": "F33",
        "code set": "ICD-10-CM April 2026 release (FY2026)",
    }
    assert info.warnings == ()
    assert info.source == icd10cm.SOURCE


def test_a_non_billable_diagnosis_is_valid_with_a_warning():
    info = _only("F33.4")
    assert info.valid
    assert _details(info)["billable"] == "no"
    assert info.warnings == ("F33.4 is not billable: use one of the more specific codes under it.",)


def test_a_later_fiscal_year_adds_the_recheck_warning():
    info = _only("F33.2", on=date(2026, 11, 23))
    assert _details(info)["fiscal year of service"] == "FY2027"
    assert info.warnings == (icd10cm.table_warning(date(2026, 11, 23)),)


@pytest.mark.parametrize("text", ["F42.0", "X99.999"])
def test_a_diagnosis_outside_the_table_is_invalid_with_the_reason(text):
    info = _only(text, on=date(2026, 11, 23))
    assert info.system == "ICD-10-CM"
    assert not info.valid
    assert "not in the ICD-10-CM April 2026 release (FY2026) code set" in info.description
    assert len(info.warnings) == 1


def test_a_valid_npi_shows_the_check_digit_and_the_registry_note():
    info = _only("1234567893")
    assert info.valid
    assert _details(info) == {"check digit": "3 (correct)"}
    assert info.warnings == (npi.REGISTRY_NOTE,)


def test_a_wrong_check_digit_says_which_digit_was_expected():
    info = _only("1234567890")
    assert not info.valid
    assert _details(info) == {"check digit": "0 (expected 3)"}
    assert "should be 3" in info.description


def test_an_npi_not_starting_with_1_or_2_is_flagged_but_not_rejected():
    number = "3" + "12345678"
    info = _only(number + npi.check_digit(number))
    assert info.valid
    assert info.warnings[0] == "NPIs issued so far start with 1 or 2."


def test_a_drug_code_out_of_effect_on_the_date_of_service_is_invalid_with_the_hint():
    info = _only("J0013", on=date(2025, 6, 1))
    assert info.system == "HCPCS"
    assert not info.valid
    assert info.description == "Esketamine nasal spray, per 1 mg"
    assert _details(info)["effective from"] == "2026-01-01"
    assert "use S0013 for dates of service before 2026-01-01" in info.warnings[0]


def test_a_retired_drug_code_shows_its_end_date():
    info = _only("S0013", on=date(2026, 3, 1))
    assert not info.valid
    assert _details(info)["effective to"] == "2025-12-31"
    assert "use J0013" in info.warnings[0]


def test_a_drug_code_in_effect_is_valid():
    info = _only("J0013", on=date(2026, 11, 23))
    assert info.valid
    assert info.warnings == ()
    assert "CPT notice" not in _details(info)


def test_a_cpt_number_carries_the_ama_notice_and_our_label():
    info = _only("96365")
    assert info.valid
    assert info.description == "IV infusion of a drug, first hour"
    assert _details(info)["CPT notice"] == CPT_NOTICE


def test_an_unverified_code_says_so():
    info = _only("96372")
    assert info.source is not None
    assert info.source.confidence is Confidence.UNVERIFIED
    assert UNVERIFIED_WARNING in info.warnings


def test_a_code_without_notes_has_no_notes_detail():
    assert "notes" not in _details(_only("G2212"))


def test_a_common_mistake_is_corrected():
    info = _only("J3000")
    assert not info.valid
    assert "streptomycin" in info.description


def test_an_unknown_procedure_code_is_not_called_invalid_outright():
    info = _only("99211")
    assert info.system == "CPT"
    assert not info.valid
    assert "cannot say whether it is valid" in info.description


def test_a_reason_code_with_group_shows_group_and_denial_category():
    info = _only("co 50")
    assert info.code == "CO-50"
    details = _details(info)
    assert details["group"].startswith("CO: Contractual obligation")
    assert details["denial reason"] == "not_medically_necessary"
    assert details["official text"] == "https://x12.org/codes/claim-adjustment-reason-codes"


def test_an_unknown_reason_code_with_group_is_plausible_and_points_to_x12():
    info = _only("PR-3")
    assert info.valid
    assert info.description == "ketacover has no paraphrase for reason code 3"
    assert _details(info)["group"].startswith("PR:")


def test_a_reason_code_with_an_unknown_group_explains_the_groups():
    info = _only("ZZ-50")
    assert not info.valid
    assert "group codes are CO, PR, OA, PI" in info.description


def test_a_letter_reason_code_alone_gives_way_to_the_modifier_reading():
    assert [info.system for info in describe_code("A1")] == ["modifier"]


def test_a_letter_code_that_fits_no_table_falls_back_to_its_shape_readings():
    infos = describe_code("B799")
    assert [info.system for info in infos] == ["ICD-10-CM", "CARC"]
    assert infos[1].valid


def test_a_telehealth_place_of_service_warns_about_in_person_care():
    info = describe_code("02")[0]
    assert info.system == "POS"
    assert _details(info) == {"telehealth": "yes"}
    assert "in person" in info.warnings[0]


def test_pos_10_before_2022_is_invalid():
    info = describe_code("10", on=date(2021, 6, 1))[0]
    assert info.system == "POS"
    assert not info.valid
    assert _details(info)["effective from"] == "2022-01-01"


def test_pos_00_is_not_a_place_of_service():
    assert [info.system for info in describe_code("00")] == ["modifier"]


def test_a_zero_reason_code_falls_back_to_its_shape_readings():
    infos = describe_code("0")
    assert [(info.system, info.valid) for info in infos] == [("CARC", False), ("POS", False)]


@pytest.mark.parametrize("text", ["", "   ", "33.2", "hello world", "F33.2.1"])
def test_text_with_no_codes_shape_lists_what_ketacover_understands(text):
    info = _only(text)
    assert info.system == "unknown"
    assert not info.valid
    assert info.description == UNDERSTOOD


def test_the_docstring_example_holds():
    assert [info.system for info in describe_code("25")] == ["modifier", "CARC", "POS"]


def test_importing_the_lookup_does_not_import_the_classification():
    script = "import sys, ketacover.core.codes.lookup; print('simple_icd_10_cm' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
