"""The clinic profile form: the clinic, its prescribers and its fee schedule.

Every problem is named by its field (and, in the fee schedule, by its line and code), and the
profile is written only when every part is right (:func:`ketacover.web.clinics.services.
clinic_profile_save`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from django import forms
from django.core.validators import RegexValidator

from ketacover.core.billing.fees import billing_unit
from ketacover.core.codes import npi, pos, procedures, us_states
from ketacover.core.errors import InvalidCodeError
from ketacover.core.model import Specialty

MAX_FEES: Final = 200
"""Most lines a fee schedule may have (a ketamine clinic bills a few dozen codes)."""
MAX_CHARGE: Final = Decimal("100000")
"""Largest charge for one unit of a code, in dollars."""
TIN: Final = RegexValidator(r"^\d{2}-?\d{7}$", "A TIN has 9 digits, written like 12-3456789.")
TAXONOMY: Final = RegexValidator(
    r"^\d{3}[0-9A-Za-z]{6}[Xx]$",
    "A provider taxonomy code has 10 characters and ends in X, e.g. 2084P0800X.",
)
_SPLIT: Final = re.compile(r"[\s,;]+")
SPECIALTY_LABELS: Final = {
    Specialty.PSYCHIATRY.value: "Psychiatry",
    Specialty.ANESTHESIOLOGY.value: "Anesthesiology",
    Specialty.PAIN_MEDICINE.value: "Pain medicine",
    Specialty.PRIMARY_CARE.value: "Primary care",
    Specialty.EMERGENCY_MEDICINE.value: "Emergency medicine",
    Specialty.NURSE_PRACTITIONER.value: "Nurse practitioner",
    Specialty.OTHER.value: "Other",
}


def _npi(value: str) -> str:
    try:
        return npi.validate(value)
    except InvalidCodeError as error:
        message = f"{error}. Check the number against the NPPES registry."
        raise forms.ValidationError(message) from None


def place_choices() -> list[tuple[str, str]]:
    """The places of service where sessions are given in person, with their codes."""
    return [
        (place.code, f"{place.code}: {place.name}")
        for place in pos.PLACES
        if place.code in pos.IN_PERSON
    ]


class ClinicProfileForm(forms.Form):
    """The clinic that bills, as every claim of the workspace names it."""

    name = forms.CharField(label="Clinic or practice name (as billed)", max_length=200)
    line1 = forms.CharField(label="Street and number", max_length=200, required=False)
    line2 = forms.CharField(label="Suite or unit", max_length=200, required=False)
    city = forms.CharField(label="City", max_length=100, required=False)
    state = forms.ChoiceField(
        label="State", required=False, choices=[("", "Choose a state"), *us_states.choices()]
    )
    postal_code = forms.CharField(
        label="ZIP code",
        max_length=10,
        required=False,
        validators=[RegexValidator(r"^\d{5}(-?\d{4})?$", "A ZIP code has 5 or 9 digits.")],
    )
    phone = forms.CharField(label="Phone", max_length=40, required=False)
    npi = forms.CharField(
        label="Billing NPI (organization, type 2)",
        max_length=14,
        required=False,
        help_text="10 digits.",
    )
    tin = forms.CharField(
        label="Tax ID (TIN / EIN)", max_length=10, required=False, validators=[TIN]
    )
    taxonomy = forms.CharField(
        label="Provider taxonomy code", max_length=10, required=False, validators=[TAXONOMY]
    )
    place_of_service = forms.ChoiceField(
        label="Where sessions are given (place of service)", choices=place_choices, initial="11"
    )
    fee_schedule = forms.CharField(
        label="Fee schedule",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=(
            "One code a line: the code, then the charge in dollars for one billing unit, e.g. "
            "J0013 8.50 (per 1 mg, so 84 mg is 84 units) or 99214 250.00."
        ),
    )

    def clean_npi(self) -> str:
        typed = self.cleaned_data.get("npi", "").strip()
        return _npi(typed) if typed else ""

    def clean_taxonomy(self) -> str:
        return str(self.cleaned_data.get("taxonomy", "")).strip().upper()

    def clean_fee_schedule(self) -> list[dict[str, str]]:
        """The fee lines as ``{"code", "charge"}``; every bad line is named at once."""
        text = str(self.cleaned_data.get("fee_schedule", ""))
        rows: list[dict[str, str]] = []
        problems: list[str] = []
        seen: dict[str, int] = {}
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > MAX_FEES:
            raise forms.ValidationError(f"A fee schedule has at most {MAX_FEES} lines.")
        for number, line in enumerate(text.splitlines(), start=1):
            parts = [part for part in _SPLIT.split(line.strip()) if part]
            if not parts:
                continue
            code, rest = parts[0].upper(), parts[1:]
            where = f"Line {number} ({code[:12]})"
            try:
                code = procedures.lookup(code).code
            except InvalidCodeError as error:
                problems.append(f"{where}: {error}.")
                continue
            if code in seen:
                problems.append(f"{where}: {code} is already priced on line {seen[code]}.")
                continue
            seen[code] = number
            unit = billing_unit(code)
            if not rest:
                problems.append(
                    f"{where}: the charge is missing; write it after the code in dollars "
                    f"({unit}), e.g. {code} 100.00."
                )
                continue
            if len(rest) > 1:
                problems.append(f"{where}: write one charge after the code, nothing else.")
                continue
            typed = rest[0].removeprefix("$")
            try:
                charge = Decimal(typed)
            except InvalidOperation:
                charge = None
            if charge is None or not charge.is_finite():
                problems.append(f"{where}: {rest[0][:20]!r} is not an amount in dollars.")
            elif charge < 0:
                problems.append(f"{where}: a charge cannot be negative.")
            elif charge > MAX_CHARGE:
                problems.append(f"{where}: a charge for one unit is at most $100,000.")
            elif charge != charge.quantize(Decimal("0.01")):
                problems.append(f"{where}: write the charge in dollars and cents (two decimals).")
            else:
                rows.append({"code": code, "charge": f"{charge.quantize(Decimal('0.01'))}"})
        if problems:
            raise forms.ValidationError(problems)
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        address = [cleaned.get(name) for name in ("line1", "city", "state", "postal_code")]
        if any(address) and not all(address):
            self.add_error(
                "line1",
                "Give the whole service address (street, city, state and ZIP code) or none.",
            )
        return cleaned


class PrescriberForm(forms.Form):
    """One prescriber of the clinic (a row of the prescribers' table)."""

    name = forms.CharField(label="Full name (as on letters)", max_length=200, required=False)
    credentials = forms.CharField(label="Credentials", max_length=60, required=False)
    npi = forms.CharField(label="NPI (individual, type 1)", max_length=14, required=False)
    specialty = forms.ChoiceField(
        label="Specialty",
        required=False,
        choices=[("", "Not given"), *SPECIALTY_LABELS.items()],
    )
    taxonomy = forms.CharField(
        label="Taxonomy code", max_length=10, required=False, validators=[TAXONOMY]
    )
    rems_setting = forms.CharField(
        label="SPRAVATO REMS certified setting ID (esketamine only)",
        max_length=40,
        required=False,
    )
    remove = forms.BooleanField(label="Remove", required=False)

    def clean_npi(self) -> str:
        typed = self.cleaned_data.get("npi", "").strip()
        return _npi(typed) if typed else ""

    def clean_taxonomy(self) -> str:
        return str(self.cleaned_data.get("taxonomy", "")).strip().upper()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        filled = any(
            cleaned.get(name) for name in ("credentials", "npi", "specialty", "taxonomy")
        ) or bool(cleaned.get("rems_setting"))
        if filled and not cleaned.get("name") and not cleaned.get("remove"):
            self.add_error("name", "Give the prescriber's name, or clear the row.")
        return cleaned

    def row(self) -> dict[str, str] | None:
        """The prescriber as stored, or None for an empty or removed row."""
        data = self.cleaned_data
        if data.get("remove") or not data.get("name"):
            return None
        fields = ("name", "credentials", "npi", "specialty", "taxonomy", "rems_setting")
        return {name: str(data.get(name) or "").strip() for name in fields}


PrescriberFormSet = forms.formset_factory(
    PrescriberForm, extra=2, max_num=20, absolute_max=20, validate_max=True
)


def fee_text(rows: list[dict[str, str]]) -> str:
    """The stored fee schedule as the form shows it, one ``CODE CHARGE`` a line."""
    return "\n".join(f"{row['code']} {row['charge']}" for row in rows)
