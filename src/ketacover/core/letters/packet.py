"""The prior-authorization packet: the cover sheet, the letter of medical necessity, the
treatment-history summary, the clinical summary and the evidence list, in that order."""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.errors import MissingFactsError
from ketacover.core.letters import catalog, parts
from ketacover.core.letters.letter import Packet
from ketacover.core.model import Case

KINDS: Final = (
    "pa-cover-sheet",
    "medical-necessity",
    "treatment-history",
    "clinical-summary",
    "evidence-list",
)
"""The documents of the packet, in order."""


def prior_authorization_packet(case: Case, today: date) -> Packet:
    """The packet for ``case`` as of ``today``.

    Each document raises its own :class:`MissingFactsError`; the packet gathers the missing facts
    of all of them into one error so the user sees the whole list at once.
    """
    parts.require(
        "prior-authorization packet",
        [(case.treatment_plan is not None, "treatment_plan: what the packet requests")],
    )
    assert case.treatment_plan is not None  # required above
    documents = []
    missing: list[str] = []
    for name in KINDS:
        try:
            documents.append(catalog.compose(name, case, today))
        except MissingFactsError as error:
            missing += [why for why in error.missing if why not in missing]
    if missing:
        raise MissingFactsError("prior-authorization packet", missing)
    return Packet(
        title=(
            f"Prior-authorization packet: {case.treatment_plan.treatment.label} for "
            f"{case.patient.full_name}"
        ),
        documents=tuple(documents),
        running_header=parts.running_header(case),
    )
