"""``ketacover claim``: the claim for a date of service, written as the output file's suffix says.

``.837`` writes an X12 837P (005010X222A1) interchange for the clearinghouse, which sends it to
the payer; ketacover does not send anything. ``.pdf`` writes the CMS-1500 (02/12) claim form
whole (boxes, labels and data); ``.data.pdf`` writes only the data, to print on the pre-printed
red form. A claim whose facts are missing is not written: the
command lists each missing fact on its own line and exits with status 2.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer

from ketacover.cli.edge import day, edge, fail, stdout
from ketacover.cli.letters import missing_facts, write_whole
from ketacover.core.errors import MissingFactsError

if TYPE_CHECKING:
    from ketacover.core.billing import ProfessionalClaim
    from ketacover.core.model import Case

Writer = Callable[["Sequence[ProfessionalClaim]", "WriteOptions"], bytes]
Precheck = Callable[["Case"], list[str]]
"""What a format needs from the case beyond the claim, listed with the claim's missing facts."""


class WriteOptions:
    """What a writer needs besides the claims: the envelope settings typed on the command line."""

    __slots__ = ("control_number", "created", "receiver_id", "receiver_name", "test")

    def __init__(
        self,
        *,
        control_number: int,
        created: datetime,
        receiver_id: str | None,
        receiver_name: str | None,
        test: bool,
    ) -> None:
        self.control_number = control_number
        self.created = created
        self.receiver_id = receiver_id
        self.receiver_name = receiver_name
        self.test = test


def _write_837(claims: Sequence[ProfessionalClaim], options: WriteOptions) -> bytes:
    from ketacover.interop.x12.professional import Interchange, write_837

    first = claims[0]
    payer = first.payer
    receiver_id = options.receiver_id or (payer.payer_id if payer else None) or ""
    receiver_name = options.receiver_name or (payer.name if payer else "")
    interchange = Interchange(
        sender_id=first.billing.submitter_id,
        receiver_id=receiver_id,
        receiver_name=receiver_name,
        control_number=options.control_number,
        created=options.created,
        production=not options.test,
    )
    return write_837(claims, interchange=interchange).encode("ascii", "replace")


def _check_837(case: Case) -> list[str]:
    from ketacover.interop.x12.professional import case_missing_for_837

    return case_missing_for_837(case)


def _write_form(claims: Sequence[ProfessionalClaim], options: WriteOptions) -> bytes:
    from ketacover.render.cms1500 import cms1500_pdf

    return cms1500_pdf(claims)


def _write_form_data(claims: Sequence[ProfessionalClaim], options: WriteOptions) -> bytes:
    from ketacover.render.cms1500 import cms1500_pdf

    return cms1500_pdf(claims, data_only=True)


def _check_form(case: Case) -> list[str]:
    missing = []
    if case.plan is None:
        missing.append("plan: a CMS-1500 goes to a health plan; a self-pay patient has none")
    if case.patient.address is None:
        missing.append("patient.address: the patient's address (box 5)")
    return missing


FORMATS: Final[tuple[tuple[str, str, Writer, Precheck], ...]] = (
    (".data.pdf", "CMS-1500 data for the pre-printed red form", _write_form_data, _check_form),
    (".837", "X12 837P", _write_837, _check_837),
    (".pdf", "CMS-1500 whole form", _write_form, _check_form),
)
"""Output suffixes, longest first so that a longer one (e.g. ``.data.pdf``) wins over ``.pdf``."""


@edge
def claim(
    file: Annotated[Path, typer.Argument(help="A case file.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write; its suffix sets the format (.837, .pdf, .data.pdf).",
        ),
    ],
    session: Annotated[
        str | None,
        typer.Option(help="Date of service YYYY-MM-DD (default: every date of service)."),
    ] = None,
    control_number: Annotated[
        int, typer.Option(min=1, max=999_999_999, help="Interchange control number (ISA13).")
    ] = 1,
    receiver_id: Annotated[
        str | None, typer.Option(help="Receiver ID (default: the plan's payer ID).")
    ] = None,
    receiver_name: Annotated[
        str | None, typer.Option(help="Receiver name (default: the payer's name).")
    ] = None,
    test: Annotated[bool, typer.Option("--test", help="Mark the 837 as a test file.")] = False,
) -> None:
    """Write the claim for one date of service (or all of them) of a case: -o claim.837,
    claim.pdf (CMS-1500) or claim.data.pdf (data for the red form)."""
    from ketacover.core.billing import claims, compose
    from ketacover.interop.casefile import load_case

    label, writer, precheck = _format(output)
    case = load_case(file)
    try:
        try:
            if session is None:
                chosen = claims(case)
            else:
                chosen = (compose(case, on=day(session, "--session")),)
        except MissingFactsError as error:
            more = [item for item in precheck(case) if item not in error.missing]
            raise MissingFactsError(error.document, [*error.missing, *more]) from None
        options = WriteOptions(
            control_number=control_number,
            created=datetime.now(UTC).astimezone(),
            receiver_id=receiver_id,
            receiver_name=receiver_name,
            test=test,
        )
        data = writer(chosen, options)
    except MissingFactsError as error:
        raise missing_facts(error) from None
    write_whole(output, data)
    total = sum(item.total for item in chosen)
    stdout().print(f"wrote {output} ({label}, {len(chosen)} claim(s), ${total:,.2f} charged)")


def _format(output: Path) -> tuple[str, Writer, Precheck]:
    name = output.name.lower()
    for suffix, label, writer, precheck in FORMATS:
        if name.endswith(suffix):
            return label, writer, precheck
    known = ", ".join(suffix for suffix, _, _, _ in FORMATS)
    raise fail(f"{output.name}: ketacover writes claims as {known}")
