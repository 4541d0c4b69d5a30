"""The case page: a summary on top (the recommended way to pay with its reason, every way's
verdict, the stage, the next step and the next deadline), a menu of sections, and one section
at a time, each with its own URL (``/cases/<id>/section/<name>/``) and loaded on demand with
htmx. The first view draws the summary and one section only.

Nothing is drawn ahead or kept: every view reads the case as it is now, so a section never shows
an older case than the one just saved, and its assessment is worked out once per view
(:func:`assessed`).

The journey sections (:data:`ketacover.web.events.sections.SECTIONS`) are sections of the page
by their name; a journey section added there is in the menu without a change here (before the
timeline), unless :data:`EMBEDDED` draws it inside another section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from django.http import Http404, HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from ketacover.core.coverage import assess
from ketacover.core.coverage.result import (
    Action,
    Assessment,
    ChecklistStatus,
    PathwayAssessment,
    Verdict,
)
from ketacover.core.deadlines import Deadline, case_deadlines
from ketacover.core.model import Case
from ketacover.core.stage import Stage, stage_of
from ketacover.web.cases.forms import DocumentForm
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.selectors import latest_document
from ketacover.web.events.sections import SECTIONS, CasePage, section_context, template_of
from ketacover.web.intake.steps import STEPS


@dataclass(frozen=True, slots=True)
class PageSection:
    """One section of the case page: its URL segment, its name in the menu and what draws it
    (a journey section's name, else the page's own template)."""

    slug: str
    title: str
    journey: str | None = None
    template: str | None = None


EMBEDDED: Final = frozenset({"costs_chart"})
"""Journey sections drawn inside another section of the page (the chart under the costs)."""

_OWN: Final = {
    "overview": PageSection(
        "overview", "Ways to pay", template="ketacover/sections/_overview.html"
    ),
    "deadlines": PageSection(
        "deadlines", "Deadlines", template="ketacover/sections/_deadlines.html"
    ),
    "costs": PageSection("costs", "Costs", template="ketacover/sections/_costs.html"),
    "documents": PageSection(
        "documents", "Documents", template="ketacover/sections/_documents.html"
    ),
}

_ORDER: Final = (
    "overview",
    "deadlines",
    "costs",
    "calls",
    "prior_authorizations",
    "denials",
    "appeals",
    "sessions",
    "claims",
    "scores",
    "documents",
    "timeline",
)
"""The menu's order; a journey section not named here comes before the timeline."""

_SHORT: Final = {"calls": "Calls", "scores": "Scores"}
"""Menu names shorter than a journey section's heading."""


def _menu() -> tuple[PageSection, ...]:
    names: list[str] = [name for name in _ORDER if name in _OWN or name in SECTIONS]
    extra = [n for n in SECTIONS if n not in names and n not in EMBEDDED]
    names[names.index("timeline") : names.index("timeline")] = extra
    found = []
    for name in names:
        if name in _OWN:
            found.append(_OWN[name])
        else:
            title = _SHORT.get(name, SECTIONS[name])
            found.append(PageSection(name.replace("_", "-"), title, journey=name))
    return tuple(found)


MENU: Final = _menu()
"""Every section of the case page, in menu order."""
BY_SLUG: Final = {section.slug: section for section in MENU}
FIRST: Final = MENU[0]
"""The section the case page opens on."""


def section_named(slug: str) -> PageSection:
    """The section with URL segment ``slug``; 404 for any other."""
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404("No such section.") from None


def section_url(record: CaseRecord, slug: str) -> str:
    """The section's own URL."""
    return section_urls(record.pk)[slug]


def _urls_of(pattern: str, pk: int, slugs: Iterable[str]) -> dict[str, str]:
    """The URLs of ``pattern`` (``<id:pk>/.../<slug:name>/``) for case ``pk`` and each of
    ``slugs``: one reversed, the others the same with its last segment changed (a menu of a
    dozen links reversed one by one cost about a millisecond a page)."""
    slugs = list(slugs)
    first = reverse(pattern, args=[pk, slugs[0]])
    stem = first[: -len(slugs[0]) - 1]
    if first != f"{stem}{slugs[0]}/":  # a pattern that does not end in its segment
        return {slug: reverse(pattern, args=[pk, slug]) for slug in slugs}
    return {slug: f"{stem}{slug}/" for slug in slugs}


def section_urls(pk: int) -> dict[str, str]:
    """The URL of every section of case ``pk``'s page, by its URL segment."""
    return _urls_of("cases:section", pk, BY_SLUG)


