from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import denials
from ketacover.core.letters.catalog import Options
from ketacover.core.model import (
    Case,
    Denial,
    DenialLevel,
    DenialReason,
    PayerCategory,
    Plan,
)
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
NOTICE = date(2026, 10, 30)
RECEIVED = date(2026, 11, 4)


def example() -> Case:
    return load_case(EXAMPLES / "denial-appeal-running.yaml")


def denial(**changes: object) -> Denial:
    base = Denial(id="d-1", notice_date=NOTICE, received=RECEIVED)
    return replace(base, **changes)  # type: ignore[arg-type]


def plan(category: PayerCategory, grandfathered: bool | None = False) -> Plan:
    return Plan(payer="Example Health", category=category, grandfathered=grandfathered)


def test_it_picks_the_latest_denial_by_notice_date_unless_an_id_is_given():
    case = example()
    assert denials.select_denial(case, Options(), "appeal").id == "denial-2"
    assert denials.select_denial(case, Options(denial_id="denial-1"), "appeal").id == "denial-1"


def test_it_names_an_unknown_denial_id_and_the_known_ones():
    with pytest.raises(
        KetacoverError,
        match=r"denial_id: no denial with id 'denial-9'.*denial-2 \(Example Mountain"
        r".*claim CLM-2026-1022-0001.*denial-1 \(",
    ):
        denials.select_denial(example(), Options(denial_id="denial-9"), "appeal")


def test_a_case_without_denials_raises_missing_facts_naming_denials():
    with pytest.raises(MissingFactsError) as raised:
        denials.select_denial(replace(example(), denials=()), Options(), "appeal")
    assert raised.value.missing[0].startswith("denials: ")


@pytest.mark.parametrize(
    ("given", "reason", "basis"),
    [
        (
            {"reason": DenialReason.FREQUENCY_LIMIT, "carc_codes": ("55",)},
            DenialReason.FREQUENCY_LIMIT,
            "recorded on the denial",
        ),
        ({"carc_codes": ("CO-16", "CO-55")}, DenialReason.EXPERIMENTAL_INVESTIGATIONAL, "CO-55"),
        ({"carc_codes": ("CO-151", "198")}, DenialReason.FREQUENCY_LIMIT, "codes CO-151, 198"),
        (
            {"reason_text": "The service is considered Experimental."},
            DenialReason.EXPERIMENTAL_INVESTIGATIONAL,
            '"experimental"',
        ),
        (
            {"carc_codes": ("999",), "reason_text": "Not medically necessary per policy"},
            DenialReason.NOT_MEDICALLY_NECESSARY,
            '"medically necessary"',
        ),
        ({"reason_text": "Request denied."}, DenialReason.OTHER, "no reason recorded"),
        ({}, DenialReason.OTHER, "no reason recorded"),
    ],
)
def test_it_classifies_a_denial_and_says_what_triggered_it(given, reason, basis):
    found = denials.classify(denial(**given))
    assert found.reason is reason
    assert basis in found.basis
    assert found.words == denials.REASON_WORDS[reason]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Exceeds the number of visits allowed", DenialReason.FREQUENCY_LIMIT),
        ("Provider is out-of-network", DenialReason.OUT_OF_NETWORK),
        ("No precertification on file", DenialReason.NO_PRIOR_AUTHORIZATION),
        ("Medical records were not received", DenialReason.MISSING_DOCUMENTATION),
        ("Billing error on line 2", DenialReason.CODING_ERROR),
        ("This is a plan exclusion", DenialReason.BENEFIT_EXCLUSION),
        ("Not FDA approved for this use", DenialReason.EXPERIMENTAL_INVESTIGATIONAL),
    ],
)
def test_the_keyword_classifier_reads_the_usual_notice_wording(text, reason):
    found = denials.classify_text(text)
    assert found is not None
    assert found[0] is reason
    assert found[1] in text.lower()


def test_the_keyword_classifier_puts_experimental_before_medical_necessity():
    text = "Experimental; therefore not medically necessary"
    assert denials.classify_text(text) == (
        DenialReason.EXPERIMENTAL_INVESTIGATIONAL,
        "experimental",
    )
    assert denials.classify_text("Thank you") is None


def test_notice_words_cite_the_date_as_us_letters_write_it_with_claim_and_reference():
    cited = denials.notice_words(denial(claim_number="C-1", reference="R-2"))
    assert cited == "the notice dated October 30, 2026 (claim number C-1, reference R-2)"
    assert denials.notice_words(denial()) == "the notice dated October 30, 2026"


@pytest.mark.parametrize(
    ("category", "rule", "deadline"),
    [
        (PayerCategory.COMMERCIAL_FULLY_INSURED, "ERISA claims-procedure rule", "May 3, 2027"),
        (PayerCategory.COMMERCIAL_SELF_FUNDED, "29 CFR 2560.503-1", "May 3, 2027"),
        (PayerCategory.INDIVIDUAL, "only one level of internal appeal", "May 3, 2027"),
        (PayerCategory.MARKETPLACE_QHP, "45 CFR 147.136", "May 3, 2027"),
        (PayerCategory.MEDICARE, "presumed received 5 days", "March 4, 2027"),
        (PayerCategory.MEDICARE_ADVANTAGE, "65 calendar days", "January 3, 2027"),
        (PayerCategory.MEDICAID_MANAGED_CARE, "60 calendar days", "December 29, 2026"),
    ],
)
def test_each_payer_category_gets_its_rights_and_exact_deadline(category, rule, deadline):
    rights = denials.appeal_rights(denial(), plan(category))
    text = " ".join(rights.paragraphs)
    assert rule in text
    assert f"the last day to file this appeal is {deadline}; the date on the notice governs" in text
    assert rights.window is not None


