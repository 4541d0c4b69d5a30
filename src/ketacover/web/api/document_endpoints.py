"""Document operations: list a case's documents, generate one, download one.

Generation goes through the case services (staff only, audited, kept as a new version);
downloads are checked against the caller's access and audited.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router, Status

from ketacover.web.api import services as api_services
from ketacover.web.api.case_endpoints import READ_ERRORS, today
from ketacover.web.api.errors import error_responses
from ketacover.web.api.schemas import DocumentIn, DocumentOut
from ketacover.web.cases import selectors, services
from ketacover.web.cases.models import DocumentRecord
from ketacover.web.downloads import disposition

router = Router(tags=["documents"])

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}
_BINARY = {"schema": {"type": "string", "format": "binary"}}


def document_url(document: DocumentRecord) -> str:
    """Where the document's bytes are."""
    return reverse("api:document_get", kwargs={"id": document.case_id, "doc_id": document.pk})


def document_out(document: DocumentRecord) -> DocumentOut:
    """A stored document's metadata as the API shows it."""
    return DocumentOut(
        id=document.pk,
        kind=document.kind,
        fmt=document.fmt,
        title=document.title,
        version=document.version,
        sha256=document.sha256,
        created_at=document.created_at,
        url=document_url(document),
    )


@router.get(
    "/cases/{id}/documents",
    response={200: list[DocumentOut], **READ_ERRORS},
    summary="List a case's documents",
)
def document_list(request: HttpRequest, id: int) -> list[DocumentOut]:
    """Every stored document of the case, newest first (metadata; the bytes are at ``url``)."""
    record = selectors.case_get(user=request.user, pk=id)
    documents = api_services.case_document_list(user=request.user, record=record, request=request)
    return [document_out(document) for document in documents]


@router.post(
    "/cases/{id}/documents",
    response={201: DocumentOut, **error_responses(400, 401, 403, 404, 422)},
    summary="Generate a document",
)
def document_create(
    request: HttpRequest, id: int, payload: DocumentIn, response: HttpResponse
) -> Status[DocumentOut]:
    """Compose and render a letter, summary or form of the case and keep it as a new version;
    if the case lacks facts the document needs, they are listed (422) and nothing is made."""
    record = selectors.case_get(user=request.user, pk=id)
    document = services.document_generate(
        user=request.user,
        record=record,
        kind=payload.kind,
        fmt=payload.fmt,
        today=today(),
        denial_id=payload.denial_id or None,
        variant=payload.variant or None,
        request=request,
    )
    response["Location"] = document_url(document)
    return Status(201, document_out(document))


@router.get(
    "/cases/{id}/documents/{doc_id}",
    response=READ_ERRORS,
    url_name="document_get",
    summary="Download a document",
    openapi_extra={
        "responses": {
            200: {
                "description": "The document's bytes.",
                "content": dict.fromkeys(CONTENT_TYPES.values(), _BINARY),
            }
        }
    },
)
def document_get(request: HttpRequest, id: int, doc_id: int) -> HttpResponse:
    """The stored bytes with their content type, as an attachment (the download is audited)."""
    document = selectors.document_get(user=request.user, case_pk=id, pk=doc_id)
    services.document_downloaded(user=request.user, document=document, request=request)
    response = HttpResponse(document.content.decrypt(), content_type=CONTENT_TYPES[document.fmt])
    response["Content-Disposition"] = disposition(document.filename)
    response["Cache-Control"] = "no-store"
    return response
