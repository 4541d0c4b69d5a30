"""The reason-specific part of an appeal: what the letter argues for each kind of denial.

- **not medically necessary**: the criteria the history meets (judged by
  :func:`ketacover.core.history.judge` against the plan's criteria pack), the scores, why now, the
  evidence;
- **experimental or investigational**: the off-label facts stated plainly, the FDA approvals of
  esketamine (2019-03-05, 2020-08-03, 2025-01-21 monotherapy), the APA consensus statement and the
  trials (ELEKT-D is the non-inferiority trial; KetECT only shows ketamine works in severe
  depression), the pain guideline, and external review (facts.md sections 3, 4 and 9);
- **missing documentation**: what is now enclosed;
- **no prior authorization**: a request to authorize retroactively and review for medical necessity
  (why authorization was not obtained is the clinic's to state; nothing is assumed);
- **out of network**: a request for a network-gap exception or a single-case agreement (facts.md
  gives no rules on these, so it is worded as a request, from the case's facts only);
- **frequency limit**: sessions approved and used, the response in scores, the request;
- **coding error**: a corrected-claim cover (CARC 16 is fixed and resubmitted, not appealed; the
  codes follow facts.md section 1);
- **benefit exclusion / other**: a general appeal and, for a mental-health exclusion, a pointer to
  the parity disclosure request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.coverage import load_rules
from ketacover.core.deadlines import sessions_used
from ketacover.core.deadlines.appeals import EMPLOYER_AND_INDIVIDUAL
from ketacover.core.evidence import Citation, citation, condition_of
from ketacover.core.history import CriterionStatus, analyze, judge
from ketacover.core.letters import parts
from ketacover.core.letters.denials import Classification
from ketacover.core.letters.letter import Block, Bullets, Heading, Paragraph, Table
from ketacover.core.letters.text import join_words, long_date, plural, short_date
from ketacover.core.model import (
    Case,
    Decision,
    Denial,
    DenialReason,
    Scale,
    Treatment,
    TrialKind,
)

_R = DenialReason
_APPROVED: Final = frozenset({Decision.APPROVED, Decision.PARTIALLY_APPROVED})

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
"""Citation ids by (condition, esketamine?), from the evidence library (facts.md section 9)."""

FDA_HISTORY: Final = (
    "The FDA approved esketamine nasal spray (Spravato), a ketamine-family drug, for "
    "treatment-resistant depression in adults on March 5, 2019, taken with an oral "
    "antidepressant; for depressive symptoms in adults with major depressive disorder with acute "
    "suicidal ideation or behavior on August 3, 2020; and as monotherapy for treatment-resistant "
    "depression on January 21, 2025."
)
"""Esketamine's approval history (facts.md section 3) [V]."""


@dataclass(frozen=True, slots=True)
class Voice:
    """Who speaks about the patient: the prescriber (``Morgan Fictional has``) or the patient
    (``I have``)."""

    patient: bool
    name: str

    @property
    def who(self) -> str:
        return "I" if self.patient else self.name

    @property
    def whose(self) -> str:
        return "my" if self.patient else f"{self.name}'s"

    @property
    def has(self) -> str:
        return f"{self.who} {'have' if self.patient else 'has'}"


@dataclass(slots=True)
class Content:
    """What the reason-specific part adds to a letter."""

    request: str
    blocks: list[Block] = field(default_factory=list)
    evidence: tuple[Citation, ...] = ()
    enclosures: list[str] = field(default_factory=list)


def evidence_for(case: Case) -> tuple[Citation, ...]:
    """The studies and guidelines that fit the case's diagnosis and treatment, in citing order."""
    plan = case.treatment_plan
    esketamine = plan is not None and plan.treatment is Treatment.ESKETAMINE
    ids = _EVIDENCE.get((condition_of(case), esketamine), ())
    return tuple(citation(item) for item in ids)


def evidence_bullets(evidence: tuple[Citation, ...]) -> list[str]:
    """One line per citation: short form and, where facts.md states one, the finding."""
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


def request_words(case: Case) -> str:
    """What is asked for: the treatment plan's summary, or the denied treatment."""
    summary = parts.request_summary(case)
    return summary or "the denied services"


def clinical_blocks(case: Case, today: date) -> list[Block]:
    """Diagnoses, scores, the failed-treatment table, other treatments and the history flags."""
    blocks: list[Block] = []
    if case.diagnoses:
        blocks += [Heading("Diagnoses"), parts.diagnosis_table(case)]
    if case.scores:
        blocks += [Heading("Rating scales"), parts.scores_table(case)]
    medication = any(t.kind is TrialKind.MEDICATION for t in case.treatment_history)
    others = parts.other_treatments(case)
    if medication or others:
        blocks.append(Heading("Treatment history"))
    if medication:
        blocks.append(parts.failed_treatment_table(case, today))
    if others:
        blocks.append(Bullets(tuple(others)))
    flags = _flag_sentence(case)
    if flags:
        blocks.append(Paragraph(flags))
    return blocks


