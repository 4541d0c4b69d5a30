"""``ketacover import 835 FILE``: a payer's remittance file: the payer, payee and payment, every
claim on it (:mod:`ketacover.cli.claims_table`), the totals, its unbalanced claims, and with
``--cases`` each denied claim matched to its case with the appeal deadline."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketacover.cli.edge import NOT_ADVICE, day, edge, stderr, stdout

if TYPE_CHECKING:
    from rich.console import Console

    from ketacover.core.model import Case
    from ketacover.interop.x12 import Remittance, Summary
    from ketacover.interop.x12.claims import ClaimDetail
    from ketacover.interop.x12.reconcile import Reconciliation

CASE_SUFFIXES = (".yaml", ".yml", ".json")


@edge
def import_835(
    file: Annotated[Path, typer.Argument(help="An X12 835 remittance file (005010X221A1).")],
    cases: Annotated[
        Path | None,
        typer.Option(
            "--cases",
            help="A folder of case files to match the claims to (read only, never changed).",
            file_okay=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            help="Compute deadlines as of this date (YYYY-MM-DD); default: today.",
            show_default=False,
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON for programs.")] = False,
) -> None:
    """Read an 835 remittance: the payer, payee and payment (check or EFT number and date), a
    table of every claim (patient control number, payer claim number, patient, dates of service,
    status, billed, allowed, paid, patient responsibility, the CO-45 contractual write-off apart
    from the other adjustments, remark codes), then the totals, denials by reason and unbalanced
    claims.

    With --cases, each claim is matched to a case (patient control number, claim number, member
    id and dates of service) and each matched denial is shown with its reason and appeal
    deadline. The case files are NOT modified: this command only reports.

    JSON (amounts are strings with two decimals): {"file", "remittances": [{"control_number",
    "payer", "payee", "payment", "summary", "claims": [...], "denials", "unmatched"}]}; the keys
    are listed in docs/cli.md.
    """
    import gc

    # A 10 MB file becomes a few hundred thousand small records that form no cycles: the cyclic
    # collector would only rescan them (a fifth of the command's time). It is paused for the
    # command and restored as it was (the command also runs inside other programs and tests).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _report(file, cases, day(today, "--today"), json_output)
    finally:
        if collecting:
            gc.enable()


def _report(file: Path, cases: Path | None, as_of: date, json_output: bool) -> None:
    """Read, match and print (see :func:`import_835`)."""
    from ketacover.interop.x12 import load_835
    from ketacover.interop.x12.reconcile import reconcile
    from ketacover.interop.x12.report import read_remittance

    remittances = load_835(file)
    known = _load_cases(cases) if cases is not None else None
    results = []
    for remittance in remittances:
        summary, details = read_remittance(remittance)
        matched = None if known is None else reconcile(remittance, known, today=as_of)
        results.append((remittance, summary, details, matched))
    if json_output:
        _print_json(file, results)
        return
    console = stdout()
    from ketacover.cli.claims_table import write_claims

    for remittance, summary, details, matched in results:
        _print_header(console, remittance)
        write_claims(console.file, f"Claims ({len(details)})", details)
        _print_summary(console, remittance.control_number, summary)
        if matched is not None:
            _print_matches(console, matched)
    console.print(NOT_ADVICE, style="dim")


Result = tuple["Remittance", "Summary", "tuple[ClaimDetail, ...]", "Reconciliation | None"]


def _print_json(file: Path, results: list[Result]) -> None:
    """The JSON document on one line, written in one go: a 10 MB file has tens of thousands of
    claims, and only unindented JSON is encoded by the standard library's C encoder."""
    import json

    from ketacover.cli.plain import to_plain
    from ketacover.interop.x12.report import remittance_data

    out = []
    for remittance, summary, details, matched in results:
        data = remittance_data(remittance, summary, details)
        if matched is not None:
            extra = _plain(matched)
            data.update({key: to_plain(value) for key, value in extra.items()})
        out.append(data)
    typer.echo(json.dumps({"file": str(file), "remittances": out}, ensure_ascii=False))


def _load_cases(folder: Path) -> list[Case]:
    """Every readable case file in ``folder``; unreadable ones are named on standard error."""
    from ketacover.core.errors import KetacoverError
    from ketacover.interop.casefile import load_case

    if not folder.is_dir():
        from ketacover.cli.edge import fail

        raise fail(f"{folder}: is not a folder of case files")
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in CASE_SUFFIXES:
            continue
        try:
            found.append(load_case(path))
        except KetacoverError as error:
            stderr().print(f"skipped {path.name}: {str(error).splitlines()[0]}")
    return found


def _plain(matched: Reconciliation) -> dict[str, object]:
    return {
        "denials": matched.denials,
        "unmatched": [
            {
                "claim_id": each.claim.claim_id,
                "payer_claim_number": each.claim.payer_claim_number,
                "service_from": each.claim.service_from,
                "candidates": each.candidates,
            }
            for each in matched.unmatched
        ],
    }


