"""Reading a case's uploaded files, always as a given user: only from cases they may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ketacover.web.accounts.models import Actor
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.selectors import case_get, visible_cases
from ketacover.web.uploads.models import Upload


def upload_list(*, user: Actor, record: CaseRecord) -> QuerySet[Upload]:
    """The files of ``record`` (without their bytes), newest first; none if ``user`` may not see
    the case."""
    if not visible_cases(user).filter(pk=record.pk).exists():
        return Upload.objects.none()
    return Upload.objects.filter(case=record).defer("content").select_related("created_by")


def uploads_of_shown_case(*, record: CaseRecord) -> QuerySet[Upload]:
    """The files of ``record`` (without their bytes), newest first, for a case page whose
    viewer the database already let see the case (its documents section is drawn only after
    ``case_page_get`` checked the viewer). Anywhere else, :func:`upload_list`."""
    return Upload.objects.filter(case=record).defer("content").select_related("created_by")


def upload_get(*, user: Actor, case_pk: int, pk: int) -> Upload:
    """An uploaded file of a case ``user`` may see; 404 otherwise."""
    case = case_get(user=user, pk=case_pk)
    try:
        return Upload.objects.select_related("case__workspace").get(case=case, pk=pk)
    except Upload.DoesNotExist:
        raise Http404("No such file.") from None