def criteria_met(case: Case, today: date) -> tuple[str, list[str]]:
    """The criteria pack's name and the sentences of the criteria the history meets."""
    pack, _ = load_rules().pack(None if case.plan is None else case.plan.criteria_pack)
    analysis = analyze(
        case.treatment_history, episode_start=case.history.episode_start, today=today
    )
    results = judge(analysis, pack.criteria)
    return pack.name, [r.text for r in results if r.status is CriterionStatus.MET]


def content(
    case: Case,
    denial: Denial,
    classification: Classification,
    today: date,
    voice: Voice,
    *,
    external_review: bool = True,
) -> Content:
    """The request, the argument, the evidence and the extra enclosures for this denial's reason.

    ``external_review=False`` leaves out the note that the denial is eligible for external review
    (for the external review request itself, which says so in its own words).
    """
    reason = classification.reason
    if reason is _R.EXPERIMENTAL_INVESTIGATIONAL:
        return _experimental(case, today, voice, external_review)
    if reason is _R.MISSING_DOCUMENTATION:
        return _missing_documentation(case, today, voice)
    if reason is _R.NO_PRIOR_AUTHORIZATION:
        return _no_prior_authorization(case, denial, today, voice)
    if reason is _R.OUT_OF_NETWORK:
        return _out_of_network(case, today, voice)
    if reason is _R.FREQUENCY_LIMIT:
        return _frequency_limit(case, today, voice)
    if reason is _R.CODING_ERROR:
        return _coding_error(case, denial)
    result = _medical_necessity(case, today, voice)
    if reason in (_R.BENEFIT_EXCLUSION, _R.OTHER) and _mental_health(case):
        result.blocks.append(
            Paragraph(
                "Because this denial concerns treatment of a mental-health condition, a separate "
                "parity disclosure request (Mental Health Parity and Addiction Equity Act) asks "
                "the "
                "plan for the criteria and the comparative analysis behind the exclusion."
            )
        )
    return result


def _medical_necessity(case: Case, today: date, voice: Voice) -> Content:
    result = Content(
        request=f"I ask the plan to reverse the denial and cover {request_words(case)}."
    )
    pack_name, met = criteria_met(case, today)
    if met:
        result.blocks += [
            Heading("The criteria met"),
            Paragraph(f"Judged against the {pack_name}:"),
            Bullets(tuple(met)),
        ]
    result.blocks += clinical_blocks(case, today)
    why = _why_now(case, today, voice)
    if why:
        result.blocks += [Heading("Why this treatment now"), Paragraph(why)]
    result.evidence = evidence_for(case)
    if result.evidence:
        result.blocks += [
            Heading("Evidence"),
            Bullets(tuple(evidence_bullets(result.evidence))),
        ]
    return result


def _experimental(case: Case, today: date, voice: Voice, external_review: bool) -> Content:
    result = Content(
        request=f"I ask the plan to reverse the denial and cover {request_words(case)}."
    )
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
    result.evidence = evidence_for(case)
    ids = {item.id for item in result.evidence}
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
    others = [item for item in result.evidence if item.id not in _STATED]
    if others:
        blocks += [Heading("Further evidence"), Bullets(tuple(evidence_bullets(tuple(others))))]
    note = _external_review_eligibility(case) if external_review else None
    if note:
        blocks.append(Paragraph(note))
    result.blocks = blocks + clinical_blocks(case, today)
    return result


_STATED: Final = frozenset(
    {"sanacora-2017", "zarate-2006", "murrough-2013", "anand-2023", "ekstrand-2022", "cohen-2018"}
)


def _external_review_eligibility(case: Case) -> str | None:
    plan = case.plan
    if plan is None or plan.category not in EMPLOYER_AND_INDIVIDUAL or plan.grandfathered:
        return None
    text = (
        "Experimental or investigational determinations are eligible for external review by an "
        "independent review organization (45 CFR 147.136; healthcare.gov)"
    )
    if plan.grandfathered is None:
        return f"{text}, if the plan is not grandfathered."
    return f"{text}."


def enclosed_documents(case: Case) -> list[str]:
    """The supporting documents the case can supply, in the order a reviewer reads them."""
    items = ["Letter of medical necessity"]
    if case.treatment_history:
        items.append("Treatment-history summary")
    if case.diagnoses:
        items.append("Clinical summary")
    if case.scores:
        scales = list(dict.fromkeys(score.scale.label for score in case.scores))
        items.append(f"Rating scales ({join_words(scales)})")
    if evidence_for(case):
        items.append("Evidence list")
    items.append("Recent clinical notes")
    return items


