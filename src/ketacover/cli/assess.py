"""``ketacover assess PATH``: which ways to pay are open for a case, how likely each is, and why.

PATH is a case file, or a folder of case files (``*.yaml``, ``*.yml``, ``*.json``). A folder is
assessed file by file behind a progress bar, then summarized; an invalid file is reported and
counted without stopping the others, and the exit status is 2 at the end if any was invalid.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketacover.cli.catalog import PacksOption, read_packs
from ketacover.cli.edge import BAD_INPUT, NOT_ADVICE, day, edge, stderr, stdout
from ketacover.cli.plain import print_json
from ketacover.cli.validate import problem_line

if TYPE_CHECKING:
    from ketacover.core.coverage import Assessment
    from ketacover.core.errors import Problem

CASE_SUFFIXES = (".yaml", ".yml", ".json")
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today", help="Assess as of this date (YYYY-MM-DD); default: today.", show_default=False
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for programs.")]


@edge
def assess(
    path: Annotated[Path, typer.Argument(help="A case file, or a folder of case files.")],
    today: TodayOption = None,
    json_output: JsonOption = False,
    packs: PacksOption = None,
) -> None:
    """Assess every pathway: verdict, reasons with sources, what to ask, what to do by when.

    JSON for a file: {"file", "assessment": {"case_id", "as_of", "expedited", "pathways":
    [{"pathway", "verdict", "reasons", "missing", "actions",
    "blocked_by", "claim_path"}], "checklist", "warnings"}}.
    JSON for a folder: {"cases": [{"file", "assessment"}], "invalid": [{"file", "problems"}],
    "summary": [{"file", "case_id", "best_pathway", "verdict", "expedited", "next_due",
    "problems"}]}; next_due is the earliest action date, overdue ones included.
    """
    as_of = day(today, "--today")
    extra = read_packs(packs)
    if path.is_dir():
        _assess_folder(path, as_of, extra, json_output=json_output)
        return
    from ketacover.core.coverage import assess as assess_case
    from ketacover.interop.casefile import load_case

    assessment = assess_case(load_case(path), as_of, extra_packs=extra)
    if json_output:
        print_json({"file": str(path), "assessment": assessment})
        return
    from ketacover.cli.assessment_view import show_assessment

    console = stdout()
    show_assessment(console, assessment)
    console.print(NOT_ADVICE, style="dim")


def case_files(folder: Path) -> list[Path]:
    """The case files directly inside ``folder``, sorted by name."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in CASE_SUFFIXES and p.is_file())


def _assess_folder(
    folder: Path, as_of: date, extra: tuple[tuple[str, str], ...], *, json_output: bool
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ketacover.core.coverage import assess as assess_case
    from ketacover.core.errors import InvalidCaseFileError
    from ketacover.interop.casefile import load_case

    files = case_files(folder)
    done: list[tuple[Path, Assessment]] = []
    invalid: list[tuple[Path, list[Problem]]] = []
    hidden = json_output or not sys.stderr.isatty()
    columns = (TextColumn("assessing"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=stderr(), disable=hidden, transient=True) as progress:
        task = progress.add_task("assess", total=len(files))
        for file in files:
            try:
                done.append((file, assess_case(load_case(file), as_of, extra_packs=extra)))
            except InvalidCaseFileError as error:
                invalid.append((file, error.problems))
            progress.advance(task)
    summary = [_summary_row(file, assessment) for file, assessment in done]
    summary += [_invalid_row(file, problems) for file, problems in invalid]
    if json_output:
        print_json(
            {
                "cases": [{"file": str(file), "assessment": item} for file, item in done],
                "invalid": [
                    {"file": str(file), "problems": problems} for file, problems in invalid
                ],
                "summary": summary,
            }
        )
    else:
        _show_summary(folder, as_of, summary, invalid)
    if invalid:
        raise typer.Exit(BAD_INPUT)


def _summary_row(file: Path, assessment: Assessment) -> dict[str, object]:
    from ketacover.cli.assessment_view import best_pathway

    best = best_pathway(assessment)
    dues = [action.due for item in assessment.pathways for action in item.actions if action.due]
    return {
        "file": str(file),
        "case_id": assessment.case_id,
        "best_pathway": best.pathway.value if best else None,
        "verdict": best.verdict.value if best else None,
        "expedited": assessment.expedited,
        "next_due": min(dues) if dues else None,
        "problems": 0,
    }


def _invalid_row(file: Path, problems: list[Problem]) -> dict[str, object]:
    return {
        "file": str(file),
        "case_id": None,
        "best_pathway": None,
        "verdict": None,
        "expedited": None,
        "next_due": None,
        "problems": len(problems),
    }


def _show_summary(
    folder: Path,
    as_of: date,
    summary: list[dict[str, object]],
    invalid: list[tuple[Path, list[Problem]]],
) -> None:
    from rich.table import Table
    from rich.text import Text

    from ketacover.cli.assessment_view import verdict_text

    table = Table(title=f"{len(summary)} case files in {folder}", title_justify="left")
    table.add_column("case (or file)", overflow="fold", ratio=2)
    table.add_column("best pathway", overflow="fold", ratio=2)
    for column in ("verdict", "urgent", "next due", "problems"):
        table.add_column(column, no_wrap=True)
    for row in summary:
        verdict, due, urgent = row["verdict"], row["next_due"], row["expedited"]
        late = isinstance(due, date) and due < as_of
        table.add_row(
            Text(str(row["case_id"] or Path(str(row["file"])).name)),
            Text(str(row["best_pathway"] or "")),
            verdict_text(verdict) if isinstance(verdict, str) else Text("invalid", style="red"),
            Text("yes" if urgent is True else "no" if urgent is False else ""),
            Text(due.isoformat() if isinstance(due, date) else "", style="red" if late else ""),
            Text(str(row["problems"] or ""), style="red"),
        )
    console = stdout()
    console.print(table)
    for file, problems in invalid:
        for problem in problems:
            typer.echo(problem_line(str(file), problem), err=True)
    if invalid:
        typer.echo(f"{len(invalid)} of {len(summary)} case files are invalid.", err=True)
    console.print(NOT_ADVICE, style="dim")
