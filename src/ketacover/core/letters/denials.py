"""What every denial-response document needs to know about the denial it answers: which denial,
why the plan said no, how to cite the notice, and the appeal rights and deadline that apply.

- **Which denial**: ``Options.denial_id``, else the newest open one
  (:mod:`ketacover.core.letters.denial_choice`).
- **Why**: the reason recorded on the denial, else the category the claim adjustment reason codes
  point to (:func:`ketacover.core.codes.carc.classify`, sourcebook codes.toml), else a small keyword
  match on the notice's own wording (:data:`KEYWORDS`). Each classification says what triggered
  it, so a reader can check it.
- **Rights and deadline**: by payer category, from sourcebook appeals.toml (ERISA 29 CFR 2560.503-1;
  ACA 45 CFR 147.136; Original Medicare redetermination; Medicare Advantage reconsideration (partly
  verified); Medicaid managed care (partly verified)), worded as minimums, with the deadline from
  :func:`ketacover.core.deadlines.appeal_filing_window`. A date printed on the notice wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ketacover.core.codes import carc
from ketacover.core.deadlines import FilingWindow, appeal_filing_window
from ketacover.core.deadlines import authorities as auth
from ketacover.core.deadlines.appeals import EMPLOYER_AND_INDIVIDUAL
from ketacover.core.errors import KetacoverError
from ketacover.core.letters import parts
from ketacover.core.letters.denial_choice import select_denial
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Party, Signature
from ketacover.core.letters.text import long_date
from ketacover.core.model import Case, Denial, DenialLevel, DenialReason, PayerCategory, Plan
from ketacover.core.sourcebook import cite

_R = DenialReason

__all__ = ["select_denial"]

REASON_WORDS: Final[dict[DenialReason, str]] = {reason: reason.label for reason in DenialReason}
"""Each reason in plain words."""

KEYWORDS: Final[tuple[tuple[str, DenialReason], ...]] = (
    ("experimental", _R.EXPERIMENTAL_INVESTIGATIONAL),
    ("investigational", _R.EXPERIMENTAL_INVESTIGATIONAL),
    ("not fda", _R.EXPERIMENTAL_INVESTIGATIONAL),
    ("off-label", _R.EXPERIMENTAL_INVESTIGATIONAL),
    ("off label", _R.EXPERIMENTAL_INVESTIGATIONAL),
    ("unproven", _R.EXPERIMENTAL_INVESTIGATIONAL),
    ("medically necessary", _R.NOT_MEDICALLY_NECESSARY),
    ("medical necessity", _R.NOT_MEDICALLY_NECESSARY),
    ("authorization", _R.NO_PRIOR_AUTHORIZATION),
    ("precertification", _R.NO_PRIOR_AUTHORIZATION),
    ("out of network", _R.OUT_OF_NETWORK),
    ("out-of-network", _R.OUT_OF_NETWORK),
    ("non-participating", _R.OUT_OF_NETWORK),
    ("frequency", _R.FREQUENCY_LIMIT),
    ("benefit maximum", _R.FREQUENCY_LIMIT),
    ("exceeds", _R.FREQUENCY_LIMIT),
    ("documentation", _R.MISSING_DOCUMENTATION),
    ("records", _R.MISSING_DOCUMENTATION),
    ("billing error", _R.CODING_ERROR),
    ("coding", _R.CODING_ERROR),
    ("excluded", _R.BENEFIT_EXCLUSION),
    ("exclusion", _R.BENEFIT_EXCLUSION),
    ("not a covered benefit", _R.BENEFIT_EXCLUSION),
)
"""Phrases in a notice's wording and the reason each points to; the first phrase found wins.

The order puts the substantive reasons first, as :data:`ketacover.core.codes.carc.PRECEDENCE`
does for codes: "not medically necessary" before "authorization", and "experimental" before
everything, because a notice that says a treatment is experimental usually mentions medical
necessity too. "medically necessary" also matches "not medically necessary". This is a keyword
match, not language understanding: it is used only when the denial records no reason and carries
no reason code ketacover knows, and the classification names the phrase that triggered it.
"""

_ACA: Final = cite("cfr-45-147-136").citation
"""The federal external review rules, as cited."""


@dataclass(frozen=True, slots=True)
class Classification:
    """A denial's reason and what it was read from."""

    reason: DenialReason
    basis: str
    """What triggered it, e.g. ``recorded on the denial`` or ``claim adjustment reason code 55``."""

    @property
    def words(self) -> str:
        """The reason in plain words."""
        return REASON_WORDS[self.reason]


