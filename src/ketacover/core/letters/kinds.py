"""The kinds of document ketacover writes: their names, titles and languages, and the options a
caller can compose one with.

This is a shared part below every kind: a kind's module imports :class:`Options` from here, and
:mod:`ketacover.core.letters.catalog`, on top of all the kinds, composes a document by its name.
A kind's ``target`` names the module and function that compose it; the catalog checks that each
target is the function it calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from ketacover.core.errors import KetacoverError
from ketacover.core.letters.language import Language
from ketacover.core.letters.letter import Letter
from ketacover.core.model import Case


class UnknownKindError(KetacoverError):
    """A document kind that ketacover does not write."""


@dataclass(frozen=True, slots=True)
class Options:
    """Choices a caller can make when composing: which denial, which letter variant."""

    denial_id: str | None = None
    """The denial a denial-related document answers (default: the latest denial)."""
    variant: str | None = None
    """A letter variant, when a kind has several (default: chosen from the case)."""


Compose = Callable[[Case, date, Options], Letter]


class ComposeIn(Protocol):
    """A compose function of a kind written in more than one language."""

    def __call__(
        self, case: Case, today: date, options: Options, /, *, language: Language
    ) -> Letter: ...


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of document."""

    name: str
    """The name used on the command line and in URLs, e.g. ``medical-necessity``."""
    title: str
    description: str
    target: str
    """``module:function`` under ``ketacover.core.letters``."""
    needs_denial: bool = False
    """Whether the case must have a denial for this document to make sense."""
    languages: tuple[Language, ...] = (Language.EN,)
    """The languages the document itself is written in (English first)."""


KINDS: tuple[Kind, ...] = (
    Kind(
        "medical-necessity",
        "Letter of medical necessity",
        "The prescriber's letter asking the plan to cover the treatment; variants for IV ketamine "
        "in treatment-resistant depression, PTSD and CRPS or chronic pain, and for esketamine.",
        "medical_necessity:compose",
    ),
    Kind(
        "continuation",
        "Continuation request (re-authorization)",
        "The prescriber's request to extend an approved course: the authorization number and "
        "dates, sessions used, the response on the rating scales, and the sessions and dates "
        "asked for at the labeled maintenance schedule. Written instead of the letter of medical "
        "necessity once the plan has approved the treatment.",
        "continuation:compose",
    ),
    Kind(
        "treatment-history",
        "Treatment-history summary",
        "Every treatment tried, with doses, dates, weeks and outcomes, judged against the plan's "
        "criteria.",
        "summaries:compose_treatment_history",
    ),
    Kind(
        "clinical-summary",
        "Clinical summary",
        "Diagnoses, rating scales over time, history flags and the treatment plan on one page.",
        "summaries:compose_clinical_summary",
    ),
    Kind(
        "evidence-list",
        "Evidence list",
        "Peer-reviewed studies and guidelines that fit the diagnosis and the treatment.",
        "summaries:compose_evidence_list",
    ),
    Kind(
        "pa-cover-sheet",
        "Prior-authorization cover sheet",
        "What is requested, how urgently, who to contact, and what is enclosed.",
        "cover_sheet:compose",
    ),
    Kind(
        "call-script",
        "Benefits call script",
        "The questions to ask the plan, tailored to the plan and the treatment, with blanks for "
        "the answers, the representative and the reference number.",
        "call_script:compose",
        languages=(Language.EN, Language.ES),
    ),
    Kind(
        "superbill",
        "Superbill",
        "An itemized statement of the sessions for out-of-network reimbursement.",
        "superbill:compose",
    ),
    Kind(
        "hsa-fsa-letter",
        "HSA/FSA letter of medical necessity",
        "For the HSA or FSA administrator: why the treatment is medical care.",
        "hsa_fsa:compose",
    ),
    Kind(
        "appeal",
        "Internal appeal letter",
        "The appeal of a denial, tailored to the denial's reason, with the deadline and rights.",
        "appeal:compose",
        needs_denial=True,
    ),
    Kind(
        "expedited-appeal",
        "Expedited appeal request",
        "A request for a 72-hour decision when waiting could seriously harm the patient.",
        "expedited_appeal:compose",
        needs_denial=True,
    ),
    Kind(
        "peer-to-peer",
        "Peer-to-peer preparation sheet",
        "For the prescriber's call with the plan's reviewer: the denial, the criteria against the "
        "patient's facts, talking points and evidence.",
        "peer_to_peer:compose",
        needs_denial=True,
    ),
    Kind(
        "external-review",
        "External review request",
        "The request for an independent review after the final internal denial.",
        "external_review:compose",
        needs_denial=True,
    ),
    Kind(
        "parity-request",
        "Parity disclosure request",
        "Asks the plan for the comparative analysis behind its exclusion (mental health parity).",
        "parity:compose",
    ),
)


def kind(name: str) -> Kind:
    """The kind called ``name``; raises :class:`UnknownKindError` listing the kinds."""
    for item in KINDS:
        if item.name == name:
            return item
    names = ", ".join(item.name for item in KINDS)
    raise UnknownKindError(f"unknown document kind {name!r}; the kinds are: {names}")
