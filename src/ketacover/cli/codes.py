"""``ketacover codes CODE``: every reading of a code (ICD-10-CM, NPI, HCPCS, CPT number, CARC,
place of service, modifier), whether it is valid on a date of service, and what it means."""

from __future__ import annotations

from typing import Annotated

import typer

from ketacover.cli.edge import BAD_INPUT, day, edge, stdout
from ketacover.cli.plain import print_json


@edge
def codes(
    code: Annotated[
        str, typer.Argument(help="A code: F33.2, 1234567893, J0013, 96365, CO-50, 11, 25.")
    ],
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            help="Date of service (YYYY-MM-DD) to check the code against.",
            show_default=False,
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON for programs.")] = False,
) -> None:
    """Say what a code is. Exit 2 when no reading of it is valid.

    JSON: {"query", "on", "valid", "readings": [{"system", "code", "valid", "description",
    "details": [[label, value]], "warnings", "source": {"citation", "confidence", "url"}}]}.
    """
    from rich.table import Table

    from ketacover.core.codes.lookup import describe_code

    service_day = day(on, "--on") if on is not None else None
    readings = describe_code(code, service_day)
    valid = any(reading.valid for reading in readings)
    if json_output:
        print_json({"query": code, "on": service_day, "valid": valid, "readings": readings})
    else:
        console = stdout()
        for reading in readings:
            status = "[green]valid[/]" if reading.valid else "[red]not valid[/]"
            table = Table(title=f"{reading.system} {reading.code}: {status}", show_header=False)
            table.add_column("", style="bold")
            table.add_column("")
            table.add_row("meaning", reading.description)
            for label, value in reading.details:
                table.add_row(label, value)
            for warning in reading.warnings:
                table.add_row("[yellow]check[/]", warning)
            if reading.source is not None:
                table.add_row("source", str(reading.source))
            console.print(table)
    if not valid:
        raise typer.Exit(BAD_INPUT)
