"""Forms of the denials section: a denial typed in, and a denial letter uploaded as a PDF."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from ketacover.core.model import Case, DenialLevel, DenialReason
from ketacover.web.events.denial_letters import MAX_LETTER_BYTES
from ketacover.web.events.forms import (
    CaseEventForm,
    TimeInput,
    choices,
    date_field,
    text_field,
)
from ketacover.web.form_choices import set_choices


def _pre_service(value: str) -> bool:
    return value == "pre_service"


class DenialForm(CaseEventForm):
    """A denial notice as the plan sent it."""

    notice_date = date_field("Date on the notice")
    received = date_field("Received on", required=False)
    pre_service = forms.TypedChoiceField(
        label="What was denied",
        choices=[("pre_service", "A prior authorization (pre-service)"), ("claim", "A claim")],
        coerce=_pre_service,
        initial="pre_service",
    )
    level = forms.ChoiceField(label="Decision level", choices=choices(DenialLevel))
    reason = forms.ChoiceField(
        label="Reason",
        required=False,
        choices=[("", "Let ketacover classify it"), *choices(DenialReason)],
    )
    reason_text = forms.CharField(
        label="Reason as the notice words it",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    carc_codes = forms.CharField(
        label="Claim adjustment reason codes (e.g. CO-50, 55)", required=False, max_length=200
    )
    claim_number = text_field("Claim number")
    reference = text_field("Plan's reference number")
    prior_authorization_id = forms.ChoiceField(label="Answers the request", required=False)
    appeal_deadline_on_notice = date_field("Appeal deadline printed on the notice", required=False)
    urgent = forms.BooleanField(label="The care is urgent", required=False)

    def setup(self, case: Case) -> None:
        set_choices(
            self,
            "prior_authorization_id",
            [
                ("", "None"),
                *((pa.id, f"{pa.id}: {pa.treatment.label}") for pa in case.prior_authorizations),
            ],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_order("notice_date", "received", "The notice was received before its date.")
        return cleaned

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        codes = tuple(c for c in re.split(r"[\s,;]+", fields.pop("carc_codes") or "") if c)
        return {
            **fields,
            "carc_codes": codes,
            "level": DenialLevel(fields["level"]),
            "reason": DenialReason(fields["reason"]) if fields["reason"] else None,
        }


class DenialLetterForm(forms.Form):
    """A denial letter to read: a PDF of at most 5 MB (checked again by content)."""

    letter = forms.FileField(label="Denial letter (PDF, up to 5 MB)")

    def clean_letter(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["letter"]
        if (upload.size or 0) > MAX_LETTER_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB.")
        return upload


class PeerToPeerForm(CaseEventForm):
    """A peer-to-peer call scheduled on a denial, and its outcome once known. It is not a formal
    appeal and does not stop the appeal clock (sourcebook appeals.toml)."""

    denial_id = forms.ChoiceField(label="Denial")
    on = date_field("Call date")
    time = forms.TimeField(label="Time", widget=TimeInput(format="%H:%M"))
    with_whom = text_field("With (the plan's reviewer)", 200)
    outcome = forms.CharField(
        label="Outcome (once the call has happened)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def setup(self, case: Case) -> None:
        self.zone = timezone.get_current_timezone()
        self.fields["time"].label = f"Time ({self.zone})"
        set_choices(
            self,
            "denial_id",
            [
                (d.id, f"{d.id}: notice of {d.notice_date:%b %d, %Y}")
                for d in reversed(case.denials)
            ],
        )

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        at = datetime.combine(fields.pop("on"), fields.pop("time"), tzinfo=self.zone)
        return {**fields, "at": at}