def classify_text(text: str) -> tuple[DenialReason, str] | None:
    """The reason a notice's wording points to and the phrase that triggered it, or ``None``.

    >>> classify_text("Service exceeds the frequency allowed")
    (<DenialReason.FREQUENCY_LIMIT: 'frequency_limit'>, 'frequency')
    """
    lowered = text.lower()
    for phrase, reason in KEYWORDS:
        if phrase in lowered:
            return reason, phrase
    return None


def classify(denial: Denial) -> Classification:
    """The denial's reason: as recorded, else from its reason codes, else from its wording.

    A denial with none of these is classified ``other`` and says so.
    """
    if denial.reason is not None:
        return Classification(denial.reason, "recorded on the denial")
    from_codes = carc.classify(denial.carc_codes)
    if from_codes is not None:
        codes = [carc.validate(code) for code in denial.carc_codes]
        named = [c for c in codes if (entry := carc.lookup(c)) and entry.reason is from_codes]
        label = "claim adjustment reason code" + ("s" if len(named) > 1 else "")
        return Classification(from_codes, f"from {label} {', '.join(named)}")
    if denial.reason_text:
        found = classify_text(denial.reason_text)
        if found is not None:
            reason, phrase = found
            return Classification(reason, f'from the notice\'s wording ("{phrase}")')
    return Classification(_R.OTHER, "no reason recorded, no known reason code, no telling wording")


def notice_words(denial: Denial, *, claim_named: bool = False) -> str:
    """``the notice dated October 30, 2026 (reference EMI-1)``: how a letter cites the denial;
    ``claim_named`` leaves out a claim number the sentence has already given."""
    ids = []
    if denial.claim_number and not claim_named:
        ids.append(f"claim number {denial.claim_number}")
    if denial.reference:
        ids.append(f"reference {denial.reference}")
    suffix = f" ({', '.join(ids)})" if ids else ""
    return f"the notice dated {long_date(denial.notice_date)}{suffix}"


@dataclass(frozen=True, slots=True)
class AppealRights:
    """What a letter says about the right to appeal, and the deadline to file."""

    paragraphs: tuple[str, ...]
    window: FilingWindow | None
    """The filing window (the notice's printed date wins); ``None`` when no rule gives one."""


def appeal_rights(denial: Denial, plan: Plan) -> AppealRights:
    """The appeal-rights paragraphs for ``plan``'s category, ending with the deadline sentence.

    Wording is conservative: each right is stated as the minimum the rule gives, and the date on
    the notice governs if it differs.
    """
    category = plan.category
    window = appeal_filing_window(denial, category, plan_window_days=plan.appeal_window_days)
    rule = _rule_sentence(denial, category)
    paragraphs = [rule] if rule else []
    paragraphs.append(_deadline_sentence(window))
    external = external_review_note(plan)
    if external and category in EMPLOYER_AND_INDIVIDUAL:
        paragraphs.append(external)
    return AppealRights(tuple(paragraphs), window)


def external_review_note(plan: Plan) -> str | None:
    """The ACA external-review right for employer, individual and Marketplace plans (45 CFR
    147.136), conditional when grandfathering is unknown; ``None`` for other plans."""
    if plan.category not in EMPLOYER_AND_INDIVIDUAL:
        return None
    if plan.grandfathered:
        return (
            "The plan is recorded as grandfathered, so the federal external review rules "
            f"({_ACA}) may not apply; the plan documents say what review is available."
        )
    right = (
        f"the federal rules for non-grandfathered plans ({_ACA}) give the right to ask for "
        "an external review by an independent review organization after the final internal "
        "decision; medical-judgment denials (including medical necessity) and experimental or "
        "investigational determinations are eligible, and the reviewer's decision binds the plan."
    )
    if plan.grandfathered is None:
        return f"If the plan is not grandfathered, {right}"
    return f"The plan is not grandfathered, so {right}"


