"""The superbill as a document: the itemized statement a patient sends the plan to be reimbursed.

The figures come from :func:`ketacover.core.superbill.itemize` (codes, units, pointers, charges,
payments and totals by sourcebook codes.toml); this module only lays them out: provider, patient and
insurance blocks, the service lines, payments, totals, the diagnoses the pointers refer to, notes
and the rendering clinician's signature block.

``Options.variant`` ``session:YYYY-MM-DD`` gives the statement for one date of service; without
it the statement covers every session given.
"""

from __future__ import annotations

from datetime import date

from ketacover.core.codes import icd10cm
from ketacover.core.errors import KetacoverError
from ketacover.core.letters import parts
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Block, Bullets, Heading, Letter, Paragraph, Table
from ketacover.core.letters.text import money, short_date
from ketacover.core.model import Address, Case, NetworkStatus, PayerCategory
from ketacover.core.superbill import PaymentSource, Superbill, itemize

VARIANT_PREFIX = "session:"
NOTICE = (
    "An itemized statement of services rendered, for the patient to claim reimbursement from "
    "the health plan; the plan decides what it pays. CPT code numbers appear with ketacover's "
    "own plain-language labels, not AMA descriptors."
)


def compose(case: Case, today: date, options: Options) -> Letter:
    """The superbill for the case's sessions (all of them, or one date by ``options.variant``).

    None for Original Medicare: the clinic must file the claim for a covered service itself
    (Social Security Act section 1848(g)(4), sourcebook ssa-1848-g-4-mandatory-claims), so a
    statement for the patient to claim with has no use; the claim is the document."""
    if case.plan is not None and case.plan.category is PayerCategory.MEDICARE:
        raise KetacoverError(
            "the superbill is not written: for Original Medicare the clinic files the claim "
            "with the Medicare contractor (Social Security Act section 1848(g)(4)); write the "
            "claim instead"
        )
    bill = itemize(case, on=session_date(options.variant))
    period = short_date(bill.first_date)
    if bill.last_date != bill.first_date:
        period = f"{period} to {short_date(bill.last_date)}"
    return Letter(
        kind="superbill",
        title="Superbill",
        date=today,
        subject=_subject(case),
        body=_body(bill),
        running_header=parts.running_header(case),
        sender=parts.clinic_sender(case),
        references=parts.references(case, ("Dates of service", period)),
        signature=parts.prescriber_signature(case),
        notice=NOTICE,
    )


def _subject(case: Case) -> str:
    """Out-of-network reimbursement is what a superbill is usually for; say so only when it is."""
    clinic = case.clinic
    in_network = clinic is not None and clinic.network_status is NetworkStatus.IN_NETWORK
    if in_network:
        return "Itemized statement of services"
    return "Itemized statement of services for out-of-network reimbursement"


def session_date(variant: str | None) -> date | None:
    """The date of service a ``session:YYYY-MM-DD`` variant names; ``None`` for the whole course."""
    if variant is None:
        return None
    if variant.startswith(VARIANT_PREFIX):
        try:
            return date.fromisoformat(variant.removeprefix(VARIANT_PREFIX))
        except ValueError:
            pass
    raise KetacoverError(
        f"superbill variant {variant!r} is not understood; use session:YYYY-MM-DD for one date "
        "of service, or no variant for every session"
    )


def _body(bill: Superbill) -> tuple[Block, ...]:
    blocks: list[Block] = [_provider_table(bill), _patient_table(bill)]
    if bill.insurance is not None:
        blocks.append(_insurance_table(bill))
    elif _authorizations(bill):
        blocks.append(_fields("Prior authorization", [("Number", _authorizations(bill))]))
    blocks += [Heading("Services"), _services_table(bill)]
    if bill.payments:
        blocks += [Heading("Payments received"), _payments_table(bill)]
    blocks += [
        Heading("Totals"),
        Table(
            columns=("Total", "Amount"),
            rows=(
                ("Charges", money(bill.totals.charges)),
                ("Payments received", money(bill.totals.paid)),
                ("Balance", money(bill.totals.balance)),
            ),
            widths=(3, 2),
        ),
        Heading("Diagnoses"),
        _diagnosis_table(bill),
        Heading("Notes"),
        Bullets(bill.notes),
        Paragraph(
            "I certify that the services listed above were rendered to the patient named on "
            "the dates shown."
        ),
    ]
    return tuple(blocks)


