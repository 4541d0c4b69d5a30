"""Merging an imported case into an existing one, as a preview of every change.

:func:`merge_into` never overwrites a filled field silently: an imported value that differs from
the existing one is a change of kind ``conflict`` and the existing value is kept. Empty fields are
filled (``set``); new diagnoses, scores, trials or a missing plan are added (``add``). A trial
matches an existing one of the same drug whose dates overlap it (or which has no dates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Final, TypeVar

from ketacover.core.codes import antidepressants, icd10cm
from ketacover.core.model import Address, Case, Diagnosis, ScaleScore, Sex, TreatmentTrial
from ketacover.interop.fhir.importer import FhirImport

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


class ChangeKind(StrEnum):
    """What a merge would do to one field or list."""

    ADD = "add"
    """A new diagnosis, score or trial, or a plan where there was none."""
    SET = "set"
    """An empty field gets the imported value."""
    CONFLICT = "conflict"
    """The imported value differs from the existing one, which is kept."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One change a merge would make (or, for a conflict, decline to make)."""

    kind: ChangeKind
    """Add, set or conflict."""
    path: str
    """Where in the case, e.g. ``plan.member_id`` or ``treatment_history[4]``."""
    existing: str | None
    """The value in the existing case, as text (``None`` when empty or new)."""
    imported: str | None
    """The value from the import, as text."""


_PATIENT_FIELDS: Final = ("given_name", "family_name", "date_of_birth", "sex", "address")
_PLAN_FIELDS: Final = (
    "payer",
    "category",
    "plan_type",
    "plan_name",
    "member_id",
    "group_number",
    "group_name",
)
_TRIAL_FIELDS: Final = ("start", "end", "weeks", "dose", "dose_mg_per_day")


def merge_into(existing: Case, imported: FhirImport) -> tuple[Case, list[Change]]:
    """``existing`` with what ``imported`` adds, and the list of changes (conflicts included)."""
    changes: list[Change] = []
    new = imported.case
    patient = _merge_fields("patient", existing.patient, new.patient, _PATIENT_FIELDS, changes)
    plan = existing.plan
    if plan is None and new.plan is not None:
        plan = new.plan
        changes.append(
            Change(kind=ChangeKind.ADD, path="plan", existing=None, imported=new.plan.payer)
        )
    elif plan is not None and new.plan is not None:
        names: tuple[str, ...] = _PLAN_FIELDS
        if not imported.report.plan_category_recognized:
            names = tuple(name for name in names if name != "category")
        plan = _merge_fields("plan", plan, new.plan, names, changes)
    diagnoses = _merge_diagnoses(list(existing.diagnoses), new.diagnoses, changes)
    scores = _merge_scores(existing.scores, new.scores, changes)
    trials = _merge_trials(existing.treatment_history, new.treatment_history, changes)
    merged = replace(
        existing,
        patient=patient,
        plan=plan,
        diagnoses=tuple(diagnoses),
        scores=scores,
        treatment_history=trials,
    )
    return merged, changes


def _merge_diagnoses(
    diagnoses: list[Diagnosis], new: tuple[Diagnosis, ...], changes: list[Change]
) -> tuple[Diagnosis, ...]:
    """New codes added; the imported primary marked only where the case has no primary yet."""
    known = {icd10cm.compact(diagnosis.code): i for i, diagnosis in enumerate(diagnoses)}
    primary = next((each.code for each in diagnoses if each.primary), None)
    for diagnosis in new:
        code = icd10cm.compact(diagnosis.code)
        found = known.get(code)
        if diagnosis.primary and primary is not None and found != _index_of(diagnoses, primary):
            changes.append(
                Change(
                    kind=ChangeKind.CONFLICT,
                    path="diagnoses.primary",
                    existing=primary,
                    imported=diagnosis.code,
                )
            )
            diagnosis = replace(diagnosis, primary=False)
        if found is None:
            known[code] = len(diagnoses)
            diagnoses.append(diagnosis)
            primary = diagnosis.code if diagnosis.primary else primary
            path = f"diagnoses[{len(diagnoses) - 1}]"
            shown = diagnosis.code + (" (primary)" if diagnosis.primary else "")
            changes.append(Change(kind=ChangeKind.ADD, path=path, existing=None, imported=shown))
        elif diagnosis.primary and not diagnoses[found].primary:
            diagnoses[found] = replace(diagnoses[found], primary=True)
            primary = diagnoses[found].code
            changes.append(
                Change(
                    kind=ChangeKind.SET,
                    path=f"diagnoses[{found}].primary",
                    existing=None,
                    imported="True",
                )
            )
    return tuple(diagnoses)


