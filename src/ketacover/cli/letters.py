"""``ketacover letter``, ``ketacover packet`` and ``ketacover superbill``: documents from a case.

The format comes from the output file's suffix (.pdf, .docx, .html). A document whose required
facts are missing is not written: the command lists what is missing and exits with status 2.
``--language es`` writes the documents a patient reads (the call script) in Spanish; a letter to
the plan stays in English, and ``--cover-note`` writes the patient's note about it instead.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketacover.cli.assess import TodayOption
from ketacover.cli.edge import day, edge, fail, stdout
from ketacover.core.errors import MissingFactsError

if TYPE_CHECKING:
    from ketacover.core.letters.catalog import Kind, Options
    from ketacover.core.letters.language import Language

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="File to write; its suffix (.pdf, .docx, .html) sets the format."
    ),
]


@edge
def letter(
    kind: Annotated[
        str | None, typer.Argument(help="Which document (see --list), e.g. medical-necessity.")
    ] = None,
    file: Annotated[Path | None, typer.Argument(help="A case file.")] = None,
    output: OutputOption = None,
    list_kinds: Annotated[bool, typer.Option("--list", help="List the document kinds.")] = False,
    denial: Annotated[
        str | None,
        typer.Option(
            help="Id of the denial to answer, as in the case file (default: the newest open one)."
        ),
    ] = None,
    variant: Annotated[
        str | None, typer.Option(help="A letter variant, e.g. esketamine or patient.")
    ] = None,
    language: Annotated[
        str, typer.Option(help="The reader's language: en or es (the call script, cover notes).")
    ] = "en",
    cover_note: Annotated[
        bool,
        typer.Option(
            "--cover-note",
            help="Write the patient's cover note about the letter (what it is, who signs it, "
            "where to send it, by when) instead of the letter.",
        ),
    ] = False,
    today: TodayOption = None,
) -> None:
    """Write one document for a case: ketacover letter KIND CASE -o FILE."""
    from ketacover.core.letters.catalog import KINDS, Options

    if list_kinds:
        _print_kinds(KINDS)
        return
    if kind is None or file is None or output is None:
        raise fail("give KIND, a case file and -o FILE (or --list to see the kinds)")
    options = Options(denial_id=denial, variant=variant)
    _write_document(
        kind, file, output, options, today, language=_language(language), cover_note=cover_note
    )


@edge
def superbill(
    file: Annotated[Path, typer.Argument(help="A case file with sessions given.")],
    output: OutputOption = None,
    session: Annotated[
        str | None, typer.Option(help="Only the session on this date (YYYY-MM-DD).")
    ] = None,
    today: TodayOption = None,
) -> None:
    """Write a superbill for the sessions given (or one session) for out-of-network claims."""
    from ketacover.core.letters.catalog import Options

    if output is None:
        raise fail("give -o FILE (.pdf, .docx or .html)")
    variant = None
    if session is not None:
        variant = f"session:{day(session, '--session').isoformat()}"
    _write_document("superbill", file, output, Options(variant=variant), today)


@edge
def packet(
    file: Annotated[Path, typer.Argument(help="A case file.")],
    output: OutputOption = None,
    attach: Annotated[
        list[Path] | None,
        typer.Option(help="A PDF to append (clinical notes); repeat for more."),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Write the prior-authorization packet as one PDF.

    Cover sheet, letter of medical necessity, treatment history, clinical summary, evidence list
    and any attached PDFs, with page numbers and bookmarks; once the plan has approved the
    treatment, the cover sheet and the continuation request instead.
    """
    from ketacover.core.letters.catalog import prior_authorization_packet
    from ketacover.interop.casefile import load_case
    from ketacover.render.pdf import render_packet_pdf

    if output is None or output.suffix.lower() != ".pdf":
        raise fail("give -o FILE.pdf (the packet is one PDF)")
    attachments: list[tuple[str, bytes]] = []
    for path in attach or []:
        try:
            attachments.append((path.name, path.read_bytes()))
        except OSError as error:
            raise fail(f"{path.name}: cannot read the attachment ({error.strerror})") from None
    case = load_case(file)
    try:
        bundle = prior_authorization_packet(case, day(today, "--today"))
    except MissingFactsError as error:
        raise missing_facts(error) from None
    data = render_packet_pdf(bundle, attachments)
    write_whole(output, data)
    typer.echo(f"wrote {output} ({len(bundle.documents)} documents, {len(attachments)} attached)")


def _language(value: str) -> Language:
    from ketacover.core.letters.language import Language

    try:
        return Language(value.strip().lower())
    except ValueError:
        known = ", ".join(item.value for item in Language)
        raise fail(
            f"--language: {value!r} is not a language ketacover writes; use {known}"
        ) from None


def _write_document(
    kind: str,
    file: Path,
    output: Path,
    options: Options,
    today: str | None,
    *,
    language: Language | None = None,
    cover_note: bool = False,
) -> None:
    from ketacover.core.letters import catalog
    from ketacover.core.letters.language import Language
    from ketacover.interop.casefile import load_case
    from ketacover.render import format_for_path, render

    lang = language or Language.EN
    fmt = format_for_path(output)
    found = catalog.kind(kind)
    case = load_case(file)
    when = day(today, "--today")
    try:
        if cover_note:
            document = catalog.cover_note(kind, case, when, options, language=lang)
        else:
            document = catalog.compose(kind, case, when, options, language=lang)
    except MissingFactsError as error:
        raise missing_facts(error) from None
    write_whole(output, render(document, fmt))
    typer.echo(f"wrote {output} ({document.title})")
    if not cover_note and lang not in found.languages:
        from ketacover.core.letters.cover_note import KINDS as WITH_NOTE

        note = f"; --cover-note writes the patient's note about it in {lang.value}"
        typer.echo(
            f"ketacover: the {found.title.lower()} is written in English, because the plan reads "
            f"it{note if kind in WITH_NOTE else ''}",
            err=True,
        )


def missing_facts(error: MissingFactsError) -> typer.Exit:
    """Print the document's missing facts one per line on standard error; the exit (status 2)."""
    from ketacover.core.letters.catalog import KINDS

    titles = {item.name: item.title.lower() for item in KINDS}
    document = titles.get(error.document, error.document)
    lines = [f"ketacover: cannot write the {document}; the case is missing:"]
    lines += [f"  - {item}" for item in error.missing]
    typer.echo("\n".join(lines), err=True)
    return typer.Exit(2)


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=directory, prefix=".ketacover-", suffix=path.suffix
        )
    except OSError as error:
        raise fail(f"{path}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise fail(f"{path}: cannot write there ({error.strerror})") from None


def _print_kinds(kinds: tuple[Kind, ...]) -> None:
    from rich.table import Table

    table = Table(title="Documents ketacover writes", title_justify="left", expand=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("document", ratio=2)
    table.add_column("what it is", ratio=5)
    for item in kinds:
        needs = " Needs a denial." if item.needs_denial else ""
        table.add_row(item.name, item.title, item.description + needs)
    stdout().print(table)
