"""What a patient may do on their own page: attach a letter from their plan to their case, and
write one of the documents they may use themselves. Both are audited (ids and kinds only, never
a name or a file's content); the attached file is kept on the case where the clinic sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from django.http import HttpRequest

from ketacover.core.errors import KetacoverError
from ketacover.core.letters.language import Language
from ketacover.core.letters.patient_documents import patient_documents
from ketacover.web.accounts.models import Actor
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of
from ketacover.web.uploads.models import Upload
from ketacover.web.uploads.services import upload_store

UPLOAD_NAMES: Final = {
    "eob": "Explanation of benefits from the patient",
    "denial-letter": "Denial letter from the patient",
    "plan-letter": "Other letter from the plan, from the patient",
}
"""What a patient may attach, and the name it is kept under: the kind, never the name of the
file on their device (which may say anything)."""


class PatientDocumentError(KetacoverError):
    """The document asked for is not one the case offers the patient now."""


def patient_upload(
    *, user: Actor, record: CaseRecord, kind: str, content: bytes, request: HttpRequest
) -> Upload:
    """Attach a PDF, PNG or JPEG the patient received (``kind``: an EOB, a denial letter or
    another letter from the plan) to their case, as the next version of that kind. The caller
    has checked that the case is the user's own (``patients.selectors.patient_case_get``)."""
    if kind not in UPLOAD_NAMES:
        raise KetacoverError("kind: choose what the file is")
    return upload_store(
        user=user,
        record=record,
        name=UPLOAD_NAMES[kind],
        content=content,
        request=request,
        detail={"by": "patient", "kind": kind},
    )


@dataclass(frozen=True, slots=True)
class Written:
    """A document written for the patient: file name, bytes."""

    filename: str
    content: bytes


def patient_document(
    *,
    user: Actor,
    record: CaseRecord,
    kind: str,
    denial_id: str,
    note: bool,
    today: date,
    language: Language,
    request: HttpRequest,
) -> Written:
    """One of the documents the case offers the patient now (``patient_documents``), as a PDF:
    the letter itself, or with ``note`` the note that explains it in the patient's language.
    Written on request and not kept; the writing is audited."""
    from ketacover.core.letters.catalog import compose, cover_note
    from ketacover.render.pdf import render_pdf

    case = case_of(record)
    for offered in patient_documents(case, today, language=language):
        if offered.kind == kind and (offered.options.denial_id or "") == denial_id:
            break
    else:
        raise PatientDocumentError("document: not one your case offers now")
    if offered.missing:
        raise PatientDocumentError("document: your clinic needs to add details first")
    if note and offered.cover_note:
        letter = cover_note(kind, case, today, offered.options, language=language)
        chosen = language
        name = f"{kind}-note.pdf"
    else:
        letter = compose(kind, case, today, offered.options, language=language)
        chosen = language if language in offered.languages else Language.EN
        name = f"{kind}.pdf"
    content = render_pdf(letter, language=chosen.value)
    audit_record(
        user=user,
        action=Action.DOWNLOAD,
        object_type="patient_document",
        object_id=record.pk,
        workspace=record.workspace,
        request=request,
        detail={"case": record.pk, "kind": kind, "note": note},
    )
    return Written(f"{record.case_id}-{name}", content)