def _index_of(diagnoses: list[Diagnosis], code: str) -> int | None:
    return next(
        (
            i
            for i, each in enumerate(diagnoses)
            if icd10cm.compact(each.code) == icd10cm.compact(code)
        ),
        None,
    )


def _merge_fields(path: str, old: T, new: T, names: Sequence[str], changes: list[Change]) -> T:
    updates: dict[str, object] = {}
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if _empty(after) or before == after:
            continue
        where = f"{path}.{name}"
        if _empty(before):
            updates[name] = after
            changes.append(
                Change(kind=ChangeKind.SET, path=where, existing=None, imported=_text(after))
            )
        else:
            changes.append(
                Change(
                    kind=ChangeKind.CONFLICT,
                    path=where,
                    existing=_text(before),
                    imported=_text(after),
                )
            )
    return replace(old, **updates) if updates else old


def _empty(value: object) -> bool:
    return value is None or value == "" or value is Sex.UNKNOWN or value == ()


def _text(value: object) -> str:
    if isinstance(value, Address):
        return f"{value.line1}, {value.city}, {value.state} {value.postal_code}"
    if isinstance(value, tuple):
        return "; ".join(str(each) for each in value)
    return str(value)


def _merge_scores(
    old: tuple[ScaleScore, ...], new: tuple[ScaleScore, ...], changes: list[Change]
) -> tuple[ScaleScore, ...]:
    scores = list(old)
    where = {(score.scale, score.on): index for index, score in enumerate(scores)}
    for score in new:
        found = where.get((score.scale, score.on))
        if found is None:
            scores.append(score)
            where[(score.scale, score.on)] = len(scores) - 1
            imported = f"{score.scale.label} {score.score} on {score.on}"
            path = f"scores[{len(scores) - 1}]"
            changes.append(Change(kind=ChangeKind.ADD, path=path, existing=None, imported=imported))
        elif scores[found].score != score.score:
            changes.append(
                Change(
                    kind=ChangeKind.CONFLICT,
                    path=f"scores[{found}].score",
                    existing=str(scores[found].score),
                    imported=str(score.score),
                )
            )
    return tuple(scores)


def _merge_trials(
    old: tuple[TreatmentTrial, ...], new: tuple[TreatmentTrial, ...], changes: list[Change]
) -> tuple[TreatmentTrial, ...]:
    trials = list(old)
    for trial in new:
        found = next((i for i, each in enumerate(trials[: len(old)]) if _same(each, trial)), None)
        if found is None:
            trials.append(trial)
            imported = f"{trial.name} {trial.start} to {trial.end}"
            path = f"treatment_history[{len(trials) - 1}]"
            changes.append(Change(kind=ChangeKind.ADD, path=path, existing=None, imported=imported))
            continue
        path = f"treatment_history[{found}]"
        merged = _merge_fields(path, trials[found], trial, _TRIAL_FIELDS, changes)
        extra = tuple(source for source in trial.sources if source not in merged.sources)
        if extra:
            merged = replace(merged, sources=merged.sources + extra)
            changes.append(
                Change(
                    kind=ChangeKind.SET,
                    path=f"{path}.sources",
                    existing=None,
                    imported=_text(extra),
                )
            )
        if trial.augmentation and not merged.augmentation:
            merged = replace(merged, augmentation=True)
            changes.append(
                Change(
                    kind=ChangeKind.SET, path=f"{path}.augmentation", existing=None, imported="True"
                )
            )
        trials[found] = merged
    return tuple(trials)


def _same(existing: TreatmentTrial, imported: TreatmentTrial) -> bool:
    name = antidepressants.normalize_name(existing.name) or existing.name.strip().lower()
    if name != imported.name:
        return False
    if existing.start is None or imported.start is None or imported.end is None:
        return True
    return existing.start <= imported.end and imported.start <= (existing.end or date.max)
