"""Forms of the first three intake steps: patient, health plan, providers. They parse and check
the shape of what was typed; the intake services check codes and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.http import QueryDict

from ketacover.core.codes import us_states
from ketacover.core.costs.amounts import CostInputError
from ketacover.core.costs.plan_year import parse_month_day
from ketacover.core.model import (
    CASE_ID_PATTERN,
    CASE_ID_RULE,
    Address,
    Case,
    CostShare,
    NetworkStatus,
    PayerCategory,
    PlanType,
    Sex,
)
from ketacover.core.model import Specialty as SpecialtyEnum
from ketacover.web.accounts.models import Workspace
from ketacover.web.clinics.profile import prescriber_names, profile_of
from ketacover.web.intake.fields import (
    TIN,
    ZIP,
    Fieldsets,
    IntakeForm,
    TriStateField,
    date_field,
    enum_choices,
    money_field,
    text_field,
    tri_value,
)

CASE_ID = RegexValidator(CASE_ID_PATTERN, CASE_ID_RULE.capitalize() + ".")
ADDRESS = ("line1", "line2", "city", "state", "postal_code")
CATEGORY_HELP = {
    "commercial_fully_insured": "Employer plan bought from an insurer",
    "commercial_self_funded": "Self-funded employer plan (the employer pays claims; an insurer "
    "often runs it)",
    "marketplace_qhp": "Marketplace plan (bought on HealthCare.gov or a state exchange)",
    "individual": "Individual plan bought directly from an insurer, off the Marketplace",
    "medicare": "Original Medicare (Parts A and B)",
    "medicare_advantage": "Medicare Advantage (Part C) plan",
    "medicaid": "Medicaid or CHIP, paid by the state directly",
    "medicaid_managed_care": "Medicaid or CHIP through a managed care plan",
    "tricare": "TRICARE (military health system)",
    "other": "Something else (government or church plan, student plan, ...)",
}
PLAN_TYPES = {"ppo": "PPO", "hmo": "HMO", "epo": "EPO", "pos": "POS", "hdhp": "HDHP"}
SPECIALTIES = {"nurse_practitioner": "Nurse practitioner", "primary_care": "Primary care"}
TIERS = {"in": "in_network", "oon": "out_of_network"}
SHARE_FIELDS = (
    "deductible",
    "deductible_met",
    "coinsurance_percent",
    "out_of_pocket_max",
    "out_of_pocket_met",
)


def _address_fields(prefix: str, what: str) -> dict[str, forms.Field]:
    return {
        f"{prefix}line1": text_field(f"{what} street and number"),
        f"{prefix}line2": text_field("Apartment, suite or unit"),
        f"{prefix}city": text_field("City or town", max_length=100),
        f"{prefix}state": forms.ChoiceField(
            label="State", required=False, choices=[("", "Choose a state"), *us_states.choices()]
        ),
        f"{prefix}postal_code": forms.CharField(
            label="ZIP code", required=False, max_length=10, validators=[ZIP]
        ),
    }


def _address_initial(prefix: str, address: Address | None) -> dict[str, Any]:
    if address is None:
        return {}
    return {f"{prefix}{name}": getattr(address, name) for name in ADDRESS}


class PatientForm(IntakeForm):
    """Step 1: who the patient is, and the case id."""

    case_id = forms.CharField(
        label="Case id",
        max_length=64,
        validators=[CASE_ID],
        help_text="Suggested; change it if your clinic numbers cases. Never use the patient's "
        "name: the id appears in logs.",
    )
    workspace = forms.ModelChoiceField(queryset=Workspace.objects.none(), empty_label=None)
    given_name = text_field("First name (as on the insurance card)", required=True)
    family_name = text_field("Last name (as on the insurance card)", required=True)
    date_of_birth = date_field("Date of birth", required=True)
    sex = forms.ChoiceField(
        label="Sex (as the plan has it on file)",
        choices=enum_choices(Sex, {"unknown": "Don't know"}),
        initial=Sex.UNKNOWN.value,
        widget=forms.RadioSelect,
    )
    locals().update(_address_fields("", "Home address:"))
    phone = text_field("Phone", max_length=40)
    email = forms.EmailField(label="Email", required=False)

    fieldsets: Fieldsets = (
        ("Case", ("case_id", "workspace")),
        ("Patient", ("given_name", "family_name", "date_of_birth", "sex", "phone", "email")),
        ("Home address", ADDRESS),
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        initial: dict[str, Any] | None = None,
        workspaces: QuerySet[Workspace] | None = None,
        existing: bool = False,
    ) -> None:
        super().__init__(data, initial=initial)
        if existing:
            # The case id and workspace are fixed once the case exists.
            del self.fields["case_id"]
            del self.fields["workspace"]
            self.fieldsets = self.fieldsets[1:]
            return
        field = self.fields["workspace"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = workspaces if workspaces is not None else Workspace.objects.none()
        if field.queryset.count() == 1:
            field.widget = forms.HiddenInput()
        self._prescribers(list(field.queryset))

    def _prescribers(self, workspaces: list[Workspace]) -> None:
        """The prescribers of the workspaces' clinic profiles, to start the case with one."""
        several = len(workspaces) > 1
        options = [
            (f"{workspace.pk}:{index}", f"{workspace.name}: {name}" if several else name)
            for workspace in workspaces
            for index, name in enumerate(prescriber_names(profile_of(workspace.pk)))
        ]
        if not options:
            return
        self.fields["prescriber"] = forms.ChoiceField(
            label="Prescriber (from the clinic profile)",
            choices=options,
            help_text="The clinic and this prescriber are filled in for the new case.",
        )
        self.fieldsets = (("Case", ("case_id", "workspace", "prescriber")), *self.fieldsets[1:])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.require_group(ADDRESS, ("line1", "city", "state", "postal_code"), "address")
        chosen, workspace = cleaned.get("prescriber"), cleaned.get("workspace")
        if chosen and workspace is not None:
            owner, _, index = str(chosen).partition(":")
            if owner != str(workspace.pk):
                self.add_error("prescriber", "This prescriber is in another workspace.")
            else:
                cleaned["prescriber_index"] = int(index)
        return cleaned

    @staticmethod
    def initial_from(case: Case) -> dict[str, Any]:
        """The step's fields as the case holds them."""
        patient = case.patient
        return {
            "given_name": patient.given_name,
            "family_name": patient.family_name,
            "date_of_birth": patient.date_of_birth,
            "sex": patient.sex.value,
            "phone": patient.phone or "",
            "email": patient.email or "",
            **_address_initial("", patient.address),
        }


