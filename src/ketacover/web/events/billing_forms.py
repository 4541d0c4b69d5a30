"""Forms of the sessions and claims sections: sessions given, claims billed and paid."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from ketacover.core.model import Case, ClaimStatus, Treatment
from ketacover.interop.casefile.checks import is_blood_pressure
from ketacover.web.events.forms import CaseEventForm, choices, date_field, text_field
from ketacover.web.events.services import approved_authorizations
from ketacover.web.form_choices import set_choices


def money_field(label: str, *, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
    )


def _blood_pressure(value: str) -> None:
    if value and not is_blood_pressure(value):
        raise forms.ValidationError(
            "Enter the reading as systolic/diastolic in mmHg, e.g. 128/82 (the first number the "
            "larger)."
        )


def blood_pressure_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=7,
        validators=[_blood_pressure],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "128/82"}),
    )


class SessionForm(CaseEventForm):
    """One treatment session given."""

    on = date_field("Date of service")
    treatment = forms.ChoiceField(label="Treatment", choices=choices(Treatment))
    minutes = forms.IntegerField(
        label="Infusion or observation minutes", required=False, min_value=1, max_value=1440
    )
    dose_mg = forms.DecimalField(
        label="Dose (mg)", required=False, min_value=Decimal("0"), max_digits=7, decimal_places=2
    )
    charge = money_field("Charge ($)")
    amount_paid = money_field("Paid by the patient at the visit ($)")
    authorization_id = forms.ChoiceField(label="Counts against authorization", required=False)
    bp_before = blood_pressure_field("Esketamine: blood pressure before the dose (e.g. 128/82)")
    bp_40_min = blood_pressure_field("Esketamine: blood pressure about 40 minutes after")
    bp_discharge = blood_pressure_field("Esketamine: blood pressure before discharge")
    monitoring_minutes = forms.IntegerField(
        label="Esketamine: minutes monitored after the dose (at least 120)",
        required=False,
        min_value=0,
        max_value=1440,
    )
    rems_form_submitted = date_field(
        "Esketamine: REMS monitoring form submitted on", required=False
    )

    def setup(self, case: Case) -> None:
        set_choices(
            self,
            "authorization_id",
            [
                ("", "None"),
                *((pa_id, pa_id) for pa_id in approved_authorizations(case)),
            ],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("treatment") != Treatment.ESKETAMINE.value:
            for name in REMS_FIELDS:
                if cleaned.get(name) not in (None, ""):
                    self.add_error(name, "Only an esketamine session has REMS monitoring values.")
        self.check_order("on", "rems_form_submitted", "The form is dated before the session.")
        return cleaned

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        return {**fields, "treatment": Treatment(fields["treatment"])}


REMS_FIELDS = (
    "bp_before",
    "bp_40_min",
    "bp_discharge",
    "monitoring_minutes",
    "rems_form_submitted",
)
"""The session fields of the esketamine REMS Patient Monitoring Form (sourcebook
esketamine.toml)."""


class RemsFormForm(CaseEventForm):
    """The REMS Patient Monitoring Form of an esketamine session, submitted."""

    session = forms.TypedChoiceField(label="Esketamine session", coerce=int)
    submitted = date_field("Monitoring form submitted on")

    def setup(self, case: Case) -> None:
        set_choices(
            self,
            "session",
            [
                (str(i), f"{s.on:%b %d, %Y}, {s.treatment.label}")
                for i, s in enumerate(case.sessions)
                if s.treatment is Treatment.ESKETAMINE and s.rems_form_submitted is None
            ],
        )


class ClaimForm(CaseEventForm):
    """A claim or superbill submission."""

    claim_number = text_field("Claim number")
    service_from = date_field("First date of service")
    service_to = date_field("Last date of service", required=False)
    submitted = date_field("Submitted on", required=False)
    status = forms.ChoiceField(label="Status", choices=choices(ClaimStatus), initial="submitted")
    billed = money_field("Billed ($)", required=True)
    allowed = money_field("Allowed ($)")
    paid = money_field("Paid by the plan ($)")
    patient_share = money_field("Patient share ($)")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_order("service_from", "service_to", "The last date comes before the first.")
        return cleaned

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        return {**fields, "status": ClaimStatus(fields["status"])}


class ClaimUpdateForm(CaseEventForm):
    """What the plan decided on a claim: status and amounts from the EOB or remittance."""

    claim = forms.TypedChoiceField(label="Claim", coerce=int)
    status = forms.ChoiceField(label="Status", choices=choices(ClaimStatus))
    allowed = money_field("Allowed ($)")
    paid = money_field("Paid by the plan ($)")
    patient_share = money_field("Patient share ($)")

    def setup(self, case: Case) -> None:
        set_choices(
            self,
            "claim",
            [
                (
                    str(i),
                    f"{c.claim_number or 'no number'}: {c.service_from:%b %d, %Y}, ${c.billed}",
                )
                for i, c in enumerate(case.claims)
            ],
        )

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        return {**fields, "status": ClaimStatus(fields["status"])}
