"""Whether a request for the planned treatment may be written at all.

A letter of medical necessity, a prior-authorization cover sheet and the packet argue that the
plan should cover the treatment. When the coverage assessment finds the treatment's pathway
``unlikely`` because of an exclusion (under 18, bipolar disorder, psychotic features, an active
substance use disorder, a setting not certified under the SPRAVATO REMS, no depression diagnosis)
or an unmet criterion, writing one would argue against the facts in the record. Instead
:func:`require_request_ready` raises :class:`RequestBlockedError` saying why and what would change
it; the CLI exits with status 2 on it and the web app shows it.

Once the plan has approved the planned treatment, the next request is a continuation
(re-authorization), not an initial one: :func:`request_kind` names the request letter that fits
(``continuation`` or ``medical-necessity``), and :func:`require_initial_request` refuses the
initial letter with :class:`ContinuationDueError`, naming the authorization to continue.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.coverage import PathwayId, Reason, Verdict, assess
from ketacover.core.errors import KetacoverError
from ketacover.core.letters.authorization import approval_to_continue
from ketacover.core.letters.text import long_date
from ketacover.core.model import Case, PayerCategory, Treatment

_PATHWAYS: Final = {
    Treatment.ESKETAMINE: PathwayId.ESKETAMINE_PA,
    Treatment.IV_KETAMINE: PathwayId.IV_KETAMINE_PA,
    Treatment.IM_KETAMINE: PathwayId.IV_KETAMINE_PA,
}

_CHANGES: Final = {
    "adult": "the patient turning 18 (esketamine is approved for adults)",
    "diagnosis": "a documented major depressive disorder diagnosis (F32.x or F33.x)",
    "psychotic_features": (
        "a corrected record, if psychotic features were recorded in error; plans exclude them"
    ),
    "bipolar": (
        "a corrected record, if bipolar disorder was recorded in error; plans exclude current or "
        "past bipolar disorder"
    ),
    "substance_use": (
        "the substance use disorder documented in remission (Premera asks for at least 1 month "
        "of abstinence)"
    ),
    "rems": "the clinic's certification under the SPRAVATO REMS",
    "criteria": "further adequate antidepressant trials documented to the plan's criteria",
}
"""What would change each blocking finding, by the last part of its rule's name."""

_CRITERIA: Final = frozenset(
    {
        "min_agents",
        "min_classes",
        "max_improvement_percent",
        "augmentation",
        "augmentation_or_psychotherapy",
    }
)
"""The failed-treatment criteria a pack judges (see :func:`ketacover.core.history.judge`)."""


class RequestBlockedError(KetacoverError):
    """The record argues against the request: the document is not written."""

    def __init__(self, document: str, why: tuple[str, ...], changes: tuple[str, ...]) -> None:
        self.document = document
        self.why = why
        self.changes = changes
        text = f"the {document} is not written: the record argues against the request. "
        text += "Why: " + " ".join(why)
        if changes:
            text += " What would change it: " + "; ".join(changes) + "."
        super().__init__(text)


def blocking_reasons(case: Case, today: date) -> tuple[Reason, ...]:
    """The findings that cap the planned treatment's pathway at ``unlikely``, if any."""
    plan = case.treatment_plan
    pathway = None if plan is None else _PATHWAYS.get(plan.treatment)
    if pathway is None:
        return ()
    found = assess(case, today).pathway(pathway)
    if found.verdict is not Verdict.UNLIKELY:
        return ()
    return found.blocked_by


def require_request_ready(case: Case, today: date, document: str) -> None:
    """Raise :class:`RequestBlockedError` when an exclusion or an unmet criterion caps the
    planned treatment's pathway; ``document`` names what would have been written."""
    reasons = blocking_reasons(case, today)
    if not reasons:
        return
    why = tuple(dict.fromkeys(reason.explain for reason in reasons))
    changes: list[str] = []
    for reason in reasons:
        name = reason.rule_id.rsplit(".", 1)[-1]
        change = _CHANGES["criteria"] if name in _CRITERIA else _CHANGES.get(name)
        if change is not None and change not in changes:
            changes.append(change)
    raise RequestBlockedError(document, why, tuple(changes))


class ContinuationDueError(KetacoverError):
    """The plan has approved the treatment: the request now is a continuation, not an initial
    request, so the initial request's documents are not written."""


INITIAL: Final = "medical-necessity"
"""The kind of the initial request letter."""
CONTINUATION: Final = "continuation"
"""The kind of the continuation (re-authorization) request."""


def request_kind(case: Case) -> str:
    """The request letter that fits the case: ``continuation`` once the plan has approved the
    planned treatment, else ``medical-necessity``."""
    return CONTINUATION if approval_to_continue(case) is not None else INITIAL


def require_initial_request(case: Case, document: str) -> None:
    """Raise :class:`ContinuationDueError` when the plan has already approved the planned
    treatment; ``document`` names what would have been written."""
    approval = approval_to_continue(case)
    if approval is None:
        return
    what = approval.treatment.label
    number = approval.authorization_number
    facts = [f"authorization {number}"] if number else []
    if approval.valid_from is not None and approval.valid_through is not None:
        facts.append(
            f"{long_date(approval.valid_from)} through {long_date(approval.valid_through)}"
        )
    said = f" ({', '.join(facts)})" if facts else ""
    raise ContinuationDueError(
        f"the {document} is not written: the plan has already approved {what}{said}, so the "
        "request now is a continuation: write the continuation (re-authorization) request "
        "instead"
    )


class NoPriorAuthorizationError(KetacoverError):
    """The payer has no prior authorization for the treatment: no request document is written."""


def require_prior_authorization_payer(case: Case, document: str) -> None:
    """Raise :class:`NoPriorAuthorizationError` for Original Medicare, which has no
    prior-authorization process for ketamine or esketamine services: its contractor decides on
    the claim, which the clinic files (sourcebook billing.toml, cms-prior-authorization-programs
    and ssa-1848-g-4-mandatory-claims). Medicare Advantage plans keep prior authorization."""
    if case.plan is not None and case.plan.category is PayerCategory.MEDICARE:
        raise NoPriorAuthorizationError(
            f"the {document} is not written: Original Medicare has no prior authorization for "
            "these services; the Medicare contractor decides on the claim, which the clinic files"
        )