def _rule_sentence(denial: Denial, category: PayerCategory) -> str | None:
    second = denial.level is not DenialLevel.INITIAL
    if category in (PayerCategory.COMMERCIAL_FULLY_INSURED, PayerCategory.COMMERCIAL_SELF_FUNDED):
        text = (
            f"Under the ERISA claims-procedure rule ({auth.ERISA_APPEAL_FILING.citation}), an "
            "employer plan must allow at least 180 days after the denial notice is received to "
            "file an appeal."
        )
        return text + (_SECOND_LEVEL if second else "")
    if category in (PayerCategory.INDIVIDUAL, PayerCategory.MARKETPLACE_QHP):
        text = (
            f"Under {auth.ACA_INDIVIDUAL_AS_GROUP.citation}, individual and Marketplace coverage "
            "follows the same appeal rule as employer plans "
            f"({auth.ERISA_APPEAL_FILING.citation}): at least 180 days after the denial notice is "
            "received to file an appeal, and the plan may have only one level of internal appeal."
        )
        return text + (_SECOND_LEVEL if second else "")
    if category is PayerCategory.MEDICARE:
        if second:
            return (
                "Under Original Medicare's appeal process, a reconsideration by the qualified "
                "independent contractor may be requested within 180 days of receiving the "
                "redetermination; a notice is presumed received 5 days after the date on it."
            )
        return (
            "Under Original Medicare's appeal process, a redetermination may be requested within "
            "120 days of receiving the initial determination; a notice is presumed received 5 days "
            "after the date on it."
        )
    if category is PayerCategory.MEDICARE_ADVANTAGE:
        return (
            "Under the Medicare Advantage appeal rules "
            f"({auth.MA_RECONSIDERATION_FILING.citation}), a reconsideration "
            "may be requested within 65 calendar days of the denial notice, as CMS's managed-care "
            "appeals guidance gives it (60 days before 2025)."
        )
    if category is PayerCategory.MEDICAID_MANAGED_CARE:
        return (
            "Under the Medicaid managed care appeal rules "
            f"({auth.MEDICAID_MC_APPEAL_FILING.citation}), a plan appeal "
            "may be filed within 60 calendar days of the denial notice, and the plan appeal comes "
            "before a state fair hearing."
        )
    return None


_SECOND_LEVEL = (
    " The filing window for a further internal level is not confirmed in ketacover's sources, so "
    "the 180-day minimum of the first level is used here."
)


def _deadline_sentence(window: FilingWindow | None) -> str:
    if window is None:
        return (
            "The denial notice and the plan documents give the appeal deadline for this plan; "
            "this appeal is filed under them."
        )
    deadline = window.deadline
    if deadline.from_notice:
        text = (
            f"The notice gives {long_date(deadline.due)} as the last day to appeal, and that "
            "date governs."
        )
        computed = window.computed
        if computed is not None and computed.due != deadline.due:
            text += f" By the rule above alone it would be {long_date(computed.due)}."
        return text
    if deadline is not window.computed:
        # Neither the notice nor the rule: the window the plan's own documents state.
        return (
            f"Under the appeal window stated in the plan's documents, the last day to file this "
            f"appeal is {long_date(deadline.due)}; the date on the notice governs if it differs."
        )
    return (
        f"By that rule the last day to file this appeal is {long_date(deadline.due)}; the date on "
        "the notice governs if it differs."
    )


CLINIC: Final = "clinic"
"""The variant sent by the clinic and signed by the prescriber."""
PATIENT: Final = "patient"
"""The variant sent and signed by the patient."""


def variant(options: Options, default: str) -> str:
    """``options.variant`` (``clinic`` or ``patient``), else ``default``; raises
    :class:`KetacoverError` naming an unknown variant."""
    chosen = options.variant or default
    if chosen not in (CLINIC, PATIENT):
        raise KetacoverError(
            f"unknown letter variant {chosen!r}; the variants are: {CLINIC}, {PATIENT}"
        )
    return chosen


def signer_checks(case: Case, chosen: str) -> list[parts.Check]:
    """The facts the sender and signature need: the prescriber's NPI, or the patient's address."""
    if chosen == CLINIC:
        return parts.signer_checks(case)
    return [
        (
            case.patient.address is not None,
            "patient.address: a patient-signed letter gives the sender's address",
        )
    ]


def sender_and_signature(case: Case, chosen: str) -> tuple[Party | None, Signature | None]:
    """The clinic with the prescriber's signature, or the patient with their own signature."""
    if chosen == CLINIC:
        return parts.clinic_sender(case), parts.prescriber_signature(case)
    return parts.patient_sender(case), Signature(name=case.patient.full_name)