def _share_fields(prefix: str, what: str) -> dict[str, forms.Field]:
    return {
        f"{prefix}_deductible": money_field(f"{what} deductible ($ per year)"),
        f"{prefix}_deductible_met": money_field("Deductible met so far this year ($)"),
        f"{prefix}_coinsurance_percent": forms.DecimalField(
            label="Coinsurance after the deductible (%)",
            required=False,
            min_value=0,
            max_value=100,
            decimal_places=2,
            help_text="The patient's share: 20 means the patient pays 20%.",
        ),
        f"{prefix}_out_of_pocket_max": money_field("Out-of-pocket maximum ($ per year)"),
        f"{prefix}_out_of_pocket_met": money_field("Out-of-pocket met so far this year ($)"),
    }


class PlanForm(IntakeForm):
    """Step 2: the health plan and its cost sharing."""

    payer = text_field("Insurer or plan administrator (as on the card)", required=True)
    category = forms.ChoiceField(
        label="What kind of coverage is it?",
        choices=[(c.value, CATEGORY_HELP[c.value]) for c in PayerCategory],
        widget=forms.RadioSelect,
        help_text="It decides which appeal rules and deadlines apply. An employer plan's "
        "documents (or HR) say whether it is self-funded.",
    )
    plan_type = forms.ChoiceField(
        label="Plan type (as printed on the card)",
        required=False,
        choices=[("", "Don't know"), *enum_choices(PlanType, PLAN_TYPES)],
    )
    plan_name = text_field("Plan name")
    member_id = text_field("Member ID", max_length=64)
    group_number = text_field("Group number", max_length=64)
    state = forms.ChoiceField(
        label="State where the plan is issued",
        required=False,
        choices=[("", "Don't know"), *us_states.choices()],
    )
    phone_behavioral_health = text_field("Behavioral-health benefits phone", max_length=40)
    phone_medical = text_field("Medical benefits phone", max_length=40)
    grandfathered = TriStateField(
        label="Is the plan grandfathered under the ACA?",
        help_text="A grandfathered plan may not offer federal external review.",
    )
    plan_year_start = forms.CharField(
        label="Plan year starts on (MM-DD)",
        required=False,
        max_length=5,
        help_text="The day the deductible and out-of-pocket maximum start over; leave empty for "
        "January 1 (01-01). Employer plans often start on 07-01 or another month.",
    )
    locals().update(_share_fields("in", "In-network"))
    locals().update(_share_fields("oon", "Out-of-network"))
    out_of_network_benefits = TriStateField(label="Does the plan pay anything out of network?")

    fieldsets: Fieldsets = (
        (
            "Plan",
            (
                "payer",
                "category",
                "plan_type",
                "plan_name",
                "member_id",
                "group_number",
                "state",
                "grandfathered",
                "plan_year_start",
            ),
        ),
        ("Phone numbers", ("phone_behavioral_health", "phone_medical")),
        ("In-network cost sharing", tuple(f"in_{name}" for name in SHARE_FIELDS)),
        (
            "Out-of-network cost sharing",
            ("out_of_network_benefits", *(f"oon_{name}" for name in SHARE_FIELDS)),
        ),
    )

    def clean_plan_year_start(self) -> str:
        value: str = self.cleaned_data.get("plan_year_start", "").strip()
        if value:
            try:
                parse_month_day("plan_year_start", value)
            except CostInputError:
                raise forms.ValidationError(
                    "Give a month and day of the year as MM-DD, e.g. 07-01."
                ) from None
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for prefix in TIERS:
            for total, met in (
                ("deductible", "deductible_met"),
                ("out_of_pocket_max", "out_of_pocket_met"),
            ):
                ceiling, used = cleaned.get(f"{prefix}_{total}"), cleaned.get(f"{prefix}_{met}")
                if ceiling is not None and used is not None and used > ceiling:
                    self.add_error(f"{prefix}_{met}", "This is more than the amount above it.")
        return cleaned

    @staticmethod
    def initial_from(case: Case) -> dict[str, Any]:
        """The step's fields as the case holds them."""
        plan = case.plan
        if plan is None:
            return {}
        initial: dict[str, Any] = {
            name: getattr(plan, name) or ""
            for name in (
                "payer",
                "plan_name",
                "member_id",
                "group_number",
                "state",
                "phone_behavioral_health",
                "phone_medical",
                "plan_year_start",
            )
        }
        initial["category"] = plan.category.value
        initial["plan_type"] = plan.plan_type.value if plan.plan_type else ""
        initial["grandfathered"] = tri_value(plan.grandfathered)
        initial["out_of_network_benefits"] = tri_value(plan.out_of_network_benefits)
        for prefix, tier in TIERS.items():
            share: CostShare | None = getattr(plan, tier)
            if share is not None:
                initial.update({f"{prefix}_{n}": getattr(share, n) for n in SHARE_FIELDS})
        return initial


