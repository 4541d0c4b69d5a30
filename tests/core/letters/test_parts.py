from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ketacover.core.errors import MissingFactsError
from ketacover.core.letters import parts
from ketacover.core.model import (
    Address,
    Case,
    Clinic,
    Clinician,
    PayerCategory,
    Treatment,
    TreatmentPlan,
)
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
TODAY = date(2026, 11, 23)


def example(name: str) -> Case:
    return load_case(EXAMPLES / f"{name}.yaml")


def test_require_lists_every_missing_fact_and_passes_when_all_are_present():
    parts.require("letter", [(True, "a: fine")])
    with pytest.raises(MissingFactsError) as raised:
        parts.require("letter", [(False, "plan.member_id: x"), (True, "ok"), (False, "b: y")])
    assert raised.value.missing == ["plan.member_id: x", "b: y"]
    assert "letter needs 2 more fact(s)" in str(raised.value)


def test_identity_and_signer_checks_name_the_plan_member_id_prescriber_and_npi():
    case = replace(example("esketamine-ready-ppo"), plan=None, prescriber=None)
    missing = [why for ok, why in parts.identity_checks(case) + parts.signer_checks(case) if not ok]
    assert [why.split(":")[0] for why in missing] == [
        "plan",
        "plan.member_id",
        "prescriber",
        "prescriber.npi",
    ]
    ready = example("esketamine-ready-ppo")
    assert all(ok for ok, _ in parts.identity_checks(ready) + parts.signer_checks(ready))


def test_references_leave_out_unknown_lines_and_add_extras():
    case = example("esketamine-ready-ppo")
    lines = dict(parts.references(case, ("Claim number", "CLM-1"), ("Reference", None)))
    assert lines["Patient"] == case.patient.full_name
    assert lines["Member ID"] == case.plan.member_id
    assert lines["Claim number"] == "CLM-1"
    assert "Reference" not in lines
    bare = replace(case, plan=None)
    assert [label for label, _ in parts.references(bare)] == ["Patient", "Date of birth"]


def test_the_running_header_names_the_patient_and_date_of_birth():
    case = example("esketamine-ready-ppo")
    dob = case.patient.date_of_birth
    assert parts.running_header(case) == f"{case.patient.full_name} · DOB {dob:%m/%d/%Y}"


def test_the_plan_recipient_uses_the_prior_authorization_fax_or_the_appeals_address():
    case = example("esketamine-ready-ppo")
    plan = replace(
        case.plan,
        prior_authorization_fax="800-555-0199",
        appeals_fax="800-555-0198",
        appeals_address=Address(
            line1="PO Box 1", city="Springfield", state="IL", postal_code="62701"
        ),
    )
    case = replace(case, plan=plan)
    assert parts.plan_recipient(case, "Prior authorization").lines == (
        "Prior authorization",
        "Fax: 800-555-0199",
    )
    assert parts.plan_recipient(case, "Appeals", appeals=True).lines == (
        "Appeals",
        "PO Box 1",
        "Springfield, IL 62701",
        "Fax: 800-555-0198",
    )
    assert parts.plan_recipient(replace(case, plan=None), "Appeals").name == "Health plan"


def test_the_clinic_letterhead_carries_address_contact_and_identifiers():
    case = example("esketamine-ready-ppo")
    sender = parts.clinic_sender(case)
    assert sender is not None
    assert sender.name == case.clinic.name
    assert any(line.startswith("Phone ") for line in sender.lines)
    assert any("NPI " in line for line in sender.lines)
    plain = replace(case, clinic=Clinic(name="Bare Clinic"))
    assert parts.clinic_sender(plain) == parts.Party("Bare Clinic", ())
    assert parts.clinic_sender(replace(case, clinic=None)) is None


def test_the_patient_as_sender_carries_address_and_phone():
    case = example("esketamine-ready-ppo")
    sender = parts.patient_sender(case)
    assert sender.name == case.patient.full_name
    assert sender.lines[-1] == f"Phone {case.patient.phone}"


def test_the_signature_is_the_prescribers_with_the_clinic_name():
    case = example("esketamine-ready-ppo")
    signature = parts.prescriber_signature(case)
    assert signature is not None
    assert signature.npi == case.prescriber.npi
    assert signature.lines == (case.clinic.name,)
    assert signature.signer_fields == ("Signature", "Date signed")
    assert parts.prescriber_signature(replace(case, prescriber=None)) is None
    alone = replace(case, clinic=None, prescriber=Clinician(name="Dr. Solo"))
    assert parts.prescriber_signature(alone).lines == ()


