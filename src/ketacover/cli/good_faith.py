"""``ketacover gfe``: the Good Faith Estimate for a self-pay or uninsured patient's course.

The estimate is composed in the core (:mod:`ketacover.core.billing.good_faith`) from the
course's planned sessions, coded and priced as the clinic's claims are. When facts are missing
nothing is written: each one is printed on its own line and the command exits with status 2.
When sessions of the course were already given and their claims bill $400.00 or more above the
estimate, a warning gives the patient's window to dispute the bill.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketacover.cli.edge import day, edge, stderr, stdout
from ketacover.cli.letters import missing_facts, write_whole
from ketacover.core.errors import MissingFactsError


@edge
def gfe(
    file: Annotated[Path, typer.Argument(help="A case file of a self-pay or uninsured patient.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="File to write; its suffix (.pdf, .docx, .html) sets the format."
        ),
    ],
    sessions: Annotated[
        int | None,
        typer.Option(
            min=1, max=1_000, help="Sessions to estimate (default: the treatment plan's course)."
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            help="Date the estimate is given (YYYY-MM-DD); default: today.",
            show_default=False,
        ),
    ] = None,
    bill_date: Annotated[
        str | None,
        typer.Option(
            help="Date on the bill for the sessions given (YYYY-MM-DD), for the dispute window."
        ),
    ] = None,
) -> None:
    """Write the Good Faith Estimate (No Surprises Act) for the planned course: -o gfe.pdf."""
    from ketacover.core.billing.good_faith import billed, estimate, excess
    from ketacover.interop.casefile import load_case
    from ketacover.render import format_for_path, render
    from ketacover.render.good_faith import good_faith_letter

    fmt = format_for_path(output)
    issued = day(today, "--today")
    billed_on = None if bill_date is None else day(bill_date, "--bill-date")
    case = load_case(file)
    try:
        found = estimate(case, sessions=sessions)
    except MissingFactsError as error:
        raise missing_facts(error) from None
    write_whole(output, render(good_faith_letter(found, issued=issued), fmt))
    provider = found.providers[0]
    line = f"wrote {output} (Good Faith Estimate, ${found.total:,.2f} expected)"
    if found.issue_by is not None:
        due = found.issue_by.due
        line += f"; give it to the patient by {due.isoformat()} ({found.issue_by.rule})"
        if issued > due:
            stderr().print(f"ketacover: the estimate was due by {due.isoformat()}")
    stdout().print(line)
    try:
        amount = billed(case, found)
    except MissingFactsError:
        stderr().print(
            "ketacover: the sessions given cannot all be priced yet, so the bill is not "
            "compared with the estimate (see ketacover claim)"
        )
        return
    if amount is None:
        return
    over = excess(provider, amount, bill_date=billed_on)
    if over is not None:
        stderr().print(f"warning: {over.advice}")
