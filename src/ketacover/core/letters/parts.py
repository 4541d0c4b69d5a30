"""Pieces every letter shares, built from a case: parties, identifier lines, the signature block,
the diagnosis, score and failed-treatment tables, the requested services, and the check that the
facts a document needs are present.

Codes and their rules come from ``ketacover.core.codes`` (sourcebook codes.toml); treatment
history is judged by ``ketacover.core.history``. Pieces a patient's documents share take a
``language`` (English by default); their wording is in :mod:`.parts_phrases`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from ketacover.core.codes import icd10cm, procedures
from ketacover.core.codes.antidepressants import drug_class
from ketacover.core.errors import MissingFactsError
from ketacover.core.history import analyze
from ketacover.core.letters import parts_phrases as say
from ketacover.core.letters.language import Language
from ketacover.core.letters.letter import Party, Signature, Table
from ketacover.core.letters.terms import procedure_label, treatment_name
from ketacover.core.letters.text import long_date, money, short_date
from ketacover.core.model import (
    Address,
    Case,
    Outcome,
    PayerCategory,
    Treatment,
    TrialKind,
)

Check = tuple[bool, str]
"""``(present, "path: why it is needed")``: one fact a document needs."""

_OUTCOME_WORDS = {
    Outcome.NO_RESPONSE: "no response",
    Outcome.PARTIAL_RESPONSE: "partial response",
    Outcome.RESPONSE: "response",
    Outcome.REMISSION: "remission",
    Outcome.INTOLERANCE: "stopped for side effects",
    Outcome.ONGOING: "ongoing",
    Outcome.UNKNOWN: "not recorded",
}


def require(document: str, checks: Iterable[Check]) -> None:
    """Raise :class:`MissingFactsError` listing every fact that is absent; do nothing if all are."""
    missing = [why for present, why in checks if not present]
    if missing:
        raise MissingFactsError(document, missing)


def identity_checks(case: Case) -> list[Check]:
    """The facts every letter to a plan needs: who the patient is and which plan."""
    plan = case.plan
    return [
        (plan is not None, "plan: the plan (payer) the letter goes to"),
        (plan is not None and bool(plan.member_id), "plan.member_id: identifies the patient"),
    ]


def signer_checks(case: Case) -> list[Check]:
    """The facts a prescriber's signature block needs."""
    prescriber = case.prescriber
    return [
        (prescriber is not None, "prescriber: the clinician who signs the letter"),
        (
            prescriber is not None and bool(prescriber.npi),
            "prescriber.npi: payers identify the signer by NPI",
        ),
    ]


def running_header(case: Case, *, language: Language = Language.EN) -> str:
    """Patient's name and date of birth, for page 2 onward."""
    patient = case.patient
    return say.RUNNING_HEADER.format(
        language, name=patient.full_name, born=birth_date(case, language)
    )


def birth_date(case: Case, language: Language = Language.EN) -> str:
    """The patient's date of birth: ``08/09/1975`` in English, written out in Spanish (a Spanish
    reader takes ``08/09`` as the 8th of September)."""
    born = case.patient.date_of_birth
    return long_date(born, language) if language is Language.ES else short_date(born)


def references(
    case: Case, *extra: tuple[str, str | None], language: Language = Language.EN
) -> tuple[tuple[str, str], ...]:
    """Identifier lines: patient, date of birth, member ID, group number, then ``extra``.

    Lines whose value is unknown are left out, never printed empty.
    """
    patient = case.patient
    plan = case.plan
    lang = language
    lines: list[tuple[str, str | None]] = [
        (say.PATIENT.format(lang), patient.full_name),
        (say.DATE_OF_BIRTH.format(lang), birth_date(case, lang)),
        (say.MEMBER_ID.format(lang), plan.member_id if plan else None),
        (say.GROUP_NUMBER.format(lang), plan.group_number if plan else None),
        (say.PLAN.format(lang), plan.plan_name if plan else None),
        *extra,
    ]
    return tuple((label, value) for label, value in lines if value)


def address_lines(address: Address | None) -> tuple[str, ...]:
    """An address as the lines of an envelope."""
    if address is None:
        return ()
    street = tuple(line for line in (address.line1, address.line2) if line)
    return (*street, f"{address.city}, {address.state} {address.postal_code}")


