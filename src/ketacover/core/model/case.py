"""A case: one patient, one plan, one treatment request, and everything that happened since."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from ketacover.core.model._base import CONFIG
from ketacover.core.model.clinical import ClinicalHistory, Diagnosis, ScaleScore, TreatmentTrial
from ketacover.core.model.events import (
    AdvanceNotice,
    Appeal,
    Call,
    Claim,
    Denial,
    PriorAuthorization,
    Session,
)
from ketacover.core.model.patient import Patient
from ketacover.core.model.plan import Plan
from ketacover.core.model.provider import Clinic, Clinician
from ketacover.core.model.treatment import TreatmentPlan, Urgency

CASE_ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
"""What a case id may be: 1 to 64 ASCII letters, digits, dots, hyphens or underscores, starting
with a letter or digit. The id goes into file names, HTTP headers, calendar entries, e-mails and
logs, so it can hold no quote, semicolon, space, line break or non-ASCII letter."""
CASE_ID_RULE: Final = (
    "use up to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit"
)
"""The rule of :data:`CASE_ID_PATTERN` in words, for error messages."""
_CASE_ID: Final = re.compile(CASE_ID_PATTERN)


def is_case_id(value: str) -> bool:
    """Whether ``value`` is a case id (:data:`CASE_ID_PATTERN`).

    >>> is_case_id("case-0001"), is_case_id('a"; filename=x'), is_case_id("caso-ñ")
    (True, False, False)
    """
    return _CASE_ID.fullmatch(value) is not None and value.isascii()


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """Everything ketacover knows about one patient's attempt to get treatment paid for.

    Only ``id`` and ``patient`` are required: a case starts with little and fills in. Unknown
    facts are left out (not guessed); the assessment then says what to find out.
    """

    __pydantic_config__ = CONFIG

    id: str
    """Case id, unique within a workspace (e.g. ``case-0001``). It appears in logs, calendars,
    e-mail reminders and file names, so keep it free of names and diagnoses."""
    patient: Patient
    """The patient."""
    plan: Plan | None = None
    """The health plan; leave out while unknown (the assessment will ask for it)."""
    clinic: Clinic | None = None
    """The clinic that would bill."""
    prescriber: Clinician | None = None
    """The prescriber or rendering clinician."""
    diagnoses: tuple[Diagnosis, ...] = ()
    """Diagnoses in ICD-10-CM."""
    scores: tuple[ScaleScore, ...] = ()
    """Rating-scale scores with dates."""
    treatment_history: tuple[TreatmentTrial, ...] = ()
    """Treatments tried so far."""
    history: ClinicalHistory = field(default_factory=ClinicalHistory)
    """History flags (bipolar, psychosis, substance use, suicidal ideation)."""
    treatment_plan: TreatmentPlan | None = None
    """What is being requested."""
    urgency: Urgency = Urgency.STANDARD
    """Standard, or urgent (suicidal ideation makes a request urgent)."""
    calls: tuple[Call, ...] = ()
    """Calls and other interactions with the plan."""
    prior_authorizations: tuple[PriorAuthorization, ...] = ()
    """Prior-authorization requests and decisions."""
    sessions: tuple[Session, ...] = ()
    """Treatment sessions given."""
    denials: tuple[Denial, ...] = ()
    """Denials received."""
    appeals: tuple[Appeal, ...] = ()
    """Appeals filed."""
    claims: tuple[Claim, ...] = ()
    """Claims and superbill submissions."""
    abn: AdvanceNotice | None = None
    """The signed Advance Beneficiary Notice (form CMS-R-131) on file, for Original Medicare:
    when it was signed and the option chosen. With option 1 the claim lines it covers carry
    modifier GA."""
    notes: str | None = None
    """Free-text notes."""
