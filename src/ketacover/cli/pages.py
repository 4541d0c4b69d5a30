"""``ketacover pages``: draw the case pages ahead for the day, so the web app serves every
case page from the database instead of drawing it on its first view.

Meant for cron or a scheduler, right after midnight in the clinic's time zone
(``KETACOVER_TIME_ZONE``), beside ``ketacover remind``: a case page shows the day's deadlines,
so every page drawn the day before is stale at midnight. Run with the web app's environment
(``DATABASE_URL``, ``KETACOVER_DATA_DIR``).
"""

from __future__ import annotations

import sys
import time
from typing import Annotated

import typer

from ketacover.cli.edge import day, edge, fail, stderr, stdout
from ketacover.cli.server import setup_django


@edge
def pages(
    today: Annotated[
        str | None,
        typer.Option(help="The day to draw for (YYYY-MM-DD); default today in the clinic."),
    ] = None,
    workspace: Annotated[
        str | None, typer.Option(help="Only the cases of this workspace (its id).")
    ] = None,
) -> None:
    """Draw the case page of every case whose stored page is missing or stale.

    The staff page of each case, and the patient's page of a case with a patient member; pages
    already current are left as they are. Prints one line: cases drawn, already current, and
    the seconds taken.
    """
    when = day(today, "--today") if today is not None else None
    if workspace is not None and not workspace.isdigit():
        raise fail(f"--workspace: {workspace[:40]!r} is not a workspace id")
    setup_django()
    from django.utils import timezone
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ketacover.web.accounts.models import Workspace
    from ketacover.web.cases.drawing import pages_draw

    space = int(workspace) if workspace is not None else None
    if space is not None and not Workspace.objects.filter(pk=space).exists():
        raise fail(f"--workspace: no workspace {space}")
    # The web app's today (the clinic's date), not the machine's: the pages are keyed on it.
    when = when or timezone.localdate()
    columns = (TextColumn("drawing pages"), BarColumn(), MofNCompleteColumn())
    started = time.perf_counter()
    with Progress(
        *columns, console=stderr(), disable=not sys.stderr.isatty(), transient=True
    ) as progress:
        task = progress.add_task("pages", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        run = pages_draw(when, workspace=space, progress=advance)
    seconds = time.perf_counter() - started
    console = stdout()
    for pk in run.failed:
        console.print(f"case {pk}: not drawn, its case document does not read as a case")
    console.print(
        f"{when.isoformat()}: {run.drawn:,} case{'' if run.drawn == 1 else 's'} drawn "
        f"({run.pages:,} page{'' if run.pages == 1 else 's'}), {run.current:,} already current"
        + (f", {len(run.failed):,} failed" if run.failed else "")
        + f", {seconds:.1f} s"
    )
