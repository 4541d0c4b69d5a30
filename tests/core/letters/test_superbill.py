"""The superbill document: golden text for the examples with sessions, and its layout rules.

Regenerate the golden files after a deliberate change with ``KETACOVER_UPDATE_GOLDEN=1``.
"""

import functools
import os
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters.catalog import Options, compose
from ketacover.core.letters.letter import Letter, Table
from ketacover.core.letters.superbill import session_date
from ketacover.core.model import (
    Case,
    Claim,
    Diagnosis,
    NetworkStatus,
    PayerCategory,
    Session,
    Treatment,
)
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "superbill"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 23)
WITH_SESSIONS = [
    "approved-pa-reauth",
    "crps-iv-ketamine-ppo",
    "ptsd-iv-ketamine-self-pay-hsa",
]
ORIGINAL_MEDICARE = ["medicare-esketamine", "medicare-iv-ketamine"]
"""Examples under Original Medicare: the clinic files the claim, so no superbill."""
WITHOUT_SESSIONS = [
    "bipolar-depression",
    "esketamine-one-failed-trial",
    "esketamine-ready-ppo",
    "hmo-no-oon-benefits",
    "medicare-advantage-pa-pending",
    "suicidal-ideation-expedited",
]


def example(name: str) -> Case:
    return load_case(EXAMPLES / f"{name}.yaml")


def with_ndc() -> Case:
    """denial-appeal-running with the facts a J3490 line needs (the example lacks them)."""
    case = example("denial-appeal-running")
    assert case.treatment_plan is not None
    return replace(
        case,
        treatment_plan=replace(case.treatment_plan, ndc="00000-0000-00", strength="50 mg/mL"),
        sessions=(replace(case.sessions[0], dose_mg=Decimal("35"), amount_paid=Decimal("100")),),
    )


def check_golden(name: str, letter: Letter) -> None:
    path = GOLDEN / f"{name}.txt"
    text = letter.text() + "\n"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def superbill(case: Case, variant: str | None = None) -> Letter:
    return compose("superbill", case, TODAY, Options(variant=variant))


@pytest.mark.parametrize(
    ("name", "case", "variant"),
    [
        ("approved-pa-reauth", lambda: example("approved-pa-reauth"), None),
        (
            "approved-pa-reauth-2026-11-03",
            lambda: example("approved-pa-reauth"),
            "session:2026-11-03",
        ),
        ("denial-appeal-running-with-ndc", with_ndc, None),
        *((name, functools.partial(example, name), None) for name in WITH_SESSIONS[1:]),
    ],
)
def test_the_superbill_matches_its_golden_text(name, case, variant):
    check_golden(name, superbill(case(), variant))


@pytest.mark.parametrize("name", ORIGINAL_MEDICARE)
def test_original_medicare_gets_no_superbill_as_the_clinic_must_file_the_claim(name):
    with pytest.raises(KetacoverError, match=r"superbill is not written.*1848\(g\)\(4\)"):
        superbill(example(name))


@pytest.mark.parametrize("name", WITHOUT_SESSIONS)
def test_an_example_with_no_sessions_given_gets_no_superbill(name):
    with pytest.raises(MissingFactsError) as raised:
        superbill(example(name))
    assert raised.value.missing == ["sessions: no sessions given yet"]


def test_an_iv_ketamine_case_without_ndc_strength_and_dose_names_them():
    case = example("denial-appeal-running")
    assert case.treatment_plan is not None
    case = replace(
        case,
        treatment_plan=replace(case.treatment_plan, ndc=None, strength=None),
        sessions=(replace(case.sessions[0], dose_mg=None),),
    )
    with pytest.raises(MissingFactsError) as raised:
        superbill(case)
    assert [why.split(":")[0] for why in raised.value.missing] == [
        "sessions[0].dose_mg",
        "treatment_plan.ndc",
        "treatment_plan.strength",
    ]


def table(letter: Letter, first_column: str) -> Table:
    return next(b for b in letter.body if isinstance(b, Table) and b.columns[0] == first_column)


def test_the_course_statement_lists_every_session_payment_and_total():
    letter = superbill(example("approved-pa-reauth"))
    text = letter.text()
    for fact in ("Riley Mockwell", "XKC000012345", "GRP770145", "F33.2", "1414141410"):
        assert fact in text
    assert "00-0000808" in text
    assert "1515151516" in text
    assert "[" + "insert" not in text.lower()
    assert "TODO" not in text
    services = table(letter, "Date")
    assert services.columns == ("Date", "Place", "Code", "Mod.", "Service", "Dx", "Units", "Charge")
    drug = [row for row in services.rows if row[2] == "J0013"]
    assert [row[6] for row in drug] == ["56", "84", "84", "84", "84", "84"]
    assert [row[7] for row in drug] == ["$896.00"] + ["$1,344.00"] * 5
    assert [row[2] for row in services.rows].count("99415") == 5
    assert dict(table(letter, "Insurance").rows)["Prior authorization"] == "AUTH-55012-A"
    totals = dict(table(letter, "Total").rows)
    assert totals == {
        "Charges": "$9,216.00",
        "Payments received": "$3,096.00",
        "Balance": "$6,120.00",
    }
    assert dict(letter.references)["Dates of service"] == "11/03/2026 to 11/20/2026"
    assert letter.signature is not None
    assert letter.signature.npi == "1515151516"
    assert letter.subject == "Itemized statement of services"


