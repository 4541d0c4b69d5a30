"""The clinical case an appeal states: who speaks, the request, the criteria met, the record.

The criteria met are judged by :func:`ketacover.core.history.judge` against the plan's criteria
pack (sourcebook esketamine.toml, the payer policies); the record is the
diagnoses with ICD-10-CM codes, the rating-scale scores, the failed-treatment table, other
treatments and the history flags, from the case only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ketacover.core.history import analyze
from ketacover.core.letters import parts
from ketacover.core.letters.criteria import plan_criteria
from ketacover.core.letters.letter import Block, Bullets, Heading, Paragraph
from ketacover.core.letters.text import join_words, long_date, plural, short_date
from ketacover.core.model import Case, Scale, TrialKind


@dataclass(frozen=True, slots=True)
class Voice:
    """Who speaks about the patient: the prescriber (``Morgan Fictional has``) or the patient
    (``I have``)."""

    patient: bool
    name: str

    @property
    def who(self) -> str:
        return "I" if self.patient else self.name

    @property
    def whose(self) -> str:
        return "my" if self.patient else f"{self.name}'s"

    @property
    def has(self) -> str:
        return f"{self.who} {'have' if self.patient else 'has'}"


def request_words(case: Case) -> str:
    """What is asked for: the treatment plan's summary, or the denied treatment."""
    summary = parts.request_summary(case)
    return summary or "the denied services"


def clinical_blocks(case: Case, today: date) -> list[Block]:
    """Diagnoses, scores, the failed-treatment table, other treatments and the history flags."""
    blocks: list[Block] = []
    if case.diagnoses:
        blocks += [Heading("Diagnoses"), parts.diagnosis_table(case)]
    if case.scores:
        blocks += [Heading("Rating scales"), parts.scores_table(case)]
    medication = any(t.kind is TrialKind.MEDICATION for t in case.treatment_history)
    others = parts.other_treatments(case)
    if medication or others:
        blocks.append(Heading("Treatment history"))
    if medication:
        blocks.append(parts.failed_treatment_table(case, today))
    if others:
        blocks.append(Bullets(tuple(others)))
    flags = _flag_sentence(case)
    if flags:
        blocks.append(Paragraph(flags))
    return blocks


def criteria_met(case: Case, today: date) -> tuple[str, list[str]]:
    """What the history is set against (one sentence) and the findings of the criteria it
    meets."""
    judged = plan_criteria(case, today)
    return judged.intro, judged.met


def score_changes(case: Case) -> list[str]:
    """``PHQ-9: 21 on 10/26/2026, 11 on 11/17/2026 (10 points lower, 48%)``, per scale with at
    least two scores."""
    lines = []
    for scale in Scale:
        scores = sorted((s for s in case.scores if s.scale is scale), key=lambda s: s.on)
        if len(scores) < 2:
            continue
        first, last = scores[0], scores[-1]
        change = first.score - last.score
        text = (
            f"{scale.label}: {first.score} on {short_date(first.on)}, "
            f"{last.score} on {short_date(last.on)}"
        )
        if change > 0 and first.score > 0:
            percent = (Decimal(change) * 100 / first.score).quantize(Decimal("1"), ROUND_HALF_UP)
            text += f" ({plural(change, 'point')} lower, {percent}%)"
        elif change < 0:
            text += f" ({plural(-change, 'point')} higher)"
        else:
            text += " (unchanged)"
        lines.append(text)
    return lines


def why_now(case: Case, today: date, voice: Voice) -> str:
    analysis = analyze(
        case.treatment_history, episode_start=case.history.episode_start, today=today
    )
    failed = [trial.name for trial in analysis.trials if trial.failed]
    sentences = []
    if failed:
        sentences.append(
            f"{voice.has} tried {plural(len(failed), 'antidepressant')} ({join_words(failed)}) "
            "without remission."
        )
    latest = _latest_scores(case)
    if latest:
        sentences.append(f"The most recent scores are {latest}.")
    if case.history.suicidal_ideation:
        sentences.append(f"{voice.has} current suicidal ideation.")
    return " ".join(sentences)


def _latest_scores(case: Case) -> str:
    if not case.scores:
        return ""
    last_day = max(s.on for s in case.scores)
    latest = [s for s in case.scores if s.on == last_day]
    words = [f"{s.scale.label} {s.score} of {s.scale.max_score}" for s in latest]
    return f"{join_words(words)} ({long_date(last_day)})"


def _flag_sentence(case: Case) -> str:
    flags = case.history
    absent = []
    if flags.bipolar_history is False:
        absent.append("no history of bipolar disorder or mania")
    if flags.psychotic_features is False:
        absent.append("no psychotic features")
    if flags.substance_use is not None and flags.substance_use.value == "none":
        absent.append("no substance use disorder")
    if not absent:
        return ""
    return f"The record shows {join_words(absent)}."
