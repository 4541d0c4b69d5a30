"""``ketacover deadlines FILE``: every deadline on a case, soonest first, with the rule and the
source behind it (partly verified and unverified sources marked (partly verified) and
(unverified))."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketacover.cli.assess import JsonOption, TodayOption
from ketacover.cli.edge import NOT_ADVICE, day, edge, stdout
from ketacover.cli.plain import print_json

if TYPE_CHECKING:
    from ketacover.core.deadlines.deadline import Deadline


@edge
def deadlines(
    file: Annotated[Path, typer.Argument(help="A case file.")],
    today: TodayOption = None,
    json_output: JsonOption = False,
) -> None:
    """List the case's deadlines: due date, days left, what is due, rule and source.

    JSON: {"case_id", "today", "deadlines": [{"kind", "due", "days_left", "rule_id", "explain",
    "clock", "source": {"citation", "confidence", "url"}, "starts", "ref", "from_notice"}]}.
    """
    from rich.table import Table
    from rich.text import Text

    from ketacover.core.deadlines import case_deadlines
    from ketacover.interop.casefile import load_case

    as_of = day(today, "--today")
    case = load_case(file)
    found = sorted(case_deadlines(case, as_of), key=lambda item: (item.due, item.kind.value))
    if json_output:
        rows = [{**_fields(item), "days_left": (item.due - as_of).days} for item in found]
        print_json({"case_id": case.id, "today": as_of, "deadlines": rows})
        return
    title = f"Deadlines for case {case.id} as of {as_of.isoformat()}"
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("due", no_wrap=True)
    table.add_column("days left", no_wrap=True)
    table.add_column("what", ratio=3)
    table.add_column("rule and source", ratio=2, overflow="fold")
    for item in found:
        left = (item.due - as_of).days
        style = "bold red" if left < 0 else ("yellow" if left <= 7 else "")
        label = f"{-left} overdue" if left < 0 else str(left)
        table.add_row(
            Text(item.due.isoformat(), style=style),
            Text(label, style=style),
            Text(item.explain),
            Text(item.rule_id) + Text(f"\n{item.source}", style="dim"),
        )
    console = stdout()
    if found:
        console.print(table)
    else:
        console.print(f"No deadlines on case {case.id} as of {as_of.isoformat()}.")
    console.print(NOT_ADVICE, style="dim")


def _fields(item: Deadline) -> dict[str, object]:
    import dataclasses

    return {field.name: getattr(item, field.name) for field in dataclasses.fields(item)}
