"""``ketacover import ...``: outside records into case files (``import fhir``, ``import 835``,
``import 271``),
and a workspace archive into the web app's database (``import workspace``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer

from ketacover.cli.edge import edge, fail, stdout
from ketacover.cli.eligibility import import_271
from ketacover.cli.remittances import import_835
from ketacover.cli.server import setup_django
from ketacover.core.errors import KetacoverError

if TYPE_CHECKING:
    from ketacover.interop.fhir import ImportReport

import_app = typer.Typer(
    name="import",
    help="Bring outside records (FHIR bundles, ...) into ketacover.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
import_app.command("835")(import_835)
import_app.command("271")(import_271)

MAX_BUNDLE_BYTES: Final = 200_000_000
"""Largest bundle read; years of claims are a few megabytes."""


@import_app.command("fhir")
@edge
def fhir(
    bundle: Annotated[Path, typer.Argument(help="A FHIR R4 Bundle in JSON.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The case file to write (.yaml).")],
    gap_days: Annotated[
        int,
        typer.Option(
            "--gap-days", min=0, help="Days without a drug after which a new trial starts."
        ),
    ] = 30,
    case_id: Annotated[
        str | None, typer.Option("--case-id", help="Id of the new case (default fhir-import).")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Build a case file from a FHIR R4 bundle and print what was read, skipped and inferred.

    Nothing is written when the bundle cannot be read (exit 2).
    """
    import yaml

    from ketacover.cli.plain import print_json
    from ketacover.interop.casefile import case_to_data, parse_case
    from ketacover.interop.fhir import import_bundle

    data = _read(bundle)
    try:
        result = import_bundle(data, gap_days=gap_days, case_id=case_id)
    except KetacoverError as error:
        raise fail(f"{bundle.name}: {str(error).splitlines()[0]}") from None
    text = yaml.safe_dump(
        case_to_data(result.case), sort_keys=False, default_flow_style=False, allow_unicode=True
    )
    parse_case(text, fmt="yaml", name=str(output))
    _write(output, text.encode("utf-8"))
    if json_output:
        print_json({"output": str(output), "case_id": result.case.id, "report": result.report})
    else:
        _print_report(result.report, output)


@import_app.command("workspace")
@edge
def workspace(
    archive: Annotated[Path, typer.Argument(metavar="IN.zip", help="A workspace archive.")],
    name: Annotated[
        str | None, typer.Option(help="Name of the new workspace (default: the archive's).")
    ] = None,
    into: Annotated[
        str | None,
        typer.Option(
            help="Import into this existing workspace (id or name); it must have no cases."
        ),
    ] = None,
    link_existing_users: Annotated[
        bool,
        typer.Option(
            "--link-existing-users",
            help="Give the workspace's memberships to accounts that already exist here under the "
            "archive's usernames (refused otherwise).",
        ),
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Check the archive and the database; write nothing.")
    ] = False,
) -> None:
    """Import a workspace archive (from ``ketacover export workspace`` or the workspace page)
    into a new or empty workspace: everything is checked first, then written in one
    transaction, so a bad archive changes nothing."""
    setup_django()
    from ketacover.web.archives.selectors import workspace_by_reference
    from ketacover.web.archives.services import workspace_import

    target = workspace_by_reference(into) if into is not None else None
    result = workspace_import(
        source=archive,
        name=name,
        into=target,
        link_existing_users=link_existing_users,
        check_only=check,
    )
    summary = ", ".join(f"{count} {table}" for table, count in sorted(result.counts.items()))
    linked = f"; {result.linked_users} existing user(s) linked" if result.linked_users else ""
    if result.workspace is None:
        stdout().print(
            f"{archive}: the archive can be imported ({summary}{linked}); nothing written"
        )
    else:
        stdout().print(
            f"imported {archive} into workspace {result.workspace.pk} ({summary}{linked})"
        )


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise fail(f"{path}: is larger than {MAX_BUNDLE_BYTES // 1_000_000} MB")
        return path.read_bytes()
    except FileNotFoundError:
        raise fail(f"{path}: file not found") from None
    except IsADirectoryError:
        raise fail(f"{path}: is a folder, not a bundle") from None
    except PermissionError:
        raise fail(f"{path}: cannot be read (permission denied)") from None


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".ketacover-", suffix=".yaml")
    except OSError as error:
        raise fail(f"{path}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise fail(f"{path}: cannot write there ({error.strerror})") from None


_LISTED = 50
"""Skipped records listed one by one; beyond this many they are counted by type and reason."""


def _print_report(report: ImportReport, output: Path) -> None:
    from rich.table import Table

    console = stdout()
    console.print(f"wrote {output}")
    read = Table(title="Resources read", title_justify="left")
    for column in ("resource type", "in bundle", "skipped"):
        read.add_column(column, justify="left" if column == "resource type" else "right")
    for kind, count in report.counts.items():
        read.add_row(kind, str(count), str(report.skipped_count(kind)))
    console.print(read)
    if report.trials:
        trials = Table(
            title=f"Trials inferred (a gap over {report.gap_days} days starts a new trial)",
            title_justify="left",
        )
        columns = ("drug", "class", "from", "to", "weeks", "dose", "refills", "augments")
        for column in (*columns, "records"):
            trials.add_column(column, no_wrap=column in ("drug", "from", "to"))
        for trial in report.trials:
            trials.add_row(
                trial.name,
                trial.drug_class or "",
                str(trial.start),
                str(trial.end),
                str(trial.weeks),
                trial.dose or "",
                "" if trial.refills is None else str(trial.refills),
                "yes" if trial.augmentation else "",
                str(len(trial.sources)),
            )
        console.print(trials)
        for trial in report.trials:
            if trial.reason_stopped:
                console.print(f"stopped: {trial.name} ({trial.start}): {trial.reason_stopped}")
    if len(report.skipped) > _LISTED:
        grouped = Table(title=f"Skipped ({len(report.skipped):,} records)", title_justify="left")
        for column in ("records", "type", "why", "first"):
            grouped.add_column(column, justify="right" if column == "records" else "left")
        for group in report.skipped_by_reason():
            grouped.add_row(f"{group.count:,}", group.resource_type, group.reason, group.first)
        console.print(grouped)
    elif report.skipped:
        skipped = Table(title="Skipped", title_justify="left")
        skipped.add_column("record")
        skipped.add_column("why")
        for each in report.skipped:
            skipped.add_row(each.source_id, each.reason)
        console.print(skipped)
    for note in report.notes:
        console.print(f"note: {note}")
