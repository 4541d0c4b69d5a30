"""What has happened on a case so far: calls, prior authorizations, sessions, denials, appeals,
claims. Each kind is kept in its own list on the case, oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from ketacover.core.model._base import CONFIG
from ketacover.core.model.treatment import Treatment, Urgency


class Channel(StrEnum):
    """How an interaction or submission happened."""

    PHONE = "phone"
    PORTAL = "portal"
    FAX = "fax"
    MAIL = "mail"
    EMAIL = "email"
    CHAT = "chat"
    ELECTRONIC = "electronic"


@dataclass(frozen=True, slots=True, kw_only=True)
class CallAnswer:
    """One question asked on a call and the answer given."""

    __pydantic_config__ = CONFIG

    question: str
    """The question as asked."""
    answer: str
    """The answer as given."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Call:
    """One interaction with the plan (or a program): who, when, how, reference number, answers."""

    __pydantic_config__ = CONFIG

    at: datetime
    """When it happened, with time zone (e.g. ``2026-11-02T10:15:00-05:00``)."""
    channel: Channel = Channel.PHONE
    """Phone, portal, chat, ..."""
    party: str | None = None
    """Whom the call was with (e.g. ``behavioral health line``)."""
    representative: str | None = None
    """Representative's name or ID."""
    reference: str | None = None
    """Call reference number."""
    answers: tuple[CallAnswer, ...] = ()
    """Questions asked and answers given."""
    notes: str | None = None
    """Anything else worth keeping."""


class Decision(StrEnum):
    """Where a prior-authorization request stands."""

    PENDING = "pending"
    APPROVED = "approved"
    PARTIALLY_APPROVED = "partially_approved"
    DENIED = "denied"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True, kw_only=True)
class PriorAuthorization:
    """A prior-authorization request and, once made, the plan's decision."""

    __pydantic_config__ = CONFIG

    id: str
    """Our id for this request, unique within the case (e.g. ``pa-1``)."""
    treatment: Treatment
    """What was requested."""
    submitted: date
    """Date the request was submitted."""
    received_at: datetime | None = None
    """When the plan received the request, with time zone, if known: an hour clock (72 hours)
    then ends exactly that many hours later."""
    channel: Channel = Channel.PORTAL
    """How it was submitted."""
    urgency: Urgency = Urgency.STANDARD
    """Standard or expedited (urgent) request."""
    reference: str | None = None
    """The plan's tracking or reference number."""
    decision: Decision = Decision.PENDING
    """Where it stands."""
    decided: date | None = None
    """Date of the decision."""
    authorization_number: str | None = None
    """Authorization number on an approval."""
    sessions_approved: int | None = None
    """Sessions (units) approved."""
    valid_from: date | None = None
    """First day the approval covers."""
    valid_through: date | None = None
    """Last day the approval covers."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """One treatment session given."""

    __pydantic_config__ = CONFIG

    on: date
    """Date of service."""
    treatment: Treatment
    """What was given."""
    minutes: int | None = None
    """Infusion or observation minutes."""
    dose_mg: Decimal | None = None
    """Dose given, in mg."""
    authorization_id: str | None = None
    """Id of the prior authorization this session counts against."""
    charge: Decimal | None = None
    """Amount charged for the session."""
    amount_paid: Decimal | None = None
    """Amount paid by the patient at the visit (a superbill lists it as a payment received)."""
    bp_before: str | None = None
    """Esketamine: blood pressure before the dose, systolic/diastolic in mmHg (``128/82``), as
    the REMS Patient Monitoring Form records it (FDA REMS page; J&J Medical Connect; sourcebook
    esketamine.toml)."""
    bp_40_min: str | None = None
    """Esketamine: blood pressure about 40 minutes after the dose (``128/82``), for the REMS
    Patient Monitoring Form (sourcebook esketamine.toml)."""
    bp_discharge: str | None = None
    """Esketamine: blood pressure before discharge (``128/82``), for the REMS Patient Monitoring
    Form (sourcebook esketamine.toml)."""
    monitoring_minutes: int | None = None
    """Esketamine: minutes the patient was monitored after the dose; the REMS asks for at least
    2 hours, and until sedation, dissociation and respiratory depression resolve (FDA REMS page;
    sourcebook esketamine.toml)."""
    rems_form_submitted: date | None = None
    """Esketamine: date the REMS Patient Monitoring Form for this session was submitted; it is
    due within 7 days of the session (J&J Medical Connect; REMS form instructions)."""
    em_code: str | None = None
    """The office E/M visit documented for the session (99202-99205, 99212-99215), if one was."""
    em_separately_identifiable: bool | None = None
    """Whether the record shows the E/M as significant and separately identifiable from the
    infusion or esketamine service on the same day (then it carries modifier 25)."""
    em_minutes: int | None = None
    """The practitioner's total time on the date, in minutes, when the E/M level was chosen by
    time; prolonged practitioner time (99417 or G2212) is counted from it."""
    staff_minutes: int | None = None
    """Face-to-face clinical-staff minutes documented beyond the typical clinical-staff time of
    the E/M, under the practitioner's direct supervision (99415/99416). Waiting and observation
    without active care do not count."""
    therapy_minutes: int | None = None
    """Minutes of psychotherapy given with the E/M by the same clinician (90833/90836/90838)."""


class AbnOption(StrEnum):
    """The option the patient checked on the Advance Beneficiary Notice (form CMS-R-131, blank G;
    sourcebook cms-abn-form-instructions)."""

    BILL_MEDICARE = "bill_medicare"
    """Option 1: give the service and bill Medicare; the patient pays if Medicare does not."""
    DO_NOT_BILL = "do_not_bill"
    """Option 2: give the service and do not bill Medicare; the patient pays."""
    DECLINE = "decline"
    """Option 3: the patient does not want the service."""

    @property
    def number(self) -> int:
        """The option's number on the form."""
        return _ABN_NUMBERS[self]


