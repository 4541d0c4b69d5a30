"""The documentation checklist: what a prior-authorization request, appeal or superbill for this
case needs, and whether the case has it yet.

Items follow issue 2 ("A documentation checklist for the case") and the sources list:
procedure codes per codes.toml (J3490 with the NDC for ketamine, 96372 for an IM injection
marked unverified as its source entry says, J0013 from 2026-01-01 and S0013
before it for esketamine, the bundled G2082/G2083 for Medicare), NPI check digits per the NPI Final
Rule, baseline rating scales per section 3 ("Other requirements").
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ketacover.core.codes import icd10cm, npi, procedures
from ketacover.core.coverage.diagnoses import dx_groups
from ketacover.core.coverage.facts import Facts
from ketacover.core.coverage.result import ChecklistItem, ChecklistStatus
from ketacover.core.model import Case, PayerCategory, Treatment

_NO_GROUP = frozenset(
    {
        PayerCategory.MARKETPLACE_QHP,
        PayerCategory.INDIVIDUAL,
        PayerCategory.MEDICARE,
        PayerCategory.MEDICARE_ADVANTAGE,
        PayerCategory.MEDICAID,
        PayerCategory.MEDICAID_MANAGED_CARE,
        PayerCategory.TRICARE,
    }
)

DONE = ChecklistStatus.DONE
MISSING = ChecklistStatus.MISSING
UNKNOWN = ChecklistStatus.UNKNOWN
NOT_NEEDED = ChecklistStatus.NOT_NEEDED
EXCLUDED = ChecklistStatus.EXCLUDED

_EXCLUDED_GROUPS = {
    "bipolar": "bipolar disorder",
    "psychotic": "depression with psychotic features",
    "substance_active": "an active substance use disorder",
}
"""Diagnosis groups payers' criteria exclude on, in words."""


def checklist(case: Case, facts: Facts) -> tuple[ChecklistItem, ...]:
    """The checklist for ``case``, in the order a request packet is put together."""
    plan = case.plan
    items = [
        _item(
            "member_id",
            "Member ID",
            plan is not None and bool(plan.member_id),
            "From the insurance card.",
        ),
        _group(case),
        _phones(case),
        _diagnoses(case),
        _procedures(case, facts),
        _npi("clinic_npi", "Clinic NPI", None if case.clinic is None else case.clinic.npi),
        _npi(
            "prescriber_npi",
            "Prescriber NPI",
            None if case.prescriber is None else case.prescriber.npi,
        ),
        _failed_treatments(facts),
        _item(
            "baseline_scale",
            "Baseline rating scale (PHQ-9, MADRS or HAM-D)",
            facts["scores.baseline"] is True,
            "Payers ask for a baseline score; record one.",
        ),
        ChecklistItem(
            "letter_of_medical_necessity",
            "Letter of medical necessity",
            MISSING,
            "Not generated yet; the prescriber signs it.",
        ),
        ChecklistItem(
            "clinical_notes",
            "Recent clinical notes",
            UNKNOWN,
            "Attach the notes that support the diagnosis and the failed treatments.",
        ),
        _prior_authorization(facts),
    ]
    if case.treatment_plan is not None and case.treatment_plan.treatment is Treatment.ESKETAMINE:
        rems = facts["clinic.rems_certified"]
        status = DONE if rems is True else (MISSING if rems is False else UNKNOWN)
        items.append(
            ChecklistItem(
                "rems_certification",
                "SPRAVATO REMS-certified setting",
                status,
                "Esketamine is given only in a certified setting.",
            )
        )
    return tuple(items)


@lru_cache(maxsize=4096)
def code_status(code: str) -> tuple[bool, bool, str]:
    """Whether an ICD-10-CM code is valid and billable, and its written form."""
    valid = icd10cm.is_valid(code)
    return valid, valid and icd10cm.is_billable(code), icd10cm.normalize(code) if valid else code


@lru_cache(maxsize=4096)
def _npi_valid(number: str) -> bool:
    return npi.is_valid(number)


def _item(item_id: str, label: str, present: bool, detail: str) -> ChecklistItem:
    return ChecklistItem(item_id, label, DONE if present else MISSING, "" if present else detail)


def _group(case: Case) -> ChecklistItem:
    plan = case.plan
    if plan is not None and plan.category in _NO_GROUP and not plan.group_number:
        return ChecklistItem(
            "group_number",
            "Group number",
            NOT_NEEDED,
            "Not an employer plan; give one only if the card shows it.",
        )
    return _item(
        "group_number",
        "Group number",
        plan is not None and bool(plan.group_number),
        "From the insurance card (employer plans).",
    )


