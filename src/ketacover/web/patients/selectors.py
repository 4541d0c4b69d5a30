"""Which cases a person sees as a patient, always as a given user.

A patient is a member of a clinic's workspace in the patient role, tied to their one case, or
the owner of a personal workspace (an account made from the navigator, which holds only their
own cases). Nobody reaches another person's case here: the case is read through the same
membership rows that say who may see it, and anything else is a 404 that does not say whether
the case exists.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404

from ketacover.web.accounts.models import Actor, Membership, Role, Workspace, user_id_of
from ketacover.web.cases.models import CaseRecord, DocumentRecord

CLINIC_DOCUMENTS = ("superbill", "hsa-fsa-letter")
"""Documents the clinic issues that the patient uses themselves: the superbill they send to
their plan for money back, and the letter for their HSA or FSA administrator."""


def _memberships(user: Actor) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user_id=user_id_of(user))


def patient_cases(user: Actor) -> QuerySet[CaseRecord]:
    """The cases ``user`` sees as a patient: the case of each patient membership, and every
    case of a personal workspace they own; oldest first."""
    memberships = _memberships(user)
    own = memberships.filter(role=Role.PATIENT, case__isnull=False).values("case_id")
    personal = memberships.filter(role=Role.OWNER, workspace__kind=Workspace.Kind.PERSONAL).values(
        "workspace_id"
    )
    return CaseRecord.objects.filter(Q(pk__in=own) | Q(workspace_id__in=personal)).order_by(
        "created_at", "id"
    )


def is_patient_only(user: Actor) -> bool:
    """Whether ``user`` is only ever a patient: no membership as owner, staff or prescriber of
    a clinic's workspace, and at least one membership (their own case or personal workspace)."""
    memberships = _memberships(user)
    if not memberships.exists():
        return False
    clinic = memberships.exclude(role=Role.PATIENT).exclude(workspace__kind=Workspace.Kind.PERSONAL)
    return not clinic.exists()


def patient_case_get(*, user: Actor, pk: int) -> CaseRecord:
    """The case ``pk`` if ``user`` sees it as a patient; 404 otherwise."""
    try:
        return patient_cases(user).select_related("workspace").get(pk=pk)
    except CaseRecord.DoesNotExist:
        raise Http404("No such case.") from None


def clinic_documents(record: CaseRecord) -> list[DocumentRecord]:
    """The latest version of each document the clinic issued for the patient's own use, for a
    case the viewer was already let see (:func:`patient_case_get`): the PDF when there is one."""
    latest: dict[tuple[str, str], DocumentRecord] = {}
    found = record.documents.filter(kind__in=CLINIC_DOCUMENTS).defer("content")
    for document in found.order_by("kind", "fmt", "version"):
        latest[(document.kind, document.fmt)] = document
    chosen: dict[str, DocumentRecord] = {}
    for (kind, fmt), document in sorted(latest.items()):
        if kind not in chosen or fmt == "pdf":
            chosen[kind] = document
    return [chosen[kind] for kind in CLINIC_DOCUMENTS if kind in chosen]


def lands_as_patient(user: Actor, roles: Iterable[str], works_in_clinic: bool) -> bool:
    """Whether ``user``'s start page is their own case rather than the clinic's work queue,
    given their roles and whether they are owner, staff or prescriber anywhere (the case
    selectors' scope, read already): a patient member, or the owner of only personal
    workspaces. Only an owner of no staff workspace but their own needs another query."""
    if not works_in_clinic:
        return True
    if any(role not in (Role.OWNER, Role.PATIENT) for role in roles):
        return False
    return is_patient_only(user)
