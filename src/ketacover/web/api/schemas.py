"""What the JSON API reads and writes. Case data travels in the case-file format
(``ketacover.interop.casefile``), so a case sent to the API is the same JSON a case file holds.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from ketacover.core.coverage.result import Assessment
from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.letters.catalog import KINDS
from ketacover.core.sources import Source
from ketacover.core.stage import Stage

EventKind = Literal["calls", "prior_authorizations", "sessions", "denials", "appeals", "claims"]
"""The case-file lists an event can be added to."""

DocumentFormat = Literal["pdf", "docx", "html"]

CASE_FILE_REF = "#/components/schemas/CaseFile"
"""Where the case-file JSON Schema sits in the OpenAPI document."""
CASE_FILE_MARK = "x-case-file"
"""Marks a field holding a whole case; the OpenAPI document points it at ``CaseFile``."""

_CASE_DATA = Field(
    description="A case in the case-file format (schema: CaseFile).",
    json_schema_extra={CASE_FILE_MARK: True},
)


class ProblemOut(Schema):
    """One validation problem: where (a case-file path such as ``denials[1].notice_date``), what,
    and for a whole case sent as JSON text, the line."""

    path: str
    message: str
    line: int | None = None


class ErrorDetail(Schema):
    """What went wrong, in words that name fields, never a person."""

    code: str = Field(description="A stable, machine-readable code, e.g. ``invalid_case``.")
    message: str
    problems: list[ProblemOut] = Field(default_factory=list)
    missing: list[str] | None = Field(
        default=None, description="For ``missing_facts``: each fact the document needs."
    )
    current_version: int | None = Field(
        default=None, description="For ``conflict``: the case's version now."
    )


class ErrorOut(Schema):
    """Every error response: one ``error`` object."""

    error: ErrorDetail


class CaseSummaryOut(Schema):
    """One row of the case list."""

    id: int = Field(description="The stored case's number, used in API paths.")
    case_id: str = Field(description="The case file's own id, unique within a workspace.")
    patient_name: str
    payer: str
    stage: Stage
    next_due: date | None
    version: int


class CasePageOut(Schema):
    """A page of cases, soonest deadline first."""

    count: int = Field(description="How many cases match, on every page together.")
    page: int
    pages: int
    page_size: int
    results: list[CaseSummaryOut]


class CaseOut(Schema):
    """A stored case: its data in the case-file format, its version and its stage."""

    id: int
    case_id: str
    version: int = Field(description="Send it back with a change; a stale one gets 409.")
    stage: Stage
    updated_at: datetime
    case: dict[str, Any] = _CASE_DATA


class CaseUpdateIn(Schema):
    """A whole changed case, with the version it was read at."""

    version: int = Field(ge=1)
    case: dict[str, Any] = _CASE_DATA


class EventIn(Schema):
    """One event (a call, a prior authorization, a session, a denial, an appeal or a claim) in
    the case-file format, with the case version it was written against."""

    version: int = Field(ge=1)
    event: dict[str, Any] = Field(
        description="One item of the case file's list named in the path (e.g. a denial)."
    )


class AssessmentOut(Schema):
    """The coverage assessment of a case as of a day."""

    id: int
    case_id: str
    version: int
    assessment: Assessment


class DeadlineOut(Schema):
    """One computed deadline, with the days left (negative when overdue)."""

    kind: DeadlineKind
    due: date
    days_left: int
    rule_id: str
    explain: str
    clock: str
    source: Source
    starts: date
    ref: str | None = None
    from_notice: bool = False


class DeadlinesOut(Schema):
    """Every deadline of a case as of ``today``, soonest first."""

    id: int
    case_id: str
    today: date
    deadlines: list[DeadlineOut]


class DocumentIn(Schema):
    """Which document to generate."""

    kind: str = Field(
        description="The document kind.", json_schema_extra={"enum": [k.name for k in KINDS]}
    )
    fmt: DocumentFormat = "pdf"
    denial_id: str | None = Field(
        default=None, max_length=64, description="The denial it answers (default: the latest)."
    )
    variant: str | None = Field(default=None, max_length=64, description="A letter variant.")


class DocumentOut(Schema):
    """A stored document's metadata; its bytes are at ``url``."""

    id: int
    kind: str
    fmt: str
    title: str
    version: int
    sha256: str
    created_at: datetime
    url: str
