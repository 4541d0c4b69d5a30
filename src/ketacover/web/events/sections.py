"""What each journey section of the case page shows: its list, its forms (opened at the case's
current version), the call script, the deadlines of each event, the charts and the timeline.

This is the read side of the sections; it changes nothing. The case page includes the sections
through the ``journey_section`` template tag, and the section views re-render one after a post.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from django import forms
from django.core.cache import cache
from django.utils import timezone

from ketacover.core.billing.abn import abn_applies
from ketacover.core.billing.good_faith import is_self_pay
from ketacover.core.costs import case_costs
from ketacover.core.coverage.result import Assessment
from ketacover.core.deadlines import Deadline, DeadlineKind, case_deadlines, sessions_used
from ketacover.core.deadlines.rems import monitoring_form_due, monitoring_too_short
from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters.catalog import compose
from ketacover.core.letters.denials import classify
from ketacover.core.model import Case, Decision, PayerCategory
from ketacover.render.html import render_html_fragment
from ketacover.web.cases.models import CaseRecord
from ketacover.web.events.billing_forms import (
    AbnForm,
    ClaimForm,
    ClaimUpdateForm,
    RemsFormForm,
    SessionForm,
)
from ketacover.web.events.charts import cost_chart, score_charts
from ketacover.web.events.denial_forms import DenialForm, DenialLetterForm, PeerToPeerForm
from ketacover.web.events.forms import (
    AppealDecisionForm,
    AppealForm,
    CallForm,
    CaseEventForm,
    DecisionForm,
    PriorAuthorizationForm,
)
from ketacover.web.events.plan_criteria import PlanCriterionForm
from ketacover.web.events.services import DenialProposal
from ketacover.web.events.timeline import DocumentLike, timeline


@dataclass(frozen=True, slots=True)
class FormSpec:
    """One form of a section: its name (also its field prefix), section, class and the message
    shown once it is saved."""

    name: str
    section: str
    form_class: type[CaseEventForm]
    saved: str


FORMS: Final[dict[str, FormSpec]] = {
    spec.name: spec
    for spec in (
        FormSpec("call", "calls", CallForm, "Call recorded."),
        FormSpec("plan_criterion", "calls", PlanCriterionForm, "The plan's criterion recorded."),
        FormSpec("pa", "prior_authorizations", PriorAuthorizationForm, "Request recorded."),
        FormSpec("decision", "prior_authorizations", DecisionForm, "Decision recorded."),
        FormSpec("denial", "denials", DenialForm, "Denial recorded; its deadlines are below."),
        FormSpec("peer_to_peer", "denials", PeerToPeerForm, "Peer-to-peer call recorded."),
        FormSpec("appeal", "appeals", AppealForm, "Appeal recorded."),
        FormSpec("appeal_decision", "appeals", AppealDecisionForm, "Outcome recorded."),
        FormSpec("session", "sessions", SessionForm, "Session recorded."),
        FormSpec("rems", "sessions", RemsFormForm, "Monitoring form recorded as submitted."),
        FormSpec("claim", "claims", ClaimForm, "Claim recorded."),
        FormSpec("claim_update", "claims", ClaimUpdateForm, "Claim updated."),
        FormSpec("abn", "claims", AbnForm, "Signed ABN recorded; the claims carry its modifier."),
    )
}
"""Every form of the journey sections, by name."""

SECTIONS: Final[dict[str, str]] = {
    "calls": "Calls with the plan",
    "prior_authorizations": "Prior authorizations",
    "denials": "Denials",
    "appeals": "Appeals",
    "sessions": "Sessions",
    "claims": "Claims",
    "timeline": "Timeline",
    "scores": "Scores over time",
    "costs_chart": "Costs side by side",
}
"""Every section, by name, with its heading."""

EDITING_SECTIONS: Final = (
    "calls",
    "prior_authorizations",
    "denials",
    "appeals",
    "sessions",
    "claims",
)


_ESTIMATE_KINDS: Final = frozenset(
    {DeadlineKind.GOOD_FAITH_ESTIMATE, DeadlineKind.GOOD_FAITH_DISPUTE}
)


@dataclass
class CasePage:
    """The case as one section sees it."""

    record: CaseRecord
    case: Case
    today: date
    can_edit: bool
    documents: Iterable[DocumentLike] | None = None
    """Generated documents for the timeline; read from the case when not given."""
    query: Mapping[str, str] = field(default_factory=dict)
    """The page's query string (``denial_for`` pre-fills the denial form from a request)."""
    now_time: object = None
    """What the call forms' time shows: the time of day now (to the minute) when ``None``."""
    assessed: tuple[Assessment, list[Deadline]] | None = None
    """The case's assessment and deadlines on ``today``, once worked out for this view
    (``case_page.assessed``)."""


