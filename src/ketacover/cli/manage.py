"""``ketacover manage COMMAND [ARGS]...``: Django's management commands, for the administrator.

The project ships no ``manage.py``: this command is its stand-in. It reads the same environment as
``ketacover serve`` (``KETACOVER_DATA_DIR``, ``DATABASE_URL``, the key files, ...) and hands every
argument after ``manage`` to Django's own command runner (``django.core.management``), so
``ketacover manage check --deploy``, ``ketacover manage changepassword alex``,
``ketacover manage shell`` or ``ketacover manage dbshell`` work as Django documents them, with
Django's output and exit status. ``ketacover manage`` alone (or ``help``) lists the commands.

A few commands are refused with the command to use instead: those that would create an account
outside ketacover's workspaces, serve with Django's development server, erase every table (the
audit trail included), or write new code into the installed package.
"""

from __future__ import annotations

from typing import Final

import typer

from ketacover.cli.edge import edge, fail
from ketacover.cli.server import setup_django

PROGRAM: Final = "ketacover manage"
"""The name Django's help and usage lines give the command runner."""

REFUSED: Final[dict[str, str]] = {
    "createsuperuser": (
        "use `ketacover createuser NAME --workspace W --role owner`: what a person may see comes "
        "from their workspace role, not from Django's superuser flag"
    ),
    "runserver": "use `ketacover serve`: runserver is Django's development server",
    "testserver": "use `ketacover serve`: testserver is Django's development server",
    "flush": (
        "it would erase every table, the audit trail included; to start over, drop and create "
        "the database, then run `ketacover migrate`"
    ),
    "makemigrations": "a developer's command: it writes new code into the installed package",
    "squashmigrations": "a developer's command: it writes new code into the installed package",
    "optimizemigration": "a developer's command: it writes new code into the installed package",
    "startapp": "a developer's command: it writes new code",
    "startproject": "a developer's command: it writes new code",
}
"""Django commands an administrator of ketacover should not run, with what to do instead."""


@edge
def manage(context: typer.Context) -> None:
    """Run a Django management command with the web app's settings: `ketacover manage help`.

    For example check --deploy, migrate --check, changepassword, clearsessions, shell, dbshell.
    Every argument after `manage` goes to Django unchanged, `--help` included. The exit status is
    Django's (1 when a command fails).
    """
    arguments = list(context.args)
    if arguments and arguments[0] in REFUSED:
        raise fail(f"manage {arguments[0]}: {REFUSED[arguments[0]]}")
    setup_django()
    from django.core.management import ManagementUtility

    ManagementUtility([PROGRAM, *arguments]).execute()
