"""Clinical facts of a case as letter sentences, shared by the letter of medical necessity, the
summaries and the HSA/FSA letter: score changes, history flags, the failed-trial count, the
planned course and the evidence chosen for the diagnosis and treatment.

Trial counts come from :func:`ketacover.core.history.analyze` at its default criteria (two
adequate failed trials of at least 6 weeks in the current episode, sourcebook esketamine.toml);
evidence comes from :mod:`ketacover.core.evidence` (the evidence library).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final

from ketacover.core.evidence import Citation, Condition, condition_of, select
from ketacover.core.history import DEFAULT_CRITERIA, HistoryAnalysis, analyze
from ketacover.core.letters.text import join_words, long_date, plural, short_date
from ketacover.core.model import Case, Decision, ScaleScore, SubstanceUse, Treatment

CONDITION_WORDS: Final[dict[str, str]] = {
    Condition.DEPRESSION: "treatment-resistant depression",
    Condition.SUICIDAL_IDEATION: "major depression with suicidal ideation",
    Condition.PTSD: "posttraumatic stress disorder",
    Condition.PAIN: "complex regional pain syndrome and chronic pain",
}
"""How a letter names the condition the evidence is chosen for."""

_CLAIMS: Final[dict[tuple[Treatment, str], tuple[str, ...]]] = {
    (Treatment.IV_KETAMINE, Condition.DEPRESSION): (
        "non_inferior_to_ect",
        "consensus",
        "severe_depression",
        "efficacy",
    ),
    (Treatment.IV_KETAMINE, Condition.PTSD): ("efficacy", "repeated_treatment"),
    (Treatment.IV_KETAMINE, Condition.PAIN): ("consensus", "efficacy"),
    (Treatment.ESKETAMINE, Condition.DEPRESSION): (
        "fda_approval_basis",
        "active_comparator",
        "relapse_prevention",
        "efficacy",
        "consensus",
    ),
}
"""The claims a letter makes, most important first, by treatment and condition."""

EVIDENCE_LIMIT: Final = 6


def history_analysis(case: Case, today: date) -> HistoryAnalysis:
    """The case's treatment history analyzed as of ``today``."""
    return analyze(case.treatment_history, episode_start=case.history.episode_start, today=today)


def failed_trials_sentence(analysis: HistoryAnalysis) -> str | None:
    """``3 adequate antidepressant trials ... have failed (...), from 2 classes (SNRI, SSRI).``

    ``None`` when no antidepressant trial is recorded.
    """
    if not analysis.trials:
        return None
    counted = analysis.counted(DEFAULT_CRITERIA)
    weeks = DEFAULT_CRITERIA.min_weeks
    head = plural(len(counted), "adequate antidepressant trial")
    verb = "has" if len(counted) == 1 else "have"
    if not counted:
        return (
            f"No antidepressant trial in the record yet meets the usual test of an adequate "
            f"dose for at least {weeks} weeks in the current episode with no or partial response."
        )
    names = join_words([trial.label() for trial in counted])
    classes = sorted({t.drug_class for t in counted if t.drug_class is not None})
    spread = f", from {plural(len(classes), 'class', 'classes')} ({join_words(classes)})"
    return (
        f"{head} of at least {weeks} weeks in the current episode {verb} failed "
        f"({names}){spread if classes else ''}."
    )


def other_trials_sentence(analysis: HistoryAnalysis) -> str | None:
    """Augmentation, psychotherapy, TMS and ECT tried, in one sentence (``None`` if none)."""
    tried = []
    if analysis.augmentation:
        tried.append(f"augmentation ({join_words(list(analysis.augmentation))})")
    if analysis.psychotherapy:
        tried.append(f"psychotherapy ({join_words(list(analysis.psychotherapy))})")
    if analysis.tms:
        tried.append("transcranial magnetic stimulation")
    if analysis.ect:
        tried.append("electroconvulsive therapy")
    if not tried:
        return None
    return f"Also tried: {join_words(tried)}."


def current_antidepressants(analysis: HistoryAnalysis) -> list[str]:
    """Antidepressants being taken now (trials still running)."""
    return [trial.name for trial in analysis.trials if trial.ongoing]


def score_changes(case: Case) -> list[str]:
    """For each scale scored more than once: first and latest totals and the change."""
    by_scale: dict[str, list[ScaleScore]] = {}
    for score in sorted(case.scores, key=lambda s: s.on):
        by_scale.setdefault(score.scale.label, []).append(score)
    lines = []
    for label, scores in by_scale.items():
        if len(scores) < 2:
            continue
        first, last = scores[0], scores[-1]
        change = last.score - first.score
        if change == 0:
            moved = "no change"
        else:
            direction = "lower" if change < 0 else "higher"
            moved = f"{plural(abs(change), 'point')} {direction}"
            if first.score:
                moved += f" ({round(abs(change) * 100 / first.score)}%)"
        lines.append(
            f"{label}: {first.score} on {short_date(first.on)}, {last.score} on "
            f"{short_date(last.on)}: {moved}."
        )
    return lines