def _money(amount: object) -> str:
    return f"{amount:,.2f}"


def _print_header(console: Console, remittance: Remittance) -> None:
    """Payer, payee and payment: who paid whom, how, when and under which trace number."""
    from ketacover.core.remittance import describe_payment_method

    payer, payee, payment = remittance.payer, remittance.payee, remittance.payment
    paid_on = payment.date.isoformat() if payment.date else "no date"
    payer_id = f" (id {payer.id})" if payer.id else ""
    if payee.npi:
        payee_id = f" (NPI {payee.npi})"
    elif payee.id:
        payee_id = f" ({payee.qualifier or 'id'} {payee.id})"
    else:
        payee_id = ""
    console.file.write(
        f"Remittance {remittance.control_number}\n"
        f"  payer: {payer.name}{payer_id}\n"
        f"  payee: {payee.name}{payee_id}\n"
        f"  payment: {_money(payment.amount)} by {describe_payment_method(payment.method)}, "
        f"{'check/EFT number ' + payment.trace if payment.trace else 'no trace number'}, "
        f"dated {paid_on}\n\n"
    )


def _print_summary(console: Console, control: str, summary: Summary) -> None:
    from rich.table import Table

    table = Table(title=f"Totals of remittance {control}", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("amount", justify="right")
    rows = [
        ("payment (BPR02)", _money(summary.payment)),
        ("claims", str(summary.claims)),
        ("billed", _money(summary.billed)),
        ("paid", _money(summary.paid)),
        ("patient responsibility", _money(summary.patient_responsibility)),
        ("contractual write-off (CO-45)", _money(summary.contractual)),
        *(
            (
                f"adjusted {total.group}" + (" other than CO-45" if total.group == "CO" else ""),
                _money(total.amount - summary.contractual if total.group == "CO" else total.amount),
            )
            for total in summary.adjusted
        ),
        ("provider adjustments (PLB)", _money(summary.provider_adjustments)),
        ("denied claims (whole or in part)", str(summary.denied)),
        ("denied amount", _money(summary.denied_amount)),
    ]
    for row in rows:
        table.add_row(*row)
    console.print(table)
    if summary.denied_by_reason:
        reasons = Table(title="Denied by reason", title_justify="left")
        for column in ("reason", "claims", "amount"):
            reasons.add_column(column, justify="left" if column == "reason" else "right")
        for total in summary.denied_by_reason:
            label = total.reason.label if total.reason else "unclassified"
            reasons.add_row(label, str(total.claims), _money(total.amount))
        console.print(reasons)
    if summary.unbalanced:
        unbalanced = Table(title="Unbalanced claims (imported; check them)", title_justify="left")
        for column in ("claim", "segment", "charge", "paid", "adjusted", "unexplained"):
            unbalanced.add_column(column, justify="left" if column == "claim" else "right")
        for each in summary.unbalanced:
            unbalanced.add_row(
                each.claim_id,
                str(each.segment),
                _money(each.charge),
                _money(each.paid),
                _money(each.adjusted),
                _money(each.difference),
            )
        console.print(unbalanced)
    if summary.payment_mismatch is not None:
        mismatch = summary.payment_mismatch
        console.print(
            f"payment mismatch: BPR02 {_money(mismatch.payment)} but claims paid "
            f"{_money(mismatch.claims_paid)} less provider adjustments "
            f"{_money(mismatch.provider_adjustments)} (difference {_money(mismatch.difference)})",
            style="bold red",
        )


def _print_matches(console: Console, matched: Reconciliation) -> None:
    from rich.table import Table

    if matched.denials:
        table = Table(
            title="Denials matched to cases (case files not changed)", title_justify="left"
        )
        for column in ("claim", "case", "matched by", "reason", "codes", "appeal by"):
            table.add_column(column, overflow="fold")
        for each in matched.denials:
            reason = each.denial.reason.value if each.denial.reason else "unclassified"
            due = each.appeal_deadline.due.isoformat() if each.appeal_deadline else "-"
            table.add_row(
                each.claim_id,
                each.case_id,
                each.basis.value,
                reason,
                " ".join(each.denial.carc_codes),
                due if each.appeal_deadline else f"{due} {each.why_no_deadline or ''}".strip(),
            )
        console.print(table)
    else:
        console.print("No denied claim matched a case.")
    if matched.unmatched:
        table = Table(title="Claims not matched to any case", title_justify="left")
        for column in ("claim", "payer claim number", "service from", "note"):
            table.add_column(column)
        for missing in matched.unmatched:
            claim = missing.claim
            note = f"several cases: {', '.join(missing.candidates)}" if missing.candidates else ""
            table.add_row(
                claim.claim_id,
                claim.payer_claim_number or "",
                claim.service_from.isoformat() if claim.service_from else "",
                note,
            )
        console.print(table)
