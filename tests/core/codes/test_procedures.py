from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.codes import procedures
from ketacover.core.codes.procedure_table import PROCEDURES, CodeSystem
from ketacover.core.errors import InvalidCodeError, KetacoverError
from ketacover.core.sources import Confidence


@pytest.mark.parametrize(
    ("code", "system"),
    [
        ("J3490", CodeSystem.HCPCS),
        ("J0013", CodeSystem.HCPCS),
        ("S0013", CodeSystem.HCPCS),
        ("G2082", CodeSystem.HCPCS),
        ("G2083", CodeSystem.HCPCS),
        ("G2212", CodeSystem.HCPCS),
        ("96365", CodeSystem.CPT),
        ("96366", CodeSystem.CPT),
        ("96374", CodeSystem.CPT),
        ("96375", CodeSystem.CPT),
        ("96372", CodeSystem.CPT),
        ("90791", CodeSystem.CPT),
        ("90792", CodeSystem.CPT),
        ("99202", CodeSystem.CPT),
        ("99205", CodeSystem.CPT),
        ("99212", CodeSystem.CPT),
        ("99215", CodeSystem.CPT),
        ("90833", CodeSystem.CPT),
        ("90836", CodeSystem.CPT),
        ("90838", CodeSystem.CPT),
        ("90785", CodeSystem.CPT),
        ("99415", CodeSystem.CPT),
        ("99416", CodeSystem.CPT),
        ("99417", CodeSystem.CPT),
    ],
)
def test_it_knows_the_procedure_codes_of_this_domain(code, system):
    assert procedures.lookup(code).system is system
    assert procedures.validate(code.lower()) == code
    assert procedures.is_valid(code)


def test_the_table_has_each_code_once():
    codes = [procedure.code for procedure in PROCEDURES]
    assert len(codes) == len(set(codes))


def test_96372_is_carried_as_unverified():
    assert procedures.lookup("96372").source.confidence is Confidence.UNVERIFIED


def test_partly_verified_codes_say_so():
    for code in ("96366", "96375", "99415", "99416", "99417", "G2212"):
        assert procedures.lookup(code).source.confidence is Confidence.PARTLY_VERIFIED


def test_no_label_is_empty_and_cpt_labels_are_our_own_words():
    for procedure in PROCEDURES:
        assert procedure.label
        assert "specify substance or drug" not in procedure.label


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("", "procedure code is empty"),
        ("99211", "99211 is not one of the procedure codes ketacover knows (it may still be"),
        ("J3000", "J3000 is streptomycin injection, not ketamine"),
        ("J0222", "J0222 is not an esketamine code"),
    ],
)
def test_it_rejects_codes_outside_its_table(code, problem):
    with pytest.raises(InvalidCodeError) as raised:
        procedures.lookup(code)
    assert problem in str(raised.value)
    assert not procedures.is_valid(code)


@pytest.mark.parametrize(
    ("code", "on", "hint"),
    [
        (
            "J0013",
            date(2025, 6, 1),
            "HCPCS J0013 is not in effect on 2025-06-01: it applies to dates of service from "
            "2026-01-01; use S0013 for dates of service before 2026-01-01",
        ),
        (
            "S0013",
            date(2026, 3, 1),
            "HCPCS S0013 is not in effect on 2026-03-01: it was retired after 2025-12-31; "
            "use J0013 for dates of service from 2026-01-01",
        ),
        (
            "G2082",
            date(2019, 12, 31),
            "HCPCS G2082 is not in effect on 2019-12-31: it applies to dates of service from "
            "2020-01-01",
        ),
    ],
)
def test_it_rejects_a_code_out_of_effect_on_the_date_of_service_with_a_hint(code, on, hint):
    with pytest.raises(InvalidCodeError) as raised:
        procedures.validate(code, on=on)
    assert str(raised.value) == hint
    assert not procedures.is_valid(code, on)


@pytest.mark.parametrize(
    ("code", "on"),
    [
        ("J0013", date(2026, 1, 1)),
        ("J0013", date(2026, 11, 23)),
        ("S0013", date(2025, 12, 31)),
        ("G2082", date(2020, 1, 1)),
        ("96365", date(2026, 11, 23)),
    ],
)
def test_it_accepts_a_code_in_effect_on_the_date_of_service(code, on):
    assert procedures.validate(code, on=on) == code


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("J0013", "HCPCS J0013: Esketamine nasal spray, per 1 mg (from 2026-01-01)"),
        ("S0013", "HCPCS S0013: Esketamine, per 1 mg (retired) (retired after 2025-12-31)"),
        ("96365", "CPT 96365: IV infusion of a drug, first hour"),
    ],
)
def test_it_describes_a_code_with_our_label_and_dates(code, text):
    assert procedures.describe(code) == text


