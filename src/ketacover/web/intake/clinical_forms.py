"""Forms of the clinical intake steps: diagnoses, rating scales, treatment history, treatment plan
and urgency. They parse what was typed; the intake services check codes and scores and save."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from django import forms
from django.urls import reverse_lazy

from ketacover.core import scales
from ketacover.core.model import Case, Outcome, Scale, SubstanceUse, Treatment, TrialKind
from ketacover.web.intake.fields import (
    Fieldsets,
    IntakeForm,
    TriStateField,
    date_field,
    enum_choices,
    money_field,
    text_field,
    tri_value,
)

ITEM_SCALES = {Scale.PHQ9: 9, Scale.GAD7: 7}
"""Scales entered item by item, with their number of items (worded as in :mod:`core.scales`)."""
TOTAL_SCALES = (Scale.PCL5, Scale.MADRS, Scale.HAMD17)
"""Scales entered as a total."""
TRIAL_KINDS = {"tms": "TMS", "ect": "ECT", "ketamine": "Ketamine", "esketamine": "Esketamine"}
OUTCOMES = {"no_response": "No response", "ongoing": "Still going", "unknown": "Don't know"}
SUBSTANCE = {"none": "None", "active": "Active", "in_remission": "In remission"}


class DiagnosisForm(IntakeForm):
    """Step 4: add one ICD-10-CM diagnosis."""

    code = forms.CharField(
        label="ICD-10-CM code or words to search",
        required=False,
        max_length=80,
        help_text="Type a code (F33.2) or words (recurrent severe), choose a billable code from "
        "the list, then set the two fields below and add the diagnosis.",
        widget=forms.TextInput(
            attrs={
                "data-icd-field": "",
                "autocomplete": "off",
                "spellcheck": "false",
                "hx-get": reverse_lazy("intake:icd"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#icd-results",
                "hx-swap": "outerHTML",
            }
        ),
    )
    primary = forms.BooleanField(label="Primary diagnosis for this request", required=False)
    since = date_field("Diagnosed on (or start of the current episode)")

    fieldsets: Fieldsets = (("Add a diagnosis", ("code", "primary", "since")),)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("code", "").strip() and "code" not in self.errors:
            self.add_error("code", "Type a code, or search and choose one.")
        return cleaned


class DiagnosisDateForm(forms.Form):
    """Step 4: change the date of a diagnosis already on the case."""

    index = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    since = date_field("Diagnosed on")


class TrialDatesForm(forms.Form):
    """Step 6: change the dates of a treatment already on the case."""

    index = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    start = date_field("Started")
    end = date_field("Stopped")


class ItemsForm(IntakeForm):
    """Step 5: a PHQ-9 or GAD-7 entered item by item; subclasses set ``scale``."""

    scale: ClassVar[Scale]
    on = date_field("Date completed", required=True)
    note = text_field("Note (who gave it, context)", max_length=300)

    def items(self) -> list[forms.BoundField]:
        """The item fields in order."""
        return [self[f"item_{n}"] for n in range(1, ITEM_SCALES[self.scale] + 1)]

    def bands_json(self) -> str:
        """The scale's severity bands for the page's script, as ``[[ceiling, name], ...]``."""
        return json.dumps([list(band) for band in scales.BANDS[self.scale]])

    def summary(self) -> str:
        """The total and band of the answers typed so far (shown when the form comes back)."""
        if not self.is_bound:
            return "No items answered yet"
        answered = [
            int(value)
            for field in self.items()
            if (value := field.value()) not in (None, "") and str(value) in ("0", "1", "2", "3")
        ]
        if not answered:
            return "No items answered yet"
        total = sum(answered)
        text = f"Total {total} of {self.scale.max_score}: {scales.severity(self.scale, total)}"
        count = ITEM_SCALES[self.scale]
        return text if len(answered) == count else f"{text} ({len(answered)} of {count} answered)"

    def flagged(self) -> bool:
        """Whether the typed answer to PHQ-9 item 9 is above 0."""
        if not self.is_bound or self.scale is not Scale.PHQ9:
            return False
        return str(self[f"item_{scales.SUICIDE_ITEM}"].value() or "0") in ("1", "2", "3")


def _item_fields(scale: Scale) -> dict[str, forms.Field]:
    return {
        f"item_{n}": forms.TypedChoiceField(
            label=f"{n}. {text}",
            required=False,
            choices=list(enumerate(scales.ANSWERS)),
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={
                "invalid_choice": f"{scale.label} item {n}: %(value)s is not an answer "
                f"(use {scales.ITEM_MIN} to {scales.ITEM_MAX})."
            },
        )
        for n, text in enumerate(scales.ITEMS[scale], start=1)
    }


class Phq9Form(ItemsForm):
    """The PHQ-9: 9 items, each answered 0 to 3."""

    scale = Scale.PHQ9
    locals().update(_item_fields(Scale.PHQ9))


class Gad7Form(ItemsForm):
    """The GAD-7: 7 items, each answered 0 to 3."""

    scale = Scale.GAD7
    locals().update(_item_fields(Scale.GAD7))


class TotalForm(IntakeForm):
    """Step 5: a scale entered as its total."""

    scale = forms.ChoiceField(
        label="Scale",
        choices=[(s.value, f"{s.label} (0 to {s.max_score})") for s in TOTAL_SCALES],
    )
    score = forms.IntegerField(label="Total score")
    on = date_field("Date completed", required=True)
    note = text_field("Note (who gave it, context)", max_length=300)

    fieldsets: Fieldsets = (("Add a total", ("scale", "score", "on", "note")),)


class TrialForm(IntakeForm):
    """Step 6: one treatment tried (a medication, psychotherapy, TMS, ECT, ...)."""

    kind = forms.ChoiceField(
        label="Kind of treatment",
        choices=enum_choices(TrialKind, TRIAL_KINDS),
        initial=TrialKind.MEDICATION.value,
    )
    name = forms.CharField(
        label="Drug or therapy",
        max_length=120,
        help_text="Type to search antidepressants and augmenting agents (generic or brand); "
        "for a therapy, its name (e.g. CBT).",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "list": "drug-options",
                "hx-get": reverse_lazy("intake:drugs"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#drug-options",
                "hx-swap": "outerHTML",
            }
        ),
    )
    dose = text_field("Dose as written (e.g. 200 mg daily)", max_length=120)
    dose_mg_per_day = forms.DecimalField(
        label="Daily dose in mg", required=False, min_value=0, max_value=100_000, decimal_places=3
    )
    start = date_field("Started")
    end = date_field("Stopped")
    still_taking = forms.BooleanField(label="Still taking it", required=False)
    adequate_dose = TriStateField(label="Adequate dose (or the most tolerated)?")
    augmentation = forms.BooleanField(
        label="Added to an antidepressant as augmentation", required=False
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=enum_choices(Outcome, OUTCOMES),
        initial=Outcome.UNKNOWN.value,
    )
    reason_stopped = text_field("Why it stopped", max_length=300)
    current_episode = TriStateField(label="In the current episode?")

    fieldsets: Fieldsets = (
        ("Add a treatment", ("kind", "name", "dose", "dose_mg_per_day")),
        ("Dates", ("start", "end", "still_taking")),
        (
            "How it went",
            ("adequate_dose", "augmentation", "outcome", "reason_stopped", "current_episode"),
        ),
    )


class TreatmentForm(IntakeForm):
    """Step 7: what is requested, how urgent it is, and the history flags criteria ask about."""

    treatment = forms.ChoiceField(
        label="Treatment requested",
        choices=[(t.value, t.label[0].upper() + t.label[1:]) for t in Treatment],
        widget=forms.RadioSelect,
    )
    sessions = forms.IntegerField(label="Sessions in the course", min_value=1, max_value=1000)
    price_per_session = money_field("Clinic's price per session ($, self-pay)")
    allowed_per_session = money_field(
        "Plan's allowed amount per session ($), if known",
        help_text="From the plan's fee schedule, a benefits call or an earlier EOB. The "
        "patient's share under the plan is figured from it.",
    )
    infusion_minutes = forms.IntegerField(
        label="Infusion minutes per session (IV only)",
        required=False,
        min_value=1,
        max_value=1440,
    )
    dose_mg = forms.TypedChoiceField(
        label="Esketamine dose per session",
        required=False,
        choices=[("", "Not esketamine"), ("56", "56 mg"), ("84", "84 mg")],
        coerce=int,
        empty_value=None,
    )
    start = date_field("Planned first session")
    self_pay = TriStateField(
        label="Does the patient pay the clinic directly (self-pay)?",
        help_text="Uninsured, or not filing a claim with the plan for this course. A self-pay "
        "patient is owed a Good Faith Estimate of the charges.",
    )
    scheduled_on = date_field(
        "Day the first session was scheduled",
        help_text="The Good Faith Estimate is due 1 or 3 business days after it.",
    )
    estimate_requested_on = date_field(
        "Day the patient asked for a cost estimate, if they did",
        help_text="The estimate is then due within 3 business days.",
    )
    estimate_given_on = date_field("Day the Good Faith Estimate was given")
    billed_on = date_field(
        "Date on the clinic's bill for the sessions given",
        help_text="A bill $400.00 or more above the estimate can be disputed for 120 days "
        "from this date.",
    )
    suicidal_ideation = TriStateField(
        label="Current suicidal ideation or behavior?",
        help_text="Yes makes the request urgent (expedited clocks).",
    )
    urgent = forms.BooleanField(
        label="Ask for an urgent (expedited) decision for another reason", required=False
    )
    bipolar_history = TriStateField(label="Current or past bipolar disorder or mania?")
    psychotic_features = TriStateField(label="Psychotic features?")
    substance_use = forms.ChoiceField(
        label="Substance use disorder",
        required=False,
        choices=[*enum_choices(SubstanceUse, SUBSTANCE), ("", "Don't know")],
        widget=forms.RadioSelect,
    )

    fieldsets: Fieldsets = (
        (
            "Treatment plan",
            (
                "treatment",
                "sessions",
                "price_per_session",
                "allowed_per_session",
                "infusion_minutes",
                "dose_mg",
                "start",
            ),
        ),
        (
            "Self-pay and the Good Faith Estimate",
            ("self_pay", "scheduled_on", "estimate_requested_on", "estimate_given_on", "billed_on"),
        ),
        ("Urgency", ("suicidal_ideation", "urgent")),
        ("History", ("bipolar_history", "psychotic_features", "substance_use")),
    )

    @staticmethod
    def initial_from(case: Case) -> dict[str, Any]:
        """The step's fields as the case holds them."""
        history = case.history
        initial: dict[str, Any] = {
            "suicidal_ideation": tri_value(history.suicidal_ideation),
            "bipolar_history": tri_value(history.bipolar_history),
            "psychotic_features": tri_value(history.psychotic_features),
            "substance_use": history.substance_use.value if history.substance_use else "",
            "urgent": case.urgency.value == "urgent" and not history.suicidal_ideation,
        }
        plan = case.treatment_plan
        if plan is not None:
            initial.update(
                treatment=plan.treatment.value,
                sessions=plan.sessions,
                price_per_session=plan.price_per_session,
                allowed_per_session=plan.allowed_per_session,
                infusion_minutes=plan.infusion_minutes,
                dose_mg=str(plan.dose_mg) if plan.dose_mg else "",
                start=plan.start,
                self_pay=tri_value(plan.self_pay),
                scheduled_on=plan.scheduled_on,
                estimate_requested_on=plan.estimate_requested_on,
                estimate_given_on=plan.estimate_given_on,
                billed_on=plan.billed_on,
            )
        return initial


class IndexForm(forms.Form):
    """Which entry of a list to remove or mark."""

    index = forms.IntegerField(min_value=0)