_ABN_NUMBERS = {AbnOption.BILL_MEDICARE: 1, AbnOption.DO_NOT_BILL: 2, AbnOption.DECLINE: 3}


@dataclass(frozen=True, slots=True, kw_only=True)
class AdvanceNotice:
    """A signed Advance Beneficiary Notice of Noncoverage (ABN, form CMS-R-131) on file: an
    Original Medicare patient was told, before the service, that Medicare may deny it as not
    reasonable and necessary, and chose an option (sourcebook cms-abn-form-instructions)."""

    __pydantic_config__ = CONFIG

    signed: date
    """The date the patient (or representative) signed the notice (blank J)."""
    option: AbnOption
    """The option the patient checked (blank G)."""
    treatment: Treatment | None = None
    """The treatment the notice names; the planned treatment when left out."""


class DenialReason(StrEnum):
    """Why a plan said no, in the categories that decide the response."""

    NOT_MEDICALLY_NECESSARY = "not_medically_necessary"
    EXPERIMENTAL_INVESTIGATIONAL = "experimental_investigational"
    MISSING_DOCUMENTATION = "missing_documentation"
    NO_PRIOR_AUTHORIZATION = "no_prior_authorization"
    OUT_OF_NETWORK = "out_of_network"
    FREQUENCY_LIMIT = "frequency_limit"
    CODING_ERROR = "coding_error"
    BENEFIT_EXCLUSION = "benefit_exclusion"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The reason in plain words, e.g. ``experimental or investigational``."""
        return _REASON_LABELS[self]


_REASON_LABELS = {
    DenialReason.NOT_MEDICALLY_NECESSARY: "not medically necessary",
    DenialReason.EXPERIMENTAL_INVESTIGATIONAL: "experimental or investigational",
    DenialReason.MISSING_DOCUMENTATION: "missing documentation",
    DenialReason.NO_PRIOR_AUTHORIZATION: "no prior authorization",
    DenialReason.OUT_OF_NETWORK: "out of network",
    DenialReason.FREQUENCY_LIMIT: "frequency or benefit limit",
    DenialReason.CODING_ERROR: "coding or billing error",
    DenialReason.BENEFIT_EXCLUSION: "benefit exclusion",
    DenialReason.OTHER: "other reason",
}


class DenialLevel(StrEnum):
    """Which decision the denial is."""

    INITIAL = "initial"
    """The first decision on a request or claim."""
    INTERNAL_APPEAL = "internal_appeal"
    """An internal appeal upheld the denial, and another internal level remains."""
    FINAL_INTERNAL = "final_internal"
    """The final internal decision; external review is next."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Denial:
    """A denial notice: of a prior authorization (pre-service) or of a claim (post-service)."""

    __pydantic_config__ = CONFIG

    id: str
    """Our id for this denial, unique within the case (e.g. ``denial-1``)."""
    notice_date: date
    """The date printed on the notice."""
    received: date | None = None
    """The date the notice was received, if known (some clocks run from receipt)."""
    pre_service: bool = True
    """True for a denied prior authorization, False for a denied claim."""
    level: DenialLevel = DenialLevel.INITIAL
    """Initial decision, an upheld internal appeal, or the final internal decision."""
    reason: DenialReason | None = None
    """The reason, classified; leave out to let ketacover classify the text and codes."""
    reason_text: str | None = None
    """The reason as the notice words it."""
    carc_codes: tuple[str, ...] = ()
    """Claim adjustment reason codes on the remittance, e.g. ``50`` or ``CO-50``."""
    claim_number: str | None = None
    """Claim number on a post-service denial."""
    reference: str | None = None
    """The plan's reference or case number."""
    prior_authorization_id: str | None = None
    """Id of the prior authorization this denial answers."""
    appeal_deadline_on_notice: date | None = None
    """The appeal deadline printed on the notice; it wins over the computed one."""
    appeal_window_days_on_notice: int | None = None
    """The notice's own appeal window in days from the date of the letter ("within 60 days of the
    date of this letter"); it wins over the regime's default, a printed last day wins over it."""
    peer_to_peer_window_days: int | None = None
    """Days from the notice date within which a peer-to-peer call can be asked for, as the notice
    or the plan states it."""
    peer_to_peer_deadline: date | None = None
    """The last day to ask for a peer-to-peer call, as printed (wins over the window in days)."""
    urgent: bool = False
    """Whether the care is urgent (an expedited appeal is available)."""
    peer_to_peer: datetime | None = None
    """When a peer-to-peer call with the plan's reviewer is scheduled (with time zone). It is
    not a formal appeal and does not stop the appeal clock: the written appeal still has to be
    filed on time (sourcebook appeals.toml, peer-to-peer review (partly verified))."""
    peer_to_peer_with: str | None = None
    """Whom the peer-to-peer call is with (the plan's or UM vendor's reviewer)."""
    peer_to_peer_outcome: str | None = None
    """What came of the peer-to-peer call (reversed, upheld, an alternative suggested), once
    known. A reversal is recorded on the prior authorization; this is the note of the call."""


