"""What the claims section shows per date of service: the claim composed from the case and the
workspace's clinic profile (:mod:`ketacover.web.clinics.profile`), its lines with their status and
what a remittance said about each, and every missing fact in words with a link to fix it.

The panel is read on demand (it depends on the workspace's fee schedule as well as the case, so
it is never part of a stored case page); it changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from django.urls import reverse

from ketacover.core.billing import ClaimLine, ProfessionalClaim, compose, service_dates
from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.model import Case, Claim, ClaimLineStatus, ClaimStatus
from ketacover.interop.x12.professional import missing_for_837
from ketacover.render.cms1500 import missing_for_cms1500
from ketacover.web.cases.models import CaseRecord

STATUSES: Final = (
    ClaimStatus.DRAFT,
    ClaimStatus.SUBMITTED,
    ClaimStatus.ACCEPTED,
    ClaimStatus.PAID,
    ClaimStatus.PARTIALLY_PAID,
    ClaimStatus.DENIED,
    ClaimStatus.APPEALED,
)
"""The statuses a claim or a line can be given, in the order a claim moves through them."""
STATUS_WORDS: Final = {
    ClaimStatus.DRAFT: "Draft (not sent)",
    ClaimStatus.SUBMITTED: "Sent",
    ClaimStatus.ACCEPTED: "Accepted by the payer",
    ClaimStatus.PAID: "Paid",
    ClaimStatus.PARTIALLY_PAID: "Partly paid",
    ClaimStatus.DENIED: "Denied",
    ClaimStatus.APPEALED: "Appealed",
}


@dataclass(frozen=True, slots=True)
class MissingFact:
    """One fact a claim lacks, in words, and where to give it."""

    text: str
    fix_url: str
    fix_label: str


@dataclass(frozen=True, slots=True)
class LineRow:
    """One claim line with where it stands and what the payer said about it."""

    line: ClaimLine
    status: ClaimStatus
    paid: Decimal | None
    answered: bool
    """A remittance (or a person) recorded this line's own status."""

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]


@dataclass(frozen=True, slots=True)
class ClaimPanel:
    """One date of service: its claim when it can be composed, else what is missing."""

    number: int
    """1 for the first date of service: the claim's place in the downloads' URLs."""
    on: date
    claim: ProfessionalClaim | None
    rows: tuple[LineRow, ...]
    missing: tuple[MissingFact, ...]
    record: Claim | None
    """The claim recorded on the case for this date (sent, paid, ...), if any."""
    form_missing: tuple[MissingFact, ...]
    """What the CMS-1500 needs beyond the claim."""
    x12_missing: tuple[MissingFact, ...]
    """What the 837P needs beyond the claim."""

    @property
    def status(self) -> ClaimStatus:
        return ClaimStatus.DRAFT if self.record is None else self.record.status

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def span(self) -> bool:
        """The recorded claim covers more dates of service than this one (its lines are then
        not this date's lines, so only the claim's status is set here)."""
        record = self.record
        return record is not None and (record.service_to or record.service_from) != (
            record.service_from
        )


def _fix(record: CaseRecord, case: Case, path: str) -> tuple[str, str]:
    """Where a missing fact at ``path`` (``clinic.npi``, ``sessions[2].dose_mg``) is given."""
    head = path.split(".")[0].split("[")[0]
    detail = reverse("cases:detail", args=[record.pk])

    def step(slug: str) -> str:
        return reverse("intake:step", args=[record.pk, slug])

    profile = reverse("clinics:profile", args=[record.workspace_id])
    if head == "clinic":
        if case.clinic is None or path.startswith("clinic.fee_schedule"):
            return profile, "Open the clinic profile"
        return step("providers"), "Edit the clinic"
    if head == "prescriber":
        return step("providers"), "Edit the prescriber"
    if head == "diagnoses":
        return step("diagnoses"), "Edit the diagnoses"
    if head == "patient":
        return step("patient"), "Edit the patient"
    if path in {"plan.esketamine_supply", "treatment_plan.ndc"}:
        return detail + "#section-sessions", "Give it with the next session"
    if head == "plan":
        return step("plan"), "Edit the health plan"
    if head == "treatment_plan":
        return step("treatment"), "Edit the treatment plan"
    return detail + "#section-sessions", "See the sessions"


def missing_facts(record: CaseRecord, case: Case, items: list[str]) -> tuple[MissingFact, ...]:
    """``path: why`` entries as sentences with a link each; the path never shown."""
    found = []
    for item in dict.fromkeys(items):
        path, _, why = item.partition(": ")
        text = why or "A fact the claim needs is missing."
        url, label = _fix(record, case, path)
        found.append(MissingFact(text[:1].upper() + text[1:], url, label))
    return tuple(found)


def recorded_claim(case: Case, on: date) -> tuple[int, Claim] | None:
    """The claim recorded on the case that covers ``on`` (the last one), with its index."""
    found = None
    for index, claim in enumerate(case.claims):
        if claim.service_from <= on <= (claim.service_to or claim.service_from):
            found = (index, claim)
    return found


def _answer(record: Claim | None, line: ClaimLine) -> ClaimLineStatus | None:
    if record is None or (record.service_to or record.service_from) != record.service_from:
        return None
    for answer in record.lines:
        if answer.line_number == line.number:
            return answer
    for answer in record.lines:
        if answer.line_number is None and answer.code.strip().upper() == line.code:
            return answer
    return None


def panels(record: CaseRecord, case: Case) -> tuple[ClaimPanel, ...]:
    """One panel per date of service, newest first. ``case`` is the case as billed (with the
    workspace's clinic profile applied: :func:`ketacover.web.clinics.profile.for_billing`)."""
    found = []
    for number, on in enumerate(service_dates(case), start=1):
        recorded = recorded_claim(case, on)
        kept = None if recorded is None else recorded[1]
        try:
            claim = compose(case, on=on)
        except MissingFactsError as error:
            missing = missing_facts(record, case, list(error.missing))
            found.append(ClaimPanel(number, on, None, (), missing, kept, (), ()))
            continue
        except KetacoverError as error:
            missing = missing_facts(record, case, [str(error)])
            found.append(ClaimPanel(number, on, None, (), missing, kept, (), ()))
            continue
        rows = []
        for line in claim.lines:
            answer = _answer(kept, line)
            rows.append(
                LineRow(
                    line=line,
                    status=line.status if answer is None else answer.status,
                    paid=None if answer is None else answer.paid,
                    answered=answer is not None,
                )
            )
        found.append(
            ClaimPanel(
                number,
                on,
                claim,
                tuple(rows),
                (),
                kept,
                missing_facts(record, case, missing_for_cms1500(claim)),
                missing_facts(record, case, missing_for_837(claim)),
            )
        )
    return tuple(reversed(found))