def test_medicare_counts_from_the_presumed_receipt_when_the_day_is_not_recorded():
    rights = denials.appeal_rights(denial(received=None), plan(PayerCategory.MEDICARE))
    assert "March 4, 2027" in " ".join(rights.paragraphs)


def test_a_second_medicare_level_is_a_reconsideration_within_180_days():
    second = denial(level=DenialLevel.INTERNAL_APPEAL)
    text = " ".join(denials.appeal_rights(second, plan(PayerCategory.MEDICARE)).paragraphs)
    assert "reconsideration by the qualified independent contractor" in text
    assert "May 3, 2027" in text


def test_a_second_employer_level_says_its_window_is_not_confirmed():
    second = denial(level=DenialLevel.INTERNAL_APPEAL)
    text = " ".join(
        denials.appeal_rights(second, plan(PayerCategory.COMMERCIAL_SELF_FUNDED)).paragraphs
    )
    assert "not confirmed in ketacover's sources" in text


@pytest.mark.parametrize(
    "category", [PayerCategory.MEDICAID, PayerCategory.TRICARE, PayerCategory.OTHER]
)
def test_plans_without_a_rule_defer_to_the_notice_and_give_no_date(category):
    rights = denials.appeal_rights(denial(), plan(category))
    assert rights.window is None
    assert rights.paragraphs == (
        "The denial notice and the plan documents give the appeal deadline for this plan; this "
        "appeal is filed under them.",
    )


def test_a_date_printed_on_the_notice_governs_and_the_computed_one_is_shown_beside_it():
    printed = denial(appeal_deadline_on_notice=date(2027, 4, 30))
    text = " ".join(
        denials.appeal_rights(printed, plan(PayerCategory.COMMERCIAL_FULLY_INSURED)).paragraphs
    )
    assert (
        "The notice gives April 30, 2027 as the last day to appeal, and that date governs." in text
    )
    assert "By the rule above alone it would be May 3, 2027." in text
    same = denial(appeal_deadline_on_notice=date(2027, 5, 3))
    text = " ".join(
        denials.appeal_rights(same, plan(PayerCategory.COMMERCIAL_FULLY_INSURED)).paragraphs
    )
    assert "By the rule above alone" not in text


@pytest.mark.parametrize(
    ("grandfathered", "start"),
    [
        (False, "The plan is not grandfathered, so the federal rules"),
        (None, "If the plan is not grandfathered, the federal rules"),
        (True, "The plan is recorded as grandfathered, so the federal external review rules"),
    ],
)
def test_the_external_review_right_depends_on_grandfathering(grandfathered, start):
    note = denials.external_review_note(plan(PayerCategory.INDIVIDUAL, grandfathered))
    assert note is not None
    assert note.startswith(start)


def test_plans_outside_the_aca_rules_get_no_external_review_note():
    assert denials.external_review_note(plan(PayerCategory.MEDICARE)) is None
    rights = denials.appeal_rights(denial(), plan(PayerCategory.MEDICARE_ADVANTAGE))
    assert not any("external review" in p for p in rights.paragraphs)


def test_variants_are_clinic_or_patient_and_an_unknown_one_is_named():
    assert denials.variant(Options(), denials.CLINIC) == "clinic"
    assert denials.variant(Options(variant="patient"), denials.CLINIC) == "patient"
    with pytest.raises(KetacoverError, match="'family'"):
        denials.variant(Options(variant="family"), denials.CLINIC)


def test_the_patient_variant_needs_the_patient_address_and_signs_as_the_patient():
    case = example()
    sender, signature = denials.sender_and_signature(case, denials.PATIENT)
    assert sender is not None
    assert sender.name == "Morgan Fictional"
    assert signature is not None
    assert signature.name == "Morgan Fictional"
    assert signature.signer_fields == ("Signature", "Date signed")
    no_address = replace(case, patient=replace(case.patient, address=None))
    missing = [why for ok, why in denials.signer_checks(no_address, denials.PATIENT) if not ok]
    assert missing[0].startswith("patient.address: ")
    clinic_sender, prescriber = denials.sender_and_signature(case, denials.CLINIC)
    assert clinic_sender is not None
    assert prescriber is not None
    assert prescriber.npi == "1098765435"


def test_the_plans_own_appeal_window_is_cited_as_the_plans_documents():
    with_window = replace(plan(PayerCategory.COMMERCIAL_FULLY_INSURED), appeal_window_days=90)
    rights = denials.appeal_rights(denial(), with_window)
    assert rights.window is not None
    assert rights.window.deadline.due == date(2027, 2, 2)
    assert (
        "Under the appeal window stated in the plan's documents, the last day to file this appeal "
        "is February 2, 2027; the date on the notice governs if it differs."
    ) in rights.paragraphs


def test_the_notices_own_window_governs_in_the_letter():
    windowed = denial(appeal_window_days_on_notice=60)
    text = " ".join(
        denials.appeal_rights(windowed, plan(PayerCategory.COMMERCIAL_FULLY_INSURED)).paragraphs
    )
    assert (
        "The notice gives December 29, 2026 as the last day to appeal, and that date governs."
        in (text)
    )
