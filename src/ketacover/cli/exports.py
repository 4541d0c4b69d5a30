"""``ketacover export``: a case's prior-authorization request as a FHIR bundle, and deadlines as a
calendar file.

- ``ketacover export pas CASE -o bundle.json``: the Da Vinci PAS-style Bundle (Claim with
  ``use = preauthorization``, Patient, Coverage, Organizations, Practitioner, Conditions) with the
  request letter (the letter of medical necessity, or the continuation request once the plan has
  approved the treatment) attached as a PDF unless ``--no-letter``. Nothing is sent anywhere.
- ``ketacover export ics CASE... -o deadlines.ics``: every deadline of one or many cases as
  all-day events with stable UIDs. When the output file already holds an earlier export (or
  ``--previous`` names one), deadlines that are gone are written as cancelled events.
- ``ketacover export workspace WORKSPACE OUT.zip``: a whole workspace of the web app's database
  as one archive (``ketacover.web.archives``), its files decrypted: the archive is health data.

A file is written whole or not at all. Missing facts are listed and the command exits with 2.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from ketacover.cli.assess import TodayOption
from ketacover.cli.edge import day, edge, fail, stdout
from ketacover.cli.eligibility import export_270
from ketacover.cli.server import setup_django
from ketacover.core.errors import MissingFactsError

export_app = typer.Typer(
    name="export",
    help="Write a case's prior-authorization request (FHIR) or deadlines (iCalendar) to a file.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

export_app.command("270")(export_270)

CALENDAR_NAME = "ketacover deadlines"


@export_app.command("pas")
@edge
def pas(
    file: Annotated[Path, typer.Argument(help="A case file.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The bundle file to write (JSON).")
    ],
    no_letter: Annotated[
        bool, typer.Option("--no-letter", help="Leave the request letter out.")
    ] = False,
    today: TodayOption = None,
) -> None:
    """Write the prior-authorization request as a Da Vinci PAS-style FHIR R4 Bundle (JSON)."""
    from ketacover.core.letters.catalog import compose
    from ketacover.core.letters.readiness import request_kind
    from ketacover.interop.casefile import load_case
    from ketacover.interop.pas import pas_bundle
    from ketacover.interop.pas.claim import required_facts
    from ketacover.interop.pas.parties import LETTER_TITLE
    from ketacover.render import render

    as_of = day(today, "--today")
    case = load_case(file)
    missing: dict[str, str] = {}
    try:
        required_facts(case)
    except MissingFactsError as error:
        missing.update(_by_path(error))
    letter_pdf = None
    letter_title = LETTER_TITLE
    letter_missing: dict[str, str] = {}
    if not no_letter:
        try:
            letter = compose(request_kind(case), case, as_of)
        except MissingFactsError as error:
            letter_missing = _by_path(error)
        else:
            letter_pdf = render(letter, "pdf")
            letter_title = letter.title
    if missing or letter_missing:
        for path, item in letter_missing.items():
            missing.setdefault(path, item)
        raise _missing(missing, letter=bool(letter_missing))
    try:
        bundle = pas_bundle(
            case,
            as_of,
            letter_pdf=letter_pdf,
            letter_title=letter_title,
        )
    except MissingFactsError as error:
        raise _missing(_by_path(error), letter=False) from None
    text = json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
    write_atomically(output, text.encode("utf-8"))
    entries = len(bundle["entry"])
    attached = "without a letter" if letter_pdf is None else "with the letter attached"
    stdout().print(f"wrote {output} ({entries} resources, {attached}); nothing was sent")


@export_app.command("ics")
@edge
def ics(
    files: Annotated[list[Path], typer.Argument(help="One or more case files.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The calendar file to write (.ics).")
    ],
    previous: Annotated[
        Path | None,
        typer.Option(
            help="An earlier export whose vanished deadlines to cancel (default: the output file "
            "when it exists)."
        ),
    ] = None,
    name: Annotated[str, typer.Option(help="The calendar's name.")] = CALENDAR_NAME,
    today: TodayOption = None,
) -> None:
    """Write every deadline of the cases as an iCalendar file (no names or diagnoses in it)."""
    from ketacover.core.deadlines import case_deadlines
    from ketacover.interop.casefile import load_case
    from ketacover.interop.ics import InvalidCalendarError, calendar_uids, deadlines_calendar

    as_of = day(today, "--today")
    stamp = datetime.now(UTC) if today is None else None
    cases = [load_case(path) for path in files]
    earlier = previous if previous is not None else (output if output.exists() else None)
    cancelled: frozenset[str] = frozenset()
    if earlier is not None:
        try:
            cancelled = calendar_uids(_read(earlier))
        except InvalidCalendarError as error:
            raise fail(f"{earlier.name}: {error}") from None
    items = [(case, case_deadlines(case, as_of)) for case in cases]
    data = deadlines_calendar(items, today=as_of, name=name, stamp=stamp, cancelled_uids=cancelled)
    write_atomically(output, data)
    events = sum(len(deadlines) for _, deadlines in items)
    stdout().print(f"wrote {output} ({events} deadlines from {len(cases)} case(s))")


@export_app.command("workspace")
@edge
def workspace(
    reference: Annotated[
        str, typer.Argument(metavar="WORKSPACE", help="The workspace's id or exact name.")
    ],
    output: Annotated[
        Path, typer.Argument(metavar="OUT.zip", help="The archive to write; it holds health data.")
    ],
    include_password_hashes: Annotated[
        bool,
        typer.Option(
            "--include-password-hashes",
            help="Carry the members' password hashes, so they can log in after an import.",
        ),
    ] = False,
) -> None:
    """Write a whole workspace of the web app (cases, deadlines, documents, uploads, members,
    audit trail) as one zip archive with a manifest of SHA-256 hashes. The files go in
    decrypted: keep the archive as safe as the database."""
    setup_django()
    from ketacover.web.archives.selectors import workspace_by_reference
    from ketacover.web.archives.services import workspace_export

    found = workspace_by_reference(reference)
    chunks = workspace_export(user=None, workspace=found, password_hashes=include_password_hashes)
    write_chunks_atomically(output, chunks)
    import zipfile

    with zipfile.ZipFile(output) as archive:
        counts = json.loads(archive.read("manifest.json"))["counts"]
    summary = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
    stdout().print(f"wrote {output} (workspace {found.pk}: {summary}); it holds health data")


def write_chunks_atomically(path: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``path`` whole or not at all, readable by its owner only (a
    temporary file, then a rename); a failure while writing leaves nothing behind."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=directory, prefix=".ketacover-", suffix=path.suffix
        )
    except OSError as error:
        raise fail(f"{path}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise fail(f"{path}: cannot write there ({error.strerror})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes) -> None:
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


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise fail(f"{path}: cannot read the earlier calendar ({error.strerror})") from None


def _by_path(error: MissingFactsError) -> dict[str, str]:
    """The missing facts keyed by their case-file path (``plan.member_id``)."""
    return {item.split(":", 1)[0]: item for item in error.missing}


def _missing(missing: dict[str, str], *, letter: bool) -> typer.Exit:
    lines = ["ketacover: cannot write the prior-authorization bundle; the case is missing:"]
    lines += [f"  - {item}" for item in missing.values()]
    if letter:
        lines.append(
            "  (the letter of medical necessity needs some of these; --no-letter omits it)"
        )
    typer.echo("\n".join(lines), err=True)
    return typer.Exit(2)
