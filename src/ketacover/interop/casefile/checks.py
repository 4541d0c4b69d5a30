"""Checks a billing lead would make on a case that is well formed: codes, ranges, order of dates,
ids that must exist or be unique, amounts.

Each check yields ``(location, message)`` in the same plain style as the structural problems.
Code checks use the core validators: NPI check digits (NPI Final Rule, 69 FR 3434; sourcebook
codes.toml) and ICD-10-CM validity against the official code set (sourcebook codes.toml).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import TypeGuard

from ketacover.core.codes import icd10cm, ndc, npi, pos
from ketacover.core.costs.amounts import CostInputError
from ketacover.core.costs.plan_year import parse_month_day
from ketacover.core.model import (
    CASE_ID_RULE,
    Case,
    Claim,
    CostShare,
    Denial,
    PayerCategory,
    PriorAuthorization,
    ScaleScore,
    TreatmentTrial,
    is_case_id,
)
from ketacover.interop.casefile.messages import with_value
from ketacover.interop.casefile.model_types import Loc, field_types, item_type, unwrap

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
MAX_MONEY = Decimal("9999999.99")

MONEY_FIELDS = frozenset(
    {
        "deductible",
        "deductible_met",
        "copay",
        "out_of_pocket_max",
        "out_of_pocket_met",
        "price_per_session",
        "allowed_per_session",
        "evaluation_price",
        "charge",
        "billed",
        "allowed",
        "paid",
        "patient_share",
        "amount_paid",
    }
)
"""Fields holding US dollars: never negative, whole cents, below ten million."""

RANGES: dict[str, tuple[int, int]] = {
    "coinsurance_percent": (0, 100),
    "improvement_percent": (-1000, 100),
    "dose_mg_per_day": (0, 100_000),
    "dose_mg": (0, 10_000),
    "weeks": (0, 5_200),
    "sessions": (1, 1_000),
    "sessions_approved": (0, 1_000),
    "minutes": (0, 1_440),
    "infusion_minutes": (0, 1_440),
    "monitoring_minutes": (0, 1_440),
    "appeal_window_days": (0, 3_650),
    "appeal_window_days_on_notice": (1, 3_650),
    "peer_to_peer_window_days": (1, 365),
    "timely_filing_days": (1, 3_650),
    "em_minutes": (0, 1_440),
    "staff_minutes": (0, 1_440),
    "therapy_minutes": (0, 1_440),
}
"""Plausible bounds for the other numbers, so a typo cannot travel into deadline or cost math."""

_TIN = re.compile(r"\d{2}-?\d{7}")
_ZIP = re.compile(r"\d{5}(?:-?\d{4})?")
_STATE = re.compile(r"[A-Za-z]{2}")
_BLOOD_PRESSURE = re.compile(r"(\d{2,3})/(\d{2,3})")
_BLOOD_PRESSURE_FIELDS = frozenset({"bp_before", "bp_40_min", "bp_discharge"})
_PROCEDURE_CODE = re.compile(r"\d{5}|[A-Z]\d{4}|\d{4}[A-Z]")
"""CPT (five digits, or four digits and a letter for categories II and III) or HCPCS Level II
(a letter and four digits)."""
_TAXONOMY = re.compile(r"\d{3}[0-9A-Z]{6}X")
_OFFICE_EM = frozenset({"99202", "99203", "99204", "99205", "99212", "99213", "99214", "99215"})


def case_problems(case: Case) -> Iterator[tuple[Loc, str]]:
    """Every semantic problem in ``case``, in the order of the case's fields."""
    if not is_case_id(case.id):
        yield ("id",), f"is not a usable case id ({CASE_ID_RULE})"
    yield from _value_problems(case, ())
    yield from _code_problems(case)
    yield from _billing_problems(case)
    for index, score in enumerate(case.scores):
        yield from _score_problems(score, ("scores", index))
    for index, trial in enumerate(case.treatment_history):
        yield from _trial_problems(trial, ("treatment_history", index))
    for index, request in enumerate(case.prior_authorizations):
        yield from _authorization_problems(request, ("prior_authorizations", index))
    for index, denial in enumerate(case.denials):
        yield from _denial_problems(denial, ("denials", index))
    for index, claim in enumerate(case.claims):
        yield from _claim_problems(claim, ("claims", index))
    for index, appeal in enumerate(case.appeals):
        yield from _after(
            appeal.submitted, appeal.decided, ("appeals", index), "decided", "submitted"
        )
        yield from _received_at(appeal.submitted, appeal.received_at, ("appeals", index))
    yield from _reference_problems(case)
    yield from _abn_problems(case)
    if case.plan is not None and case.plan.plan_year_start is not None:
        try:
            parse_month_day("plan_year_start", case.plan.plan_year_start)
        except CostInputError:
            yield (
                ("plan", "plan_year_start"),
                with_value(
                    case.plan.plan_year_start,
                    "is not a month and day of the year (use MM-DD, e.g. 07-01)",
                ),
            )


