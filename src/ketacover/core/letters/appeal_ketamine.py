"""What an appeal for IV ketamine in depression adds: why not esketamine or ECT, the dose, the
monitoring and when the course continues.

- **Why not esketamine or ECT**: only the facts the case records: an esketamine or ECT trial in
  the treatment history (dates, outcome, why it stopped), a clinic not certified in the SPRAVATO
  REMS, a plan that said esketamine is not covered. Nothing is assumed; without such facts the
  section is left out.
- **The dose**: the dose ordered in mg/kg and over how many minutes, beside the dose the
  randomized trials studied, 0.5 mg/kg over 40 minutes (Zarate et al., 2006; Murrough et al.,
  2013; Anand et al., 2023 (ELEKT-D); the evidence library).
- **Monitoring** and **continuation**: vital signs and dissociation watched until they settle,
  as the APA consensus statement describes (Sanacora et al., 2017); continuation asked for only
  with a measured response, a fall of at least 50% from baseline on the case's own scales.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from ketacover.core.evidence import condition_of
from ketacover.core.letters.letter import Block, Bullets, Heading, Paragraph
from ketacover.core.letters.text import join_words, short_date
from ketacover.core.model import Case, Treatment, TreatmentTrial, TrialKind

STUDIED_MG_PER_KG: Final = Decimal("0.5")
"""The dose per session the randomized trials of IV ketamine in depression gave."""
STUDIED_MINUTES: Final = 40
"""Over how many minutes the trials gave it."""
_TRIALS: Final = "Zarate et al., 2006; Murrough et al., 2013; Anand et al., 2023"


def ketamine_blocks(case: Case) -> list[Block]:
    """The IV-ketamine sections of an appeal, for a depression case planned for IV ketamine;
    empty otherwise."""
    plan = case.treatment_plan
    if plan is None or plan.treatment is not Treatment.IV_KETAMINE:
        return []
    if condition_of(case) not in ("depression", "suicidal_ideation"):
        return []
    blocks: list[Block] = []
    alternatives = why_not_alternatives(case)
    if alternatives:
        blocks += [Heading("Why not esketamine or ECT"), Bullets(tuple(alternatives))]
    blocks += [
        Heading("Dose, monitoring and continuation"),
        Paragraph(dose_sentence(case)),
        Paragraph(
            "During and after each infusion, blood pressure, heart rate and dissociative "
            "symptoms are watched until they settle, as the American Psychiatric "
            "Association's consensus statement describes (Sanacora et al., 2017)."
        ),
        Paragraph(continuation_sentence(case)),
    ]
    return blocks


def why_not_alternatives(case: Case) -> list[str]:
    """The case's facts on esketamine and ECT: trials, the clinic's REMS status, the plan's
    answer on esketamine coverage."""
    lines = [_trial_line(t) for t in case.treatment_history if t.kind is TrialKind.ESKETAMINE]
    lines += [_trial_line(t) for t in case.treatment_history if t.kind is TrialKind.ECT]
    clinic = case.clinic
    if clinic is not None and clinic.rems_certified is False:
        lines.append(
            f"{clinic.name} is not certified in the SPRAVATO REMS, and esketamine can only be "
            "given in a certified setting."
        )
    plan = case.plan
    if plan is not None and plan.esketamine_covered is False:
        lines.append(f"{plan.payer} said that esketamine (Spravato) is not covered.")
    return lines


def _trial_line(trial: TreatmentTrial) -> str:
    what = "Esketamine nasal spray" if trial.kind is TrialKind.ESKETAMINE else "ECT"
    if trial.name and trial.name.lower() not in ("esketamine", "ect", "spravato"):
        what += f" ({trial.name})"
    dates = " to ".join(short_date(d) for d in (trial.start, trial.end) if d is not None)
    text = f"{what} was tried" + (f" ({dates})" if dates else "")
    text += f": {trial.outcome.label}" if trial.outcome.label != "unknown" else ""
    for remark in (trial.reason_stopped, trial.note):
        if remark:
            text += f"; {remark.rstrip('.')}"
    return f"{text}."


def dose_sentence(case: Case) -> str:
    """``The dose ordered is 0.5 mg/kg over 40 minutes, the dose the randomized trials ...``."""
    plan = case.treatment_plan
    studied = (
        f"{STUDIED_MG_PER_KG} mg/kg over {STUDIED_MINUTES} minutes, the dose the randomized "
        f"trials gave ({_TRIALS})"
    )
    if plan is None or plan.dose_mg_per_kg is None:
        return f"The dose studied is {studied}."
    ordered = f"{plan.dose_mg_per_kg.normalize():f} mg/kg"
    if plan.infusion_minutes:
        ordered += f" over {plan.infusion_minutes} minutes"
    same = plan.dose_mg_per_kg == STUDIED_MG_PER_KG and plan.infusion_minutes == STUDIED_MINUTES
    if same:
        return f"The dose ordered is {ordered}, the dose the randomized trials gave ({_TRIALS})."
    return f"The dose ordered is {ordered}; the dose studied is {studied}."


def continuation_sentence(case: Case) -> str:
    """When the course continues: a measured response on the case's scales."""
    scales = list(dict.fromkeys(score.scale.label for score in case.scores))
    on = join_words(scales) if scales else "a standard depression rating scale"
    return (
        f"Response is measured with the {on} before the course and again during it. "
        "Continuation beyond this course is asked for only with a response, a fall of at least "
        "50% from the baseline score, and the plan will receive the scores with that request."
    )
