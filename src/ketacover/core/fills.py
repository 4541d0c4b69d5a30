"""Treatment trials inferred from prescriptions, pharmacy fills and medication statements.

A patient's records rarely say "a 14-week trial of sertraline": they list prescriptions written,
fills dispensed (or pharmacy claims paid) and statements of what the patient took. This module
turns those records into :class:`~ketacover.core.model.TreatmentTrial` entries, each listing the
records it came from, by these rules (ketacover's own choices, not a payer's or a guideline's):

- Records of the same ingredient belong to one trial while the patient had the drug: each record
  covers its own day plus its days' supply; a record with no days' supply covers its day only
  (nothing is assumed about how long it lasted).
- A gap between the end of one record's supply and the next record of the same ingredient longer
  than ``gap_days`` (default :data:`DEFAULT_GAP_DAYS`) starts a new trial. Overlaps are allowed
  (an early refill does not push the end out: the end is the latest supply end, which understates
  rather than overstates the time on drug).
- A different ingredient is a different trial (a switch); the class comes from the drug table of
  :mod:`ketacover.core.codes.antidepressants` (WHO ATC N06A, N05A, N05AN, H03AA).
- Weeks on drug run from the first record to the last day of the last supply, in whole weeks.
- The daily dose is the highest recorded (payer criteria ask for an adequate or maximum tolerated
  dose; the range reached is kept in ``dose``).
- An augmenting agent that is not itself an antidepressant, taken while an antidepressant trial is
  active (their periods overlap), is marked ``augmentation``.
- When no record gives a daily dose in mg, the dose is the last record's dose as worded
  (``dose_text``, e.g. "Take 1 tablet by mouth daily").
- Records rarely say why a drug stopped. When one does (a statement's or an order's status
  reason), the latest such reason becomes the trial's ``reason_stopped``; ``outcome`` stays
  unknown and ``adequate_dose`` unset all the same, for the clinician to confirm.

>>> from datetime import date
>>> fills = [Fill(ingredient="sertraline", on=date(2025, 1, 6), days_supply=30, source_id="a"),
...          Fill(ingredient="sertraline", on=date(2025, 2, 5), days_supply=30, source_id="b")]
>>> trial, = infer_trials(fills)
>>> trial.start, trial.end, trial.weeks, trial.sources
(datetime.date(2025, 1, 6), datetime.date(2025, 3, 6), 8, ('a', 'b'))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Final

from ketacover.core.codes import antidepressants
from ketacover.core.errors import KetacoverError
from ketacover.core.model import Outcome, TreatmentTrial, TrialKind

DEFAULT_GAP_DAYS: Final = 30
"""Days without drug after which the next record starts a new trial. Ketacover's choice (about
one usual 30-day supply), not a payer rule: callers may pass another value."""


class FillKind(StrEnum):
    """What kind of record a :class:`Fill` came from."""

    FILL = "fill"
    """A dispensing: a pharmacy fill or a paid pharmacy claim."""
    PRESCRIPTION = "prescription"
    """A prescription written (an order; refills count only once dispensed)."""
    STATEMENT = "statement"
    """A statement that the patient took the drug (patient or clinician reported)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Fill:
    """One record that a drug was prescribed, dispensed or taken."""

    ingredient: str
    """Generic name, as :func:`ketacover.core.codes.antidepressants.normalize_name` gives it."""
    on: date
    """The day the record starts: fill date, prescription date, or the start of the statement."""
    days_supply: int | None = None
    """Days the record covers, counting ``on``; ``None`` (or less than 1) covers ``on`` only."""
    dose_mg_per_day: Decimal | None = None
    """Daily dose in milligrams, when the record gives one."""
    source_id: str
    """Where the record came from (e.g. ``ExplanationOfBenefit/eob-7``)."""
    kind: FillKind = FillKind.FILL
    """Prescription, fill or statement."""
    dose_text: str | None = None
    """The dose as the record words it, when it gives no daily dose in mg."""
    note: str | None = None
    """Why the record says the drug stopped or was not taken, in its words."""

    @property
    def last_day(self) -> date:
        """The last day the record covers."""
        days = self.days_supply if self.days_supply is not None and self.days_supply > 0 else 1
        return self.on + timedelta(days=days - 1)


