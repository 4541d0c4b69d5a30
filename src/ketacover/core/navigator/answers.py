"""What a person told the patient navigator: every answer, with "I don't know" as ``None``.

The navigator is a short question flow for someone alone with an insurance card and a question
("will my plan pay for ketamine?"). Its answers are not a case yet: they are kept in the person's
browser between steps (see docs/navigator.md) and turned into a core
:class:`~ketacover.core.model.Case` only to be assessed (:mod:`ketacover.core.navigator.readings`).

Unknown is a first-class answer: every optional field is ``None`` when the person does not know,
and nothing is filled in by guess. :meth:`Answers.to_data` and :func:`answers_from_data` turn the
answers into plain JSON-ready data and back; reading data checks every value and raises
:class:`AnswersError` naming the field (never the value: answers are health data).

>>> answers = Answers(coverage=Coverage.MEDICARE, treatment=Treatment.ESKETAMINE)
>>> answers_from_data(answers.to_data()) == answers
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final

from ketacover.core.model import DenialReason, Outcome, PlanType, Treatment
from ketacover.core.navigator.values import AnswersError as AnswersError  # re-exported
from ketacover.core.navigator.values import choice, day, flag, money, text, whole


class AgeGroup(StrEnum):
    """Whether the person who needs treatment is an adult."""

    ADULT = "adult"
    MINOR = "minor"


class Coverage(StrEnum):
    """How the person is insured, in the words of the first question."""

    EMPLOYER = "employer"
    """Through a job: their own or a family member's."""
    MARKETPLACE = "marketplace"
    """Bought on a Health Insurance Marketplace, or directly from an insurer."""
    MEDICARE = "medicare"
    MEDICAID = "medicaid"
    TRICARE = "tricare"
    OTHER = "other"


class PlanKind(StrEnum):
    """Which kind of plan within a :class:`Coverage`, when the person knows."""

    FULLY_INSURED = "fully_insured"
    SELF_FUNDED = "self_funded"
    MARKETPLACE = "marketplace"
    DIRECT = "direct"
    ORIGINAL_MEDICARE = "original_medicare"
    MEDICARE_ADVANTAGE = "medicare_advantage"
    MEDICAID_FEE_FOR_SERVICE = "medicaid_fee_for_service"
    MEDICAID_MANAGED_CARE = "medicaid_managed_care"


KINDS: Final[Mapping[Coverage, tuple[PlanKind, ...]]] = {
    Coverage.EMPLOYER: (PlanKind.FULLY_INSURED, PlanKind.SELF_FUNDED),
    Coverage.MARKETPLACE: (PlanKind.MARKETPLACE, PlanKind.DIRECT),
    Coverage.MEDICARE: (PlanKind.ORIGINAL_MEDICARE, PlanKind.MEDICARE_ADVANTAGE),
    Coverage.MEDICAID: (PlanKind.MEDICAID_FEE_FOR_SERVICE, PlanKind.MEDICAID_MANAGED_CARE),
    Coverage.TRICARE: (),
    Coverage.OTHER: (),
}
"""The kinds of plan each coverage can be; a coverage with none is one kind of plan already."""


class Condition(StrEnum):
    """A condition in everyday words (mapped to ICD-10-CM in :mod:`.conditions`)."""

    DEPRESSION = "depression"
    PTSD = "ptsd"
    ANXIETY = "anxiety"
    CRPS = "crps"
    CHRONIC_PAIN = "chronic_pain"
    FIBROMYALGIA = "fibromyalgia"
    OTHER = "other"


class Severity(StrEnum):
    """How severe the depression is now, as the clinician describes it."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class DenialLevelAnswer(StrEnum):
    """Which decision the denial letter is, in the person's words."""

    FIRST = "first"
    """The first decision on a request or a bill."""
    APPEAL_MORE_LEVELS = "appeal_more_levels"
    """A decision on an appeal; the letter says another appeal is possible."""
    APPEAL_FINAL = "appeal_final"
    """A decision on an appeal; the letter says it is the final decision."""


MEDICATION_OUTCOMES: Final = (
    Outcome.ONGOING,
    Outcome.NO_RESPONSE,
    Outcome.PARTIAL_RESPONSE,
    Outcome.RESPONSE,
    Outcome.INTOLERANCE,
)
"""How a medication went, as the navigator asks it ("still taking it", "did not help", ...)."""

TREATMENTS: Final = (Treatment.IV_KETAMINE, Treatment.ESKETAMINE)
"""The treatments a person can ask about."""

