"""What the intake pages read: the cases a user may fill in, the workspaces they may add cases
to, and the code searches (ICD-10-CM codes, antidepressants with their class)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from ketacover.core import scales
from ketacover.core.codes import antidepressants, icd10cm, icd10cm_search
from ketacover.core.codes.icd10cm_search import CodeMatch
from ketacover.core.costs import NetworkTier, case_costs, share_ceiling
from ketacover.core.costs.amounts import gap_ask, usd
from ketacover.core.errors import KetacoverError
from ketacover.core.model import Case, Scale, ScaleScore
from ketacover.web.accounts.models import Actor, Role, Workspace, user_id_of
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.selectors import case_get, membership_for

_ITEMS_NOTE = re.compile(r"items((?: [0-3])+)(?:;|$)")
"""How the intake writes a scale's item answers at the start of its note (``items 1 2 0 ...``)."""
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
                "dates": (("start", "Started", trial.start), ("end", "Stopped", trial.end)),
            }
        )
    return rows


def diagnosis_rows(case: Case) -> list[dict[str, object]]:
    """The case's diagnoses with their official descriptions."""
    return [
        {
            "diagnosis": d,
            "description": icd10cm.describe(d.code) if icd10cm.is_valid(d.code) else "",
            "dates": (("since", "Diagnosed on", d.since),),
        }
        for d in case.diagnoses
    ]


def item_answers(score: ScaleScore) -> tuple[int, ...]:
    """The item answers the intake kept in a score's note, or () for a total typed as such."""
    found = _ITEMS_NOTE.match(score.note or "")
    return tuple(int(answer) for answer in found.group(1).split()) if found else ()


def suicidal_ideation_flag(case: Case) -> ScaleScore | None:
    """The case's latest PHQ-9 if its item 9 (thoughts of death or self-harm) is above 0."""
    phq9 = [score for score in case.scores if score.scale is Scale.PHQ9]
    if not phq9:
        return None
    latest = max(phq9, key=lambda score: score.on)
    flagged = scales.suicidal_ideation_flag(Scale.PHQ9, item_answers(latest))
    return latest if flagged else None


def score_rows(case: Case) -> list[dict[str, object]]:
    """The case's scores for the list, each with its severity band and item 9 flag."""
    rows: list[dict[str, object]] = []
    for score in case.scores:
        band = scales.severity(score.scale, score.score) if score.scale in scales.BANDS else ""
        rows.append(
            {
                "scale": score.scale,
                "score": score.score,
                "on": score.on,
                "note": score.note,
                "band": band,
                "flagged": scales.suicidal_ideation_flag(score.scale, item_answers(score)),
            }
        )
    return rows


def cost_gaps(case: Case, prefixes: tuple[str, ...]) -> list[str]:
    """What the cost comparison still needs from one step (facts named by ``prefixes``), as asks.

    ``prefixes`` are case-file paths such as ``plan.`` or ``treatment_plan.``; the asks are those
    :func:`ketacover.core.costs.case_costs` reports, in plain words, each once.
    """
    try:
        comparison = case_costs(case)
    except KetacoverError:
        return []
    gaps = [*comparison.missing, *(g for p in comparison.pathways for g in p.missing)]
    return list(dict.fromkeys(gap_ask(g) for g in gaps if g.startswith(prefixes)))


def cost_ceilings(case: Case) -> list[str]:
    """While the allowed amount is unknown: the most the patient pays in cost sharing this plan
    year under each tier whose out-of-pocket maximum is known, in plain words."""
    plan = case.plan
    tp = case.treatment_plan
    if plan is None or (tp is not None and tp.allowed_per_session is not None):
        return []
    said: list[str] = []
    for tier, terms in (
        (NetworkTier.IN_NETWORK, plan.in_network),
        (NetworkTier.OUT_OF_NETWORK, plan.out_of_network),
    ):
        ceiling = None
        if terms is not None:
            try:
                ceiling = share_ceiling(terms, tier=tier)
            except KetacoverError:
                ceiling = None
        if ceiling is None:
            continue
        line = (
            f"{tier.label.capitalize()}: whatever the allowed amount, the patient pays at most "
            f"{usd(ceiling)} in cost sharing for covered services for the rest of the plan year "
            "(what is left of the out-of-pocket maximum)."
        )
        if tier is NetworkTier.OUT_OF_NETWORK:
            line += (
                " A charge above the allowed amount (balance billing) does not count toward "
                "the maximum and comes on top."
            )
        said.append(line)
    return said
