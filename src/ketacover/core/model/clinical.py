"""Clinical facts: diagnoses, rating-scale scores, treatment history and history flags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ketacover.core.model._base import CONFIG


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnosis:
    """One diagnosis, coded in ICD-10-CM (e.g. ``F33.2``)."""

    __pydantic_config__ = CONFIG

    code: str
    """ICD-10-CM code, with or without the dot (``F33.2`` or ``F332``)."""
    primary: bool = False
    """Whether this is the primary diagnosis for the request."""
    since: date | None = None
    """When the condition (or the current episode) was diagnosed."""
    note: str | None = None
    """Free text, e.g. how the diagnosis was made."""


class Scale(StrEnum):
    """Rating scales payers ask for. Ranges are the instruments' published score ranges."""

    PHQ9 = "phq9"
    GAD7 = "gad7"
    PCL5 = "pcl5"
    MADRS = "madrs"
    HAMD17 = "hamd17"
    QIDS_SR16 = "qids_sr16"
    BDI2 = "bdi2"

    @property
    def max_score(self) -> int:
        """The highest total the instrument allows."""
        return _MAX_SCORE[self]

    @property
    def label(self) -> str:
        """How the scale is usually written."""
        return _LABEL[self]


_MAX_SCORE: dict[Scale, int] = {
    Scale.PHQ9: 27,
    Scale.GAD7: 21,
    Scale.PCL5: 80,
    Scale.MADRS: 60,
    Scale.HAMD17: 52,
    Scale.QIDS_SR16: 27,
    Scale.BDI2: 63,
}
_LABEL: dict[Scale, str] = {
    Scale.PHQ9: "PHQ-9",
    Scale.GAD7: "GAD-7",
    Scale.PCL5: "PCL-5",
    Scale.MADRS: "MADRS",
    Scale.HAMD17: "HAM-D 17",
    Scale.QIDS_SR16: "QIDS-SR16",
    Scale.BDI2: "BDI-II",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleScore:
    """A rating-scale total on a date."""

    __pydantic_config__ = CONFIG

    scale: Scale
    """Which instrument."""
    score: int
    """The total score."""
    on: date
    """Date the scale was completed."""
    note: str | None = None
    """Free text (who administered it, context)."""


class TrialKind(StrEnum):
    """What kind of treatment a trial was."""

    MEDICATION = "medication"
    PSYCHOTHERAPY = "psychotherapy"
    TMS = "tms"
    ECT = "ect"
    KETAMINE = "ketamine"
    ESKETAMINE = "esketamine"
    OTHER = "other"


class Outcome(StrEnum):
    """How a trial ended, in the words payer criteria use."""

    NO_RESPONSE = "no_response"
    PARTIAL_RESPONSE = "partial_response"
    RESPONSE = "response"
    REMISSION = "remission"
    INTOLERANCE = "intolerance"
    ONGOING = "ongoing"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """The outcome in plain words, e.g. ``partial response``."""
        return self.value.replace("_", " ")


@dataclass(frozen=True, slots=True, kw_only=True)
class TreatmentTrial:
    """One treatment tried: a medication, psychotherapy, TMS, ECT, ..."""

    __pydantic_config__ = CONFIG

    kind: TrialKind = TrialKind.MEDICATION
    """What kind of treatment."""
    name: str
    """Drug (generic or brand) or therapy name, e.g. ``sertraline`` or ``CBT``."""
    dose: str | None = None
    """Dose as written, e.g. ``200 mg daily``."""
    dose_mg_per_day: Decimal | None = None
    """Daily dose in milligrams, when known (lets the dose be judged)."""
    start: date | None = None
    """First day of the trial."""
    end: date | None = None
    """Last day (leave out while ongoing)."""
    weeks: int | None = None
    """Weeks on treatment, when the dates are not known."""
    adequate_dose: bool | None = None
    """The clinician's judgment that the dose was adequate (or the maximum tolerated)."""
    augmentation: bool = False
    """Whether the drug was added to an antidepressant as augmentation."""
    outcome: Outcome = Outcome.UNKNOWN
    """How it went."""
    improvement_percent: Decimal | None = None
    """Improvement on a rating scale during the trial, in percent (25 means 25%)."""
    reason_stopped: str | None = None
    """Why it stopped (side effects, no response, ...); giving one says the trial stopped."""
    note: str | None = None
    """Anything else the record says about the trial (when it was judged, that it is still
    taken, ...); unlike ``reason_stopped`` it says nothing about whether the trial stopped."""
    current_episode: bool | None = None
    """Whether the trial was in the current depressive episode."""
    sources: tuple[str, ...] = ()
    """Where the trial is documented (chart note, pharmacy claim ids, ...)."""


class SubstanceUse(StrEnum):
    """Substance use disorder status, as esketamine criteria ask about it."""

    NONE = "none"
    ACTIVE = "active"
    IN_REMISSION = "in_remission"


@dataclass(frozen=True, slots=True, kw_only=True)
class ClinicalHistory:
    """History flags payer criteria exclude on or ask about. Leave out what is not known."""

    __pydantic_config__ = CONFIG

    bipolar_history: bool | None = None
    """Current or past bipolar disorder or mania."""
    psychotic_features: bool | None = None
    """Psychotic features in the current episode or psychotic disorder."""
    substance_use: SubstanceUse | None = None
    """Substance use disorder status."""
    substance_remission_since: date | None = None
    """Start of remission, when in remission."""
    suicidal_ideation: bool | None = None
    """Current suicidal ideation or behavior (makes requests urgent)."""
    episode_start: date | None = None
    """Start of the current depressive episode."""
    recurrent: bool | None = None
    """Whether the depression is recurrent."""