MAX_MEDICATIONS: Final = 6
MAX_TEXT: Final = 100
MAX_MEDICATION_NAME: Final = 60
MAX_WEEKS: Final = 520
MAX_SESSIONS: Final = 100
MAX_AMOUNT: Final = Decimal("1000000")
_STATE_CODES: Final = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI"
)
STATES: Final = frozenset(_STATE_CODES.split(" "))
"""US states, the District of Columbia and the territories, by postal code."""

_ZIP: Final = re.compile(r"\d{5}(?:-\d{4})?")


@dataclass(frozen=True, slots=True)
class Medication:
    """One medication tried, by the name the person knows it by."""

    name: str
    outcome: Outcome = Outcome.UNKNOWN
    weeks: int | None = None
    """About how many weeks it was taken, if the person knows."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Answers:
    """Everything the navigator has been told; ``None`` (or empty) means "I don't know"."""

    age: AgeGroup | None = None
    state: str | None = None
    """Two-letter postal code of the state the person lives in."""
    coverage: Coverage | None = None
    plan_kind: PlanKind | None = None
    plan_type: PlanType | None = None
    insurer: str | None = None
    """The insurer's name, as on the card."""
    out_of_network: bool | None = None
    deductible: Decimal | None = None
    coinsurance_percent: Decimal | None = None
    out_of_pocket_max: Decimal | None = None
    conditions: frozenset[Condition] = frozenset()
    recurrent: bool | None = None
    severity: Severity | None = None
    psychotic: bool | None = None
    bipolar: bool | None = None
    suicidal: bool | None = None
    """Thoughts of suicide now (makes requests urgent)."""
    medications: tuple[Medication, ...] = ()
    therapy: bool | None = None
    tms: bool | None = None
    ect: bool | None = None
    treatment: Treatment | None = None
    sessions: int | None = None
    price_per_session: Decimal | None = None
    clinic_name: str | None = None
    clinic_in_network: bool | None = None
    clinic_rems: bool | None = None
    denial: bool | None = None
    denial_date: date | None = None
    denial_pre_service: bool | None = None
    denial_reason: DenialReason | None = None
    denial_level: DenialLevelAnswer | None = None
    given_name: str | None = None
    family_name: str | None = None
    date_of_birth: date | None = None
    member_id: str | None = None
    group_number: str | None = None
    street: str | None = None
    city: str | None = None
    postal_code: str | None = None

    def to_data(self) -> dict[str, Any]:
        """The answers as JSON-ready data: only what is known, as strings, lists and numbers."""
        data: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None or value == () or value == frozenset():
                continue
            data[item.name] = _dump(value)
        return data

    def updated(self, changes: Mapping[str, object]) -> Answers:
        """These answers with ``changes`` applied, every value checked as when reading data."""
        merged = {**self.to_data()}
        for name, value in changes.items():
            if name not in _READERS:
                raise AnswersError(f"{name}: not a question of the navigator")
            if value is None or value == "" or value == [] or value == ():
                merged.pop(name, None)
            else:
                merged[name] = value
        return answers_from_data(merged)

    @property
    def identified(self) -> bool:
        """Whether the person gave their name and date of birth (documents and case files need
        them)."""
        return bool(self.given_name and self.family_name and self.date_of_birth)

    @property
    def address_complete(self) -> bool:
        """Whether a full mailing address is known (letters the patient signs need it)."""
        return bool(self.street and self.city and self.state and self.postal_code)

    def without_identity(self) -> Answers:
        """The same answers without name, date of birth, member and group numbers and address."""
        return replace(
            self,
            given_name=None,
            family_name=None,
            date_of_birth=None,
            member_id=None,
            group_number=None,
            street=None,
            city=None,
            postal_code=None,
        )


def _dump(value: object) -> object:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted((_dump(item) for item in value), key=str)
    if isinstance(value, tuple):
        return [_medication(item) for item in value]
    raise TypeError(f"cannot write {type(value).__name__}")


def _medication(item: Medication) -> dict[str, object]:
    data: dict[str, object] = {"name": item.name, "outcome": item.outcome.value}
    if item.weeks is not None:
        data["weeks"] = item.weeks
    return data


def _state(name: str, value: object) -> str:
    code = str(value).strip().upper()
    if code not in STATES:
        raise AnswersError(f"{name}: not a US state or territory code")
    return code


def _postal_code(name: str, value: object) -> str:
    code = str(value).strip()
    if not _ZIP.fullmatch(code):
        raise AnswersError(f"{name}: must be a 5-digit ZIP code")
    return code