def plan_recipient(case: Case, department: str, *, appeals: bool = False) -> Party:
    """The plan as recipient, with the department and, when known, the fax or address to use."""
    plan = case.plan
    if plan is None:
        return Party(name="Health plan", lines=(department,))
    lines: list[str] = [department]
    if appeals:
        lines += address_lines(plan.appeals_address)
        if plan.appeals_fax:
            lines.append(f"Fax: {plan.appeals_fax}")
    elif plan.prior_authorization_fax:
        lines.append(f"Fax: {plan.prior_authorization_fax}")
    return Party(name=plan.payer, lines=tuple(lines))


def clinic_sender(case: Case) -> Party | None:
    """The clinic as letterhead: name, address, phone and fax, NPI and TIN when known."""
    clinic = case.clinic
    if clinic is None:
        return None
    lines = list(address_lines(clinic.address))
    contact = [
        f"Phone {clinic.phone}" if clinic.phone else "",
        f"Fax {clinic.fax}" if clinic.fax else "",
    ]
    if any(contact):
        lines.append(" · ".join(part for part in contact if part))
    ids = [f"NPI {clinic.npi}" if clinic.npi else "", f"TIN {clinic.tin}" if clinic.tin else ""]
    if any(ids):
        lines.append(" · ".join(part for part in ids if part))
    return Party(name=clinic.name, lines=tuple(lines))


def patient_sender(case: Case) -> Party:
    """The patient as sender (patient-signed letters), with their address when known."""
    patient = case.patient
    lines = list(address_lines(patient.address))
    if patient.phone:
        lines.append(f"Phone {patient.phone}")
    return Party(name=patient.full_name, lines=tuple(lines))


def prescriber_signature(case: Case) -> Signature | None:
    """The prescriber's signature block; the signer alone fills the signature and the date."""
    prescriber = case.prescriber
    if prescriber is None:
        return None
    lines = (case.clinic.name,) if case.clinic is not None else ()
    return Signature(
        name=prescriber.name,
        credentials=prescriber.credentials,
        npi=prescriber.npi,
        lines=lines,
    )


def diagnosis_table(case: Case, *, language: Language = Language.EN) -> Table:
    """Diagnoses with their ICD-10-CM codes and the official descriptions, primary first.

    The official descriptions are English; a Spanish table says so and quotes them.
    """
    lang = language
    ordered = sorted(case.diagnoses, key=lambda d: not d.primary)
    rows = []
    for diagnosis in ordered:
        code = icd10cm.normalize(diagnosis.code)
        if icd10cm.is_valid(code):
            description = say.OFFICIAL_DESCRIPTION.format(lang, text=icd10cm.describe(code))
        else:
            description = say.NOT_IN_CODE_SET.format(lang)
        rows.append((code, description, say.PRIMARY.format(lang) if diagnosis.primary else ""))
    columns = ("ICD-10-CM", say.DIAGNOSIS_DESCRIPTION.format(lang), "")
    return Table(columns=columns, rows=tuple(rows), widths=(2, 7, 1))


def scores_table(case: Case) -> Table:
    """Rating-scale totals by date, oldest first."""
    rows = tuple(
        (short_date(s.on), s.scale.label, f"{s.score} of {s.scale.max_score}")
        for s in sorted(case.scores, key=lambda s: s.on)
    )
    return Table(columns=("Date", "Scale", "Total"), rows=rows, widths=(2, 2, 2))


