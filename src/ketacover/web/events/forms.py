"""Forms of the journey sections: calls, prior authorizations and appeals. They parse and
check input; the services in :mod:`ketacover.web.events.services` do the work.

Every form carries the case ``version`` it was opened at, so a save over someone else's change
is refused instead of overwriting it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from django import forms
from django.utils import timezone

from ketacover.core.model import (
    AppealLevel,
    AppealOutcome,
    Case,
    Channel,
    Decision,
    Treatment,
    Urgency,
)
from ketacover.web.events.services import PLAN_QUESTIONS
from ketacover.web.form_choices import plain_words, set_choices


def choices(enum: type[StrEnum], *, skip: tuple[StrEnum, ...] = ()) -> list[tuple[str, str]]:
    """An enum's members as choices, labelled in plain words (the member's own ``label`` where
    the core gives one: ``IV ketamine infusion``, not ``Iv ketamine``)."""
    return [(m.value, plain_words(m)) for m in enum if m not in skip]


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


def date_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


def text_field(label: str, max_length: int = 120) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=max_length)


class CaseEventForm(forms.Form):
    """A form of the case page: knows the case it records on and the version it was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        case: Case,
        initial: dict[str, Any] | None = None,
        prefix: str | None = None,
    ) -> None:
        super().__init__(data, initial=initial, prefix=prefix)
        self.case = case
        self.setup(case)

    def setup(self, case: Case) -> None:
        """Fill the choices that depend on the case."""

    def event_fields(self) -> dict[str, Any]:
        """The cleaned values the service takes: the version left out, empty texts as None."""
        return {
            name: (None if value == "" else value)
            for name, value in self.cleaned_data.items()
            if name != "version"
        }

    def check_order(self, first: str, then: str, message: str) -> None:
        """Add ``message`` to field ``then`` when its date comes before ``first``'s."""
        start, end = self.cleaned_data.get(first), self.cleaned_data.get(then)
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error(then, message)


class ReceivedAtForm(CaseEventForm):
    """The optional time the plan received a request or appeal: a date and a time in the
    workspace's time zone. An hour clock (72 hours) then ends exactly that many hours later."""

    received_on = date_field("Plan received it on (if known)", required=False)
    received_time = forms.TimeField(
        label="At (time)", required=False, widget=TimeInput(format="%H:%M")
    )

    def setup_received(self) -> None:
        self.zone = timezone.get_current_timezone()
        self.fields["received_time"].label = f"At (time, {self.zone})"

    def clean_received(self, sent: str) -> None:
        """Both parts or neither, and not before the day it was sent (field ``sent``)."""
        day, at = self.cleaned_data.get("received_on"), self.cleaned_data.get("received_time")
        if (day is None) != (at is None):
            self.add_error("received_time", "Give both the day and the time it was received.")
        self.check_order(sent, "received_on", "It was received before it was sent.")

    def pop_received(self, fields: dict[str, Any]) -> datetime | None:
        """Take the two parts out of ``fields`` and join them into one aware time."""
        day, at = fields.pop("received_on"), fields.pop("received_time")
        if day is None or at is None:
            return None
        return datetime.combine(day, at, tzinfo=self.zone)


def _yes_no(value: str) -> bool:
    return value == "yes"