def _conditions(name: str, value: object) -> frozenset[Condition]:
    if not isinstance(value, list | tuple | frozenset | set):
        raise AnswersError(f"{name}: must be a list of choices")
    read = choice(Condition)
    return frozenset(read(name, item) for item in value)


def _medications(name: str, value: object) -> tuple[Medication, ...]:
    if not isinstance(value, list | tuple):
        raise AnswersError(f"{name}: must be a list")
    if len(value) > MAX_MEDICATIONS:
        raise AnswersError(f"{name}: at most {MAX_MEDICATIONS} medications")
    found: list[Medication] = []
    for index, item in enumerate(value):
        where = f"{name}[{index}]"
        if isinstance(item, Medication):
            item = {"name": item.name, "outcome": item.outcome.value, "weeks": item.weeks}
        if not isinstance(item, Mapping) or "name" not in item:
            raise AnswersError(f"{where}: needs a name")
        extra = set(item) - {"name", "outcome", "weeks"}
        if extra:
            raise AnswersError(f"{where}: unknown field {sorted(extra)[0]}")
        outcome = Outcome.UNKNOWN
        if item.get("outcome") not in (None, ""):
            outcome = choice(Outcome)(f"{where}.outcome", item["outcome"])
            if outcome not in (*MEDICATION_OUTCOMES, Outcome.UNKNOWN):
                raise AnswersError(f"{where}.outcome: not one of the choices")
        weeks = item.get("weeks")
        found.append(
            Medication(
                name=text(MAX_MEDICATION_NAME)(f"{where}.name", item["name"]),
                outcome=outcome,
                weeks=None if weeks in (None, "") else whole(0, MAX_WEEKS)(f"{where}.weeks", weeks),
            )
        )
    return tuple(found)


_READERS: Final[dict[str, Callable[[str, object], object]]] = {
    "age": choice(AgeGroup),
    "state": _state,
    "coverage": choice(Coverage),
    "plan_kind": choice(PlanKind),
    "plan_type": choice(PlanType),
    "insurer": text(MAX_TEXT),
    "out_of_network": flag,
    "deductible": money(MAX_AMOUNT),
    "coinsurance_percent": money(Decimal(100)),
    "out_of_pocket_max": money(MAX_AMOUNT),
    "conditions": _conditions,
    "recurrent": flag,
    "severity": choice(Severity),
    "psychotic": flag,
    "bipolar": flag,
    "suicidal": flag,
    "medications": _medications,
    "therapy": flag,
    "tms": flag,
    "ect": flag,
    "treatment": choice(Treatment),
    "sessions": whole(1, MAX_SESSIONS),
    "price_per_session": money(MAX_AMOUNT),
    "clinic_name": text(MAX_TEXT),
    "clinic_in_network": flag,
    "clinic_rems": flag,
    "denial": flag,
    "denial_date": day,
    "denial_pre_service": flag,
    "denial_reason": choice(DenialReason),
    "denial_level": choice(DenialLevelAnswer),
    "given_name": text(MAX_TEXT),
    "family_name": text(MAX_TEXT),
    "date_of_birth": day,
    "member_id": text(40),
    "group_number": text(40),
    "street": text(MAX_TEXT),
    "city": text(MAX_TEXT),
    "postal_code": _postal_code,
}


def answers_from_data(data: object) -> Answers:
    """Read answers written by :meth:`Answers.to_data` (or assembled by a form).

    Raises :class:`AnswersError` naming the first field that is not a valid answer, and for
    answers that contradict each other (a plan kind of another coverage, a treatment outside the
    navigator's two).
    """
    if not isinstance(data, Mapping):
        raise AnswersError("answers: must be a mapping of question to answer")
    values: dict[str, Any] = {}
    for name, value in data.items():
        reader = _READERS.get(str(name))
        if reader is None:
            raise AnswersError(f"{name}: not a question of the navigator")
        values[str(name)] = reader(str(name), value)
    answers = Answers(**values)
    _check(answers)
    return answers


def _check(answers: Answers) -> None:
    if answers.plan_kind is not None and (
        answers.coverage is None or answers.plan_kind not in KINDS[answers.coverage]
    ):
        raise AnswersError("plan_kind: does not belong to the coverage chosen")
    if answers.treatment is not None and answers.treatment not in TREATMENTS:
        raise AnswersError("treatment: the navigator asks about IV ketamine or esketamine only")
    if answers.denial is not True and any(
        value is not None
        for value in (
            answers.denial_date,
            answers.denial_pre_service,
            answers.denial_reason,
            answers.denial_level,
        )
    ):
        raise AnswersError("denial: details of a denial are given but no denial letter")
