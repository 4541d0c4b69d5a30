"""Treatment-history analysis: which antidepressant trials count as adequate failed trials, how
many drug classes they span, and whether augmentation, psychotherapy, TMS or ECT were tried.

Payer esketamine criteria count failed trials in the current episode at an adequate dose and
duration, by drug class, sometimes with an augmentation trial or psychotherapy and a ceiling on
the improvement seen (sourcebook esketamine.toml, the payer policies entry,
"payer-esketamine-policies" criteria"). :func:`analyze` summarizes a history once; :func:`judge`
checks it against one criteria set and says, for each criterion, met / not met / not documented in a
plain sentence.

A trial's dose counts as adequate when the clinician marked it so, or, failing that, when a dose
is recorded at all: no dose table is asserted here, so the prescriber's judgment is what a letter
carries. Weeks on drug come from the start and end dates, else from ``weeks``, else from the
start date to ``today`` (a trial with no end date is still running).

>>> from datetime import date
>>> from ketacover.core.model import Outcome, TreatmentTrial
>>> trial = TreatmentTrial(name="sertraline", weeks=12, adequate_dose=True,
...                        outcome=Outcome.NO_RESPONSE, current_episode=True)
>>> analyze((trial,), episode_start=None, today=date(2026, 11, 23)).trials[0].weeks
Decimal('12')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Final

from ketacover.core.codes import antidepressants
from ketacover.core.model import Outcome, TreatmentTrial, TrialKind

_FAILED: Final = frozenset({Outcome.NO_RESPONSE, Outcome.PARTIAL_RESPONSE, Outcome.INTOLERANCE})
_NOT_FAILED: Final = frozenset({Outcome.RESPONSE, Outcome.REMISSION})
_DAYS_PER_WEEK: Final = Decimal(7)


@dataclass(frozen=True, slots=True)
class DrugTrial:
    """One medication trial as the criteria see it."""

    name: str
    drug_class: str | None
    """The antidepressant class, when the drug table knows the drug."""
    recognized: bool
    """Whether the drug table knows it as an antidepressant; an unknown name may still be one,
    so it counts only once documented."""
    weeks: Decimal | None
    """Weeks on the drug (one decimal), when dates or a week count are recorded."""
    dose_ok: bool | None
    """Adequate (or maximum tolerated) dose: the clinician's flag, else True when a dose is
    recorded, else unknown."""
    failed: bool | None
    """No or partial response, or intolerance; False after a response; unknown otherwise."""
    in_episode: bool | None
    """Whether the trial falls in the current episode (unknown when nothing says)."""
    last_day: date | None
    """The trial's end (or start) date, for criteria with a look-back window."""
    improvement_percent: Decimal | None
    ongoing: bool

    def label(self) -> str:
        """``sertraline 12 weeks`` (or just the name when weeks are unknown)."""
        return f"{self.name} {_fmt(self.weeks)} weeks" if self.weeks is not None else self.name


