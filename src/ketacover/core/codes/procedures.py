"""Procedure and drug codes (CPT numbers and HCPCS Level II) for ketamine and esketamine care.

Only the codes of this domain are known (see :mod:`ketacover.core.codes.procedure_table`); any
other code is reported as not one of the codes ketacover knows, which does not mean it is invalid.
CPT numbers carry ketacover's own labels: the AMA owns CPT descriptors (:data:`CPT_NOTICE`).

Besides look-up and date-of-service checks, this module turns minutes into codes the way the
sources describe: an IV drug given in 15 minutes or less is a push (96374); an infusion of 16 to
90 minutes is 96365 x 1, and each 96366 unit needs more than 30 minutes past the last full hour
(clearcostestimate.com citing CMS IOM 100-04 ch. 12 §30.5; codingmcw (partly verified) for 96366).

>>> validate("J0013", on=date(2026, 3, 1))
'J0013'
>>> esketamine_drug_code(date(2025, 6, 1))
'S0013'
>>> infusion_units(40)
[('96365', 1)]
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.codes.procedure_table import (
    COMMON_MISTAKES,
    CPT_NOTICE,
    CPT_NOTICE_SOURCE,
    ESKETAMINE_SWITCH,
    ESTABLISHED_PATIENT_TIME,
    NEW_PATIENT_TIME,
    PROCEDURES,
    SUCCESSORS,
    CodeSystem,
    ProcedureCode,
)
from ketacover.core.errors import InvalidCodeError, KetacoverError

__all__ = [
    "CPT_NOTICE",
    "CPT_NOTICE_SOURCE",
    "CodeSystem",
    "ProcedureCode",
    "describe",
    "em_level_by_time",
    "esketamine_drug_code",
    "in_effect",
    "infusion_units",
    "is_valid",
    "lookup",
    "normalize",
    "psychotherapy_addon",
    "validate",
]

_BY_CODE: Final = {procedure.code: procedure for procedure in PROCEDURES}
_HINTS: Final = {
    **{
        old: f"use {new} for dates of service from {_BY_CODE[new].effective_from}"
        for old, new in SUCCESSORS.items()
    },
    **{
        new: f"use {old} for dates of service before {_BY_CODE[new].effective_from}"
        for old, new in SUCCESSORS.items()
    },
}
"""For a code out of effect on a date: which code to use instead (S0013 <-> J0013)."""
_KIND: Final = "procedure code"

PUSH_MAX_MINUTES: Final = 15
"""An IV drug given in this many minutes or fewer is a push (96374), not an infusion."""
PSYCHOTHERAPY_ADDONS: Final[tuple[tuple[int, str], ...]] = (
    (53, "90838"),
    (38, "90836"),
    (16, "90833"),
)
"""Minimum minutes of psychotherapy for each add-on, longest first (CPT time rule)."""


def normalize(code: str) -> str:
    """The code without spaces, in upper case (``" j0013 "`` gives ``J0013``)."""
    return "".join(code.split()).upper()


def lookup(code: str) -> ProcedureCode:
    """The table entry for ``code``; raises :class:`InvalidCodeError` for any other code."""
    key = normalize(code)
    if not key:
        raise InvalidCodeError(f"{_KIND} is empty")
    found = _BY_CODE.get(key)
    if found is None:
        mistake = COMMON_MISTAKES.get(key)
        detail = f": {mistake[0]}" if mistake else " (it may still be a valid code elsewhere)"
        raise InvalidCodeError(
            f"{_KIND} {key} is not one of the procedure codes ketacover knows{detail}"
        )
    return found


def in_effect(procedure: ProcedureCode, on: date) -> bool:
    """Whether ``procedure`` applies to a date of service ``on``."""
    starts, ends = procedure.effective_from, procedure.effective_to
    return (starts is None or starts <= on) and (ends is None or on <= ends)


def validate(code: str, on: date | None = None) -> str:
    """Check that ``code`` is known and, given a date of service, in effect on it.

    Returns the normalized code. Raises :class:`InvalidCodeError` otherwise; for a code outside
    its dates the message says which code to use instead when there is one (J0013 before
    2026-01-01: use S0013).
    """
    procedure = lookup(code)
    if on is None or in_effect(procedure, on):
        return procedure.code
    raise InvalidCodeError(_out_of_effect(procedure, on))


def is_valid(code: str, on: date | None = None) -> bool:
    """Whether ``code`` is known (and in effect on ``on`` when given). Never raises."""
    try:
        validate(code, on)
    except InvalidCodeError:
        return False
    return True


def describe(code: str) -> str:
    """One line: system, code, our label and the dates the code is in effect."""
    procedure = lookup(code)
    return f"{procedure.system} {procedure.code}: {procedure.label}{_dates(procedure)}"


def esketamine_drug_code(on: date) -> str:
    """The esketamine drug code for a (non-Medicare) date of service: S0013, then J0013.

    Medicare bills the bundled G2082/G2083 instead, which include the drug.
    """
    return "J0013" if on >= ESKETAMINE_SWITCH else "S0013"


def infusion_units(minutes: int) -> list[tuple[str, int]]:
    """The administration codes and units for one IV drug given over ``minutes``.

    15 minutes or less: push (96374 x 1). 16-90: 96365 x 1. Beyond that, one 96366 unit for each
    hour in which more than 30 minutes run past the last full hour: 91-150 minutes add 96366 x 1,
    151-210 add 96366 x 2, and so on.
    """
    if minutes <= 0:
        raise KetacoverError(f"infusion minutes must be positive, not {minutes}")
    if minutes <= PUSH_MAX_MINUTES:
        return [("96374", 1)]
    extra_hours = max(0, (minutes - 31) // 60)
    units = [("96365", 1)]
    if extra_hours:
        units.append(("96366", extra_hours))
    return units


def psychotherapy_addon(minutes: int) -> str | None:
    """The psychotherapy add-on to an E/M for ``minutes`` of therapy: 90833, 90836 or 90838.

    16-37 minutes give 90833, 38-52 give 90836, 53 or more give 90838; under 16, none.
    """
    if minutes < 0:
        raise KetacoverError(f"psychotherapy minutes must not be negative, not {minutes}")
    return next((code for least, code in PSYCHOTHERAPY_ADDONS if minutes >= least), None)


def em_level_by_time(minutes: int, new_patient: bool) -> str | None:
    """The highest office E/M code whose total-time minimum ``minutes`` meets (CPT 2024).

    New patients: 99202 = 15, 99203 = 30, 99204 = 45, 99205 = 60 minutes. Established patients:
    99212 = 10, 99213 = 20, 99214 = 30, 99215 = 40. Below the lowest minimum, ``None``.
    """
    if minutes < 0:
        raise KetacoverError(f"visit minutes must not be negative, not {minutes}")
    table = NEW_PATIENT_TIME if new_patient else ESTABLISHED_PATIENT_TIME
    met = [code for code, least in table if minutes >= least]
    return met[-1] if met else None


def _dates(procedure: ProcedureCode) -> str:
    starts, ends = procedure.effective_from, procedure.effective_to
    if starts and ends:
        return f" (from {starts.isoformat()} to {ends.isoformat()})"
    if starts:
        return f" (from {starts.isoformat()})"
    if ends:
        return f" (retired after {ends.isoformat()})"
    return ""


def _out_of_effect(procedure: ProcedureCode, on: date) -> str:
    starts, ends = procedure.effective_from, procedure.effective_to
    if starts is not None and on < starts:
        reason = f"it applies to dates of service from {starts.isoformat()}"
    else:
        reason = f"it was retired after {ends}"
    hint = _HINTS.get(procedure.code)
    message = f"{procedure.system} {procedure.code} is not in effect on {on.isoformat()}: {reason}"
    return f"{message}; {hint}" if hint else message
