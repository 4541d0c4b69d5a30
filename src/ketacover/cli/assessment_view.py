"""How an assessment reads in a terminal: a table per pathway (verdict, reasons with their rule
and source, missing facts to ask about, next actions with due dates), the documentation
checklist, and the warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console

    from ketacover.core.coverage import Assessment, PathwayAssessment

VERDICT_STYLE: Final = {
    "likely": "bold green",
    "possible": "bold yellow",
    "unknown": "bold blue",
    "unlikely": "bold red",
}
VERDICT_RANK: Final = {"likely": 0, "possible": 1, "unknown": 2, "unlikely": 3}
"""Which verdict reads best, for picking a case's most promising pathway."""
CHECK_STYLE: Final = {
    "done": "green",
    "missing": "red",
    "unknown": "yellow",
    "not_needed": "dim",
    "excluded": "red",
}


def verdict_text(verdict: str) -> Text:
    """The verdict word in its color."""
    return Text(verdict, style=VERDICT_STYLE.get(verdict, ""))


def best_pathway(assessment: Assessment) -> PathwayAssessment | None:
    """The pathway with the best verdict (the engine's order breaks ties)."""
    ranked = sorted(assessment.pathways, key=lambda item: VERDICT_RANK.get(item.verdict.value, 9))
    return ranked[0] if ranked else None


def show_assessment(console: Console, assessment: Assessment) -> None:
    """Print the whole assessment of one case."""
    heading = f"Case {assessment.case_id}, assessed as of {assessment.as_of.isoformat()}"
    console.print(Text(heading, style="bold"))
    if assessment.expedited:
        console.print(
            Text("Urgent: requests on this case qualify for expedited clocks.", style="bold red")
        )
    for pathway in assessment.pathways:
        console.print(pathway_table(pathway))
    if assessment.checklist:
        console.print(checklist_table(assessment))
    for warning in assessment.warnings:
        console.print(Text("Check: ", style="bold yellow") + Text(warning))


def pathway_table(pathway: PathwayAssessment) -> Table:
    """One pathway: verdict in the title, then reasons, questions to ask and actions."""
    title = Text(f"{pathway.label}: ") + verdict_text(pathway.verdict.value)
    table = Table(title=title, title_justify="left", show_header=True, expand=True)
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("what")
    table.add_column("rule / due", no_wrap=True)
    for reason in pathway.reasons:
        what = Text(reason.explain) + Text(
            f"\nsource: {reason.source}{reason.confidence.suffix}", style="dim"
        )
        table.add_row("why", what, Text(reason.rule_id))
    for missing in pathway.missing:
        table.add_row("ask", Text(missing.ask), Text(missing.fact))
    for action in pathway.actions:
        due = action.due.isoformat() if action.due is not None else ""
        table.add_row("do", Text(action.text), Text(due, style="bold" if due else ""))
    if not pathway.reasons and not pathway.missing and not pathway.actions:
        table.add_row("", Text("nothing more to say yet", style="dim"), "")
    return table


def checklist_table(assessment: Assessment) -> Table:
    """The documentation checklist with each item's status."""
    table = Table(title="Checklist", title_justify="left", expand=True)
    table.add_column("status", no_wrap=True)
    table.add_column("item")
    table.add_column("detail")
    for item in assessment.checklist:
        status = Text(
            item.status.value.replace("_", " "), style=CHECK_STYLE.get(item.status.value, "")
        )
        table.add_row(status, Text(item.label), Text(item.detail))
    return table
