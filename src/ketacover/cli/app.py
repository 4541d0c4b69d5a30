"""The ``ketacover`` application: its commands and the ``--version`` flag."""

from __future__ import annotations

from typing import Annotated

import typer

from ketacover import __version__
from ketacover.cli.abn import abn
from ketacover.cli.assess import assess
from ketacover.cli.backup import backup
from ketacover.cli.catalog import rules, schema
from ketacover.cli.claims import claim
from ketacover.cli.codes import codes
from ketacover.cli.costs import costs
from ketacover.cli.datakeys import datakey, rekey
from ketacover.cli.deadlines import deadlines
from ketacover.cli.exports import export_app
from ketacover.cli.good_faith import gfe
from ketacover.cli.imports import import_app
from ketacover.cli.letters import letter, packet, superbill
from ketacover.cli.manage import manage
from ketacover.cli.remind import remind
from ketacover.cli.server import createuser, demo, migrate, serve
from ketacover.cli.validate import validate

app = typer.Typer(
    name="ketacover",
    help="Gets ketamine and esketamine treatment paid for: case files in, answers out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    # Plain help: typer's rich help imports rich's Markdown, traceback and pretty printers, which
    # alone cost more than the 200 ms the help may take (bench/README.md). Groups do the same.
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ketacover {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Gets ketamine and esketamine treatment paid for: case files in, answers out."""


app.command()(validate)
app.command()(assess)
app.command()(deadlines)
app.command()(costs)
app.command()(codes)
app.command()(letter)
app.command()(packet)
app.command()(superbill)
app.command()(claim)
app.command()(gfe)
app.command()(abn)
app.command()(schema)
app.command()(migrate)
app.command()(createuser)
app.command()(demo)
app.command()(serve)
app.command()(backup)
app.command()(datakey)
app.command()(rekey)
# Everything after `manage` (options and `--help` included) is Django's to read.
app.command(
    context_settings={
        "allow_extra_args": True,
        "ignore_unknown_options": True,
        "help_option_names": [],
    }
)(manage)
app.command()(remind)
app.command()(rules)
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")


def main() -> None:
    """Entry point of the ``ketacover`` console script."""
    app()