def _missing_documentation(case: Case, today: date, voice: Voice) -> Content:
    documents = enclosed_documents(case)
    result = Content(
        request="I ask the plan to review the enclosed records and reverse the denial, covering "
        f"{request_words(case)}.",
        enclosures=documents,
    )
    result.blocks = [
        Heading("Documents now enclosed"),
        Paragraph("The denial cited missing documentation. The following are now enclosed:"),
        Bullets(tuple(documents)),
        *clinical_blocks(case, today),
    ]
    return result


def _no_prior_authorization(case: Case, denial: Denial, today: date, voice: Voice) -> Content:
    dates = _service_dates(case, denial)
    when = f" given on {join_words([long_date(d) for d in dates])}" if dates else ""
    result = Content(
        request=f"I ask the plan to authorize retroactively the services{when} and to review them "
        "for medical necessity."
    )
    facts = [f"The plan denied the services because prior authorization was not obtained{when}."]
    requests = [
        pa for pa in case.prior_authorizations if denial.prior_authorization_id in (None, pa.id)
    ]
    for pa in requests:
        ref = f" (reference {pa.reference})" if pa.reference else ""
        facts.append(
            f"A prior-authorization request for {pa.treatment.label} was submitted on "
            f"{long_date(pa.submitted)}{ref}; its status is {pa.decision.value.replace('_', ' ')}."
        )
    result.blocks = [
        Heading("Retro-authorization request"),
        Paragraph(" ".join(facts)),
        Paragraph(
            "The services were clinically indicated, as the records below show; I ask the plan "
            "to review them on their medical merits."
        ),
        *clinical_blocks(case, today),
    ]
    return result


def _out_of_network(case: Case, today: date, voice: Voice) -> Content:
    request = request_words(case)
    result = Content(
        request=f"I ask the plan to approve a network-gap exception so that {request} is covered "
        "at the in-network benefit level, or to offer the clinic a single-case agreement."
    )
    facts = []
    clinic = case.clinic
    if clinic is not None:
        facts.append(f"The treating clinic is {clinic.name}")
        if clinic.npi:
            facts[-1] += f" (NPI {clinic.npi})"
        facts[-1] += "."
        if (
            clinic.rems_certified
            and case.treatment_plan
            and (case.treatment_plan.treatment is Treatment.ESKETAMINE)
        ):
            facts.append("The clinic is certified in the SPRAVATO REMS.")
    if case.prescriber is not None and case.prescriber.specialty is not None:
        facts.append(
            "The treating clinician's specialty is "
            f"{case.prescriber.specialty.value.replace('_', ' ')}."
        )
    facts.append(
        "If the plan has an in-network provider who offers this treatment, I ask that it name that "
        "provider in its reply, so that care can continue without delay."
    )
    result.blocks = [
        Heading("Network-gap exception or single-case agreement"),
        Paragraph(" ".join(facts)),
        *clinical_blocks(case, today),
    ]
    return result


def _frequency_limit(case: Case, today: date, voice: Voice) -> Content:
    result = Content(
        request=f"I ask the plan to authorize the additional sessions: {request_words(case)}."
    )
    rows = []
    for pa in case.prior_authorizations:
        if pa.decision not in _APPROVED or pa.sessions_approved is None:
            continue
        period = " to ".join(
            short_date(d) for d in (pa.valid_from, pa.valid_through) if d is not None
        )
        rows.append(
            (
                pa.authorization_number or pa.id,
                period,
                str(pa.sessions_approved),
                str(sessions_used(pa, case.sessions, today)),
            )
        )
    blocks: list[Block] = [Heading("Sessions approved and used")]
    if rows:
        blocks.append(
            Table(
                columns=("Authorization", "Period", "Approved", "Used"),
                rows=tuple(rows),
                widths=(3, 4, 2, 2),
            )
        )
    given = sorted(s.on for s in case.sessions if s.on <= today)
    if given:
        blocks.append(
            Paragraph(
                f"{plural(len(given), 'session')} given from {long_date(given[0])} to "
                f"{long_date(given[-1])}."
            )
        )
    changes = score_changes(case)
    if changes:
        blocks += [
            Heading("Response so far"),
            Paragraph(f"{voice.whose[0].upper()}{voice.whose[1:]} rating-scale scores:"),
            Bullets(tuple(changes)),
        ]
    result.blocks = blocks + clinical_blocks(case, today)
    return result