def failed_treatment_table(case: Case, today: date) -> Table:
    """Every medication trial: drug, class, dose, dates, weeks, outcome or reason stopped."""
    analysis = analyze(
        case.treatment_history, episode_start=case.history.episode_start, today=today
    )
    weeks_by_name = {trial.name: trial.weeks for trial in analysis.trials}
    rows = []
    for trial in case.treatment_history:
        if trial.kind is not TrialKind.MEDICATION:
            continue
        klass = drug_class(trial.name)
        label = klass.label if klass else ("augmentation" if trial.augmentation else "")
        if trial.augmentation and klass is not None:
            label = f"{klass.label} (augmentation)"
        dates = " to ".join(short_date(d) for d in (trial.start, trial.end) if d is not None)
        if trial.start is not None and trial.end is None:
            dates += " to present"
        weeks = weeks_by_name.get(trial.name)
        if weeks is None and trial.start is not None and trial.end is not None:
            # Augmentation trials are not antidepressant trials, but their weeks still count.
            weeks = (Decimal((trial.end - trial.start).days) / 7).quantize(Decimal("0.1"))
        weeks_text = (
            f"{weeks.normalize():f}"
            if weeks is not None
            else (str(trial.weeks) if trial.weeks is not None else "")
        )
        outcome = _OUTCOME_WORDS[trial.outcome]
        for remark in (trial.reason_stopped, trial.note):
            if remark:
                outcome = f"{outcome}; {remark}"
        rows.append((trial.name, label, trial.dose or "", dates, weeks_text, outcome))
    return Table(
        columns=("Medication", "Class", "Dose", "Dates", "Weeks", "Outcome"),
        rows=tuple(rows),
        widths=(3, 4, 3, 4, 2, 5),
    )


def other_treatments(case: Case) -> list[str]:
    """Psychotherapy, TMS, ECT and other non-drug trials as plain sentences."""
    lines = []
    for trial in case.treatment_history:
        if trial.kind is TrialKind.MEDICATION:
            continue
        dates = " to ".join(short_date(d) for d in (trial.start, trial.end) if d is not None)
        when = f" ({dates})" if dates else ""
        outcome = _OUTCOME_WORDS[trial.outcome]
        lines.append(f"{trial.name}{when}: {outcome}")
    return lines


def service_lines(
    case: Case, on: date, *, language: Language = Language.EN
) -> list[tuple[str, str, str]]:
    """The requested services as (code, plain label, units per session), by sourcebook codes.toml.

    IV ketamine: J3490 with the NDC plus infusion codes counted from the infusion minutes.
    Esketamine: J0013 (S0013 before 2026-01-01) per mg, or Medicare's bundled G2082/G2083.
    Labels are ketacover's own (never the AMA descriptors), in ``language``.
    """
    plan = case.treatment_plan
    if plan is None:
        return []
    lang = language
    lines: list[tuple[str, str, str]] = []
    if plan.treatment is Treatment.ESKETAMINE:
        medicare = case.plan is not None and case.plan.category is PayerCategory.MEDICARE
        if medicare:
            code = "G2083" if (plan.dose_mg or 0) > 56 else "G2082"
            lines.append((code, procedure_label(code, lang), "1"))
        else:
            code = procedures.esketamine_drug_code(on)
            units = str(plan.dose_mg) if plan.dose_mg else say.UNITS_PER_MG.format(lang)
            lines.append((code, procedure_label(code, lang), units))
    else:
        lines.append(("J3490", procedure_label("J3490", lang), say.UNITS_WITH_NDC.format(lang)))
        if plan.treatment is Treatment.IV_KETAMINE and plan.infusion_minutes:
            for code, count in procedures.infusion_units(plan.infusion_minutes):
                lines.append((code, procedure_label(code, lang), str(count)))
        elif plan.treatment is Treatment.IM_KETAMINE:
            lines.append(("96372", procedure_label("96372", lang), "1"))
    return lines


def service_table(case: Case, on: date, *, language: Language = Language.EN) -> Table:
    """:func:`service_lines` as a table: code, description, units per session."""
    lang = language
    return Table(
        columns=(
            say.CODE.format(lang),
            say.DESCRIPTION.format(lang),
            say.UNITS_PER_SESSION.format(lang),
        ),
        rows=tuple(service_lines(case, on, language=lang)),
        widths=(2, 6, 2),
    )


def request_summary(
    case: Case, *, language: Language = Language.EN, with_price: bool = False
) -> str:
    """``6 sessions of IV ketamine infusion``, and ``at $450.00 per session`` when ``with_price``
    and the price is known. Documents to a plan leave the clinic's price out: a letter of medical
    necessity argues need, not cost."""
    plan = case.treatment_plan
    if plan is None:
        return ""
    name = treatment_name(plan.treatment, language)
    if plan.sessions == 1:
        text = say.ONE_SESSION.format(language, treatment=name)
    else:
        text = say.SESSIONS.format(language, count=plan.sessions, treatment=name)
    if with_price and plan.price_per_session is not None:
        text += say.PRICE_PER_SESSION.format(language, price=money(plan.price_per_session))
    return text
