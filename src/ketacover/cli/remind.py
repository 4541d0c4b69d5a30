"""``ketacover remind``: e-mail each person the daily digest of what is due on their cases.

Meant for cron or a scheduler, once a day. E-mail goes through the web app's e-mail settings
(``KETACOVER_EMAIL_BACKEND``; the console backend by default, which prints the messages).
"""

from __future__ import annotations

from typing import Annotated

import typer

from ketacover.cli.edge import day, edge, stdout
from ketacover.cli.server import setup_django


@edge
def remind(
    today: Annotated[
        str | None, typer.Option(help="The day to remind for (YYYY-MM-DD); default today.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say who would get what; send nothing.")
    ] = False,
    base_url: Annotated[
        str,
        typer.Option(
            envvar="KETACOVER_BASE_URL", help="Where the web app is served, for the case links."
        ),
    ] = "http://127.0.0.1:8000",
) -> None:
    """E-mail each assignee what is overdue, due today and due this week.

    Owners get the unassigned cases. The e-mails carry case ids, what is due and by when, and
    never patient details.
    """
    when = day(today, "--today")
    setup_django()
    from ketacover.web.feeds.reminders import BUCKETS, reminders_send

    run = reminders_send(today=when, base_url=base_url, dry_run=dry_run)
    console = stdout()
    verb = "would send" if dry_run else "sent"
    for digest in run.digests:
        counts = ", ".join(f"{len(digest.bucket(name))} {name}" for name, _ in BUCKETS)
        console.print(f"{verb} to user {digest.user.pk}: {counts}")
    for digest in run.without_email:
        console.print(f"skipped user {digest.user.pk}: no e-mail address")
    console.print(
        f"{when.isoformat()}: {verb} {len(run.digests)} digest"
        f"{'' if len(run.digests) == 1 else 's'}, {len(run.without_email)} skipped"
    )
