"""A deadline: what is due, by when, under which rule, from which source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ketacover.core.deadlines.business_days import is_business_day, previous_business_day_before
from ketacover.core.sources import Source


class DeadlineKind(StrEnum):
    """What a deadline is for."""

    PA_DECISION = "pa_decision"
    """The plan must decide a prior-authorization request."""
    PA_FOLLOW_UP = "pa_follow_up"
    """Check on a pending request."""
    REAUTHORIZATION = "reauthorization"
    """Ask for re-authorization before the approval runs out (by date or sessions)."""
    APPEAL_FILING = "appeal_filing"
    """Last day to file an internal appeal (or Medicare redetermination/reconsideration)."""
    APPEAL_DECISION = "appeal_decision"
    """The plan must decide an appeal."""
    EXTERNAL_REVIEW_FILING = "external_review_filing"
    """Last day to ask for external review."""
    EXTERNAL_REVIEW_DECISION = "external_review_decision"
    """The reviewer must decide."""
    REMS_MONITORING_FORM = "rems_monitoring_form"
    """Submit the esketamine REMS Patient Monitoring Form of a session (within 7 days)."""
    PEER_TO_PEER_REQUEST = "peer_to_peer_request"
    """Last day to ask for a peer-to-peer call about a denial, as the notice states it."""
    CLAIM_FILING = "claim_filing"
    """Last day to file a claim not sent yet (the plan's timely-filing limit)."""
    GOOD_FAITH_ESTIMATE = "good_faith_estimate"
    """Last day to give a self-pay patient the Good Faith Estimate (45 CFR 149.610)."""
    GOOD_FAITH_DISPUTE = "good_faith_dispute"
    """Last day for the patient to dispute a bill $400 or more above the estimate
    (45 CFR 149.620)."""

    @property
    def label(self) -> str:
        """What is due, in a few words for a list of deadlines."""
        return _LABELS[self]


_LABELS: dict[DeadlineKind, str] = {
    DeadlineKind.PA_DECISION: "Plan's decision on the prior authorization due",
    DeadlineKind.PA_FOLLOW_UP: "Check on the prior-authorization request",
    DeadlineKind.REAUTHORIZATION: "Ask for re-authorization",
    DeadlineKind.APPEAL_FILING: "Last day to file the appeal",
    DeadlineKind.APPEAL_DECISION: "Plan's decision on the appeal due",
    DeadlineKind.EXTERNAL_REVIEW_FILING: "Last day to ask for external review",
    DeadlineKind.EXTERNAL_REVIEW_DECISION: "External reviewer's decision due",
    DeadlineKind.REMS_MONITORING_FORM: "Submit the REMS monitoring form",
    DeadlineKind.PEER_TO_PEER_REQUEST: "Last day to ask for a peer-to-peer call",
    DeadlineKind.CLAIM_FILING: "Last day to file the claim",
    DeadlineKind.GOOD_FAITH_ESTIMATE: "Give the patient the Good Faith Estimate",
    DeadlineKind.GOOD_FAITH_DISPUTE: "Last day for the patient to dispute the bill",
}


DECISION_KINDS = frozenset(
    {
        DeadlineKind.PA_DECISION,
        DeadlineKind.APPEAL_DECISION,
        DeadlineKind.EXTERNAL_REVIEW_DECISION,
    }
)
"""Deadlines the plan or reviewer must meet; the rest are things the patient or clinic does."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """One computed deadline.

    ``due`` is the last day (inclusive). Clocks counted in hours (72 hours) end at ``due_at`` when
    the time of receipt is known (exactly that many hours later); without it ``due`` is the day
    the hours run out counting from the start of the day of receipt, and ``clock`` says so.

    A last day on a weekend or federal holiday is kept as the rules give it (ketacover's sources
    confirm no rule that moves an appeal or decision deadline to the next business day), and
    :attr:`file_by` gives the business day before it as the safe day to act.
    """

    kind: DeadlineKind
    due: date
    rule_id: str
    """Stable id of the rule that produced it, e.g. ``erisa.appeal_filing``."""
    explain: str
    """Plain-language sentence: what is due and why this date."""
    clock: str
    """The clock as the rule states it, e.g. ``180 calendar days from receipt of the notice``."""
    source: Source
    """The regulation or document behind it."""
    starts: date
    """The day the clock started (notice received, request submitted, ...)."""
    ref: str | None = None
    """Id of the case event it belongs to (a denial, prior authorization or appeal id)."""
    from_notice: bool = False
    """True when the date comes from the notice itself (a printed last day, or the notice's own
    window counted from its date); it wins over the computed one."""
    hours: int | None = None
    """The length of an hour clock (72), ``None`` for a clock counted in days."""
    due_at: datetime | None = None
    """For an hour clock whose time of receipt is known: the moment it ends (time-zone aware)."""

    @property
    def file_by(self) -> date | None:
        """The business day before ``due`` when ``due`` is a Saturday, Sunday or federal holiday
        and the deadline is one the patient or clinic acts on; ``None`` otherwise."""
        if self.kind in DECISION_KINDS or is_business_day(self.due):
            return None
        return previous_business_day_before(self.due)