def menu_links(pk: int) -> list[tuple[PageSection, str]]:
    """The menu: every section with its URL."""
    urls = section_urls(pk)
    return [(section, urls[section.slug]) for section in MENU]


def section_of_journey(name: str) -> str:
    """The URL segment of the page section that shows journey section ``name``."""
    return "costs" if name in EMBEDDED else name.replace("_", "-")


# --- the summary ------------------------------------------------------------------------------

_RANK: Final = {Verdict.LIKELY: 0, Verdict.POSSIBLE: 1, Verdict.UNKNOWN: 2, Verdict.UNLIKELY: 3}


@dataclass(frozen=True, slots=True)
class Summary:
    """What the top of the case page says."""

    recommended: PathwayAssessment | None
    reason: str
    """Why, in one line: the recommended way's first reason, or what to find out first."""
    verdicts: tuple[PathwayAssessment, ...]
    next_step: str
    next_step_due: date | None
    next_deadline: Deadline | None
    overdue: int
    expedited: bool


_SENTENCE: Final = re.compile(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])")
"""Where the first sentence of a reason ends."""
_LINE: Final = 160
"""At most this many characters of a reason in the summary."""


def _one_line(text: str) -> str:
    """The first sentence of ``text``, cut at a word to at most :data:`_LINE` characters."""
    first = _SENTENCE.split(text, maxsplit=1)[0].rstrip(".")
    if len(first) > _LINE:
        first = first[:_LINE].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return first


def _next_action(assessment: Assessment, best: PathwayAssessment, today: date) -> Action | None:
    """What to do next: the step with the nearest due date still ahead (an appeal to file, a
    decision to chase), whatever way to pay it belongs to; else the recommended way's first."""
    dated = [
        action
        for item in assessment.pathways
        if item.verdict is not Verdict.UNLIKELY
        for action in item.actions
        if action.due is not None and action.due >= today
    ]
    if dated:
        return min(dated, key=lambda action: action.due or today)
    return best.actions[0] if best.actions else None


_STAGE_STEPS: Final = {
    Stage.PA_PENDING: "Wait for the plan's decision, and record it under Prior authorizations.",
    Stage.DENIED: (
        "Appeal the denial: generate the appeal letter under Documents, "
        "then record the appeal under Appeals."
    ),
    Stage.APPEAL: "Wait for the appeal's outcome, and record it under Appeals.",
    Stage.EXTERNAL_REVIEW: "Wait for the external review's decision, and record it under Appeals.",
    Stage.APPROVED: "Schedule the approved sessions, and record each one under Sessions.",
}
"""The next step once a request is out: what the stage asks for, not what the ways to pay
suggest before anything was sent."""


def _summary(case: Case, assessment: Assessment, deadlines: list[Deadline], today: date) -> Summary:
    ranked = sorted(assessment.pathways, key=lambda item: _RANK[item.verdict])
    best = ranked[0] if ranked else None
    reason = ""
    step, due = "", None
    if best is not None:
        if best.blocked_by or best.reasons:
            # The most specific reason: what caps the verdict, else the last one the rules gave
            # (they go from the general to the case's own facts).
            reason = _one_line((best.blocked_by or best.reasons[-1:])[0].explain)
        elif best.missing:
            reason = best.missing[0].ask
        action = _next_action(assessment, best, today)
        stage = stage_of(case)
        if stage in _STAGE_STEPS:
            ahead = [d.due for d in deadlines if d.due >= today]
            step, due = _STAGE_STEPS[stage], min(ahead) if ahead else None
        elif action is not None:
            step, due = action.text, action.due
        elif best.missing:
            step = best.missing[0].ask
    upcoming = [d for d in deadlines if d.due >= today]
    return Summary(
        recommended=best,
        reason=reason,
        verdicts=assessment.pathways,
        next_step=step,
        next_step_due=due,
        next_deadline=upcoming[0] if upcoming else None,
        overdue=sum(1 for d in deadlines if d.due < today),
        expedited=assessment.expedited,
    )


def assessed(page: CasePage) -> tuple[Assessment, list[Deadline]]:
    """The case's assessment and deadlines (by due date) on the page's day, worked out once per
    request and kept on ``page`` for the summary and the section that both show them.

    Not cached between requests: the whole assessment (every way to pay, the checklist and the
    deadlines) costs about half a millisecond, no more than unpickling it from Django's cache
    did, and a cached copy would be a second store of the case's health facts."""
    if page.assessed is None:
        case, today = page.case, page.today
        page.assessed = (
            assess(case, today),
            sorted(case_deadlines(case, today), key=lambda d: d.due),
        )
    return page.assessed


