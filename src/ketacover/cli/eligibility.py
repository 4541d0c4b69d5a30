"""``ketacover import 271 FILE --case CASE``: a payer's eligibility and benefits response read
into the case's terms and previewed against the case's plan (what it would fill, what conflicts;
the case's values are kept), written as a merged case file only with ``--write``; and
``ketacover export 270 CASE -o FILE``: the inquiry to send for a case.

The payer's messages (MSG) can name people: they are printed for the user and never logged.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketacover.cli.edge import NOT_ADVICE, day, edge, fail, stdout

if TYPE_CHECKING:
    from rich.console import Console

    from ketacover.core.eligibility import Eligibility, PlanChange
    from ketacover.core.model import Case


@edge
def import_271(
    file: Annotated[Path, typer.Argument(help="An X12 271 eligibility response (005010X279A1).")],
    case: Annotated[Path, typer.Option("--case", help="The case file the response is for.")],
    write: Annotated[
        Path | None,
        typer.Option(
            "--write",
            help="Write the case with the response merged into its plan to this file (.yaml).",
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON for programs.")] = False,
) -> None:
    """Read a 271 for a case: coverage active or not, plan dates, deductible and out-of-pocket
    maximum with what remains (in and out of network), coinsurance and copays for mental health,
    psychiatric, office visits and pharmacy, prior authorization, and the payer's messages; then
    what merging it would change in the case's plan.

    Empty plan fields are filled; a value the case already holds is kept and, when the response
    differs, shown as a conflict (field, case value, 271 value). The case file is NOT changed;
    --write writes the merged case to another file.

    JSON: {"file", "case_id", "eligibility", "changes": [{"field", "case_value",
    "response_value", "conflict"}], "written"}.
    """
    from ketacover.core.eligibility import plan_changes
    from ketacover.interop.casefile import load_case
    from ketacover.interop.x12.eligibility import load_271

    current = load_case(case)
    found = _pick(load_271(file), current)
    plan, changes = plan_changes(current.plan, found)
    written = None
    if write is not None:
        from dataclasses import replace

        if found.active is None and found.rejections:
            raise fail(f"{file.name}: the payer did not answer; nothing to merge")
        _write_case(write, replace(current, plan=plan))
        written = str(write)
    if json_output:
        from ketacover.cli.plain import print_json

        print_json(
            {
                "file": str(file),
                "case_id": current.id,
                "eligibility": eligibility_data(found),
                "changes": [
                    {
                        "field": change.field,
                        "case_value": _value(change.case_value),
                        "response_value": _value(change.response_value),
                        "conflict": change.conflict,
                    }
                    for change in changes
                ],
                "written": written,
            }
        )
        return
    console = stdout()
    _print_eligibility(console, found)
    _print_changes(console, changes)
    if written:
        console.print(f"wrote {written} (the plan merged; {case} is unchanged)")
    console.print(NOT_ADVICE, style="dim")


def _pick(found: tuple[Eligibility, ...], case: Case) -> Eligibility:
    """The answer for the case's patient (:func:`ketacover.core.eligibility.answer_for`)."""
    from ketacover.core.eligibility import answer_for

    return answer_for(
        found,
        member_id=case.plan.member_id if case.plan else None,
        birth_date=case.patient.date_of_birth,
    )


