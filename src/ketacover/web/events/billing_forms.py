"""Forms of the sessions and claims sections: sessions given, claims billed and paid."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

from django import forms

from ketacover.core.billing.abn import ABN_TREATMENTS
from ketacover.core.codes import ndc, procedures
from ketacover.core.codes.procedure_table import ESTABLISHED_PATIENT_TIME, NEW_PATIENT_TIME
from ketacover.core.model import AbnOption, Case, ClaimStatus, EsketamineSupply, Treatment
from ketacover.interop.casefile.checks import is_blood_pressure
from ketacover.web.events.forms import CaseEventForm, choices, date_field, text_field
from ketacover.web.events.services import approved_authorizations
from ketacover.web.form_choices import plain_words, set_choices


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


def minutes_field(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=1440, help_text=help_text
    )


def _em_choices() -> list[tuple[str, str]]:
    visits = [*NEW_PATIENT_TIME, *ESTABLISHED_PATIENT_TIME]
    return [
        ("", "No visit documented"),
        *((code, f"{code}: {procedures.lookup(code).label}") for code, _ in visits),
    ]


def _ndc(value: str) -> None:
    if value and not ndc.is_valid(value):
        raise forms.ValidationError(
            "Write the NDC as 11 digits in the 5-4-2 layout, e.g. 12345-6789-01 (or the "
            "10-digit NDC with its hyphens as on the package)."
        )


SUPPLY_CHOICES: Final = [
    ("", "Not known yet (ask the plan)"),
    (EsketamineSupply.BUY_AND_BILL.value, "The clinic buys and bills the drug"),
    (
        EsketamineSupply.SPECIALTY_PHARMACY.value,
        "A specialty pharmacy dispenses it (the clinic bills only its services)",
    ),
]


class SessionForm(CaseEventForm):
    """One treatment session given, with what the claim's coding needs
    (:func:`ketacover.core.billing.code_session`)."""

    on = date_field("Date of service")
    treatment = forms.ChoiceField(label="Treatment", choices=choices(Treatment))
    minutes = forms.IntegerField(
        label="Infusion or observation minutes", required=False, min_value=1, max_value=1440
    )
    dose_mg = forms.DecimalField(
        label="Dose (mg)", required=False, min_value=Decimal("0"), max_digits=7, decimal_places=2
    )
    em_code = forms.ChoiceField(
        label="Office visit (E/M) documented", required=False, choices=_em_choices
    )
    em_separately_identifiable = forms.TypedChoiceField(
        label="Is the visit separately identifiable from the infusion or esketamine service?",
        required=False,
        choices=[("", "Not said"), ("yes", "Yes (billed with modifier 25)"), ("no", "No")],
        coerce=lambda value: value == "yes",
        empty_value=None,
    )
    em_minutes = minutes_field(
        "Practitioner's total time on the date (minutes)",
        "When the visit level was chosen by time; prolonged practitioner time counts from it.",
    )
    staff_minutes = minutes_field(
        "Clinical staff face-to-face minutes beyond the visit's typical time",
        "Only documented active care under the practitioner's supervision counts; waiting and "
        "observation do not.",
    )
    therapy_minutes = minutes_field("Psychotherapy minutes with the visit")
    ndc = forms.CharField(
        label="Ketamine product NDC (11 digits, 5-4-2)",
        required=False,
        max_length=14,
        validators=[_ndc],
        help_text="Saved on the treatment plan; an IV or IM ketamine claim line carries it.",
    )
    esketamine_supply = forms.ChoiceField(
        label="How esketamine is supplied under this plan",
        required=False,
        choices=SUPPLY_CHOICES,
        help_text="Saved on the plan; decides whether the drug is on the clinic's claim.",
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
        for name in ("em_separately_identifiable", "em_minutes", "therapy_minutes"):
            if cleaned.get(name) not in (None, "") and not cleaned.get("em_code"):
                self.add_error(name, "Choose the documented office visit first.")
        if cleaned.get("ndc") and cleaned.get("treatment") == Treatment.ESKETAMINE.value:
            self.add_error("ndc", "The NDC is for a ketamine session; esketamine is coded by dose.")
        if cleaned.get("ndc") and self.case.treatment_plan is None:
            self.add_error(
                "ndc", "Record the treatment plan first (intake); the NDC is kept on it."
            )
        if cleaned.get("esketamine_supply") and self.case.plan is None:
            self.add_error("esketamine_supply", "The case has no plan to keep this on.")
        self.check_order("on", "rems_form_submitted", "The form is dated before the session.")
        return cleaned

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        supply = fields.get("esketamine_supply")
        return {
            **fields,
            "treatment": Treatment(fields["treatment"]),
            "esketamine_supply": None if supply is None else EsketamineSupply(supply),
        }


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


ABN_OPTIONS: Final = (
    (AbnOption.BILL_MEDICARE.value, "1: bill Medicare (the patient pays if it does not)"),
    (AbnOption.DO_NOT_BILL.value, "2: do not bill Medicare; the patient pays"),
    (AbnOption.DECLINE.value, "3: the patient does not want the treatment"),
)
"""The options of the notice (blank G), as the form words them."""


class AbnForm(CaseEventForm):
    """The Advance Beneficiary Notice the patient signed: when, which option, for which
    treatment."""

    signed = date_field("Signed on")
    option = forms.ChoiceField(label="Option the patient chose", choices=ABN_OPTIONS)
    treatment = forms.ChoiceField(label="Treatment the notice names")

    def setup(self, case: Case) -> None:
        listed = [t for t in Treatment if t in ABN_TREATMENTS]
        set_choices(self, "treatment", [(t.value, plain_words(t)) for t in listed])
        planned = case.treatment_plan
        if planned is not None and planned.treatment in ABN_TREATMENTS:
            self.fields["treatment"].initial = planned.treatment.value
        if case.abn is not None:
            self.fields["option"].initial = case.abn.option.value

    def event_fields(self) -> dict[str, Any]:
        fields = super().event_fields()
        return {
            **fields,
            "option": AbnOption(fields["option"]),
            "treatment": Treatment(fields["treatment"]),
        }


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
