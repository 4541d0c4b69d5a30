"""Case operations: list, add, read, replace, assess, deadlines, add an event.

Each operation parses its input, calls the case selectors and services (which scope every read
to the caller, validate, version and audit), and returns case data in the case-file format.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Status
from ninja.params.functions import Query

from ketacover.core.errors import InvalidCaseFileError, Problem
from ketacover.core.stage import Stage
from ketacover.web.api import services as api_services
from ketacover.web.api.errors import error_responses
from ketacover.web.api.schemas import (
    CASE_FILE_REF,
    AssessmentOut,
    CaseOut,
    CasePageOut,
    CaseSummaryOut,
    CaseUpdateIn,
    DeadlineOut,
    DeadlinesOut,
    EventIn,
    EventKind,
)
from ketacover.web.cases import selectors
from ketacover.web.cases.list_audit import list_viewed
from ketacover.web.cases.models import CaseRecord

router = Router(tags=["cases"])

READ_ERRORS = error_responses(401, 404, 422)
_SEARCH = Query("", max_length=100, description="Search patient name, case id and payer.")
_STAGE = Query(None, description="Only cases at this stage.")
_PAGE = Query(1, ge=1, le=100_000, description="The page, 25 cases a page.")
WRITE_ERRORS = error_responses(400, 401, 403, 404, 409, 422)


def today() -> date:
    """Today where the clinic is (the web edge reads the clock; the core never does)."""
    return timezone.localdate()


def case_out(record: CaseRecord) -> CaseOut:
    """A stored case as the API shows it."""
    return CaseOut(
        id=record.pk,
        case_id=record.case_id,
        version=record.version,
        stage=Stage(record.stage),
        updated_at=record.updated_at,
        case=record.data,
    )


def case_url(record: CaseRecord) -> str:
    """Where the case lives in the API."""
    return reverse("api:case_get", kwargs={"id": record.pk})


@router.get(
    "/cases",
    response={200: CasePageOut, **error_responses(401, 422)},
    summary="List the cases you may see",
)
def case_list(
    request: HttpRequest,
    q: str = _SEARCH,
    stage: Stage | None = _STAGE,
    page: int = _PAGE,
) -> CasePageOut:
    """A page of cases (25 a page), soonest deadline first."""
    # No text holds a NUL, and PostgreSQL refuses one in a query: it is searched without it.
    query = q.replace("\x00", "").strip()
    found = selectors.case_list(
        user=request.user, query=query, stage=stage.value if stage else "", page=page
    )
    list_viewed(
        user=request.user,
        scope=selectors.scope_of(request.user),
        name="api_cases",
        rows=len(found.object_list),
        request=request,
        filters={"stage": stage.value if stage else ""},
        searched=bool(query),
        page=found.number,
        shown=found.object_list,
    )
    return CasePageOut(
        count=found.paginator.count,
        page=found.number,
        pages=found.paginator.num_pages,
        page_size=found.paginator.per_page,
        results=[
            CaseSummaryOut(
                id=record.pk,
                case_id=record.case_id,
                patient_name=record.patient_name,
                payer=record.payer,
                stage=Stage(record.stage),
                next_due=record.next_due,
                version=record.version,
            )
            for record in found
        ],
    )


@router.post(
    "/cases",
    response={201: CaseOut, **error_responses(400, 401, 403, 413, 422)},
    summary="Add a case",
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "A whole case in the case-file format, as JSON.",
            "content": {"application/json": {"schema": {"$ref": CASE_FILE_REF}}},
        }
    },
)
def case_create(request: HttpRequest, response: HttpResponse) -> Status[CaseOut]:
    """Store a case in the workspace where you are staff; problems come back with their path and
    line, and nothing is stored."""
    try:
        text = request.body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidCaseFileError([Problem("", "is not UTF-8 text")]) from None
    record = api_services.case_add(user=request.user, text=text, today=today(), request=request)
    response["Location"] = case_url(record)
    return Status(201, case_out(record))


@router.get(
    "/cases/{id}",
    response={200: CaseOut, **READ_ERRORS},
    url_name="case_get",
    summary="Read a case",
)
def case_get(request: HttpRequest, id: int) -> CaseOut:
    """The case's data, version and stage (the read is audited)."""
    record = selectors.case_get(user=request.user, pk=id)
    return case_out(api_services.case_read(user=request.user, record=record, request=request))


@router.put(
    "/cases/{id}",
    response={200: CaseOut, **WRITE_ERRORS},
    summary="Replace a case",
)
def case_update(request: HttpRequest, id: int, payload: CaseUpdateIn) -> CaseOut:
    """Replace the whole case; ``version`` must be the one you read (409 otherwise)."""
    record = selectors.case_get(user=request.user, pk=id)
    saved = api_services.case_replace(
        user=request.user,
        record=record,
        data=payload.case,
        expected_version=payload.version,
        today=today(),
        request=request,
    )
    return case_out(saved)


@router.get(
    "/cases/{id}/assessment",
    response={200: AssessmentOut, **READ_ERRORS},
    summary="Assess a case",
)
def case_assessment(request: HttpRequest, id: int) -> AssessmentOut:
    """Every pathway's verdict with its reasons and sources, the missing facts, the next
    actions and the documentation checklist, as of today."""
    record = selectors.case_get(user=request.user, pk=id)
    assessment = api_services.case_assessment(
        user=request.user, record=record, today=today(), request=request
    )
    return AssessmentOut(
        id=record.pk, case_id=record.case_id, version=record.version, assessment=assessment
    )


@router.get(
    "/cases/{id}/deadlines",
    response={200: DeadlinesOut, **READ_ERRORS},
    summary="List a case's deadlines",
)
def case_deadlines(request: HttpRequest, id: int) -> DeadlinesOut:
    """Every deadline, soonest first, with the rule and the source behind it."""
    record = selectors.case_get(user=request.user, pk=id)
    as_of = today()
    found = api_services.case_deadline_list(
        user=request.user, record=record, today=as_of, request=request
    )
    return DeadlinesOut(
        id=record.pk,
        case_id=record.case_id,
        today=as_of,
        deadlines=[
            DeadlineOut(
                kind=item.kind,
                due=item.due,
                days_left=(item.due - as_of).days,
                rule_id=item.rule_id,
                explain=item.explain,
                clock=item.clock,
                source=item.source,
                starts=item.starts,
                ref=item.ref,
                from_notice=item.from_notice,
            )
            for item in found
        ],
    )


@router.post(
    "/cases/{id}/events/{kind}",
    response={201: CaseOut, **WRITE_ERRORS},
    summary="Add an event to a case",
    tags=["events"],
)
def case_event_create(
    request: HttpRequest, id: int, kind: EventKind, payload: EventIn
) -> Status[CaseOut]:
    """Add one call, prior authorization, session, denial, appeal or claim; the whole case is
    validated with it, and the updated case comes back."""
    record = selectors.case_get(user=request.user, pk=id)
    saved = api_services.case_event_add(
        user=request.user,
        record=record,
        kind=kind,
        event=payload.event,
        expected_version=payload.version,
        today=today(),
        request=request,
    )
    return Status(201, case_out(saved))