@dataclass(frozen=True, slots=True)
class HistoryAnalysis:
    """A treatment history summarized once; :func:`judge` applies criteria to it."""

    trials: tuple[DrugTrial, ...]
    """Medication trials other than augmentation: antidepressants, and names the drug table does
    not know (which count only once documented)."""
    augmentation: tuple[str, ...]
    """Names of augmentation trials."""
    psychotherapy: tuple[str, ...]
    """Names of psychotherapy trials."""
    tms: bool
    ect: bool
    current_antidepressant: bool | None
    """Whether an antidepressant is being taken now; unknown when no history is recorded."""
    recorded: bool
    """Whether any treatment history is recorded at all."""
    today: date

    def counted(self, criteria: Criteria) -> tuple[DrugTrial, ...]:
        """Trials that count as adequate failed trials under ``criteria``."""
        return tuple(t for t in self.trials if _counts(t, criteria, self.today) is True)

    def undocumented(self, criteria: Criteria) -> tuple[DrugTrial, ...]:
        """Trials that might count once a missing detail is documented."""
        return tuple(t for t in self.trials if _counts(t, criteria, self.today) is None)

    @property
    def adequate_trials(self) -> int:
        """Adequate failed trials at the default criteria (see :data:`DEFAULT_CRITERIA`)."""
        return len(self.counted(DEFAULT_CRITERIA))

    @property
    def distinct_classes(self) -> int:
        """Distinct known classes among those trials."""
        return len(_classes(self.counted(DEFAULT_CRITERIA)))

    @property
    def best_improvement_percent(self) -> Decimal | None:
        """The largest improvement recorded on any antidepressant trial."""
        known = [t.improvement_percent for t in self.trials if t.improvement_percent is not None]
        return max(known) if known else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Criteria:
    """A failed-treatment criteria set, as a payer policy states it (sourcebook esketamine.toml)."""

    min_agents: int | None = 2
    """Adequate failed antidepressant trials needed; None when the policy states no count."""
    min_classes: int | None = None
    min_weeks: int | None = 6
    """Weeks each trial must last; None when the policy states none (a duration must still be
    documented)."""
    max_improvement_percent: Decimal | None = None
    augmentation_required: bool = False
    augmentation_or_psychotherapy: bool = False
    within_years: int | None = None
    current_episode: bool = True


DEFAULT_CRITERIA: Final = Criteria()
"""Two adequate failed antidepressant trials of at least 6 weeks in the current episode."""