class AppealLevel(StrEnum):
    """Which appeal step this is."""

    INTERNAL = "internal"
    SECOND_INTERNAL = "second_internal"
    EXTERNAL_REVIEW = "external_review"
    MEDICARE_REDETERMINATION = "medicare_redetermination"
    MEDICARE_RECONSIDERATION = "medicare_reconsideration"
    STATE_FAIR_HEARING = "state_fair_hearing"


class AppealOutcome(StrEnum):
    """Where an appeal stands."""

    PENDING = "pending"
    OVERTURNED = "overturned"
    PARTIALLY_OVERTURNED = "partially_overturned"
    UPHELD = "upheld"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True, kw_only=True)
class Appeal:
    """An appeal filed against a denial."""

    __pydantic_config__ = CONFIG

    denial_id: str
    """Id of the denial appealed."""
    level: AppealLevel = AppealLevel.INTERNAL
    """Which step."""
    submitted: date
    """Date filed (for external review: date the reviewer received it, if known)."""
    received_at: datetime | None = None
    """When the plan (or reviewer) received the appeal, with time zone, if known: an expedited
    72-hour decision is then due exactly 72 hours later."""
    expedited: bool = False
    """Whether an expedited (72-hour) decision was requested."""
    outcome: AppealOutcome = AppealOutcome.PENDING
    """Where it stands."""
    decided: date | None = None
    """Date of the decision."""
    reference: str | None = None
    """The plan's or reviewer's reference number."""


class ClaimStatus(StrEnum):
    """Where a claim (or one of its lines) stands."""

    DRAFT = "draft"
    """Composed, not sent."""
    SUBMITTED = "submitted"
    """Sent to the payer or the clearinghouse."""
    ACCEPTED = "accepted"
    """Accepted into the payer's system (acknowledged), not yet decided."""
    PAID = "paid"
    PARTIALLY_PAID = "partially_paid"
    DENIED = "denied"
    APPEALED = "appealed"
    """Denied and appealed; the appeal is pending."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimLineStatus:
    """Where one line of a claim stands, by its procedure code."""

    __pydantic_config__ = CONFIG

    code: str
    """The line's procedure code (e.g. ``J0013``)."""
    status: ClaimStatus
    """Where the line stands."""
    paid: Decimal | None = None
    """What the plan paid on the line, once known."""
    line_number: int | None = None
    """The claim line (1 for the first) the remittance answered, read back from the line control
    number ketacover writes in the 837P (``REF*6R``, patient control number and line number)
    when the 835 returns it; left out, the line is found by its code."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A claim (or superbill submission) for one or more sessions."""

    __pydantic_config__ = CONFIG

    claim_number: str | None = None
    """The plan's claim number, once known."""
    service_from: date
    """First date of service."""
    service_to: date | None = None
    """Last date of service (same as the first when left out)."""
    submitted: date | None = None
    """Date submitted."""
    status: ClaimStatus = ClaimStatus.SUBMITTED
    """Where it stands."""
    billed: Decimal
    """Total charges billed."""
    allowed: Decimal | None = None
    """Allowed amount on the EOB or remittance."""
    paid: Decimal | None = None
    """Amount the plan paid."""
    patient_share: Decimal | None = None
    """Patient responsibility on the EOB."""
    lines: tuple[ClaimLineStatus, ...] = ()
    """Where each line stands, when the payer decided lines differently."""