def _provider_table(bill: Superbill) -> Table:
    provider = bill.provider
    clinician = ", ".join(p for p in (provider.clinician, provider.credentials) if p)
    rows = [
        ("Billing provider", provider.clinic),
        ("Address", _one_line(provider.address)),
        ("Phone", provider.phone or ""),
        ("NPI", provider.npi),
        ("TIN", provider.tin),
        ("Rendering clinician", clinician),
        ("Rendering clinician NPI", provider.clinician_npi),
    ]
    return _fields("Provider", rows)


def _patient_table(bill: Superbill) -> Table:
    patient = bill.patient
    rows = [
        ("Name", patient.name),
        ("Date of birth", short_date(patient.date_of_birth)),
        ("Address", _one_line(patient.address)),
    ]
    return _fields("Patient", rows)


def _insurance_table(bill: Superbill) -> Table:
    insurance = bill.insurance
    assert insurance is not None
    rows = [
        ("Payer", insurance.payer),
        ("Plan", insurance.plan_name or ""),
        ("Member ID", insurance.member_id),
        ("Group number", insurance.group_number or ""),
        ("Prior authorization", _authorizations(bill)),
    ]
    return _fields("Insurance", rows)


def _authorizations(bill: Superbill) -> str:
    """The prior-authorization numbers the statement's dates are billed under, each once."""
    numbers = dict.fromkeys(s.authorization_number for s in bill.sessions if s.authorization_number)
    return ", ".join(n for n in numbers if n)


def _fields(title: str, rows: list[tuple[str, str]]) -> Table:
    """A two-column block of labelled facts; unknown facts are left out, never shown empty."""
    return Table(
        columns=(title, ""),
        rows=tuple((label, value) for label, value in rows if value),
        widths=(2, 5),
    )


def _services_table(bill: Superbill) -> Table:
    rows = tuple(
        (
            short_date(line.on),
            line.place_of_service,
            line.code,
            " ".join(line.modifiers),
            f"{line.label} ({line.detail})",
            line.pointers,
            str(line.units),
            money(line.charge) if line.charge is not None else "",
        )
        for line in bill.lines
    )
    return Table(
        columns=("Date", "Place", "Code", "Mod.", "Service", "Dx", "Units", "Charge"),
        rows=rows,
        widths=(3, 2, 2, 2, 9, 2, 2, 3),
    )


def _payments_table(bill: Superbill) -> Table:
    rows = []
    for payment in bill.payments:
        dates = short_date(payment.service_from)
        if payment.service_to != payment.service_from:
            dates = f"{dates} to {short_date(payment.service_to)}"
        if payment.source is PaymentSource.PATIENT:
            who = "Patient, at the visit"
        else:
            insurance = bill.insurance
            payer = insurance.payer if insurance is not None else "Health plan"
            who = f"{payer}, claim {payment.reference}" if payment.reference else payer
        rows.append((dates, who, money(payment.amount)))
    return Table(
        columns=("Dates of service", "Paid by", "Amount"), rows=tuple(rows), widths=(3, 5, 2)
    )


def _diagnosis_table(bill: Superbill) -> Table:
    rows = tuple(
        (
            d.pointer,
            d.code,
            icd10cm.describe(d.code) if icd10cm.is_valid(d.code) else "not in the code set",
        )
        for d in bill.diagnoses
    )
    return Table(columns=("Pointer", "ICD-10-CM", "Description"), rows=rows, widths=(1, 2, 7))


def _one_line(address: Address | None) -> str:
    return ", ".join(parts.address_lines(address))