def summary_of(page: CasePage) -> Summary:
    """The summary of the case on the page's day."""
    assessment, deadlines = assessed(page)
    return _summary(page.case, assessment, deadlines, page.today)


def summary_html(page: CasePage, *, oob: bool = False) -> SafeString:
    """The summary drawn (``oob``: to be swapped in place of the one on the page by htmx)."""
    record = page.record
    context = {
        "record": record,
        "case": page.case,
        "summary": summary_of(page),
        "today": page.today,
        "oob": oob,
        "deadlines_url": section_urls(record.pk)["deadlines"],
    }
    return SafeString(render_to_string("ketacover/_case_summary.html", context))


# --- the sections -----------------------------------------------------------------------------


def edit_links(record: CaseRecord) -> list[dict[str, str]]:
    """The intake's pages, each an editor of one part of the case."""
    urls = _urls_of("intake:step", record.pk, (step.slug for step in STEPS))
    return [{"title": step.title, "url": urls[step.slug]} for step in STEPS]


def _documents(record: CaseRecord) -> list[Any]:
    return list(record.documents.only("id", "kind", "fmt", "title", "version", "created_at")[:50])


def _checklist(assessment: Assessment, record: CaseRecord) -> list[dict[str, Any]]:
    """The checklist, with the letter of medical necessity shown as generated once the case has
    one (the core's checklist reads the case document, which does not list generated files)."""
    rows = []
    for item in assessment.checklist:
        row = {"label": item.label, "status": item.status, "detail": item.detail}
        if item.id == "letter_of_medical_necessity" and (
            latest := latest_document(record=record, kind="medical-necessity")
        ):
            row["status"] = ChecklistStatus.DONE
            row["detail"] = (
                f"Generated {latest.created_at:%b %-d, %Y} (version {latest.version}); "
                "the prescriber signs it."
            )
        rows.append(row)
    return rows


def section_html(
    request: HttpRequest,
    section: PageSection,
    page: CasePage,
    *,
    saved: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> SafeString:
    """Section ``section`` of the case in ``page``, drawn for ``request``."""
    if section.journey is not None:
        context = section_context(section.journey, page, saved=saved)
        context.update(extra or {}, csrf_token=get_token(request))
        return SafeString(render_to_string(template_of(section.journey), context))
    record, case, today = page.record, page.case, page.today
    context = {
        "record": record,
        "case": case,
        "today": today,
        "can_edit": page.can_edit,
        "saved": saved,
        "name": section.slug,
        "heading": section.title,
        "now_time": page.now_time,
        "csrf_token": get_token(request),
        **(extra or {}),
    }
    if section.slug in {"overview", "deadlines"}:
        assessment, deadlines = assessed(page)
        context.update(assessment=assessment, deadlines=deadlines)
        if section.slug == "overview":
            context["checklist"] = _checklist(assessment, record)
            context["edit_links"] = edit_links(record) if page.can_edit else []
    elif section.slug == "costs":
        from ketacover.core.costs import case_costs

        context["costs"] = case_costs(case)
    elif section.slug == "documents":
        context.update(_documents_context(record, case))
    assert section.template is not None
    return SafeString(render_to_string(section.template, context))


def _documents_context(record: CaseRecord, case: Case) -> dict[str, Any]:
    """What the Documents section offers: the generate form (the request the case calls for
    chosen, the denial answered, no prior-authorization documents for Original Medicare), the
    Good Faith Estimate for a self-pay course and the ABN where Medicare may deny."""
    from ketacover.core.billing.abn import abn_applies
    from ketacover.core.billing.good_faith import is_self_pay
    from ketacover.core.deadlines.estimates import estimate_due
    from ketacover.core.letters.readiness import request_kind
    from ketacover.core.model import PayerCategory

    original_medicare = case.plan is not None and case.plan.category is PayerCategory.MEDICARE
    return {
        "documents": _documents(record),
        "document_form": DocumentForm(
            initial={"kind": request_kind(case)},
            denials=_denial_choices(case),
            original_medicare=original_medicare,
        ),
        "self_pay": is_self_pay(case),
        "estimate_due": estimate_due(case),
        "estimate_given": None
        if case.treatment_plan is None
        else case.treatment_plan.estimate_given_on,
        "original_medicare": original_medicare,
        "abn_applies": abn_applies(case),
    }


def _denial_choices(case: Case) -> list[tuple[str, str]]:
    """The case's denials for the generate form, newest open first (the default)."""
    from ketacover.core.letters.denial_choice import choices, newest

    listed = choices(case)
    first = newest(case)
    return sorted(listed, key=lambda pair: first is None or pair[0] != first.id)