def latest_scores(case: Case) -> str | None:
    """``PHQ-9 25 of 27 and MADRS 39 of 60 on November 20, 2026`` (latest of each scale)."""
    latest: dict[str, ScaleScore] = {}
    for score in sorted(case.scores, key=lambda s: s.on):
        latest[score.scale.label] = score
    if not latest:
        return None
    parts = [
        f"{label} {s.score} of {s.scale.max_score} on {long_date(s.on)}"
        for label, s in latest.items()
    ]
    return join_words(parts)


def history_flags(case: Case, *, suicidal: bool = True) -> list[str]:
    """History flags payer criteria ask about, each stated as documented or not documented.

    ``suicidal`` adds the suicidal-ideation flag (which makes a request urgent, not excluded).
    """
    history = case.history
    flags = [
        ("bipolar disorder or mania", history.bipolar_history),
        ("psychotic features", history.psychotic_features),
    ]
    if suicidal:
        flags.append(("current suicidal ideation or behavior", history.suicidal_ideation))
    lines = []
    for what, value in flags:
        if value is None:
            lines.append(f"History of {what}: not documented.")
        else:
            lines.append(f"History of {what}: {'documented' if value else 'none documented'}.")
    use = history.substance_use
    if use is None:
        lines.append("Substance use disorder: not documented.")
    elif use is SubstanceUse.NONE:
        lines.append("Substance use disorder: none documented.")
    elif use is SubstanceUse.ACTIVE:
        lines.append("Substance use disorder: active.")
    else:
        since = history.substance_remission_since
        lines.append(
            "Substance use disorder: in remission"
            + (f" since {long_date(since)}." if since else ".")
        )
    return lines


def pending_reference(case: Case) -> str | None:
    """The plan's reference number of the latest pending prior authorization, if it has one."""
    pending = [
        pa for pa in case.prior_authorizations if pa.decision is Decision.PENDING and pa.reference
    ]
    return pending[-1].reference if pending else None


def course_sentence(case: Case) -> str | None:
    """``The course would start on December 7, 2026 and run about 26 weeks.`` (when known)."""
    plan = case.treatment_plan
    if plan is None or (plan.start is None and plan.weeks is None):
        return None
    if plan.start is not None and plan.weeks is not None:
        end = plan.start + timedelta(weeks=plan.weeks)
        return (
            f"The course is planned from {long_date(plan.start)} over about "
            f"{plural(plan.weeks, 'week')} (through about {long_date(end)})."
        )
    if plan.start is not None:
        return f"The course is planned to start on {long_date(plan.start)}."
    return f"The course is planned over about {plural(plan.weeks or 0, 'week')}."


def evidence_for(case: Case, condition: str | None = None) -> tuple[str, tuple[Citation, ...]]:
    """The condition and the citations a letter for this case's treatment plan should cite.

    ``condition`` overrides the one the diagnoses give (a letter variant chosen by the user).
    """
    condition = condition or condition_of(case)
    plan = case.treatment_plan
    if plan is None:
        return condition, ()
    scope = Condition.DEPRESSION if condition == Condition.SUICIDAL_IDEATION else condition
    claims = _CLAIMS.get((plan.treatment, scope), ())
    if not claims:
        return condition, ()
    chosen = select(condition=condition, treatment=plan.treatment, claims=claims)
    if plan.treatment is Treatment.ESKETAMINE and condition == Condition.SUICIDAL_IDEATION:
        aspire = select(condition=condition, treatment=plan.treatment, claims=("rapid_action",))
        chosen = (*aspire, *(c for c in chosen if c not in aspire))
    return condition, chosen[:EVIDENCE_LIMIT]


def evidence_items(citations: Sequence[Citation]) -> tuple[str, ...]:
    """``[1] Anand et al. (ELEKT-D), 2023: <finding or title>.``, numbered in order."""
    items = []
    for number, item in enumerate(citations, start=1):
        what = item.finding or (f"{item.title}." if item.title else "")
        items.append(f"[{number}] {item.short}: {what}")
    return tuple(items)


def reference_number(citations: Sequence[Citation], citation_id: str) -> str | None:
    """``[2]`` for the citation ``citation_id`` when it is among ``citations``."""
    for number, item in enumerate(citations, start=1):
        if item.id == citation_id:
            return f"[{number}]"
    return None
