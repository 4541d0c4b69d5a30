"""Evidence for an appeal, and the answer to an experimental or investigational denial.

The studies and guidelines a letter cites come from the evidence library (the evidence library),
chosen by the case's condition and treatment. The experimental/investigational argument states the
off-label facts plainly, the FDA approvals of esketamine (2019-03-05, 2020-08-03, 2025-01-21
monotherapy; sourcebook esketamine.toml), the APA consensus statement and the trials (ELEKT-D is the
non-inferiority trial; KetECT only shows that ketamine works in severe depression, ECT was
superior on remission), the pain guideline, and when the plan allows it, external review
(45 CFR 147.136; sourcebook appeals.toml).
"""

from __future__ import annotations

from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.deadlines.appeals import EMPLOYER_AND_INDIVIDUAL
from ketacover.core.evidence import Citation, citation, condition_of
from ketacover.core.letters.denial_subject import denied_treatment
from ketacover.core.letters.letter import Block, Bullets, Heading, Paragraph
from ketacover.core.model import Case, Denial, DenialReason, Treatment
from ketacover.core.sourcebook import cite

_EXTERNAL_REVIEW: Final = "; ".join(
    cite(key).citation for key in ("cfr-45-147-136", "healthcare-gov-external-review")
)
"""Where external review of experimental determinations comes from, as cited."""

_EVIDENCE: Final[dict[tuple[str, bool], tuple[str, ...]]] = {
    ("depression", False): (
        "sanacora-2017",
        "zarate-2006",
        "murrough-2013",
        "anand-2023",
        "ekstrand-2022",
    ),
    ("suicidal_ideation", False): (
        "sanacora-2017",
        "zarate-2006",
        "murrough-2013",
        "anand-2023",
        "ekstrand-2022",
    ),
    ("ptsd", False): ("feder-2014", "feder-2021"),
    ("pain", False): ("cohen-2018", "schwartzman-2009"),
    ("depression", True): (
        "popova-2019",
        "daly-2019",
        "reif-2023",
        "esketamine-monotherapy-2025",
    ),
    ("suicidal_ideation", True): ("fu-2020", "ionescu-2021", "popova-2019"),
}
"""Citation ids by (condition, esketamine?), from the evidence library (the evidence library)."""

FDA_HISTORY: Final = (
    "The FDA approved esketamine nasal spray (Spravato), a ketamine-family drug, for "
    "treatment-resistant depression in adults on March 5, 2019, taken with an oral "
    "antidepressant; for depressive symptoms in adults with major depressive disorder with acute "
    "suicidal ideation or behavior on August 3, 2020; and as monotherapy for treatment-resistant "
    "depression on January 21, 2025."
)
"""Esketamine's approval history (sourcebook esketamine.toml) (verified)."""


_SUICIDALITY_LABEL: Final = cite("fda-spravato-suicidal-2020").citation
"""The 2020-08-03 indication: depressive symptoms in adults with MDD with acute suicidal ideation
or behavior; it asks for no failed trials (sourcebook esketamine.toml)."""

_TRIAL_WORDS: Final = ("trial", "fail", "antidepressant", "treatment-resistant", "resistant")
"""Words of a notice that rests the denial on the number of failed antidepressant trials."""


def has_suicidal_ideation(case: Case) -> bool:
    """Whether the case records current suicidal ideation (the history flag or R45.851)."""
    coded = any(icd10cm.normalize(d.code) == "R45.851" for d in case.diagnoses)
    return case.history.suicidal_ideation is True or coded


def rests_on_failed_trials(denial: Denial) -> bool:
    """Whether the notice's wording rests the denial on too few failed antidepressant trials."""
    if denial.reason not in (None, DenialReason.NOT_MEDICALLY_NECESSARY, DenialReason.OTHER):
        return False
    text = (denial.reason_text or "").lower()
    return any(word in text for word in _TRIAL_WORDS)


def indication_blocks(case: Case, denial: Denial) -> list[Block]:
    """For esketamine denied for too few failed trials in a patient with suicidal ideation: the
    2020-08-03 indication for acute suicidal ideation or behavior, which asks for no failed
    trials (FDA; SPRAVATO prescribing information)."""
    if denied_treatment(case, denial) is not Treatment.ESKETAMINE:
        return []
    if not (has_suicidal_ideation(case) and rests_on_failed_trials(denial)):
        return []
    return [
        Heading("The indication that applies"),
        Paragraph(
            "The denial rests on the number of failed antidepressant trials. That count belongs "
            "to the treatment-resistant depression indication. The patient has current suicidal "
            "ideation, and since August 3, 2020 esketamine nasal spray has been FDA-approved, "
            "with an oral antidepressant, for depressive symptoms in adults with major depressive "
            "disorder with acute suicidal ideation or behavior "
            f"({_SUICIDALITY_LABEL}). This indication asks for no failed "
            "antidepressant trials. The label adds that esketamine has not been shown to prevent "
            "suicide or to reduce suicidal ideation or behavior, and that it does not replace "
            "hospitalization when that is warranted. I ask the plan to review the request under "
            "the indication that applies to this patient."
        ),
    ]