CLINIC = (
    "clinic_name",
    "clinic_npi",
    "clinic_tin",
    "clinic_phone",
    "clinic_fax",
    *(f"clinic_{name}" for name in ADDRESS),
)
PRESCRIBER = ("prescriber_name", "prescriber_credentials", "prescriber_npi")


class ProvidersForm(IntakeForm):
    """Step 3: the clinic that bills and the prescriber."""

    clinic_name = text_field("Clinic or practice name (as billed)")
    clinic_npi = forms.CharField(
        label="Clinic NPI (organization, type 2)",
        required=False,
        max_length=14,
        help_text="10 digits.",
    )
    clinic_tin = forms.CharField(
        label="Tax ID (TIN / EIN)", required=False, max_length=10, validators=[TIN]
    )
    clinic_network_status = forms.ChoiceField(
        label="Is the clinic in the patient's network?",
        choices=enum_choices(NetworkStatus, {"unknown": "Don't know"}),
        initial=NetworkStatus.UNKNOWN.value,
        widget=forms.RadioSelect,
    )
    clinic_rems_certified = TriStateField(
        label="Is the site certified in the SPRAVATO REMS?",
        help_text="Required to give esketamine (Spravato).",
    )
    locals().update(_address_fields("clinic_", "Service address:"))
    clinic_phone = text_field("Clinic phone", max_length=40)
    clinic_fax = text_field("Clinic fax", max_length=40)
    prescriber_name = text_field("Prescriber's full name (as on letters)")
    prescriber_credentials = text_field("Credentials (e.g. MD, DO, PMHNP)", max_length=60)
    prescriber_npi = forms.CharField(
        label="Prescriber NPI (individual, type 1)",
        required=False,
        max_length=14,
        help_text="10 digits.",
    )
    prescriber_specialty = forms.ChoiceField(
        label="Specialty",
        required=False,
        choices=[("", "Don't know"), *enum_choices(SpecialtyEnum, SPECIALTIES)],
    )

    fieldsets: Fieldsets = (
        (
            "Clinic",
            (
                "clinic_name",
                "clinic_npi",
                "clinic_tin",
                "clinic_network_status",
                "clinic_rems_certified",
                "clinic_phone",
                "clinic_fax",
            ),
        ),
        ("Clinic service address", tuple(f"clinic_{name}" for name in ADDRESS)),
        ("Prescriber", (*PRESCRIBER, "prescriber_specialty")),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.require_group(CLINIC, ("clinic_name",), "clinic")
        address = tuple(f"clinic_{name}" for name in ADDRESS)
        self.require_group(address, [f"clinic_{n}" for n in ADDRESS if n != "line2"], "address")
        self.require_group(PRESCRIBER, ("prescriber_name",), "prescriber")
        return cleaned

    @staticmethod
    def initial_from(case: Case) -> dict[str, Any]:
        """The step's fields as the case holds them."""
        initial: dict[str, Any] = {}
        if case.clinic is not None:
            clinic = case.clinic
            initial.update(
                clinic_name=clinic.name,
                clinic_npi=clinic.npi or "",
                clinic_tin=clinic.tin or "",
                clinic_network_status=clinic.network_status.value,
                clinic_rems_certified=tri_value(clinic.rems_certified),
                clinic_phone=clinic.phone or "",
                clinic_fax=clinic.fax or "",
                **_address_initial("clinic_", clinic.address),
            )
        if case.prescriber is not None:
            prescriber = case.prescriber
            initial.update(
                prescriber_name=prescriber.name,
                prescriber_credentials=prescriber.credentials or "",
                prescriber_npi=prescriber.npi or "",
                prescriber_specialty=prescriber.specialty.value if prescriber.specialty else "",
            )
        return initial
