"""``ketacover costs FILE``: what each way of paying costs the patient, side by side, and the
self-pay course as a monthly payment plan."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketacover.cli.assess import JsonOption
from ketacover.cli.edge import NOT_ADVICE, day, edge, fail, stdout
from ketacover.cli.plain import print_json

if TYPE_CHECKING:
    from rich.console import Console

    from ketacover.core.costs import CostComparison

MarginalRate = Annotated[
    str | None,
    typer.Option(
        "--marginal-rate",
        help="Marginal tax rate in percent (24 means 24%), for the HSA/FSA saving.",
        show_default=False,
    ),
]
Months = Annotated[
    int | None,
    typer.Option(
        "--months",
        min=1,
        max=120,
        help="Finance the self-pay course over this many months.",
        show_default=False,
    ),
]
Apr = Annotated[
    str | None,
    typer.Option(
        "--apr",
        help="Annual percentage rate of the payment plan (9.9 means 9.9%).",
        show_default=False,
    ),
]
FirstDue = Annotated[
    str | None,
    typer.Option(
        "--first-due",
        help="First payment date (YYYY-MM-DD); default: the planned start, else today.",
        show_default=False,
    ),
]


@edge
def costs(
    file: Annotated[Path, typer.Argument(help="A case file.")],
    marginal_rate: MarginalRate = None,
    months: Months = None,
    apr: Apr = None,
    first_due: FirstDue = None,
    json_output: JsonOption = False,
) -> None:
    """Compare pathways: up front, reimbursed, net, per session, HSA/FSA saving; payment plan.

    JSON: {"case_id", "cheapest", "pathways": [{"pathway", "up_front", "reimbursement", "net",
    "per_session_net", "hsa_saving", "missing", "notes"}], "payment_plan": [{"number", "due",
    "payment", "interest", "principal", "balance"}], "missing", "notes"}; amounts are strings.
    """
    from ketacover.core.costs import case_costs
    from ketacover.interop.casefile import load_case

    case = load_case(file)
    planned = case.treatment_plan.start if case.treatment_plan is not None else None
    first = day(first_due, "--first-due") if first_due is not None or planned is None else None
    comparison = case_costs(
        case,
        marginal_tax_rate=_percent(marginal_rate, "--marginal-rate"),
        plan_months=months,
        plan_apr=_percent(apr, "--apr"),
        plan_first_due=first,
    )
    if json_output:
        print_json(comparison)
        return
    console = stdout()
    _show(console, comparison)
    console.print(NOT_ADVICE, style="dim")


def _show(console: Console, comparison: CostComparison) -> None:
    from rich.table import Table
    from rich.text import Text

    title = f"Costs for case {comparison.case_id} (US dollars, whole course)"
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("pathway", ratio=1)
    for column in ("up front", "paid back", "net", "per session", "HSA saving"):
        table.add_column(column, justify="right", no_wrap=True, min_width=10)
    for cost in comparison.pathways:
        best = cost.pathway is comparison.cheapest
        label = cost.pathway.value + (" (cheapest)" if best else "")
        amounts = (cost.up_front, cost.reimbursement, cost.net, cost.per_session_net)
        table.add_row(
            Text(label, style="bold green" if best else ""),
            *(Text(_money(amount)) for amount in (*amounts, cost.hsa_saving)),
        )
    console.print(table)
    for cost in comparison.pathways:
        if cost.missing or cost.notes:
            console.print(Text(cost.pathway.label, style="bold"))
            for item in cost.missing:
                console.print(Text("  missing: ", style="yellow") + Text(item))
            for note in cost.notes:
                console.print(Text(f"  {note}"))
    if comparison.payment_plan:
        plan = Table(title="Payment plan for the self-pay course", title_justify="left")
        for column in ("#", "due", "payment", "interest", "principal", "balance"):
            plan.add_column(column, justify="right")
        for row in comparison.payment_plan:
            values = (row.payment, row.interest, row.principal, row.balance)
            plan.add_row(str(row.number), row.due.isoformat(), *(_money(v) for v in values))
        console.print(plan)
    for item in comparison.missing:
        console.print(Text("Missing: ", style="bold yellow") + Text(item))
    for note in comparison.notes:
        console.print(Text(note, style="dim"))


def _money(amount: Decimal | None) -> str:
    return "unknown" if amount is None else f"{amount:,.2f}"


def _percent(text: str | None, option: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().rstrip("%"))
    except InvalidOperation:
        raise fail(f"{option}: {text[:40]!r} is not a percent (e.g. 24 or 9.9)") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise fail(f"{option}: {text[:40]!r} must be between 0 and 100")
    return value