class CriterionStatus(StrEnum):
    """How a criterion stands against the documented history."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_DOCUMENTED = "not_documented"


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """One criterion judged, in a plain sentence."""

    id: str
    """``min_agents``, ``min_classes``, ``max_improvement_percent``, ``augmentation``, ..."""
    status: CriterionStatus
    text: str


def analyze(
    trials: Sequence[TreatmentTrial], *, episode_start: date | None, today: date
) -> HistoryAnalysis:
    """Summarize a treatment history for judging against criteria sets."""
    drugs: list[DrugTrial] = []
    augmentation: list[str] = []
    psychotherapy: list[str] = []
    current: bool | None = False if trials else None
    for trial in trials:
        if trial.kind is TrialKind.PSYCHOTHERAPY:
            psychotherapy.append(trial.name)
        elif trial.kind is TrialKind.MEDICATION:
            known, augmenting, drug_class = _drug_facts(trial.name)
            if trial.augmentation or (augmenting and not known):
                augmentation.append(trial.name)
                continue
            drug = _drug_trial(trial, episode_start, today, known, drug_class)
            drugs.append(drug)
            current = current or drug.ongoing
    kinds = {trial.kind for trial in trials}
    return HistoryAnalysis(
        trials=tuple(drugs),
        augmentation=tuple(augmentation),
        psychotherapy=tuple(psychotherapy),
        tms=TrialKind.TMS in kinds,
        ect=TrialKind.ECT in kinds,
        current_antidepressant=current,
        recorded=bool(trials),
        today=today,
    )


def judge(
    analysis: HistoryAnalysis, criteria: Criteria, *, with_minimum: bool = True
) -> list[CriterionResult]:
    """Each criterion of ``criteria`` as met, not met or not documented, with a sentence.

    The sentence says what the history holds and, with ``with_minimum``, what the criteria ask
    for ("3 adequate failed antidepressant trials ... documented (...); the criteria ask for 2").
    Without it (criteria that are no plan's own), only what the history holds is said."""
    counted = analysis.counted(criteria)
    maybe = analysis.undocumented(criteria)
    results = []
    if criteria.min_agents is not None:
        results.append(
            _agents(counted, maybe, criteria.min_agents, criteria, analysis.recorded, with_minimum)
        )
    if criteria.min_classes is not None:
        results.append(
            _classes_result(counted, maybe, criteria.min_classes, analysis.recorded, with_minimum)
        )
    if criteria.max_improvement_percent is not None:
        results.append(_improvement(counted, criteria.max_improvement_percent))
    if criteria.augmentation_required:
        results.append(
            _extra(
                "augmentation", "an augmentation trial", analysis.augmentation, analysis.recorded
            )
        )
    if criteria.augmentation_or_psychotherapy:
        results.append(
            _extra(
                "augmentation_or_psychotherapy",
                "an augmentation trial or evidence-based psychotherapy",
                analysis.augmentation + analysis.psychotherapy,
                analysis.recorded,
            )
        )
    return results


def overall(results: Iterable[CriterionResult]) -> bool | None:
    """True when every criterion is met, False when one is not met, None otherwise."""
    statuses = {result.status for result in results}
    if CriterionStatus.NOT_MET in statuses:
        return False
    return None if CriterionStatus.NOT_DOCUMENTED in statuses else True


def _drug_trial(
    trial: TreatmentTrial,
    episode_start: date | None,
    today: date,
    known: bool,
    drug_class: str | None,
) -> DrugTrial:
    # A dated trial with no end date and no reason it stopped is still running (the model says:
    # leave ``end`` out while ongoing), whatever its outcome and however many weeks are recorded:
    # a failed antidepressant is often kept alongside the next treatment. Explicit ``weeks`` win
    # over counting to today when there is no end date.
    ongoing = (
        trial.end is None
        and trial.reason_stopped is None
        and (trial.outcome is Outcome.ONGOING or trial.start is not None)
    )
    weeks: Decimal | None = None
    if trial.start is not None and (trial.end is not None or trial.weeks is None):
        last = trial.end if trial.end is not None else today
        weeks = (Decimal((last - trial.start).days) / _DAYS_PER_WEEK).quantize(Decimal("0.1"))
    elif trial.weeks is not None:
        weeks = Decimal(trial.weeks)
    dose_ok = trial.adequate_dose
    if dose_ok is None and (trial.dose_mg_per_day is not None or trial.dose):
        dose_ok = True
    failed: bool | None = None
    if trial.outcome in _FAILED:
        failed = True
    elif trial.outcome in _NOT_FAILED:
        failed = False
    in_episode = trial.current_episode
    last_day = trial.end or trial.start
    if in_episode is None and episode_start is not None and last_day is not None:
        in_episode = last_day >= episode_start
    return DrugTrial(
        name=trial.name,
        drug_class=drug_class,
        recognized=known,
        weeks=weeks,
        dose_ok=dose_ok,
        failed=failed,
        in_episode=in_episode,
        last_day=last_day,
        improvement_percent=trial.improvement_percent,
        ongoing=ongoing,
    )


def _counts(trial: DrugTrial, criteria: Criteria, today: date) -> bool | None:
    """Kleene AND of the conditions a trial must meet to count."""
    checks: list[bool | None] = [
        True if trial.recognized else None,
        trial.dose_ok,
        None if trial.weeks is None else trial.weeks >= (criteria.min_weeks or 0),
        trial.failed,
    ]
    if criteria.current_episode:
        checks.append(trial.in_episode)
    if criteria.within_years is not None:
        cutoff = today - timedelta(days=round(365.25 * criteria.within_years))
        checks.append(None if trial.last_day is None else trial.last_day >= cutoff)
    if False in checks:
        return False
    return None if None in checks else True


def _agents(
    counted: Sequence[DrugTrial],
    maybe: Sequence[DrugTrial],
    minimum: int,
    criteria: Criteria,
    recorded: bool,
    with_minimum: bool = True,
) -> CriterionResult:
    scope = "of documented duration"
    if criteria.min_weeks is not None:
        scope = f"of at least {criteria.min_weeks} weeks"
    if criteria.current_episode:
        scope += " in the current episode"
    if criteria.within_years is not None:
        scope += f" within {criteria.within_years} years"
    trials = "trial" if len(counted) == 1 else "trials"
    head = f"{len(counted)} adequate failed antidepressant {trials} {scope}"
    listed = f" ({', '.join(t.label() for t in counted)})" if counted else ""
    asked = f"; the criteria ask for {minimum}" if with_minimum else ""
    if len(counted) >= minimum:
        return CriterionResult(
            "min_agents", CriterionStatus.MET, f"{head} documented{listed}{asked}."
        )
    if len(counted) + len(maybe) >= minimum or not recorded:
        gaps = ", ".join(t.name for t in maybe) or "the treatment history"
        return CriterionResult(
            "min_agents",
            CriterionStatus.NOT_DOCUMENTED,
            f"{head} documented{listed}{asked}; dose, duration, outcome or episode not "
            f"documented for {gaps}.",
        )
    short = minimum - len(counted)
    more = f", so {short} more {'is' if short == 1 else 'are'} needed" if with_minimum else ""
    return CriterionResult(
        "min_agents", CriterionStatus.NOT_MET, f"{head} documented{listed}{asked}{more}."
    )


def _classes(trials: Iterable[DrugTrial]) -> set[str]:
    return {t.drug_class for t in trials if t.drug_class is not None}


def _classes_result(
    counted: Sequence[DrugTrial],
    maybe: Sequence[DrugTrial],
    minimum: int,
    recorded: bool,
    with_minimum: bool = True,
) -> CriterionResult:
    found = _classes(counted)
    classes = "class" if len(found) == 1 else "classes"
    listed = f" ({', '.join(sorted(found))})" if found else ""
    head = f"{len(found)} antidepressant {classes} among the adequate trials{listed}"
    if with_minimum:
        head += f"; the criteria ask for {minimum}"
    listed = ""
    if len(found) >= minimum:
        return CriterionResult("min_classes", CriterionStatus.MET, f"{head}{listed}.")
    unclassed = [t for t in counted if t.drug_class is None]
    if unclassed or maybe or not recorded:
        return CriterionResult(
            "min_classes",
            CriterionStatus.NOT_DOCUMENTED,
            f"{head}{listed}; the class of some trials is not known yet.",
        )
    return CriterionResult("min_classes", CriterionStatus.NOT_MET, f"{head}{listed}.")


def _improvement(counted: Sequence[DrugTrial], ceiling: Decimal) -> CriterionResult:
    over = [
        t for t in counted if t.improvement_percent is not None and t.improvement_percent > ceiling
    ]
    unknown = [t for t in counted if t.improvement_percent is None]
    limit = f"improvement of {_fmt(ceiling)}% or less on each trial"
    if over:
        names = ", ".join(f"{t.name} {_fmt(t.improvement_percent)}%" for t in over)
        return CriterionResult(
            "max_improvement_percent", CriterionStatus.NOT_MET, f"Needs {limit}; {names}."
        )
    if unknown or not counted:
        names = ", ".join(t.name for t in unknown) or "the trials"
        return CriterionResult(
            "max_improvement_percent",
            CriterionStatus.NOT_DOCUMENTED,
            f"Needs {limit}; improvement not documented for {names}.",
        )
    return CriterionResult(
        "max_improvement_percent", CriterionStatus.MET, f"{limit.capitalize()} documented."
    )


def _extra(key: str, what: str, names: Sequence[str], recorded: bool) -> CriterionResult:
    if names:
        return CriterionResult(
            key, CriterionStatus.MET, f"{what.capitalize()} documented ({', '.join(names)})."
        )
    status = CriterionStatus.NOT_MET if recorded else CriterionStatus.NOT_DOCUMENTED
    return CriterionResult(key, status, f"Needs {what}; none documented.")


def _fmt(number: Decimal | None) -> str:
    text = f"{number}"
    return text[:-2] if text.endswith(".0") else text


@lru_cache(maxsize=4096)
def _drug_facts(name: str) -> tuple[bool, bool, str | None]:
    """Whether ``name`` is an antidepressant, an augmenting agent, and its class label."""
    found = antidepressants.drug_class(name)
    label = None
    if found is not None:
        label = found.value.upper() if len(found.value) <= 5 else found.value.replace("_", " ")
    return (
        antidepressants.is_antidepressant(name),
        antidepressants.is_augmenting_agent(name),
        label,
    )
