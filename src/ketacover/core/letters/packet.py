"""The prior-authorization packet: the cover sheet, the letter of medical necessity, the
treatment-history summary, the clinical summary and the evidence list, in that order.

Once the plan has approved the planned treatment, the packet is a continuation (re-authorization)
packet instead: the cover sheet and the continuation request, which carries the response, the
sessions used and the schedule asked for (:mod:`.continuation`)."""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.errors import MissingFactsError
from ketacover.core.letters import continuation, cover_sheet, medical_necessity, parts, summaries
from ketacover.core.letters.kinds import Compose, Options
from ketacover.core.letters.letter import Packet
from ketacover.core.letters.readiness import (
    CONTINUATION,
    request_kind,
    require_prior_authorization_payer,
    require_request_ready,
)
from ketacover.core.model import Case

DOCUMENTS: Final[tuple[tuple[str, Compose], ...]] = (
    ("pa-cover-sheet", cover_sheet.compose),
    ("medical-necessity", medical_necessity.compose),
    ("treatment-history", summaries.compose_treatment_history),
    ("clinical-summary", summaries.compose_clinical_summary),
    ("evidence-list", summaries.compose_evidence_list),
)
"""The documents of the packet, in order, by kind name and compose function."""

KINDS: Final = tuple(name for name, _ in DOCUMENTS)
"""The kind names of the packet's documents, in order."""

CONTINUATION_DOCUMENTS: Final[tuple[tuple[str, Compose], ...]] = (
    ("pa-cover-sheet", cover_sheet.compose),
    ("continuation", continuation.compose),
)
"""The documents of a continuation packet, in order."""


def prior_authorization_packet(case: Case, today: date) -> Packet:
    """The packet for ``case`` as of ``today``.

    Each document raises its own :class:`MissingFactsError`; the packet gathers the missing facts
    of all of them into one error so the user sees the whole list at once.
    """
    require_prior_authorization_payer(case, "prior-authorization packet")
    parts.require(
        "prior-authorization packet",
        [(case.treatment_plan is not None, "treatment_plan: what the packet requests")],
    )
    assert case.treatment_plan is not None  # required above
    renewal = request_kind(case) == CONTINUATION
    name = "continuation packet" if renewal else "prior-authorization packet"
    require_request_ready(case, today, name)
    documents = []
    missing: list[str] = []
    for _, build in CONTINUATION_DOCUMENTS if renewal else DOCUMENTS:
        try:
            documents.append(build(case, today, Options()))
        except MissingFactsError as error:
            missing += [why for why in error.missing if why not in missing]
    if missing:
        raise MissingFactsError(name, missing)
    return Packet(
        title=(
            f"{name[0].upper()}{name[1:]}: {case.treatment_plan.treatment.label} for "
            f"{case.patient.full_name}"
        ),
        documents=tuple(documents),
        running_header=parts.running_header(case),
    )
