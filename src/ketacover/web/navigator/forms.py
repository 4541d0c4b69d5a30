"""The navigator's questions, one form per step. Every question says why it is asked (its help
text) and accepts "I don't know": a choice of its own, or an empty field.

Forms only read and check input; :mod:`ketacover.web.navigator.steps` turns what they clean into
answers, and the core (:mod:`ketacover.core.navigator.answers`) checks them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ketacover.core.codes import us_states
from ketacover.core.model import DenialReason, Outcome, PlanType, Treatment
from ketacover.core.navigator.answers import (
    KINDS,
    MAX_MEDICATIONS,
    STATES,
    Coverage,
    PlanKind,
)
from ketacover.web.form_choices import set_choices
from ketacover.web.navigator.fields import (
    DONT_KNOW,
    UNKNOWN,
    Choices,
    birth_date_check,
    choice_field,
    date_field,
    money_field,
    text_field,
    yes_no_field,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

COVERAGE_LABELS: Mapping[Coverage, StrPromise] = {
    Coverage.EMPLOYER: _("Through a job (mine or a family member's)"),
    Coverage.MARKETPLACE: _("The Marketplace (HealthCare.gov or my state's), or bought myself"),
    Coverage.MEDICARE: _("Medicare"),
    Coverage.MEDICAID: _("Medicaid"),
    Coverage.TRICARE: _("TRICARE (military)"),
    Coverage.OTHER: _("Something else"),
}
KIND_LABELS: Mapping[PlanKind, StrPromise] = {
    PlanKind.FULLY_INSURED: _("Fully insured: the employer buys the plan from an insurer"),
    PlanKind.SELF_FUNDED: _("Self-funded: the employer pays the claims itself"),
    PlanKind.MARKETPLACE: _("Bought on the Marketplace"),
    PlanKind.DIRECT: _("Bought directly from an insurer"),
    PlanKind.ORIGINAL_MEDICARE: _("Original Medicare (the card comes from Medicare)"),
    PlanKind.MEDICARE_ADVANTAGE: _("Medicare Advantage (the card comes from a private insurer)"),
    PlanKind.MEDICAID_FEE_FOR_SERVICE: _("Paid by the state directly (fee-for-service)"),
    PlanKind.MEDICAID_MANAGED_CARE: _("Through a Medicaid health plan (managed care)"),
}
KIND_QUESTIONS: Mapping[Coverage, StrPromise] = {
    Coverage.EMPLOYER: _("Is your job plan fully insured or self-funded?"),
    Coverage.MARKETPLACE: _("Where did you buy the plan?"),
    Coverage.MEDICARE: _("Which kind of Medicare do you have?"),
    Coverage.MEDICAID: _("How does your Medicaid work?"),
}
KIND_WHY: Mapping[Coverage, StrPromise] = {
    Coverage.EMPLOYER: _(
        "It decides which appeal rules apply. Your plan's summary (SPD) or HR office can tell you."
    ),
    Coverage.MARKETPLACE: _("Both follow the same appeal rules; we ask so your papers are right."),
    Coverage.MEDICARE: _("Original Medicare and Medicare Advantage have different deadlines."),
    Coverage.MEDICAID: _("Medicaid health plans have their own appeal deadlines."),
}
PLAN_TYPE_LABELS: Mapping[PlanType, str] = {
    PlanType.PPO: "PPO",
    PlanType.HMO: "HMO",
    PlanType.EPO: "EPO",
    PlanType.POS: "POS",
    PlanType.HDHP: "HDHP",
}


class CoverageForm(forms.Form):
    """Step 1: who needs treatment, where they live, how they are insured."""

    age = choice_field(
        _("Is the person who needs treatment 18 or older?"),
        _("Spravato is approved for adults, and plans check age."),
        [("adult", _("Yes, 18 or older")), ("minor", _("No, under 18"))],
    )
    home_state = forms.ChoiceField(
        label=_("Which state do you live in?"),
        help_text=_("Some programs and rules differ by state."),
        required=False,
        choices=[("", DONT_KNOW), *((code, code) for code in sorted(STATES))],
    )
    coverage = choice_field(
        _("How are you insured?"),
        _("Each kind of plan has its own rules and deadlines."),
        [(item.value, label) for item, label in COVERAGE_LABELS.items()],
    )

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, initial: dict[str, Any] | None = None
    ) -> None:
        super().__init__(data, initial=initial)
        # States by name in the page's language (the answers keep the postal code).
        set_choices(
            self, "home_state", [("", str(DONT_KNOW)), *us_states.choices(get_language() or "en")]
        )


class PlanForm(forms.Form):
    """Step 2: the plan."""

    plan_kind = choice_field(_("Which kind of plan?"), _("It decides the rules."), [])
    plan_type = choice_field(
        _("What type of plan is it? It is often printed on the card."),
        _(
            "PPO and POS plans often pay some of the cost out of network; HMO and EPO plans "
            "usually do not."
        ),
        [(item.value, label) for item, label in PLAN_TYPE_LABELS.items()],
    )
    insurer = text_field(
        _("The insurer's name, as on your card"),
        _("It goes on your call script and letters. Leave it empty if you don't know."),
    )
    out_of_network = yes_no_field(
        _("Does your plan pay anything for care outside its network?"),
        _("If it does, you may get money back with a superbill."),
    )
    deductible = money_field(
        _("Your in-network deductible for the year, in dollars"),
        _(
            "It is in your plan's summary of benefits. It lets us estimate your cost. "
            "Leave it empty if you don't know."
        ),
    )
    coinsurance_percent = money_field(
        _("Your share after the deductible (coinsurance), in percent"),
        _(
            "For example, 20 means 20 percent. It lets us estimate your cost. "
            "Leave it empty if you don't know."
        ),
        maximum=Decimal(100),
    )
    out_of_pocket_max = money_field(
        _("Your in-network out-of-pocket maximum for the year, in dollars"),
        _("The most you pay in a year. Leave it empty if you don't know."),
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        initial: dict[str, Any] | None = None,
        coverage: Coverage | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        kinds = KINDS[coverage] if coverage is not None else ()
        if kinds:
            assert coverage is not None
            field = self.fields["plan_kind"]
            field.label = KIND_QUESTIONS[coverage]
            field.help_text = KIND_WHY[coverage]
            set_choices(
                self,
                "plan_kind",
                [
                    *((kind.value, str(KIND_LABELS[kind])) for kind in kinds),
                    (UNKNOWN, str(DONT_KNOW)),
                ],
            )
        else:
            del self.fields["plan_kind"]


CONDITION_LABELS: Choices = [
    ("depression", _("Depression")),
    ("ptsd", _("PTSD (after a trauma)")),
    ("anxiety", _("Anxiety that does not go away (generalized anxiety)")),
    ("crps", _("CRPS (complex regional pain syndrome)")),
    ("chronic_pain", _("Long-lasting (chronic) pain")),
    ("fibromyalgia", _("Fibromyalgia")),
    ("other", _("Something else, or I'm not sure")),
]


class ConditionForm(forms.Form):
    """Step 3: the condition, in everyday words."""

    conditions = forms.MultipleChoiceField(
        label=_("What is the treatment for? Choose all that fit."),
        help_text=_(
            "Plans decide by the diagnosis. We match your words to a diagnosis code; "
            "your prescriber confirms it."
        ),
        required=False,
        choices=CONDITION_LABELS,
        widget=forms.CheckboxSelectMultiple,
    )
    recurrent = choice_field(
        _("If depression: has it come back after times you felt better?"),
        _("Plans treat depression that keeps coming back differently."),
        [("yes", _("Yes, it has come back")), ("no", _("No, this is the first time"))],
    )
    severity = choice_field(
        _("If depression: how bad is it now, as your clinician describes it?"),
        _("Plans often ask for moderate or severe depression."),
        [("mild", _("Mild")), ("moderate", _("Moderate")), ("severe", _("Severe"))],
    )
    psychotic = yes_no_field(
        _(
            "During this time, have you seen or heard things others do not, or held beliefs "
            "others call false?"
        ),
        _("Plans ask about psychosis before they cover Spravato."),
    )
    bipolar = yes_no_field(
        _("Have you ever been told you have bipolar disorder or had mania?"),
        _("Plans do not cover Spravato for people with bipolar disorder."),
    )
    suicidal = yes_no_field(
        _("Are you having thoughts of suicide?"),
        _(
            "If so, plans must decide faster. If you are in danger now, call 911 or go to the "
            "nearest emergency room."
        ),
    )


OUTCOME_LABELS: Choices = [
    ("", _("How did it go?")),
    (Outcome.ONGOING.value, _("I still take it")),
    (Outcome.NO_RESPONSE.value, _("It did not help")),
    (Outcome.PARTIAL_RESPONSE.value, _("It helped a little")),
    (Outcome.RESPONSE.value, _("It helped")),
    (Outcome.INTOLERANCE.value, _("I stopped because of side effects")),
    (Outcome.UNKNOWN.value, DONT_KNOW),
]


class HistoryForm(forms.Form):
    """Step 4: treatments tried: medications by name, therapy, TMS, ECT."""

    therapy = yes_no_field(
        _("Have you had talk therapy (psychotherapy) for this?"),
        _("Some plans want therapy tried first."),
    )
    tms = yes_no_field(
        _("Have you had TMS (magnetic stimulation)?"),
        _("It shows what else was tried."),
    )
    ect = yes_no_field(
        _("Have you had ECT (electroconvulsive therapy)?"),
        _("It shows what else was tried."),
    )

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, initial: dict[str, Any] | None = None
    ) -> None:
        super().__init__(data, initial=initial)
        for index in range(MAX_MEDICATIONS):
            number = index + 1
            self.fields[f"med_{index}_name"] = forms.CharField(
                label=_("Medicine %(number)s: name") % {"number": number},
                required=False,
                max_length=60,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
            self.fields[f"med_{index}_outcome"] = forms.ChoiceField(
                label=_("Medicine %(number)s: how did it go?") % {"number": number},
                required=False,
                choices=OUTCOME_LABELS,
            )
            self.fields[f"med_{index}_weeks"] = forms.IntegerField(
                label=_("Medicine %(number)s: about how many weeks?") % {"number": number},
                required=False,
                min_value=0,
                max_value=520,
            )

    def medication_rows(
        self,
    ) -> list[tuple[int, forms.BoundField, forms.BoundField, forms.BoundField]]:
        """The medication fields, one row per medicine."""
        return [
            (
                index + 1,
                self[f"med_{index}_name"],
                self[f"med_{index}_outcome"],
                self[f"med_{index}_weeks"],
            )
            for index in range(MAX_MEDICATIONS)
        ]


class TreatmentForm(forms.Form):
    """Step 5: the treatment considered and the clinic."""

    treatment = choice_field(
        _("Which treatment are you considering?"),
        _("Plans treat the two very differently."),
        [
            (Treatment.IV_KETAMINE.value, _("IV ketamine (infusions)")),
            (Treatment.ESKETAMINE.value, _("Spravato (esketamine nasal spray)")),
        ],
    )
    sessions = forms.IntegerField(
        label=_("How many sessions does the clinic plan?"),
        help_text=_(
            "It sets the cost. Leave it empty if you don't know: we use the usual first course."
        ),
        required=False,
        min_value=1,
        max_value=100,
    )
    price_per_session = money_field(
        _("The clinic's price per session, in dollars"),
        _("It lets us compare costs. Leave it empty if you don't know."),
    )
    clinic_name = text_field(
        _("The clinic's name"),
        _("It goes on your call script. Leave it empty if you don't know."),
    )
    clinic_in_network = yes_no_field(
        _("Is the clinic in your plan's network?"),
        _("In-network care costs you less. The plan's directory or the clinic can tell you."),
    )
    clinic_rems = yes_no_field(
        _("For Spravato: is the clinic certified to give it (SPRAVATO REMS)?"),
        _("Spravato can only be given at a certified clinic."),
    )


DENIAL_REASON_LABELS: Choices = [
    (DenialReason.EXPERIMENTAL_INVESTIGATIONAL.value, _("It is experimental")),
    (DenialReason.NOT_MEDICALLY_NECESSARY.value, _("It is not medically necessary")),
    (DenialReason.MISSING_DOCUMENTATION.value, _("Papers were missing")),
    (DenialReason.NO_PRIOR_AUTHORIZATION.value, _("No approval was asked for first")),
    (DenialReason.OUT_OF_NETWORK.value, _("The clinic is out of network")),
    (DenialReason.BENEFIT_EXCLUSION.value, _("The plan does not cover it at all")),
    (DenialReason.OTHER.value, _("Another reason")),
]


class DenialForm(forms.Form):
    """Step 6: a denial letter, if any."""

    denial = yes_no_field(
        _("Have you received a letter from your plan saying no (a denial)?"),
        _("A denial starts deadlines for an appeal."),
    )
    denial_date = date_field(
        _("If so: the date printed on the letter"),
        _("Deadlines count from it. Leave it empty if you don't know."),
    )
    denial_pre_service = choice_field(
        _("If so: what did the plan say no to?"),
        _("The appeal letter is worded for one or the other."),
        [("yes", _("A request before treatment")), ("no", _("A bill after treatment"))],
    )
    denial_reason = choice_field(
        _("If so: what reason does the letter give?"),
        _("The reason decides what the appeal should say."),
        DENIAL_REASON_LABELS,
    )
    denial_level = choice_field(
        _("If so: which decision is it?"),
        _("After a final no you can ask for an outside review."),
        [
            ("first", _("The first answer to a request or bill")),
            ("appeal_more_levels", _("An answer to my appeal; another appeal is possible")),
            ("appeal_final", _("An answer to my appeal; the letter says it is final")),
        ],
    )

    def clean_denialdate_field(self) -> date | None:
        value: date | None = self.cleaned_data.get("denial_date")
        if value is not None and value.year < 1900:
            raise forms.ValidationError(_("Enter the date printed on the letter."))
        return value


class DetailsForm(forms.Form):
    """Your details for the documents (optional): they never leave your browser unless you
    download a document or save."""

    given_name = text_field(
        _("First name, as on your insurance card"),
        _("Your letters need it."),
        autocomplete="given-name",
    )
    family_name = text_field(
        _("Last name, as on your insurance card"),
        _("Your letters need it."),
        autocomplete="family-name",
    )
    date_of_birth = date_field(_("Date of birth"), _("Plans find you by it."), autocomplete="bday")
    member_id = text_field(_("Member ID from your card"), _("Plans find you by it."))
    group_number = text_field(
        _("Group number from your card (job plans)"),
        _("It is on the card of most job plans. Leave it empty if there is none."),
    )
    street = text_field(
        _("Street address"),
        _("Letters you sign need your address."),
        autocomplete="street-address",
    )
    city = text_field(
        _("City"), _("Letters you sign need your address."), autocomplete="address-level2"
    )
    postal_code = forms.CharField(
        label=_("ZIP code"),
        help_text=_("Five digits."),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )

    def clean_date_of_birth(self) -> date | None:
        value: date | None = self.cleaned_data.get("date_of_birth")
        if value is not None:
            birth_date_check(value)
        return value

    def clean_postal_code(self) -> str:
        value = str(self.cleaned_data.get("postal_code") or "").strip()
        if value and not (len(value) in (5, 10) and value[:5].isdigit()):
            raise forms.ValidationError(_("Use a 5-digit ZIP code."))
        return value
