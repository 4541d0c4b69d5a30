"""The reason-specific part of an appeal: what the letter argues for each kind of denial.

- **not medically necessary**: the criteria the history meets (judged by
  :func:`ketacover.core.history.judge` against the plan's criteria pack), the scores, why now, the
  evidence;
- **experimental or investigational**: the off-label facts stated plainly, the FDA approvals of
  esketamine (2019-03-05, 2020-08-03, 2025-01-21 monotherapy), the APA consensus statement and the
  trials (ELEKT-D is the non-inferiority trial; KetECT only shows ketamine works in severe
  depression), the pain guideline, and external review (sourcebook esketamine.toml and appeals.toml;
  the evidence library);
- **missing documentation**: what is now enclosed;
- **no prior authorization**: a request to authorize retroactively and review for medical necessity
  (why authorization was not obtained is the clinic's to state; nothing is assumed);
- **out of network**: a request for a network-gap exception or a single-case agreement (the sources
  list gives no rules on these, so it is worded as a request, from the case's facts only);
- **frequency limit**: sessions approved and used, the response in scores, the request;
- **coding error**: a corrected-claim cover (CARC 16 is fixed and resubmitted, not appealed; the
  codes follow sourcebook codes.toml);
- **benefit exclusion / other**: a general appeal and, for a mental-health exclusion, a pointer to
  the parity disclosure request.

The clinical record an appeal states lives in :mod:`.appeal_clinical`, the evidence and the
experimental/investigational argument in :mod:`.appeal_evidence`, the corrected-claim section in
:mod:`.appeal_coding`; their public names are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.deadlines import sessions_used
from ketacover.core.evidence import Citation
from ketacover.core.letters.appeal_clinical import (
    Voice,
    clinical_blocks,
    criteria_met,
    request_words,
    score_changes,
    why_now,
)
from ketacover.core.letters.appeal_coding import corrected_claim_blocks
from ketacover.core.letters.appeal_evidence import (
    FDA_HISTORY,
    established_blocks,
    evidence_bullets,
    evidence_for,
    indication_blocks,
)
from ketacover.core.letters.appeal_ketamine import ketamine_blocks
from ketacover.core.letters.denial_subject import (
    course_words,
    request_sentence,
    service_dates,
    what_words,
)
from ketacover.core.letters.denials import Classification
from ketacover.core.letters.letter import Block, Bullets, Heading, Paragraph, Table
from ketacover.core.letters.text import join_words, long_date, plural, short_date
from ketacover.core.model import (
    Case,
    Decision,
    Denial,
    DenialReason,
    Treatment,
)

_R = DenialReason
_APPROVED: Final = frozenset({Decision.APPROVED, Decision.PARTIALLY_APPROVED})

__all__ = [
    "FDA_HISTORY",
    "Content",
    "Voice",
    "clinical_blocks",
    "content",
    "criteria_met",
    "enclosed_documents",
    "evidence_bullets",
    "evidence_for",
    "request_words",
    "score_changes",
]


@dataclass(slots=True)
class Content:
    """What the reason-specific part adds to a letter."""

    request: str
    blocks: list[Block] = field(default_factory=list)
    evidence: tuple[Citation, ...] = ()
    enclosures: list[str] = field(default_factory=list)


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
        result = _experimental(case, denial, today, voice, external_review)
        result.blocks += ketamine_blocks(case)
        return result
    if reason is _R.MISSING_DOCUMENTATION:
        return _missing_documentation(case, denial, today, voice)
    if reason is _R.NO_PRIOR_AUTHORIZATION:
        return _no_prior_authorization(case, denial, today, voice)
    if reason is _R.OUT_OF_NETWORK:
        return _out_of_network(case, denial, today, voice)
    if reason is _R.FREQUENCY_LIMIT:
        return _frequency_limit(case, denial, today, voice)
    if reason is _R.CODING_ERROR:
        return _coding_error(case, denial)
    result = _medical_necessity(case, denial, today, voice)
    result.blocks += ketamine_blocks(case)
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


def _medical_necessity(case: Case, denial: Denial, today: date, voice: Voice) -> Content:
    result = Content(request=request_sentence(case, denial))
    result.blocks += indication_blocks(case, denial)
    intro, met = criteria_met(case, today)
    if met:
        result.blocks += [
            Heading("The criteria met"),
            Paragraph(intro),
            Bullets(tuple(met)),
        ]
    result.blocks += clinical_blocks(case, today)
    why = why_now(case, today, voice)
    if why:
        result.blocks += [Heading("Why this treatment now"), Paragraph(why)]
    result.evidence = evidence_for(case)
    if result.evidence:
        result.blocks += [
            Heading("Evidence"),
            Bullets(tuple(evidence_bullets(result.evidence))),
        ]
    return result


def _experimental(
    case: Case, denial: Denial, today: date, voice: Voice, external_review: bool
) -> Content:
    result = Content(request=request_sentence(case, denial))
    result.evidence = evidence_for(case)
    established = established_blocks(case, result.evidence, external_review=external_review)
    result.blocks = established + clinical_blocks(case, today)
    return result


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


def _missing_documentation(case: Case, denial: Denial, today: date, voice: Voice) -> Content:
    documents = enclosed_documents(case)
    asked = request_sentence(case, denial).removeprefix("I ask the plan to reverse the denial and ")
    result = Content(
        request=f"I ask the plan to review the enclosed records, reverse the denial and {asked}",
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
    dates = service_dates(case, denial)
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


def _out_of_network(case: Case, denial: Denial, today: date, voice: Voice) -> Content:
    request = course_words(case, denial) if denial.pre_service else what_words(case, denial)
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


def _frequency_limit(case: Case, denial: Denial, today: date, voice: Voice) -> Content:
    request = (
        f"I ask the plan to authorize the additional sessions: {course_words(case, denial)}."
        if denial.pre_service
        else request_sentence(case, denial)
    )
    result = Content(request=request)
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


def _coding_error(case: Case, denial: Denial) -> Content:
    claim = denial.claim_number or ""
    return Content(
        request=f"Please process the enclosed corrected claim in place of claim {claim}.",
        blocks=corrected_claim_blocks(case, denial),
        enclosures=["Corrected claim"],
    )


def _mental_health(case: Case) -> bool:
    return any(icd10cm.normalize(d.code).startswith("F") for d in case.diagnoses)