def _phones(case: Case) -> ChecklistItem:
    plan = case.plan
    known = (
        [] if plan is None else [p for p in (plan.phone_behavioral_health, plan.phone_medical) if p]
    )
    if len(known) == 2:
        return ChecklistItem("plan_phones", "Plan phone numbers", DONE)
    status = MISSING if not known else UNKNOWN
    return ChecklistItem(
        "plan_phones",
        "Plan phone numbers",
        status,
        "Behavioral-health and medical-benefits lines, from the card.",
    )


def _diagnoses(case: Case) -> ChecklistItem:
    label = "Diagnosis codes (ICD-10-CM)"
    if not case.diagnoses:
        return ChecklistItem("diagnosis_codes", label, MISSING, "Add the diagnosis codes.")
    bad = [d.code for d in case.diagnoses if not code_status(d.code)[1]]
    if bad:
        return ChecklistItem(
            "diagnosis_codes", label, MISSING, f"Not valid billable codes: {', '.join(bad)}."
        )
    excluded = [
        f"{icd10cm.normalize(d.code)} ({_EXCLUDED_GROUPS[group]})"
        for d in case.diagnoses
        for group in sorted(dx_groups(d.code) & _EXCLUDED_GROUPS.keys())
    ]
    if excluded:
        return ChecklistItem(
            "diagnosis_codes",
            label,
            EXCLUDED,
            f"Payers' ketamine and esketamine criteria exclude {', '.join(excluded)}; the request "
            "documents are not written while it stands.",
        )
    return ChecklistItem(
        "diagnosis_codes", label, DONE, ", ".join(icd10cm.normalize(d.code) for d in case.diagnoses)
    )


def _procedures(case: Case, facts: Facts) -> ChecklistItem:
    label = "Procedure and drug codes"
    tp = case.treatment_plan
    service = facts["service.date"]
    if tp is None or not isinstance(service, date):
        return ChecklistItem("procedure_codes", label, UNKNOWN, "Add the treatment plan.")
    if tp.treatment is Treatment.ESKETAMINE:
        if facts["plan.category"] == PayerCategory.MEDICARE.value:
            codes = "G2082 (up to 56 mg) or G2083 (over 56 mg); the G-code includes the drug"
        else:
            codes = f"{procedures.esketamine_drug_code(service)} per mg, with E/M and observation"
        return ChecklistItem("procedure_codes", label, DONE, codes)
    if tp.treatment is Treatment.IM_KETAMINE:
        return ChecklistItem(
            "procedure_codes",
            label,
            DONE,
            "J3490 with the NDC; injection code 96372 (unverified: check the CPT descriptor)",
        )
    if tp.infusion_minutes is None:
        return ChecklistItem(
            "procedure_codes",
            label,
            UNKNOWN,
            "J3490 with the NDC; add infusion minutes to choose 96365/96366.",
        )
    units = ", ".join(f"{code} x {n}" for code, n in procedures.infusion_units(tp.infusion_minutes))
    return ChecklistItem("procedure_codes", label, DONE, f"J3490 with the NDC, {units}")


def _npi(item_id: str, label: str, number: str | None) -> ChecklistItem:
    if not number:
        return ChecklistItem(item_id, label, MISSING, "Add the 10-digit NPI.")
    if not _npi_valid(number):
        return ChecklistItem(item_id, label, MISSING, "The NPI's check digit is wrong; recheck it.")
    return ChecklistItem(item_id, label, DONE)


def _failed_treatments(facts: Facts) -> ChecklistItem:
    label = "Failed-treatment documentation"
    if facts["history.recorded"] is not True:
        return ChecklistItem(
            "failed_treatments", label, MISSING, "Record each antidepressant: dose, dates, outcome."
        )
    met = facts["criteria.met"]
    if met is True:
        return ChecklistItem("failed_treatments", label, DONE, "Meets the selected criteria.")
    detail = "Some criteria are not documented yet." if met is None else "Criteria not met yet."
    return ChecklistItem("failed_treatments", label, MISSING if met is False else UNKNOWN, detail)


def _prior_authorization(facts: Facts) -> ChecklistItem:
    required = facts["plan.prior_authorization_required"]
    label = "Whether prior authorization is required"
    if facts["plan.category"] == PayerCategory.MEDICARE.value:
        return ChecklistItem(
            "prior_authorization_required",
            label,
            NOT_NEEDED,
            "Original Medicare has none for these services; the contractor decides on the claim.",
        )
    if required is None:
        return ChecklistItem("prior_authorization_required", label, UNKNOWN, "Ask the plan.")
    return ChecklistItem(
        "prior_authorization_required",
        label,
        DONE,
        "Required." if required else "Not required, per the plan.",
    )