def _initial(spec: FormSpec, page: CasePage) -> dict[str, Any]:
    case, today = page.case, page.today
    values: dict[str, Any] = {"version": page.record.version}
    planned = case.treatment_plan.treatment if case.treatment_plan is not None else None
    if spec.name in {"call", "pa", "appeal", "session", "rems", "peer_to_peer"}:
        values.update(on=today, submitted=today)
    if spec.name in {"call", "peer_to_peer"}:
        now = page.now_time
        values["time"] = (
            timezone.localtime().time().replace(second=0, microsecond=0) if now is None else now
        )
    if spec.name in {"pa", "session"} and planned is not None:
        values["treatment"] = planned.value
    if spec.name == "session":
        values.update(_session_prefill(case))
    if spec.name == "pa":
        values["urgency"] = case.urgency.value
    if spec.name == "decision":
        values["decided"] = today
    if spec.name == "abn":
        values["signed"] = today if case.abn is None else case.abn.signed
    if spec.name == "denial":
        values.update(_denial_prefill(case, page.query.get("denial_for", "")))
    return values


def _session_prefill(case: Case) -> dict[str, Any]:
    """The plan-level facts the session form shows and may change: the product's NDC and how
    esketamine is supplied."""
    plan, treatment = case.plan, case.treatment_plan
    supply = None if plan is None else plan.esketamine_supply
    return {
        "ndc": (treatment.ndc if treatment is not None else None) or "",
        "esketamine_supply": "" if supply is None else supply.value,
    }


def _denial_prefill(case: Case, pa_id: str) -> dict[str, Any]:
    for pa in case.prior_authorizations:
        if pa.id == pa_id and pa.decision is Decision.DENIED:
            return {
                "prior_authorization_id": pa.id,
                "notice_date": pa.decided,
                "pre_service": "pre_service",
            }
    return {}


def blank_form(spec: FormSpec, page: CasePage) -> CaseEventForm:
    """The form as the page first shows it: opened at the current version, with defaults."""
    return spec.form_class(initial=_initial(spec, page), case=page.case, prefix=spec.name)


def bound_form(spec: FormSpec, page: CasePage, data: Mapping[str, Any]) -> CaseEventForm:
    """The form with what the user posted, checked against the case as it is now."""
    return spec.form_class(data, case=page.case, prefix=spec.name)


def _by_ref(deadlines: Iterable[Deadline]) -> dict[str, list[Deadline]]:
    found: dict[str, list[Deadline]] = {}
    for deadline in sorted(deadlines, key=lambda d: d.due):
        if deadline.ref:
            found.setdefault(deadline.ref, []).append(deadline)
    return found


def _call_script(case: Case, today: date) -> tuple[str | None, list[str]]:
    try:
        return render_html_fragment(compose("call-script", case, today)), []
    except MissingFactsError as error:
        return None, list(error.missing)
    except KetacoverError as error:
        return None, [str(error)]


SCRIPT_SECONDS: Final = 24 * 60 * 60
"""How long a call script stays cached (it is keyed on the day anyway)."""


def _cached_call_script(page: CasePage) -> tuple[str | None, list[str]]:
    """The call script of the page's case, composed once per case version and day.

    Safe to share between requests and users: the key names the case record, its version (every
    change to the case document goes through ``case_save``, which bumps it), when the record was
    last written (so a reused primary key never meets an old entry) and the day the
    script is composed for, and the value is built from the case document and that day alone,
    with no request, user or CSRF token in it. It is only read after the page has fetched the
    record through ``case_get``, so nobody reaches a script of a case they may not see.
    """
    record = page.record
    stamp = record.updated_at.isoformat() if record.updated_at else ""
    key = f"call-script:{record.pk}:{record.version}:{stamp}:{page.today.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = _call_script(page.case, page.today)
        cache.set(key, found, SCRIPT_SECONDS)
    script, missing = found
    return script, list(missing)