class CallForm(CaseEventForm):
    """A call with the plan and the answers to the standard questions."""

    on = date_field("Date")
    time = forms.TimeField(label="Time", widget=TimeInput(format="%H:%M"))
    channel = forms.ChoiceField(label="Channel", choices=choices(Channel), initial=Channel.PHONE)
    party = text_field("Whom (line or department)", 200)
    representative = text_field("Representative (name or ID)")
    reference = text_field("Reference number")
    notes = forms.CharField(
        label="Notes", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    appeal_window_days = forms.IntegerField(
        label=PLAN_QUESTIONS[4].text, required=False, min_value=1, max_value=3650
    )

    def setup(self, case: Case) -> None:
        zone = timezone.get_current_timezone()
        self.zone = zone
        self.fields["time"].label = f"Time ({zone})"
        for question in PLAN_QUESTIONS[:4]:
            self.fields[question.field] = forms.TypedChoiceField(
                label=question.text,
                required=False,
                choices=[("", "Not asked"), ("yes", "Yes"), ("no", "No")],
                coerce=_yes_no,
                empty_value=None,
            )
        # The answers stay together after the call details, in the order of the script.
        self.order_fields([*list(self.fields)[:8], *(q.field for q in PLAN_QUESTIONS)])

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        at = datetime.combine(fields.pop("on"), fields.pop("time"), tzinfo=self.zone)
        answers = {q.field: fields.pop(q.field) for q in PLAN_QUESTIONS}
        return {**fields, "at": at, "channel": Channel(fields["channel"]), "answers": answers}


class PriorAuthorizationForm(ReceivedAtForm):
    """A prior-authorization request as submitted."""

    treatment = forms.ChoiceField(label="Treatment", choices=choices(Treatment))
    submitted = date_field("Submitted on")
    channel = forms.ChoiceField(label="How", choices=choices(Channel), initial=Channel.PORTAL)
    urgency = forms.ChoiceField(label="Urgency", choices=choices(Urgency))
    reference = text_field("Plan's reference number")

    def setup(self, case: Case) -> None:
        self.setup_received()
        self.order_fields([*(n for n in self.fields if not n.startswith("received_"))])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.clean_received("submitted")
        return cleaned

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        received_at = self.pop_received(fields)
        return {
            **fields,
            "received_at": received_at,
            "treatment": Treatment(fields["treatment"]),
            "channel": Channel(fields["channel"]),
            "urgency": Urgency(fields["urgency"]),
        }


class DecisionForm(CaseEventForm):
    """The plan's decision on a prior-authorization request."""

    authorization_id = forms.ChoiceField(label="Request")
    decision = forms.ChoiceField(
        label="Decision", choices=choices(Decision, skip=(Decision.PENDING,))
    )
    decided = date_field("Decided on")
    authorization_number = text_field("Authorization number (approvals)")
    sessions_approved = forms.IntegerField(
        label="Sessions approved", required=False, min_value=1, max_value=1000
    )
    valid_from = date_field("Valid from", required=False)
    valid_through = date_field("Valid through", required=False)

    def setup(self, case: Case) -> None:
        pending = sorted(case.prior_authorizations, key=lambda pa: pa.decision != Decision.PENDING)
        set_choices(
            self,
            "authorization_id",
            [
                (
                    pa.id,
                    f"{pa.id}: {pa.treatment.label}, submitted {pa.submitted:%b %d, %Y} "
                    f"({pa.decision.value.replace('_', ' ')})",
                )
                for pa in pending
            ],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_order("valid_from", "valid_through", "The last day comes before the first.")
        approved = cleaned.get("decision") in {Decision.APPROVED, Decision.PARTIALLY_APPROVED}
        if not approved and cleaned.get("authorization_number"):
            self.add_error("authorization_number", "Only an approval has an authorization number.")
        return cleaned

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        return {**fields, "decision": Decision(fields["decision"])}


class AppealForm(ReceivedAtForm):
    """An appeal filed against a denial."""

    denial_id = forms.ChoiceField(label="Denial appealed")
    level = forms.ChoiceField(label="Level", choices=choices(AppealLevel))
    submitted = date_field("Filed on")
    expedited = forms.BooleanField(label="Expedited (urgent) review asked for", required=False)
    reference = text_field("Reference number")

    def setup(self, case: Case) -> None:
        self.setup_received()
        self.order_fields([*(n for n in self.fields if not n.startswith("received_"))])
        set_choices(
            self,
            "denial_id",
            [
                (d.id, f"{d.id}: notice of {d.notice_date:%b %d, %Y}")
                for d in reversed(case.denials)
            ],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.clean_received("submitted")
        return cleaned

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        received_at = self.pop_received(fields)
        return {**fields, "level": AppealLevel(fields["level"]), "received_at": received_at}


class AppealDecisionForm(CaseEventForm):
    """The outcome of an appeal."""

    appeal = forms.TypedChoiceField(label="Appeal", coerce=int)
    outcome = forms.ChoiceField(
        label="Outcome", choices=choices(AppealOutcome, skip=(AppealOutcome.PENDING,))
    )
    decided = date_field("Decided on")

    def setup(self, case: Case) -> None:
        set_choices(
            self,
            "appeal",
            [
                (
                    str(i),
                    f"{a.level.value.replace('_', ' ')} appeal of {a.denial_id}, "
                    f"filed {a.submitted:%b %d, %Y}",
                )
                for i, a in enumerate(case.appeals)
            ],
        )

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        return {**fields, "outcome": AppealOutcome(fields["outcome"])}