@pytest.mark.parametrize(
    ("network", "category", "subject"),
    [
        ("out_of_network", "commercial_self_funded", "for out-of-network reimbursement"),
        ("unknown", "commercial_self_funded", "for out-of-network reimbursement"),
        ("in_network", "commercial_self_funded", ""),
        ("out_of_network", "medicare_advantage", "for out-of-network reimbursement"),
    ],
)
def test_the_subject_names_out_of_network_reimbursement_only_when_it_applies(
    network, category, subject
):
    case = example("crps-iv-ketamine-ppo")
    case = replace(
        case,
        clinic=replace(case.clinic, network_status=NetworkStatus(network)),
        plan=replace(case.plan, category=PayerCategory(category)),
    )
    letter = compose("superbill", case, TODAY, Options())
    assert letter.subject == f"Itemized statement of services {subject}".strip()


def test_an_iv_session_shows_the_drug_and_administration_lines_each_with_its_charge():
    letter = superbill(with_ndc())
    rows = table(letter, "Date").rows
    assert [(row[2], row[6], row[7]) for row in rows] == [
        ("J3490", "1", "$40.00"),
        ("96365", "1", "$460.00"),
    ]
    assert "ketamine 50 mg/mL, 35 mg given (0.7 mL), NDC 00000-0000-00" in rows[0][4]
    payments = table(letter, "Dates of service").rows
    assert payments == (("10/22/2026", "Patient, at the visit", "$100.00"),)
    assert dict(table(letter, "Total").rows)["Balance"] == "$400.00"


def test_a_plan_payment_without_a_claim_number_or_plan_still_reads():
    case = replace(
        with_ndc(),
        plan=None,
        claims=(Claim(service_from=date(2026, 10, 22), billed=Decimal(500), paid=Decimal(50)),),
    )
    rows = table(superbill(case), "Dates of service").rows
    assert rows[-1] == ("10/22/2026", "Health plan", "$50.00")
    numbered = replace(case, plan=example("denial-appeal-running").plan)
    numbered = replace(numbered, claims=(replace(case.claims[0], claim_number="C-9"),))
    rows = table(superbill(numbered), "Dates of service").rows
    assert rows[-1] == ("10/22/2026", "Example Mountain Insurance, claim C-9", "$50.00")


def test_blocks_leave_out_facts_that_are_unknown_and_multi_day_payments_show_the_range():
    case = with_ndc()
    assert case.clinic is not None
    assert case.plan is not None
    case = replace(
        case,
        clinic=replace(case.clinic, phone=None),
        plan=replace(case.plan, group_number=None, plan_name=None),
        patient=replace(case.patient, address=None),
        sessions=(
            *case.sessions,
            Session(
                on=date(2026, 10, 24),
                treatment=Treatment.IV_KETAMINE,
                minutes=40,
                dose_mg=Decimal(35),
            ),
        ),
        claims=(
            Claim(
                service_from=date(2026, 10, 22),
                service_to=date(2026, 10, 24),
                billed=Decimal(1000),
                paid=Decimal(10),
            ),
        ),
        diagnoses=(Diagnosis(code="F33.2", primary=True),),
    )
    letter = superbill(case)
    provider = dict(table(letter, "Provider").rows)
    assert "Phone" not in provider
    assert "Address" not in dict(table(letter, "Patient").rows)
    assert set(dict(table(letter, "Insurance").rows)) == {"Payer", "Member ID"}
    assert table(letter, "Dates of service").rows[-1][0] == "10/22/2026 to 10/24/2026"


def test_a_diagnosis_outside_the_code_set_is_labelled_so():
    case = replace(with_ndc(), diagnoses=(Diagnosis(code="F33.99", primary=True),))
    assert table(superbill(case), "Pointer").rows == (("A", "F33.99", "not in the code set"),)


@pytest.mark.parametrize(
    ("variant", "expected"),
    [(None, None), ("session:2026-11-03", date(2026, 11, 3))],
)
def test_the_variant_names_one_date_of_service(variant, expected):
    assert session_date(variant) == expected


@pytest.mark.parametrize("variant", ["course", "session:2026-13-01", "session:"])
def test_a_variant_it_does_not_understand_is_refused(variant):
    with pytest.raises(KetacoverError, match="session:YYYY-MM-DD"):
        session_date(variant)


@pytest.mark.parametrize(
    ("name", "codes", "units", "balance"),
    [
        (
            "crps-iv-ketamine-ppo",
            ["J3490", "99214", "96365", "96366", "J3490", "96365", "96366"],
            ["1", "1", "1", "3", "1", "1", "3"],
            "$2,600.00",
        ),
        (
            "ptsd-iv-ketamine-self-pay-hsa",
            ["J3490", "99214", "90836", "96365"] * 3,
            ["1", "1", "1", "1"] * 3,
            "$0.00",
        ),
    ],
)
def test_the_examples_with_sessions_bill_the_codes_units_and_balance_they_describe(
    name, codes, units, balance
):
    letter = superbill(example(name))
    rows = table(letter, "Date").rows
    assert [row[2] for row in rows] == codes
    assert [row[6] for row in rows] == units
    assert dict(table(letter, "Total").rows)["Balance"] == balance