def test_it_describes_a_code_in_effect_between_two_dates():
    bounded = procedures.ProcedureCode(
        code="X0000",
        system=CodeSystem.HCPCS,
        label="test",
        effective_from=date(2020, 1, 1),
        effective_to=date(2020, 12, 31),
        source=PROCEDURES[0].source,
    )
    assert procedures._dates(bounded) == " (from 2020-01-01 to 2020-12-31)"
    assert procedures.in_effect(bounded, date(2020, 6, 1))
    assert not procedures.in_effect(bounded, date(2021, 1, 1))


@pytest.mark.parametrize(
    ("minutes", "units"),
    [
        (1, [("96374", 1)]),
        (15, [("96374", 1)]),
        (16, [("96365", 1)]),
        (40, [("96365", 1)]),
        (90, [("96365", 1)]),
        (91, [("96365", 1), ("96366", 1)]),
        (150, [("96365", 1), ("96366", 1)]),
        (151, [("96365", 1), ("96366", 2)]),
        (210, [("96365", 1), ("96366", 2)]),
        (211, [("96365", 1), ("96366", 3)]),
        (240, [("96365", 1), ("96366", 3)]),
    ],
)
def test_infusion_minutes_give_the_administration_codes_and_units(minutes, units):
    assert procedures.infusion_units(minutes) == units


@given(st.integers(min_value=16, max_value=24 * 60))
def test_each_added_hour_needs_more_than_thirty_minutes_past_the_last_full_hour(minutes):
    extra = dict(procedures.infusion_units(minutes)).get("96366", 0)
    assert extra == 0 or minutes > 60 * extra + 30
    assert minutes <= 60 * (extra + 1) + 30


@pytest.mark.parametrize("minutes", [0, -5])
def test_infusion_minutes_must_be_positive(minutes):
    with pytest.raises(KetacoverError, match="infusion minutes must be positive"):
        procedures.infusion_units(minutes)


@pytest.mark.parametrize(
    ("on", "code"),
    [(date(2025, 6, 1), "S0013"), (date(2025, 12, 31), "S0013"), (date(2026, 1, 1), "J0013")],
)
def test_the_esketamine_drug_code_follows_the_date_of_service(on, code):
    assert procedures.esketamine_drug_code(on) == code


@pytest.mark.parametrize(
    ("minutes", "code"),
    [
        (0, None),
        (15, None),
        (16, "90833"),
        (37, "90833"),
        (38, "90836"),
        (52, "90836"),
        (53, "90838"),
        (90, "90838"),
    ],
)
def test_psychotherapy_minutes_give_the_add_on(minutes, code):
    assert procedures.psychotherapy_addon(minutes) == code


@pytest.mark.parametrize(
    ("minutes", "new_patient", "code"),
    [
        (14, True, None),
        (15, True, "99202"),
        (29, True, "99202"),
        (30, True, "99203"),
        (45, True, "99204"),
        (59, True, "99204"),
        (60, True, "99205"),
        (120, True, "99205"),
        (9, False, None),
        (10, False, "99212"),
        (20, False, "99213"),
        (30, False, "99214"),
        (39, False, "99214"),
        (40, False, "99215"),
        (60, False, "99215"),
    ],
)
def test_visit_minutes_give_the_office_em_level_by_2024_thresholds(minutes, new_patient, code):
    assert procedures.em_level_by_time(minutes, new_patient=new_patient) == code


def test_negative_psychotherapy_minutes_are_rejected():
    with pytest.raises(KetacoverError, match="psychotherapy minutes must not be negative"):
        procedures.psychotherapy_addon(-1)


def test_negative_visit_minutes_are_rejected():
    with pytest.raises(KetacoverError, match="visit minutes must not be negative"):
        procedures.em_level_by_time(-1, new_patient=True)


def test_the_cpt_notice_names_the_ama_and_our_own_labels():
    assert "American Medical Association" in procedures.CPT_NOTICE
    assert "own plain-language labels" in procedures.CPT_NOTICE


def test_the_docstring_example_holds():
    assert procedures.validate("J0013", on=date(2026, 3, 1)) == "J0013"
    assert procedures.esketamine_drug_code(date(2025, 6, 1)) == "S0013"
    assert procedures.infusion_units(40) == [("96365", 1)]