def test_the_diagnosis_table_puts_the_primary_first_with_official_descriptions():
    table = parts.diagnosis_table(example("suicidal-ideation-expedited"))
    codes = [row[0] for row in table.rows]
    assert set(codes) == {"F33.2", "R45.851"}
    primary = [row for row in table.rows if row[2] == "primary"]
    assert primary == [table.rows[0]]
    assert (
        "Major depressive disorder, recurrent severe" in {r[0]: r[1] for r in table.rows}["F33.2"]
    )


def test_the_scores_table_runs_oldest_first_with_the_scale_maximum():
    table = parts.scores_table(example("approved-pa-reauth"))
    dates = [row[0] for row in table.rows]
    assert dates == sorted(dates, key=lambda d: (d[6:], d[:5]))
    assert all(" of " in row[2] for row in table.rows)


def test_the_failed_treatment_table_lists_each_medication_with_class_weeks_and_outcome():
    case = example("esketamine-ready-ppo")
    table = parts.failed_treatment_table(case, TODAY)
    medications = [t for t in case.treatment_history if t.kind.value == "medication"]
    assert [row[0] for row in table.rows] == [t.name for t in medications]
    assert all(row[5] for row in table.rows)
    assert any(row[1] == "SSRI" for row in table.rows)
    assert any("augmentation" in row[1] for row in table.rows)


def test_other_treatments_describe_psychotherapy_and_procedures():
    lines = parts.other_treatments(example("esketamine-ready-ppo"))
    assert lines
    assert all(":" in line for line in lines)


def test_service_lines_follow_the_drug_code_rules_by_treatment_payer_and_date():
    crps = example("crps-iv-ketamine-ppo")
    assert [(c, u) for c, _, u in parts.service_lines(crps, TODAY)] == [
        ("J3490", "1 (with NDC and dose)"),
        ("96365", "1"),
        ("96366", "3"),
    ]
    esk = example("esketamine-ready-ppo")
    assert parts.service_lines(esk, TODAY)[0][0] == "J0013"
    assert parts.service_lines(esk, date(2025, 6, 1))[0][0] == "S0013"
    medicare = example("medicare-esketamine")
    assert medicare.plan.category is PayerCategory.MEDICARE
    assert parts.service_lines(medicare, TODAY)[0][0] in {"G2082", "G2083"}
    im = replace(crps, treatment_plan=TreatmentPlan(treatment=Treatment.IM_KETAMINE, sessions=6))
    assert [c for c, _, _ in parts.service_lines(im, TODAY)] == ["J3490", "96372"]
    assert parts.service_lines(replace(crps, treatment_plan=None), TODAY) == []


def test_service_lines_bill_esketamine_per_mg_and_g2083_above_56_mg():
    esk = example("esketamine-ready-ppo")
    plan = replace(esk.treatment_plan, dose_mg=None)
    assert parts.service_lines(replace(esk, treatment_plan=plan), TODAY)[0][2] == "per mg given"
    medicare = example("medicare-esketamine")
    high = replace(medicare.treatment_plan, dose_mg=84)
    low = replace(medicare.treatment_plan, dose_mg=56)
    assert parts.service_lines(replace(medicare, treatment_plan=high), TODAY)[0][0] == "G2083"
    assert parts.service_lines(replace(medicare, treatment_plan=low), TODAY)[0][0] == "G2082"


def test_the_request_summary_counts_sessions_and_states_the_price_only_when_asked():
    case = example("crps-iv-ketamine-ppo")
    plan = replace(case.treatment_plan, sessions=6, price_per_session=Decimal("450"))
    priced = replace(case, treatment_plan=plan)
    assert parts.request_summary(priced) == "6 sessions of IV ketamine infusion"
    assert parts.request_summary(priced, with_price=True) == (
        "6 sessions of IV ketamine infusion at $450.00 per session"
    )
    no_price = replace(plan, price_per_session=None, sessions=1)
    assert parts.request_summary(replace(case, treatment_plan=no_price)) == (
        "1 session of IV ketamine infusion"
    )
    assert parts.request_summary(replace(case, treatment_plan=None)) == ""