_TEXT_FIELDS = frozenset({"tin", "postal_code", "state", "npi", *_BLOOD_PRESSURE_FIELDS})


@cache
def _checked_fields(model: type) -> tuple[tuple[str, str], ...]:
    """The fields of ``model`` that carry a value check, each with its kind; computed once."""
    steps: list[tuple[str, str]] = []
    for name, declared in field_types(model).items():
        tp = unwrap(declared)
        element = item_type(tp)
        if element is not None:
            if _is_model(unwrap(element)):
                steps.append((name, "items"))
        elif _is_model(tp):
            steps.append((name, "model"))
        elif tp in (date, datetime):
            steps.append((name, "date"))
        elif name in MONEY_FIELDS:
            steps.append((name, "money"))
        elif name in RANGES:
            steps.append((name, "range"))
        elif name in _TEXT_FIELDS:
            steps.append((name, "text"))
    return tuple(steps)


def _is_model(tp: object) -> TypeGuard[type]:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _value_problems(obj: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Dates, amounts and counts anywhere in the case, judged by field name."""
    model: type = type(obj)
    for name, kind in _checked_fields(model):
        value = getattr(obj, name)
        if value is None:
            continue
        here = (*loc, name)
        if kind == "model":
            yield from _value_problems(value, here)
        elif kind == "items":
            for index, item in enumerate(value):
                yield from _value_problems(item, (*here, index))
        elif kind == "date":
            day = value.date() if isinstance(value, datetime) else value
            if not EARLIEST <= day <= LATEST:
                yield here, with_value(str(value), "is not a plausible date (1900 to 2199)")
        elif kind == "money":
            if isinstance(value, Decimal):
                yield from _money_problems(value, here)
        elif kind == "range":
            low, high = RANGES[name]
            if isinstance(value, int | Decimal) and not low <= value <= high:
                yield here, with_value(value, f"must be between {low} and {high}")
        elif isinstance(value, str):
            yield from _text_problems(name, value, here)


def _money_problems(amount: Decimal, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if amount < 0:
        yield loc, with_value(amount, "must not be negative")
    elif amount > MAX_MONEY:
        yield loc, with_value(amount, f"is too large for an amount (at most {MAX_MONEY})")
    elif amount != amount.quantize(Decimal("0.01")):
        yield loc, with_value(amount, "has fractions of a cent (use at most 2 decimal places)")


def _text_problems(name: str, value: str, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if name == "tin" and not _TIN.fullmatch(value):
        yield loc, with_value(value, "is not a TIN (9 digits, e.g. 12-3456789)")
    elif name == "postal_code" and not _ZIP.fullmatch(value):
        yield loc, with_value(value, "is not a ZIP code (5 or 9 digits)")
    elif name == "state" and not _STATE.fullmatch(value):
        yield loc, with_value(value, "is not a two-letter state code (e.g. MA)")
    elif name == "npi" and not npi.is_valid(value):
        yield loc, with_value(value, "is not a valid NPI (10 digits with a correct check digit)")
    elif name in _BLOOD_PRESSURE_FIELDS and not is_blood_pressure(value):
        yield loc, with_value(value, BLOOD_PRESSURE_MESSAGE)


BLOOD_PRESSURE_MESSAGE = (
    "is not a blood pressure (systolic/diastolic in mmHg, e.g. 128/82, the first number the larger)"
)
"""What a blood-pressure reading that does not parse is told (the REMS monitoring form's
readings, sourcebook esketamine.toml)."""


def is_blood_pressure(value: str) -> bool:
    """Whether ``value`` reads as ``systolic/diastolic`` in mmHg, each 20 to 300, systolic the
    larger (``128/82``)."""
    match = _BLOOD_PRESSURE.fullmatch(value.strip())
    if match is None:
        return False
    systolic, diastolic = int(match.group(1)), int(match.group(2))
    return 20 <= diastolic < systolic <= 300


def _code_problems(case: Case) -> Iterator[tuple[Loc, str]]:
    primaries = [index for index, diagnosis in enumerate(case.diagnoses) if diagnosis.primary]
    for index, diagnosis in enumerate(case.diagnoses):
        if not icd10cm.is_valid(diagnosis.code):
            loc = ("diagnoses", index, "code")
            yield loc, with_value(diagnosis.code, "is not a valid ICD-10-CM code")
    for index in primaries[1:]:
        yield (
            ("diagnoses", index, "primary"),
            f"only one diagnosis can be primary (diagnoses[{primaries[0]}] already is)",
        )


def _billing_problems(case: Case) -> Iterator[tuple[Loc, str]]:
    """The fee schedule, NDC, taxonomy codes and documented E/M codes a claim is built from."""
    if case.clinic is not None:
        seen: dict[str, int] = {}
        for index, fee in enumerate(case.clinic.fee_schedule):
            loc: Loc = ("clinic", "fee_schedule", index, "code")
            code = fee.code.strip().upper()
            if not _PROCEDURE_CODE.fullmatch(code):
                yield loc, with_value(fee.code, PROCEDURE_CODE_MESSAGE)
            elif code in seen:
                yield loc, with_value(fee.code, f"is already priced (fee_schedule[{seen[code]}])")
            else:
                seen[code] = index
        place = case.clinic.place_of_service
        if place is not None and not pos.is_valid(place):
            yield ("clinic", "place_of_service"), with_value(place, POS_MESSAGE)
    for owner in ("clinic", "prescriber"):
        party = getattr(case, owner)
        taxonomy = None if party is None else party.taxonomy
        if taxonomy is not None and not _TAXONOMY.fullmatch(taxonomy.strip().upper()):
            message = "is not a provider taxonomy code (10 characters, e.g. 2084P0800X)"
            yield (owner, "taxonomy"), with_value(taxonomy, message)
    plan = case.treatment_plan
    if plan is not None and plan.ndc is not None and not ndc.is_valid(plan.ndc):
        yield ("treatment_plan", "ndc"), with_value(plan.ndc, NDC_MESSAGE)
    if plan is not None and plan.scheduled_on and plan.start and plan.scheduled_on > plan.start:
        message = (
            f"is after start ({plan.start}): the first session is scheduled before it is given"
        )
        yield ("treatment_plan", "scheduled_on"), with_value(plan.scheduled_on, message)
    for index, claim in enumerate(case.claims):
        for number, line in enumerate(claim.lines):
            if not _PROCEDURE_CODE.fullmatch(line.code.strip().upper()):
                loc = ("claims", index, "lines", number, "code")
                yield loc, with_value(line.code, PROCEDURE_CODE_MESSAGE)
    for index, session in enumerate(case.sessions):
        if session.em_code is not None and session.em_code.strip() not in _OFFICE_EM:
            message = "is not an office E/M code (99202-99205 or 99212-99215)"
            yield ("sessions", index, "em_code"), with_value(session.em_code, message)


PROCEDURE_CODE_MESSAGE = (
    "is not a procedure code (a CPT number of 5 digits, e.g. 99214, or a HCPCS code of a letter "
    "and 4 digits, e.g. J0013)"
)
POS_MESSAGE = "is not a place of service code (two digits, e.g. 11 for an office)"
NDC_MESSAGE = (
    "is not an NDC (11 digits in the 5-4-2 layout, e.g. 12345-6789-01, or the 10-digit NDC "
    "with its hyphens as on the package)"
)


def _abn_problems(case: Case) -> Iterator[tuple[Loc, str]]:
    """An ABN (form CMS-R-131) is an Original Medicare notice (sourcebook
    cms-abn-form-instructions): Medicare Advantage and other plans decide before the service."""
    if case.abn is None:
        return
    if case.plan is None or case.plan.category is not PayerCategory.MEDICARE:
        yield (
            ("abn",),
            "is an Original Medicare notice (plan.category: medicare); other plans, Medicare "
            "Advantage included, decide before the service instead",
        )


def _score_problems(score: ScaleScore, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if not 0 <= score.score <= score.scale.max_score:
        limits = f"must be between 0 and {score.scale.max_score} on the {score.scale.label}"
        yield (*loc, "score"), with_value(score.score, limits)


def _trial_problems(trial: TreatmentTrial, loc: Loc) -> Iterator[tuple[Loc, str]]:
    yield from _after(trial.start, trial.end, loc, "end", "start")


def _authorization_problems(request: PriorAuthorization, loc: Loc) -> Iterator[tuple[Loc, str]]:
    yield from _after(request.submitted, request.decided, loc, "decided", "submitted")
    yield from _after(request.valid_from, request.valid_through, loc, "valid_through", "valid_from")
    yield from _received_at(request.submitted, request.received_at, loc)


def _received_at(
    submitted: date, received_at: datetime | None, loc: Loc
) -> Iterator[tuple[Loc, str]]:
    """A time of receipt (in its own time zone) on or after the day the item was sent."""
    if received_at is not None and received_at.date() < submitted:
        yield (
            (*loc, "received_at"),
            with_value(received_at.isoformat(), f"is before submitted ({submitted})"),
        )


def _denial_problems(denial: Denial, loc: Loc) -> Iterator[tuple[Loc, str]]:
    yield from _after(denial.notice_date, denial.received, loc, "received", "notice_date")
    yield from _after(
        denial.notice_date,
        denial.appeal_deadline_on_notice,
        loc,
        "appeal_deadline_on_notice",
        "notice_date",
    )
    yield from _after(
        denial.notice_date,
        denial.peer_to_peer_deadline,
        loc,
        "peer_to_peer_deadline",
        "notice_date",
    )


def _claim_problems(claim: Claim, loc: Loc) -> Iterator[tuple[Loc, str]]:
    yield from _after(claim.service_from, claim.service_to, loc, "service_to", "service_from")
    yield from _after(claim.service_from, claim.submitted, loc, "submitted", "service_from")


def _cost_share_problems(share: CostShare, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if share.deductible is not None and 0 <= share.deductible < share.deductible_met:
        yield (
            (*loc, "deductible_met"),
            with_value(share.deductible_met, "is more than the deductible"),
        )
    ceiling = share.out_of_pocket_max
    if ceiling is not None and 0 <= ceiling < share.out_of_pocket_met:
        message = "is more than the out-of-pocket maximum"
        yield (*loc, "out_of_pocket_met"), with_value(share.out_of_pocket_met, message)


def _after(
    first: date | None, then: date | None, loc: Loc, then_name: str, first_name: str
) -> Iterator[tuple[Loc, str]]:
    if first is not None and then is not None and then < first:
        yield (*loc, then_name), with_value(then, f"is before {first_name} ({first})")


def _reference_problems(case: Case) -> Iterator[tuple[Loc, str]]:
    """Ids unique within their list, and references that point at an existing id."""
    if case.plan is not None:
        for tier in ("in_network", "out_of_network"):
            share = getattr(case.plan, tier)
            if share is not None:
                yield from _cost_share_problems(share, ("plan", tier))
    authorizations = [request.id for request in case.prior_authorizations]
    denials = [denial.id for denial in case.denials]
    yield from _duplicates(authorizations, "prior_authorizations", "prior authorization")
    yield from _duplicates(denials, "denials", "denial")
    for index, denial in enumerate(case.denials):
        wanted = denial.prior_authorization_id
        if wanted is not None and wanted not in authorizations:
            loc = ("denials", index, "prior_authorization_id")
            yield loc, with_value(wanted, "is not the id of any prior authorization in this case")
    for index, session in enumerate(case.sessions):
        wanted = session.authorization_id
        if wanted is not None and wanted not in authorizations:
            loc = ("sessions", index, "authorization_id")
            yield loc, with_value(wanted, "is not the id of any prior authorization in this case")
    for index, appeal in enumerate(case.appeals):
        if appeal.denial_id not in denials:
            loc = ("appeals", index, "denial_id")
            yield loc, with_value(appeal.denial_id, "is not the id of any denial in this case")


def _duplicates(ids: list[str], field: str, noun: str) -> Iterator[tuple[Loc, str]]:
    first: dict[str, int] = {}
    for index, each in enumerate(ids):
        if each not in first:
            first[each] = index
        else:
            message = f"is already the id of another {noun} ({field}[{first[each]}])"
            yield (field, index, "id"), with_value(each, message)
