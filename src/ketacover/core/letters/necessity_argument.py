"""The clinical argument of a letter of medical necessity, by variant.

What the treatment so far shows, the latest ratings, and why the treatment asked for fits: for
IV ketamine (used off-label) the randomized trials and consensus statements behind it, chosen
from :mod:`ketacover.core.evidence` (sourcebook section 9); for esketamine its FDA approvals
(2019-03-05, 2020-08-03 and 2025-01-21, sourcebook esketamine.toml) and the oral antidepressant
that continues with it.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.evidence import Citation, Condition, condition_of
from ketacover.core.letters import clinical
from ketacover.core.letters.text import join_words, long_date, plural
from ketacover.core.model import Case, Outcome, TrialKind

_CRPS: Final = ("G90.5", "G56.4", "G57.7")
"""ICD-10-CM prefixes of complex regional pain syndrome (types I and II)."""
_FAILED: Final = frozenset({Outcome.NO_RESPONSE, Outcome.PARTIAL_RESPONSE, Outcome.INTOLERANCE})


def reasoning(case: Case, today: date, name: str, citations: tuple[Citation, ...]) -> list[str]:
    """The paragraphs of the clinical argument for variant ``name`` of the letter."""
    analysis = clinical.history_analysis(case, today)
    patient = case.patient.full_name
    texts: list[str] = []
    if name in ("trd-iv", "esketamine"):
        failed = clinical.failed_trials_sentence(analysis)
        tried = clinical.other_trials_sentence(analysis)
        if failed:
            texts.append(
                f"In {patient}'s treatment so far, {failed}" + (f" {tried}" if tried else "")
            )
        elif tried:
            texts.append(tried)
    else:
        failed_names = [
            trial.name
            for trial in case.treatment_history
            if trial.kind is TrialKind.MEDICATION and trial.outcome in _FAILED
        ]
        other = [t.name for t in case.treatment_history if t.kind is not TrialKind.MEDICATION]
        said = []
        if failed_names:
            said.append(
                f"{plural(len(failed_names), 'medication trial')} ended without adequate "
                f"response or for side effects ({join_words(failed_names)})"
            )
        if other:
            said.append(f"{join_words(other)} {'was' if len(other) == 1 else 'were'} tried")
        if said:
            texts.append(f"In {patient}'s treatment so far, {join_words(said)}.")
    latest = clinical.latest_scores(case)
    if latest:
        texts.append(f"The latest ratings are {latest}.")
    texts += _VARIANT_REASONING[name](case, today, citations)
    return texts


def _trd_iv(case: Case, today: date, citations: tuple[Citation, ...]) -> list[str]:
    texts = [
        "Racemic ketamine by intravenous infusion is used here outside its FDA-approved "
        "labeling (off-label). I ask for coverage as medically necessary on the published "
        "evidence listed below."
    ]
    elektd = clinical.reference_number(citations, "anand-2023")
    ketect = clinical.reference_number(citations, "ekstrand-2022")
    consensus = [
        ref
        for ref in (
            clinical.reference_number(citations, i) for i in ("sanacora-2017", "mcintyre-2021")
        )
        if ref
    ]
    if elektd:
        texts.append(
            "In nonpsychotic treatment-resistant major depression, a randomized trial found IV "
            f"ketamine non-inferior to electroconvulsive therapy {elektd}."
        )
    if ketect:
        texts.append(
            "In severe unipolar depression, ketamine also brought remission in a randomized "
            f"trial against ECT, although ECT was superior on remission {ketect}."
        )
    if consensus:
        texts.append(
            "A consensus statement and an expert opinion address the use of ketamine in mood "
            f"disorders and treatment-resistant depression {', '.join(sorted(consensus))}."
        )
    if case.history.suicidal_ideation:
        texts.append(f"{case.patient.full_name} has current suicidal ideation.")
    return texts


def _ptsd_iv(case: Case, today: date, citations: tuple[Citation, ...]) -> list[str]:
    refs = ", ".join(f"[{number}]" for number in range(1, len(citations) + 1))
    texts = [
        "Racemic ketamine by intravenous infusion is used here outside its FDA-approved "
        "labeling (off-label). I ask for coverage as medically necessary on the published "
        "evidence listed below."
    ]
    if refs:
        texts.append(
            "Randomized controlled trials, one of them of repeated administration, have studied "
            f"IV ketamine for chronic posttraumatic stress disorder {refs}."
        )
    return texts


def _pain_iv(case: Case, today: date, citations: tuple[Citation, ...]) -> list[str]:
    texts = [
        "Racemic ketamine by intravenous infusion is used here outside its FDA-approved "
        "labeling (off-label). I ask for coverage as medically necessary on the consensus "
        "guidelines and the evidence listed below."
    ]
    guideline = clinical.reference_number(citations, "cohen-2018")
    trial = clinical.reference_number(citations, "schwartzman-2009")
    if guideline:
        texts.append(
            "The American Society of Regional Anesthesia and Pain Medicine, the American Academy "
            "of Pain Medicine and the American Society of Anesthesiologists have issued "
            "consensus guidelines on IV ketamine infusions for chronic pain; the grade of the "
            f"evidence they give depends on the condition {guideline}."
        )
    crps = any(icd10cm.normalize(d.code).startswith(_CRPS) for d in case.diagnoses)
    if trial and crps:
        texts.append(
            "For complex regional pain syndrome, a double-blind placebo-controlled trial gave "
            f"10 daily 4-hour outpatient infusions of up to 0.35 mg/kg/h {trial}."
        )
    return texts


def _esketamine(case: Case, today: date, citations: tuple[Citation, ...]) -> list[str]:
    texts = [
        "Esketamine nasal spray (Spravato) is FDA-approved for treatment-resistant depression "
        f"in adults ({long_date(date(2019, 3, 5))}, with an oral antidepressant; since "
        f"{long_date(date(2025, 1, 21))} also alone) and for depressive symptoms in adults with "
        "major depressive disorder with acute suicidal ideation or behavior, with an oral "
        f"antidepressant ({long_date(date(2020, 8, 3))})."
    ]
    basis = clinical.reference_number(citations, "esketamine-monotherapy-2025")
    if basis:
        texts.append(
            f"The 2025 monotherapy approval rests on a randomized controlled trial {basis}."
        )
    current = clinical.current_antidepressants(clinical.history_analysis(case, today))
    suicidal = condition_of(case) == Condition.SUICIDAL_IDEATION or case.history.suicidal_ideation
    if suicidal:
        texts.append(
            f"{case.patient.full_name} has current suicidal ideation, the second indication; "
            "for it, esketamine is given together with an oral antidepressant."
        )
    if current:
        texts.append(
            f"{case.patient.full_name} is taking {join_words(current)}, which continues as the "
            "oral antidepressant."
        )
    return texts


_VARIANT_REASONING: Final = {
    "trd-iv": _trd_iv,
    "ptsd-iv": _ptsd_iv,
    "pain-iv": _pain_iv,
    "esketamine": _esketamine,
}
