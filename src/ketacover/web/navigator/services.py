"""The navigator's services: the only code of the navigator pages that calls the core.

Nothing here writes to the database except :func:`navigator_save`, which the person chooses:
the answers travel between steps as a signed token in a hidden form field (:func:`state_dump`,
:func:`state_load`), never in the session, the cache or a log. Signing keeps a tampered token
from being read back; the answers inside are checked again by the core on every load. The token
is not encrypted: it holds only what the person typed, and it lives in their own page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

import yaml
from django.contrib.auth import login
from django.core import signing
from django.db import transaction
from django.http import HttpRequest

from ketacover.core.errors import KetacoverError
from ketacover.core.letters.language import Language
from ketacover.core.model import Case
from ketacover.core.navigator.action_plan import compose_action_plan
from ketacover.core.navigator.answers import Answers, AnswersError, answers_from_data
from ketacover.core.navigator.documents import (
    Offer,
    compose_note,
    compose_offer,
    document_case,
    offers,
)
from ketacover.core.navigator.guide import Guide, guide
from ketacover.core.navigator.outlook import Outlook, outlook
from ketacover.interop.casefile import case_from_data, case_to_data, parse_case
from ketacover.render import render
from ketacover.render.pdf import render_pdf
from ketacover.web.accounts import backends
from ketacover.web.accounts.models import Membership, Role
from ketacover.web.accounts.services import account_signup
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_create

SALT: Final = "ketacover.navigator.answers"


class StateError(KetacoverError):
    """The answers carried by the page could not be read (tampered with, or from an older
    version); the person starts again. The message carries no answer."""


def state_dump(answers: Answers) -> str:
    """The answers as a signed token for the page's hidden field."""
    return signing.dumps(answers.to_data(), salt=SALT, compress=True)


def state_load(token: str) -> Answers:
    """The answers from a token made by :func:`state_dump`; an empty token is no answers."""
    if not token:
        return Answers()
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise StateError("the answers on this page could not be read") from None
    try:
        return answers_from_data(data)
    except AnswersError:
        raise StateError("the answers on this page could not be read") from None


@dataclass(frozen=True, slots=True)
class Result:
    """Everything the answer page shows."""

    outlook: Outlook
    guide: Guide
    offers: tuple[Offer, ...]
    case_file_needs: tuple[str, ...]


def navigator_answer(*, answers: Answers, today: date, language: Language) -> Result:
    """The answer for ``answers`` on ``today`` in ``language``: the engine's assessment of each
    reading, merged and told in the person's words, and the documents it calls for."""
    found = outlook(answers, today)
    return Result(
        outlook=found,
        guide=guide(found, answers, language),
        offers=offers(answers, found, language),
        case_file_needs=case_file_needs(answers),
    )


def case_file_needs(answers: Answers) -> tuple[str, ...]:
    """What a case file still needs (as keys: ``identity``, ``insurer``)."""
    needs = []
    if not answers.identified:
        needs.append("identity")
    if answers.coverage is not None and not answers.insurer:
        needs.append("insurer")
    return tuple(needs)


@dataclass(frozen=True, slots=True)
class Download:
    """A file to send: its name, media type and bytes."""

    filename: str
    content_type: str
    content: bytes


PDF: Final = "application/pdf"
DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
YAML: Final = "application/yaml"


def navigator_download(
    *, answers: Answers, today: date, language: Language, document: str, fmt: str
) -> Download:
    """One document for ``answers``: ``action-plan`` (PDF), ``case-file`` (YAML) or a core letter
    the situation calls for (PDF or DOCX). Raises :class:`KetacoverError` when the document is
    not available for these answers."""
    found = outlook(answers, today)
    if document == "action-plan":
        letter = compose_action_plan(guide(found, answers, language))
        return Download(
            f"action-plan-{today.isoformat()}.pdf", PDF, render_pdf(letter, language=language)
        )
    if document == "case-file":
        return Download("case.yaml", YAML, case_file(answers, found, today).encode("utf-8"))
    for offer in offers(answers, found, language):
        if offer.name == document:
            if not offer.ready:
                raise KetacoverError(f"{document}: needs more details")
            if fmt == "note" and offer.has_note:
                note = compose_note(offer, answers, found, language)
                content = render_pdf(note, language=language)
                return Download(f"{document}-note.pdf", PDF, content)
            letter = compose_offer(offer, answers, found, today)
            if fmt == "docx":
                return Download(f"{document}.docx", DOCX, render(letter, "docx"))
            content = render_pdf(letter, language=offer.language)
            return Download(f"{document}.pdf", PDF, content)
    raise KetacoverError(f"{document}: not a document these answers call for")


def case_file(answers: Answers, found: Outlook, today: date) -> str:
    """The case as a case file (YAML), exactly what ``ketacover validate`` reads; checked by
    the same reader before it is handed out."""
    if case_file_needs(answers):
        raise KetacoverError("case-file: needs the patient's name, birth date and insurer")
    case = document_case(answers, found, today)
    text = yaml.safe_dump(
        case_to_data(case), sort_keys=False, default_flow_style=False, allow_unicode=True
    )
    parse_case(text, fmt="yaml", name="case.yaml")
    return text


def navigator_save(
    *,
    answers: Answers,
    today: date,
    username: str,
    email: str,
    password: str,
    request: HttpRequest,
) -> CaseRecord:
    """Create an account with a personal workspace, log the person in, and store the case built
    from their answers there as a normal case; both steps are audited by the services they use.

    The case is checked by the case-file reader first, so nothing is written for answers that
    would not make a valid case; account and case are created in one transaction.
    """
    if case_file_needs(answers):
        raise KetacoverError("details: needs the patient's name, birth date and insurer")
    found = outlook(answers, today)
    case = _checked(document_case(answers, found, today))
    with transaction.atomic():
        user = account_signup(username=username, email=email, password=password, request=request)
        membership = Membership.objects.select_related("workspace").get(user=user, role=Role.OWNER)
        record = case_create(
            user=user, workspace=membership.workspace, case=case, today=today, request=request
        )
    login(request, user, backend=backends.PATH)
    return record


def _checked(case: Case) -> Case:
    return case_from_data(case_to_data(case))
