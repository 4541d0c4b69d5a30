"""``ketacover schema`` (the case-file JSON Schema) and ``ketacover rules`` (the payer criteria
packs the coverage engine knows)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketacover.cli.edge import edge, fail, stdout
from ketacover.cli.plain import print_json

PacksOption = Annotated[
    Path | None,
    typer.Option(
        "--packs", help="A folder of extra payer criteria packs (*.toml).", show_default=False
    ),
]


@edge
def schema() -> None:
    """Print the JSON Schema of a case file (draft 2020-12, with a description for each field)."""
    from ketacover.interop.casefile import case_schema

    print_json(case_schema())


@edge
def rules(
    packs: PacksOption = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON for programs.")] = False,
) -> None:
    """List the payer criteria packs: id, payer, what they require, source and date.

    JSON: {"packs": [{"id", "name", "payer", "explain", "source", "confidence", "as_of",
    "origin"}]}.
    """
    from rich.table import Table

    from ketacover.core.coverage import load_rules

    book = load_rules(read_packs(packs))
    listed = sorted(book.packs.values(), key=lambda pack: pack.id)
    if json_output:
        keys = ("id", "name", "payer", "explain", "source", "confidence", "as_of", "origin")
        print_json({"packs": [{key: getattr(pack, key) for key in keys} for pack in listed]})
        return
    table = Table(title="Payer criteria packs", show_lines=True)
    table.add_column("id", no_wrap=True)
    for column in ("payer", "what it requires", "source", "as of"):
        table.add_column(column)
    for pack in listed:
        table.add_row(
            pack.id,
            pack.payer,
            pack.explain,
            pack.source + pack.confidence.suffix,
            pack.as_of.isoformat(),
        )
    stdout().print(table)


def read_packs(folder: Path | None) -> tuple[tuple[str, str], ...]:
    """The ``*.toml`` files of ``folder`` as (name, text) pairs, sorted by name."""
    if folder is None:
        return ()
    if not folder.is_dir():
        raise fail(f"--packs: {folder} is not a folder")
    try:
        return tuple(
            (str(path), path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.toml"))
        )
    except (OSError, UnicodeDecodeError) as error:
        raise fail(f"--packs: cannot read a pack ({error.__class__.__name__})") from None