def infer_trials(
    fills: Iterable[Fill], *, gap_days: int = DEFAULT_GAP_DAYS
) -> tuple[TreatmentTrial, ...]:
    """The treatment trials ``fills`` show, ordered by start date then name (module docstring)."""
    if gap_days < 0:
        raise KetacoverError(f"gap_days: {gap_days} must be 0 or more")
    by_ingredient: dict[str, list[Fill]] = {}
    for fill in fills:
        by_ingredient.setdefault(fill.ingredient, []).append(fill)
    trials = [
        _trial(run)
        for records in by_ingredient.values()
        for run in _runs(sorted(records, key=_order), gap_days)
    ]
    trials = _mark_augmentation(trials)
    return tuple(sorted(trials, key=lambda trial: (trial.start or date.min, trial.name)))


def weeks_between(start: date, last_day: date) -> int:
    """Whole weeks from ``start`` through ``last_day``, both days counted."""
    return ((last_day - start).days + 1) // 7


def _order(fill: Fill) -> tuple[date, date, str]:
    return fill.on, fill.last_day, fill.source_id


def _runs(records: Sequence[Fill], gap_days: int) -> list[list[Fill]]:
    """Split records of one ingredient, sorted by date, where the gap exceeds ``gap_days``."""
    runs: list[list[Fill]] = []
    end = date.min
    for fill in records:
        if runs and (fill.on - end).days - 1 <= gap_days:
            runs[-1].append(fill)
            end = max(end, fill.last_day)
        else:
            runs.append([fill])
            end = fill.last_day
    return runs


def _trial(run: Sequence[Fill]) -> TreatmentTrial:
    start = run[0].on
    end = max(fill.last_day for fill in run)
    doses = sorted({fill.dose_mg_per_day for fill in run if fill.dose_mg_per_day is not None})
    sources = tuple(dict.fromkeys(fill.source_id for fill in run))
    worded = [fill.dose_text for fill in run if fill.dose_text]
    notes = [fill.note for fill in run if fill.note]
    return TreatmentTrial(
        kind=TrialKind.MEDICATION,
        name=run[0].ingredient,
        dose=_dose_text(doses) or (worded[-1] if worded else None),
        dose_mg_per_day=doses[-1] if doses else None,
        start=start,
        end=end,
        weeks=weeks_between(start, end),
        adequate_dose=None,
        outcome=Outcome.UNKNOWN,
        reason_stopped=notes[-1] if notes else None,
        sources=sources,
    )


def _dose_text(doses: Sequence[Decimal]) -> str | None:
    if not doses:
        return None
    if len(doses) == 1:
        return f"{_number(doses[0])} mg daily"
    return f"{_number(doses[0])} mg to {_number(doses[-1])} mg daily"


def _number(amount: Decimal) -> str:
    return format(amount.normalize(), "f")


def _mark_augmentation(trials: list[TreatmentTrial]) -> list[TreatmentTrial]:
    """Mark trials of augmenting agents that overlap an antidepressant trial."""
    periods = [_period(trial) for trial in trials if antidepressants.is_antidepressant(trial.name)]
    marked = []
    for trial in trials:
        name = trial.name
        if antidepressants.is_augmenting_agent(name) and not antidepressants.is_antidepressant(
            name
        ):
            start, end = _period(trial)
            if any(other_start <= end and start <= other_end for other_start, other_end in periods):
                trial = replace(trial, augmentation=True)
        marked.append(trial)
    return marked


def _period(trial: TreatmentTrial) -> tuple[date, date]:
    """An inferred trial's first and last day (every inferred trial has both)."""
    return trial.start or date.min, trial.end or date.max