def evidence_for(case: Case) -> tuple[Citation, ...]:
    """The studies and guidelines that fit the case's diagnosis and treatment, in citing order."""
    plan = case.treatment_plan
    esketamine = plan is not None and plan.treatment is Treatment.ESKETAMINE
    ids = _EVIDENCE.get((condition_of(case), esketamine), ())
    return tuple(citation(item) for item in ids)


def evidence_bullets(evidence: tuple[Citation, ...]) -> list[str]:
    """One line per citation: short form and, where the library states one, the finding."""
    lines = []
    for item in evidence:
        if item.id == "ekstrand-2022":
            text = (
                "ketamine worked in severe depression (46% remitted with ketamine; ECT was "
                "superior on remission at 63%, so this is not a claim of equivalence)"
            )
        elif item.id == "sanacora-2017":
            text = "the APA consensus statement on the use of ketamine in mood disorders"
        elif item.finding:
            text = item.finding[0].lower() + item.finding[1:].rstrip(".")
        else:
            text = (item.title or item.journal).rstrip(".")
        lines.append(f"{item.short}: {text}")
    return lines


def established_blocks(
    case: Case, evidence: tuple[Citation, ...], *, external_review: bool
) -> list[Block]:
    """Why the treatment is established, not experimental: the label facts, the FDA approvals, the
    consensus statements and trials among ``evidence``, and (``external_review=True``) the note
    that such a denial is eligible for external review."""
    treatment = case.treatment_plan.treatment if case.treatment_plan else None
    condition = condition_of(case)
    blocks: list[Block] = [Heading("The treatment is established, not experimental")]
    if treatment is Treatment.ESKETAMINE:
        blocks.append(
            Paragraph(
                f"{FDA_HISTORY} Esketamine is not investigational: it is prescribed here within "
                "its FDA-approved labeling, in a REMS-certified setting."
                if case.clinic is not None and case.clinic.rems_certified
                else f"{FDA_HISTORY} Esketamine is not investigational: it is an FDA-approved drug."
            )
        )
    else:
        route = "intramuscular" if treatment is Treatment.IM_KETAMINE else "intravenous"
        if condition == "pain":
            label = (
                f"This letter does not claim FDA approval for {route} ketamine in chronic pain; "
                "the question is whether the treatment is experimental, and the guideline below "
                "answers it."
            )
        else:
            label = (
                f"The use of {route} ketamine for this condition is off-label, and this letter "
                "does not claim otherwise. Off-label use of a drug is a different question from "
                "whether a treatment is experimental."
            )
        blocks += [Paragraph(label), Paragraph(f"{FDA_HISTORY} The drug class is established.")]
    ids = {item.id for item in evidence}
    statements = []
    if "sanacora-2017" in ids:
        statements.append(
            "The American Psychiatric Association's Council of Research task force published a "
            "consensus statement on the use of ketamine in the treatment of mood disorders "
            "(Sanacora et al., 2017)."
        )
    if {"zarate-2006", "murrough-2013"} <= ids:
        statements.append(
            "Randomized trials of ketamine in treatment-resistant major depression go back to 2006 "
            "(Zarate et al., 2006; Murrough et al., 2013)."
        )
    if "anand-2023" in ids:
        statements.append(
            "In ELEKT-D, ketamine was non-inferior to electroconvulsive therapy in nonpsychotic "
            "treatment-resistant depression: response 55.4% with ketamine vs 41.2% with ECT "
            "(Anand et al., 2023)."
        )
    if "ekstrand-2022" in ids:
        statements.append(
            "In KetECT, a trial comparing ketamine with ECT in unipolar depression, 46% of "
            "patients remitted with ketamine; ECT remitted more (63%), and the trial is cited only "
            "to show that ketamine works in severe depression (Ekstrand et al., 2022)."
        )
    if "cohen-2018" in ids:
        statements.append(
            "The American Society of Regional Anesthesia and Pain Medicine, the American Academy "
            "of Pain Medicine and the American Society of Anesthesiologists published consensus "
            "guidelines on intravenous ketamine infusions for chronic pain; the grade of the "
            "evidence depends on the condition (Cohen et al., 2018)."
        )
    if statements:
        blocks.append(Paragraph(" ".join(statements)))
    others = [item for item in evidence if item.id not in _STATED]
    if others:
        blocks += [Heading("Further evidence"), Bullets(tuple(evidence_bullets(tuple(others))))]
    note = _external_review_eligibility(case) if external_review else None
    if note:
        blocks.append(Paragraph(note))
    return blocks


_STATED: Final = frozenset(
    {"sanacora-2017", "zarate-2006", "murrough-2013", "anand-2023", "ekstrand-2022", "cohen-2018"}
)


def _external_review_eligibility(case: Case) -> str | None:
    plan = case.plan
    if plan is None or plan.category not in EMPLOYER_AND_INDIVIDUAL or plan.grandfathered:
        return None
    text = (
        "Experimental or investigational determinations are eligible for external review by an "
        f"independent review organization ({_EXTERNAL_REVIEW})"
    )
    if plan.grandfathered is None:
        return f"{text}, if the plan is not grandfathered."
    return f"{text}."
