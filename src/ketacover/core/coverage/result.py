"""What a coverage assessment says: per pathway, a verdict with its reasons, the missing facts and
the next actions. Never a bare "no": unknown facts give ``unknown`` and say what to find out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ketacover.core.sources import Confidence


class PathwayId(StrEnum):
    """The ways a ketamine-family treatment can get paid for (fixed ids)."""

    ESKETAMINE_PA = "esketamine_pa"
    """Esketamine (Spravato) through prior authorization."""
    IV_KETAMINE_PA = "iv_ketamine_pa"
    """IV ketamine through prior authorization as a medical-necessity exception."""
    OON_REIMBURSEMENT = "oon_reimbursement"
    """Pay the clinic, then claim out-of-network reimbursement with a superbill."""
    HYBRID_BILLING = "hybrid_billing"
    """An in-network clinician bills evaluation and psychotherapy; the patient pays the infusion."""
    SELF_PAY = "self_pay"
    """Self-pay with HSA/FSA money, payment plans, assistance and cash discounts."""
    CLINICAL_TRIAL = "clinical_trial"
    """Treatment inside a clinical trial, at no cost for the study treatment."""

    @property
    def label(self) -> str:
        """Plain-language name."""
        return _LABELS[self]


_LABELS = {
    PathwayId.ESKETAMINE_PA: "Esketamine (Spravato) with prior authorization",
    PathwayId.IV_KETAMINE_PA: "IV ketamine with prior authorization (medical-necessity exception)",
    PathwayId.OON_REIMBURSEMENT: "Out-of-network reimbursement with a superbill",
    PathwayId.HYBRID_BILLING: "Hybrid: in-network evaluation and psychotherapy, self-pay infusion",
    PathwayId.SELF_PAY: "Self-pay (HSA/FSA, payment plan, assistance, cash discount)",
    PathwayId.CLINICAL_TRIAL: "Clinical trial",
}


_CLAIM_LABELS = {
    PathwayId.ESKETAMINE_PA: (
        "Esketamine (Spravato), billed to Medicare by the clinic (no prior authorization)"
    ),
    PathwayId.IV_KETAMINE_PA: (
        "IV ketamine, billed to Medicare by the clinic (no prior authorization)"
    ),
}
"""Names of the treatment pathways where the payer decides on the claim (Original Medicare)."""


class Verdict(StrEnum):
    """How likely a pathway is to work."""

    LIKELY = "likely"
    POSSIBLE = "possible"
    UNLIKELY = "unlikely"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why the engine said what it said: the rule, in plain words, with its source."""

    rule_id: str
    explain: str
    source: str
    as_of: date
    confidence: Confidence = Confidence.VERIFIED


@dataclass(frozen=True, slots=True)
class MissingFact:
    """A fact the verdict depends on that the case does not have, and how to find it out."""

    fact: str
    """The case-file path or derived fact, e.g. ``plan.out_of_network_benefits``."""
    ask: str
    """What to ask, and whom, e.g. ``Ask the plan whether it pays out of network``."""
    rule_id: str | None = None
    """The rule that needs the fact."""


@dataclass(frozen=True, slots=True)
class Action:
    """A next step, with its due date where a rule gives one."""

    text: str
    due: date | None = None
    rule_id: str | None = None
    ref: str | None = None
    """Id of the case event (denial, prior authorization, appeal) the due date belongs to."""


@dataclass(frozen=True, slots=True)
class PathwayAssessment:
    """One pathway's verdict and everything behind it."""

    pathway: PathwayId
    verdict: Verdict
    reasons: tuple[Reason, ...] = ()
    missing: tuple[MissingFact, ...] = ()
    actions: tuple[Action, ...] = ()
    blocked_by: tuple[Reason, ...] = ()
    """The reasons that cap the verdict at ``unlikely`` (an exclusion or an unmet criterion):
    while any holds, no request document argues for this pathway."""
    claim_path: bool = False
    """The payer decides on the claim, with no prior authorization (Original Medicare): the
    pathway is the clinic's claim, and its name says so."""

    @property
    def label(self) -> str:
        """The pathway's plain-language name, as the payer's process makes it."""
        if self.claim_path:
            return _CLAIM_LABELS.get(self.pathway, self.pathway.label)
        return self.pathway.label


class ChecklistStatus(StrEnum):
    """State of one documentation item."""

    DONE = "done"
    MISSING = "missing"
    NOT_NEEDED = "not_needed"
    UNKNOWN = "unknown"
    EXCLUDED = "excluded"
    """The case holds it, and it is what payers' criteria exclude on (F31.4 bipolar disorder):
    never shown as done."""


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One piece of documentation a request needs, and whether the case has it."""

    id: str
    label: str
    status: ChecklistStatus
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Assessment:
    """The whole answer for a case on a given day."""

    case_id: str
    as_of: date
    pathways: tuple[PathwayAssessment, ...]
    checklist: tuple[ChecklistItem, ...] = ()
    expedited: bool = False
    """Whether requests on this case qualify as urgent (expedited clocks apply)."""
    warnings: tuple[str, ...] = ()
    """Things to double-check (e.g. a code table older than the date of service)."""

    def pathway(self, pathway: PathwayId) -> PathwayAssessment:
        """The assessment of one pathway."""
        for item in self.pathways:
            if item.pathway is pathway:
                return item
        raise KeyError(pathway)
