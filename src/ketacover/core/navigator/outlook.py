"""The navigator's answer: every reading of the answers assessed by the real coverage engine,
merged into what holds whatever the unknowns turn out to be.

For each reading (:mod:`ketacover.core.navigator.readings`) the engine
(:func:`ketacover.core.coverage.assess`) gives a verdict per pathway, its reasons, missing facts
and next steps; :func:`ketacover.core.deadlines.case_deadlines` gives the deadlines a denial
starts. Where all readings agree, the outlook says so plainly. Where they differ, the verdict is
``unknown`` (what the engine itself answers when a fact is missing) and the outlook says which
unknown it depends on; reasons, missing facts, steps and deadlines that hold for some readings
only are kept with the readings they hold for.

Documents (the call script, letters, the case file) are written for one reading: the one with the
earliest filing deadline when readings differ on deadlines (so no deadline is missed), else the
first. The outlook names it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from ketacover.core.costs import CostComparison, case_costs
from ketacover.core.coverage import (
    Action,
    Assessment,
    ChecklistItem,
    MissingFact,
    PathwayId,
    Reason,
    Verdict,
    assess,
)
from ketacover.core.deadlines import Deadline, DeadlineKind, case_deadlines
from ketacover.core.navigator.answers import Answers
from ketacover.core.navigator.readings import Reading, readings

T = TypeVar("T")

_FILING = frozenset({DeadlineKind.APPEAL_FILING, DeadlineKind.EXTERNAL_REVIEW_FILING})


@dataclass(frozen=True, slots=True)
class Scoped(Generic[T]):
    """Something the outlook says, and the readings it holds for (empty: every reading)."""

    item: T
    only_if: tuple[Reading, ...] = ()


@dataclass(frozen=True, slots=True)
class PathwayOutlook:
    """One way to pay: the merged verdict and everything behind it."""

    pathway: PathwayId
    verdict: Verdict
    by_reading: tuple[tuple[Reading, Verdict], ...]
    """Each reading's own verdict; they differ when :attr:`depends` is True."""
    reasons: tuple[Scoped[Reason], ...]
    missing: tuple[Scoped[MissingFact], ...]
    actions: tuple[Scoped[Action], ...]

    @property
    def depends(self) -> bool:
        """Whether the readings disagree, so the verdict waits on an unknown answer."""
        return len({verdict for _, verdict in self.by_reading}) > 1


@dataclass(frozen=True, slots=True)
class Outlook:
    """Everything the navigator answers, for one set of answers on one day."""

    today: date
    readings: tuple[Reading, ...]
    document: Reading
    """The reading documents are written for."""
    assessments: tuple[Assessment, ...]
    """The engine's assessment of each reading, in the order of :attr:`readings`."""
    pathways: tuple[PathwayOutlook, ...]
    deadlines: tuple[Scoped[Deadline], ...]
    checklist: tuple[ChecklistItem, ...]
    """The documentation checklist of the document reading."""
    costs: CostComparison | None
    """The cost of each pathway for the document reading; None without a treatment."""
    expedited: bool
    """Whether every reading qualifies for expedited (urgent) clocks."""

    @property
    def document_assessment(self) -> Assessment:
        """The engine's assessment of the document reading."""
        return self.assessments[self.readings.index(self.document)]

    def pathway(self, pathway: PathwayId) -> PathwayOutlook:
        """One pathway's outlook."""
        for item in self.pathways:
            if item.pathway is pathway:
                return item
        raise KeyError(pathway)


def outlook(answers: Answers, today: date) -> Outlook:
    """Assess every reading of ``answers`` on ``today`` and merge the results."""
    found = readings(answers, today)
    assessments = tuple(assess(reading.case, today) for reading in found)
    deadlines = tuple(_deadlines(reading, today) for reading in found)
    document = _document_reading(found, deadlines)
    costs = None if document.case.treatment_plan is None else case_costs(document.case)
    pathways = tuple(
        _pathway(pathway, found, assessments)
        for pathway in (item.pathway for item in assessments[0].pathways)
    )
    return Outlook(
        today=today,
        readings=found,
        document=document,
        assessments=assessments,
        pathways=pathways,
        deadlines=_merge(found, deadlines, lambda d: (d.kind, d.due, d.rule_id, d.ref)),
        checklist=assessments[found.index(document)].checklist,
        costs=costs,
        expedited=all(a.expedited for a in assessments),
    )


def _deadlines(reading: Reading, today: date) -> tuple[Deadline, ...]:
    if not reading.case.denials:
        return ()
    return case_deadlines(reading.case, today)


def _document_reading(
    found: Sequence[Reading], deadlines: Sequence[tuple[Deadline, ...]]
) -> Reading:
    """The reading with the earliest filing deadline (the first one on a tie or without any)."""
    best, best_due = found[0], None
    for reading, own in zip(found, deadlines, strict=True):
        filings = [d.due for d in own if d.kind in _FILING]
        due = min(filings) if filings else None
        if due is not None and (best_due is None or due < best_due):
            best, best_due = reading, due
    return best


def _pathway(
    pathway: PathwayId, found: Sequence[Reading], assessments: Sequence[Assessment]
) -> PathwayOutlook:
    each = [assessment.pathway(pathway) for assessment in assessments]
    verdicts = {item.verdict for item in each}
    verdict = verdicts.pop() if len(verdicts) == 1 else Verdict.UNKNOWN
    return PathwayOutlook(
        pathway=pathway,
        verdict=verdict,
        by_reading=tuple(
            (reading, item.verdict) for reading, item in zip(found, each, strict=True)
        ),
        reasons=_merge(found, [item.reasons for item in each], lambda r: r.rule_id),
        missing=_merge(found, [item.missing for item in each], lambda m: m.fact),
        actions=_merge(found, [item.actions for item in each], lambda a: (a.rule_id, a.text)),
    )


def _merge(
    found: Sequence[Reading],
    per_reading: Sequence[Iterable[T]],
    key: Callable[[T], Hashable],
) -> tuple[Scoped[T], ...]:
    """Items of every reading, once each, in first-seen order, with the readings they hold for
    (none listed when they hold for all)."""
    order: dict[Hashable, T] = {}
    holders: dict[Hashable, list[Reading]] = {}
    for reading, items in zip(found, per_reading, strict=True):
        for item in items:
            k = key(item)
            order.setdefault(k, item)
            holders.setdefault(k, [])
            if reading not in holders[k]:
                holders[k].append(reading)
    everyone = len(found)
    return tuple(
        Scoped(item, () if len(holders[k]) == everyone else tuple(holders[k]))
        for k, item in order.items()
    )
