"""What a FHIR import did: resources read, records skipped and why, trials inferred."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from ketacover.core.codes import antidepressants
from ketacover.core.model import TreatmentTrial
from ketacover.interop.fhir.bundle import Entry


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """A record left out of the case, and why."""

    source_id: str
    """``Type/id`` of the record."""
    resource_type: str
    """Its FHIR resource type."""
    reason: str
    """Why it was left out, in a sentence."""


@dataclass(frozen=True, slots=True, kw_only=True)
class InferredTrial:
    """A treatment trial built from records, as the report shows it."""

    name: str
    """Generic drug name."""
    drug_class: str | None
    """Its class from the antidepressant table (``SSRI``, ...)."""
    start: date | None
    """First record."""
    end: date | None
    """Last day of the last supply."""
    weeks: int | None
    """Whole weeks on drug."""
    dose: str | None
    """Daily dose or the range reached, when recorded."""
    augmentation: bool
    """Whether it augmented an antidepressant trial."""
    sources: tuple[str, ...]
    """The records it came from."""
    refills: int | None = None
    """Refills its prescriptions allow (counted in its length), when an order gives them."""
    reason_stopped: str | None = None
    """Why it stopped, as a record words it (the outcome is left for the clinician)."""

    @classmethod
    def of(cls, trial: TreatmentTrial, refills: Mapping[str, int] | None = None) -> InferredTrial:
        """The report line for ``trial``; ``refills`` maps a source to the refills it allows."""
        found = antidepressants.drug_class(trial.name)
        known = refills or {}
        allowed = [known[source] for source in trial.sources if source in known]
        return cls(
            name=trial.name,
            drug_class=found.label if found else None,
            start=trial.start,
            end=trial.end,
            weeks=trial.weeks,
            dose=trial.dose,
            augmentation=trial.augmentation,
            sources=trial.sources,
            refills=sum(allowed) if allowed else None,
            reason_stopped=trial.reason_stopped,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportReport:
    """The account of one import: what was read, used, skipped, inferred, and left unknown."""

    counts: Mapping[str, int]
    """Resources in the bundle, per resource type."""
    skipped: tuple[Skipped, ...]
    """Records left out, each with its reason."""
    notes: tuple[str, ...]
    """Facts left unknown or judgments left to a person (e.g. an unrecognized plan category)."""
    trials: tuple[InferredTrial, ...]
    """The trials inferred, with their sources."""
    gap_days: int
    """The gap (days without drug) that started a new trial."""
    plan_category_recognized: bool
    """Whether the plan's category came from the Coverage (else it is ``other`` until set)."""
    refills: Mapping[str, int] = field(default_factory=dict)
    """Refills allowed by each prescription counted with its refills, by trial source."""
    primary: str | None = None
    """The primary diagnosis's code and where it was read, when the records mark one."""

    def skipped_count(self, resource_type: str) -> int:
        """Records of ``resource_type`` left out."""
        return sum(1 for each in self.skipped if each.resource_type == resource_type)

    def skipped_by_reason(self) -> list[SkippedGroup]:
        """The records left out, one line per resource type and reason, in order of first
        appearance: what a person reads when an export holds thousands of unused records."""
        groups: dict[tuple[str, str], SkippedGroup] = {}
        for each in self.skipped:
            key = (each.resource_type, each.reason)
            found = groups.get(key)
            groups[key] = (
                SkippedGroup(
                    resource_type=each.resource_type,
                    reason=each.reason,
                    count=1,
                    first=each.source_id,
                )
                if found is None
                else replace(found, count=found.count + 1)
            )
        return list(groups.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class SkippedGroup:
    """Records of one resource type left out for one reason."""

    resource_type: str
    """Their FHIR resource type."""
    reason: str
    """Why they were left out."""
    count: int
    """How many."""
    first: str
    """The first of them, ``Type/id``."""


class Log:
    """Collects skipped records and notes while a bundle is mapped."""

    def __init__(self) -> None:
        self.skipped: list[Skipped] = []
        self.notes: list[str] = []
        self.refills: dict[str, int] = {}
        self.primary: str | None = None

    def skip(self, entry: Entry, reason: str) -> None:
        """Record that ``entry`` was left out because of ``reason``."""
        self.skipped.append(
            Skipped(source_id=entry.source_id, resource_type=entry.resource_type, reason=reason)
        )

    def note(self, text: str) -> None:
        """Record a fact left unknown or a judgment left to a person."""
        self.notes.append(text)