def score_changes(case: Case) -> list[str]:
    """``PHQ-9: 21 on 10/26/2026, 11 on 11/17/2026 (10 points lower, 48%)``, per scale with at
    least two scores."""
    lines = []
    for scale in Scale:
        scores = sorted((s for s in case.scores if s.scale is scale), key=lambda s: s.on)
        if len(scores) < 2:
            continue
        first, last = scores[0], scores[-1]
        change = first.score - last.score
        text = (
            f"{scale.label}: {first.score} on {short_date(first.on)}, "
            f"{last.score} on {short_date(last.on)}"
        )
        if change > 0 and first.score > 0:
            percent = (Decimal(change) * 100 / first.score).quantize(Decimal("1"), ROUND_HALF_UP)
            text += f" ({plural(change, 'point')} lower, {percent}%)"
        elif change < 0:
            text += f" ({plural(-change, 'point')} higher)"
        else:
            text += " (unchanged)"
        lines.append(text)
    return lines


def _coding_error(case: Case, denial: Denial) -> Content:
    claim = denial.claim_number or ""
    result = Content(
        request=f"Please process the enclosed corrected claim in place of claim {claim}.",
        enclosures=["Corrected claim"],
    )
    on = _service_dates(case, denial)
    day = on[0] if on else denial.notice_date
    lines = parts.service_lines(case, day)
    blocks: list[Block] = [
        Heading("Corrected claim"),
        Paragraph(
            "This is a corrected claim, not a medical appeal: a claim returned for missing "
            "information or a billing error (claim adjustment reason code 16) is corrected and "
            "resubmitted. The remark code on the remittance names what was missing."
        ),
    ]
    if lines:
        blocks.append(
            Table(
                columns=("Code", "Service", "Units"),
                rows=tuple(lines),
                caption="Services as billed on the corrected claim "
                f"(date of service {short_date(day)})",
                widths=(2, 7, 3),
            )
        )
    if case.diagnoses:
        blocks.append(parts.diagnosis_table(case))
    blocks.append(Bullets(tuple(_coding_rules(case, day))))
    result.blocks = blocks
    return result


def _coding_rules(case: Case, day: date) -> list[str]:
    """The billing rules the corrected claim follows (facts.md section 1)."""
    plan = case.treatment_plan
    rules = []
    if plan is not None and plan.treatment is Treatment.ESKETAMINE:
        rules.append(
            "Esketamine is billed per 1 mg: J0013 for dates of service from January 1, 2026, "
            "S0013 before then."
        )
    elif plan is not None:
        rules.append(
            "Ketamine has no drug-specific code: it is billed as J3490 (unclassified drug) with "
            "the NDC, drug name, strength and dose given."
        )
        if plan.treatment is Treatment.IV_KETAMINE:
            rules.append(
                "Infusion units follow the infusion minutes: 96365 for the first hour (more than "
                "15 minutes, up to 90 minutes), and 96366 for each additional hour once more than "
                "30 minutes run past the last full hour."
            )
    rules.append(
        "An office E/M visit billed on the same day as the treatment carries modifier 25, and "
        "its documentation stands on its own."
    )
    return rules


def _service_dates(case: Case, denial: Denial) -> list[date]:
    """The dates of service the denial covers: its claim's dates, else the sessions."""
    if denial.claim_number:
        for claim in case.claims:
            if claim.claim_number == denial.claim_number:
                last = claim.service_to or claim.service_from
                return sorted(
                    {s.on for s in case.sessions if claim.service_from <= s.on <= last}
                ) or [claim.service_from]
    return sorted({s.on for s in case.sessions if s.on <= denial.notice_date})


def _why_now(case: Case, today: date, voice: Voice) -> str:
    analysis = analyze(
        case.treatment_history, episode_start=case.history.episode_start, today=today
    )
    failed = [trial.name for trial in analysis.trials if trial.failed]
    sentences = []
    if failed:
        sentences.append(
            f"{voice.has} tried {plural(len(failed), 'antidepressant')} ({join_words(failed)}) "
            "without remission."
        )
    latest = _latest_scores(case)
    if latest:
        sentences.append(f"The most recent scores are {latest}.")
    if case.history.suicidal_ideation:
        sentences.append(f"{voice.has} current suicidal ideation.")
    return " ".join(sentences)


def _latest_scores(case: Case) -> str:
    if not case.scores:
        return ""
    last_day = max(s.on for s in case.scores)
    latest = [s for s in case.scores if s.on == last_day]
    words = [f"{s.scale.label} {s.score} of {s.scale.max_score}" for s in latest]
    return f"{join_words(words)} ({long_date(last_day)})"


def _flag_sentence(case: Case) -> str:
    flags = case.history
    absent = []
    if flags.bipolar_history is False:
        absent.append("no history of bipolar disorder or mania")
    if flags.psychotic_features is False:
        absent.append("no psychotic features")
    if flags.substance_use is not None and flags.substance_use.value == "none":
        absent.append("no substance use disorder")
    if not absent:
        return ""
    return f"The record shows {join_words(absent)}."


def _mental_health(case: Case) -> bool:
    return any(icd10cm.normalize(d.code).startswith("F") for d in case.diagnoses)
