"""``ketacover abn``: the Advance Beneficiary Notice of Noncoverage (form CMS-R-131) filled from
a case, as a one-page PDF for the patient to read, choose an option on and sign.

It is written for Original Medicare patients before IV or IM ketamine, which Medicare may deny
as not reasonable and necessary. A notice whose facts are missing is not written: the command
lists each missing fact on its own line and exits with status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketacover.cli.edge import edge, stdout
from ketacover.cli.letters import missing_facts, write_whole
from ketacover.core.errors import MissingFactsError


@edge
def abn(
    file: Annotated[Path, typer.Argument(help="A case file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="PDF file to write.")],
) -> None:
    """Write the Advance Beneficiary Notice (ABN, form CMS-R-131) for an Original Medicare
    patient's planned ketamine treatment: -o abn.pdf."""
    from ketacover.core.billing.abn import compose
    from ketacover.interop.casefile import load_case
    from ketacover.render.abn import abn_pdf

    case = load_case(file)
    try:
        notice = compose(case)
    except MissingFactsError as error:
        raise missing_facts(error) from None
    write_whole(output, abn_pdf(notice))
    stdout().print(
        f"wrote {output} (ABN, {len(notice.items)} service line(s), "
        f"${notice.per_session:,.2f} per session)"
    )