def _extras(name: str, page: CasePage) -> dict[str, Any]:
    case, today = page.case, page.today
    if name == "calls":
        script, script_missing = _cached_call_script(page)
        return {
            "calls": list(reversed(case.calls)),
            "plan_criteria": case.plan.criteria if case.plan is not None else (),
            "script": script,
            "script_missing": script_missing,
        }
    if name == "prior_authorizations":
        due = _by_ref(case_deadlines(case, today))
        recorded = {d.prior_authorization_id for d in case.denials}
        rows = [
            {
                "pa": pa,
                "used": sessions_used(pa, case.sessions, today),
                "deadlines": due.get(pa.id, []),
                "needs_denial": pa.decision is Decision.DENIED and pa.id not in recorded,
            }
            for pa in reversed(case.prior_authorizations)
        ]
        return {"rows": rows}
    if name == "denials":
        due = _by_ref(case_deadlines(case, today))
        rows = [
            {"denial": d, "why": classify(d), "deadlines": due.get(d.id, [])}
            for d in reversed(case.denials)
        ]
        return {"rows": rows}
    if name == "appeals":
        return {"appeals": list(enumerate(case.appeals)), "has_denials": bool(case.denials)}
    if name == "sessions":
        usage = []
        for pa in case.prior_authorizations:
            if pa.decision in {Decision.APPROVED, Decision.PARTIALLY_APPROVED}:
                used = sessions_used(pa, case.sessions, today)
                left = None if pa.sessions_approved is None else pa.sessions_approved - used
                usage.append({"pa": pa, "used": used, "left": left})
        rows = [
            {
                "session": s,
                "form_due": monitoring_form_due(s),
                "short": monitoring_too_short(s),
            }
            for s in reversed(case.sessions)
        ]
        return {
            "sessions": rows,
            "usage": usage,
            "rems_open": any(row["form_due"] is not None for row in rows),
        }
    if name == "claims":
        medicare = case.plan is not None and case.plan.category is PayerCategory.MEDICARE
        plan = case.treatment_plan
        return {
            "claims": list(enumerate(case.claims)),
            "abn": case.abn,
            "abn_open": medicare and (case.abn is not None or abn_applies(case)),
            "self_pay": is_self_pay(case),
            "estimate_given": None if plan is None else plan.estimate_given_on,
            "estimate_deadlines": [
                d for d in case_deadlines(case, today) if d.kind in _ESTIMATE_KINDS
            ],
        }
    if name == "timeline":
        documents = page.documents
        if documents is None:
            documents = page.record.documents.only("title", "fmt", "version", "created_at")[:50]
        return {"entries": timeline(case, documents, timezone.get_current_timezone())}
    if name == "scores":
        return {"charts": score_charts(case.scores)}
    if name == "costs_chart":
        try:
            return {"chart": cost_chart(case_costs(case)), "cost_error": None}
        except KetacoverError as error:
            return {"chart": None, "cost_error": str(error)}
    raise KeyError(name)


def section_context(
    name: str,
    page: CasePage,
    *,
    bound: CaseEventForm | None = None,
    conflict: int | None = None,
    saved: str | None = None,
    proposal: DenialProposal | None = None,
    letter_form: forms.Form | None = None,
    oob: bool = False,
) -> dict[str, Any]:
    """The template context of section ``name``; ``bound`` replaces its blank form of the same
    kind (a form with errors, or kept after a conflict at ``conflict``, the version now saved)."""
    context: dict[str, Any] = {
        "name": name,
        "heading": SECTIONS[name],
        "record": page.record,
        "case": page.case,
        "today": page.today,
        "can_edit": page.can_edit,
        "conflict": conflict,
        "saved": saved,
        "oob": oob,
        **_extras(name, page),
    }
    if page.can_edit:
        for spec in FORMS.values():
            if spec.section == name:
                keep = bound is not None and bound.prefix == spec.name
                context[f"{spec.name}_form"] = bound if keep else blank_form(spec, page)
        if name == "denials":
            context["letter_form"] = letter_form or DenialLetterForm(prefix="letter")
            context["proposal"] = proposal
            if proposal is not None and bound is None:
                values = _initial(FORMS["denial"], page)
                values.update(
                    reason=proposal.classification.reason.value, reason_text=proposal.reason_text
                )
                context["denial_form"] = DenialForm(initial=values, case=page.case, prefix="denial")
    return context


def template_of(name: str) -> str:
    """The template that draws section ``name``."""
    return f"events/_{name}.html"