def _value(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if hasattr(value, "value"):
        return value.value
    return value


def _money(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def eligibility_data(found: Eligibility) -> dict[str, object]:
    """The response read, as plain data (amounts as strings with two decimals)."""

    def tier(which: str) -> dict[str, str | None]:
        benefits = getattr(found, which)
        return {
            name: None if getattr(benefits, name) is None else f"{getattr(benefits, name):.2f}"
            for name in (
                "deductible",
                "deductible_remaining",
                "deductible_met",
                "out_of_pocket_max",
                "out_of_pocket_remaining",
                "out_of_pocket_met",
            )
        }

    return {
        "payer": found.payer,
        "payer_id": found.payer_id,
        "member_id": found.member_id,
        "group_number": found.group_number,
        "plan_name": found.plan_name,
        "insurance_type": found.insurance_type,
        "active": found.active,
        "plan_begin": found.plan_begin.isoformat() if found.plan_begin else None,
        "plan_end": found.plan_end.isoformat() if found.plan_end else None,
        "in_network": tier("in_network"),
        "out_of_network": tier("out_of_network"),
        "services": [
            {
                "service_type": each.service_type,
                "label": each.label,
                "in_network": each.in_network,
                "coinsurance_percent": None
                if each.coinsurance_percent is None
                else str(each.coinsurance_percent),
                "copay": None if each.copay is None else f"{each.copay:.2f}",
                "prior_authorization": each.prior_authorization,
                "covered": each.covered,
            }
            for each in found.services
        ],
        "prior_authorization_required": found.prior_authorization_required,
        "out_of_network_benefits": found.out_of_network_benefits,
        "messages": list(found.messages),
        "rejections": [
            {"code": code, "reason": words}
            for code, words in zip(found.rejections, found.rejection_words(), strict=True)
        ],
    }


def _yes_no(value: bool | None) -> str:
    return "not said" if value is None else ("yes" if value else "no")


def _print_eligibility(console: Console, found: Eligibility) -> None:
    from rich.table import Table

    if found.rejections:
        console.print(
            f"The payer ({found.payer}) did not answer: " + "; ".join(found.rejection_words()),
            style="bold red",
        )
    status = {True: "active", False: "NOT active", None: "not said"}[found.active]
    dates = " to ".join(d.isoformat() if d else "?" for d in (found.plan_begin, found.plan_end))
    console.print(
        f"Eligibility from {found.payer}: coverage {status}"
        + (f", plan dates {dates}" if found.plan_begin or found.plan_end else "")
    )
    tiers = Table(title="Deductible and out-of-pocket maximum", title_justify="left")
    for column in ("network", "deductible", "remaining", "out-of-pocket max", "remaining "):
        tiers.add_column(column, justify="left" if column == "network" else "right")
    for label, benefits in (("in", found.in_network), ("out", found.out_of_network)):
        if not benefits.empty:
            tiers.add_row(
                label,
                _money(benefits.deductible),
                _money(benefits.deductible_remaining),
                _money(benefits.out_of_pocket_max),
                _money(benefits.out_of_pocket_remaining),
            )
    if tiers.row_count:
        console.print(tiers)
    if found.services:
        services = Table(title="Services", title_justify="left")
        for column in ("service", "network", "coinsurance", "copay", "prior auth", "covered"):
            services.add_column(column)
        for each in found.services:
            network = {True: "in", False: "out", None: "not said"}[each.in_network]
            services.add_row(
                f"{each.label} ({each.service_type})",
                network,
                "-" if each.coinsurance_percent is None else f"{each.coinsurance_percent}%",
                _money(each.copay),
                _yes_no(each.prior_authorization),
                "no" if each.covered is False else "",
            )
        console.print(services)
    console.print(
        f"prior authorization required: {_yes_no(found.prior_authorization_required)}; "
        f"out-of-network benefits: {_yes_no(found.out_of_network_benefits)}"
    )
    for message in found.messages:
        console.print(f"payer message: {message}", markup=False)


def _print_changes(console: Console, changes: tuple[PlanChange, ...]) -> None:
    from rich.table import Table

    if not changes:
        console.print("Merging would change nothing in the case's plan.")
        return
    if any(change.field == "member_id" and change.conflict for change in changes):
        console.print(
            "Check that this response is for this patient: its member id differs from the case's.",
            style="bold red",
        )
    table = Table(title="Changes to the case's plan", title_justify="left")
    for column in ("field", "case value", "271 value", "merge"):
        table.add_column(column)
    for change in changes:
        table.add_row(
            change.field,
            change.case_text,
            change.response_text,
            "conflict: the case's value is kept" if change.conflict else "fill",
        )
    console.print(table)


def _write_case(path: Path, case: Case) -> None:
    """Write ``case`` as YAML to ``path`` whole or not at all, checked as a case file first."""
    import yaml

    from ketacover.interop.casefile import case_to_data, parse_case

    text = yaml.safe_dump(
        case_to_data(case), sort_keys=False, default_flow_style=False, allow_unicode=True
    )
    parse_case(text, fmt="yaml", name=str(path))
    _atomic(path, text.encode("utf-8"))


def _atomic(path: Path, data: bytes) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".ketacover-")
    except OSError as error:
        raise fail(f"{path}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise fail(f"{path}: cannot write there ({error.strerror})") from None


@edge
def export_270(
    case: Annotated[Path, typer.Argument(help="The case file to ask about.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The 270 file to write.")],
    payer_id: Annotated[
        str, typer.Option("--payer-id", help="The payer's id at the clearinghouse (NM109).")
    ],
    control_number: Annotated[
        int | None,
        typer.Option(
            "--control-number",
            min=1,
            max=999_999_999,
            help="Interchange and group control number; with --today the file is the same on "
            "every run (default: from the clock).",
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today", help="Date of the inquiry (YYYY-MM-DD); default: now.", show_default=False
        ),
    ] = None,
    sender_id: Annotated[str, typer.Option(help="ISA06/GS02 sender id.")] = "KETACOVER",
    receiver_id: Annotated[str, typer.Option(help="ISA08/GS03 receiver id.")] = "CLEARINGHOUSE",
    test: Annotated[bool, typer.Option("--test", help="Mark the interchange as a test.")] = False,
) -> None:
    """Write the X12 270 eligibility inquiry (005010X279A1) for a case: the payer, the clinic's
    (or prescriber's) NPI, the patient as subscriber with the member id and date of birth, and
    the service types 30 (plan coverage), MH (mental health) and A4 (psychiatric). Nothing is
    sent anywhere."""
    from ketacover.interop.casefile import load_case
    from ketacover.interop.x12.inquiry import Envelope, inquiry_270

    loaded = load_case(case)
    on = day(today, "--today") if today is not None else None
    created = (
        datetime.combine(on, time(0, 0))
        if on is not None
        else datetime.now(UTC).replace(tzinfo=None)
    )
    control = control_number or int(datetime.now(UTC).timestamp()) % 999_999_999 + 1
    text = inquiry_270(
        loaded,
        payer_id=payer_id,
        envelope=Envelope(
            created=created,
            control=control,
            sender_id=sender_id,
            receiver_id=receiver_id,
            production=not test,
        ),
    )
    _atomic(output, text.encode("ascii", errors="replace"))
    stdout().print(f"wrote {output} (270, control number {control})")
