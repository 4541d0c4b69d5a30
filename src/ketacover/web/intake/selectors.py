"""What the intake pages read: the cases a user may fill in, the workspaces they may add cases
to, and the code searches (ICD-10-CM codes, antidepressants with their class)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from ketacover.core.codes import antidepressants, icd10cm, icd10cm_search
from ketacover.core.codes.icd10cm_search import CodeMatch
from ketacover.core.model import Case
from ketacover.web.accounts.models import Actor, Role, Workspace, user_id_of
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.selectors import case_get, membership_for

MIN_QUERY = 2
"""Searches start from this many characters."""


@dataclass(frozen=True, slots=True)
class DrugMatch:
    """A drug found by the drug search, with its class."""

    name: str
    """Generic name."""
    brands: str
    """Brand names, comma-separated."""
    classes: str
    """Its class (two for a combination product)."""


def intake_workspaces(*, user: Actor) -> QuerySet[Workspace]:
    """The workspaces where ``user`` may add cases (owner, staff or prescriber)."""
    if not user.is_authenticated:
        return Workspace.objects.none()
    return Workspace.objects.filter(
        memberships__user_id=user_id_of(user), memberships__role__in=_WRITERS
    ).order_by("name", "id")


_WRITERS = (Role.OWNER, Role.STAFF, Role.PRESCRIBER)


def intake_case_get(*, user: Actor, pk: int) -> CaseRecord:
    """The case ``pk`` if ``user`` may fill it in: 404 if they may not see it (never saying it
    exists), 403 if they may only see it (a patient)."""
    record = case_get(user=user, pk=pk)
    membership = membership_for(user=user, case=record)
    if membership is None or membership.role not in _WRITERS:
        raise PermissionDenied("only workspace staff can fill in a case")
    return record


def icd_code_list(*, user: Actor, query: str) -> tuple[CodeMatch, ...]:
    """ICD-10-CM codes matching ``query`` (a code prefix or words of the description)."""
    query = query.strip()[:80]
    if not user.is_authenticated or len(query) < MIN_QUERY:
        return ()
    return icd10cm_search.search(query)


def drug_list(*, user: Actor, query: str, limit: int = 12) -> tuple[DrugMatch, ...]:
    """Antidepressants and augmenting agents whose generic or brand name begins with a word of
    ``query``, each with its class."""
    words = query.strip().lower().split()
    if not user.is_authenticated or not words or len(words[0]) < MIN_QUERY:
        return ()
    found = [
        DrugMatch(
            name=drug.name,
            brands=", ".join(brand.capitalize() for brand in drug.brands),
            classes=" and ".join(drug_class.label for drug_class in drug.classes),
        )
        for drug in antidepressants.DRUGS
        if any(
            alias.startswith(word)
            for word in words
            for alias in (drug.name, *drug.brands, *drug.name.split("/"))
        )
    ]
    return tuple(found[:limit])


def history_rows(case: Case) -> list[dict[str, object]]:
    """The case's treatment history for the list: each trial with its drug class when known."""
    rows: list[dict[str, object]] = []
    for trial in case.treatment_history:
        classes = antidepressants.drug_classes(trial.name)
        rows.append(
            {
                "trial": trial,
                "classes": " and ".join(c.label for c in classes),
            }
        )
    return rows


def diagnosis_rows(case: Case) -> list[dict[str, object]]:
    """The case's diagnoses with their official descriptions."""
    return [
        {
            "diagnosis": d,
            "description": icd10cm.describe(d.code) if icd10cm.is_valid(d.code) else "",
        }
        for d in case.diagnoses
    ]
