"""Codes counted from documented minutes: prolonged practitioner and clinical-staff time.

Only active, documented time counts, never the two-hour wait after an esketamine dose: the
monitoring is billed by the time the practitioner or the clinical staff actually spent
(spravatohcp.com reimbursement FAQ; The Rybar Group, "Coding Conundrum: SPRAVATO, Part 2").

- **Practitioner, 99417** (CPT): each full 15 minutes of total time beyond the minimum of 99205
  (60 minutes) or 99215 (40 minutes) when the level was chosen by time; the first unit at 75 or
  55 minutes. At most 4 units a day (medically unlikely edit quoted by an AAPC forum answer).
- **Practitioner, G2212** (Medicare): each full 15 minutes beyond the maximum of the old ranges
  (99205: 74, 99215: 54 minutes), so the first unit at 89 or 69 minutes (CMS HCPCS G2212
  descriptor; CY 2021 PFS final rule).
- **Clinical staff, 99415/99416** (CPT): face-to-face time beyond the E/M's typical clinical-staff
  time; 99415 once from 30 minutes (the midpoint of its first hour), 99416 for each further 30
  minutes from the midpoint, i.e. 75-104 minutes add one unit, 105-134 two.
- Neither prolonged code goes with the other: 99415 is not reported with 99417, and G2212 not
  on the same date as 99415/99416 (CPT and HCPCS descriptors). When both are documented, the
  practitioner's code is billed.
"""

from __future__ import annotations

from typing import Final

from ketacover.core.model import ProlongedServiceCode

__all__ = [
    "PRACTITIONER_FROM",
    "STAFF_FIRST_MINUTES",
    "UNIT_LIMITS",
    "practitioner_units",
    "staff_units",
]

PRACTITIONER_FROM: Final[dict[ProlongedServiceCode, dict[str, int]]] = {
    ProlongedServiceCode.CPT_99417: {"99205": 60, "99215": 40},
    ProlongedServiceCode.G2212: {"99205": 74, "99215": 54},
}
"""Minutes of total time from which each 15-minute unit is counted, by code and base E/M."""
STAFF_FIRST_MINUTES: Final = 30
"""Staff minutes beyond the typical time from which 99415 is reported."""
STAFF_FIRST_HOUR: Final = 60
STAFF_EACH: Final = 30
UNIT_LIMITS: Final[dict[str, int]] = {"99415": 1, "99417": 4}
"""Units a day at most: 99415 is the first hour (once); 99417's edit is 4 units."""
_QUARTER: Final = 15


def practitioner_units(code: ProlongedServiceCode, em_code: str, minutes: int) -> int:
    """Units of ``code`` for ``minutes`` of practitioner time with ``em_code`` (0 if none).

    Only 99205 and 99215 take prolonged practitioner time; below the first full 15 minutes past
    the threshold, no unit. 99417 is capped at its daily limit.
    """
    start = PRACTITIONER_FROM[code].get(em_code)
    if start is None or minutes <= start:
        return 0
    units = (minutes - start) // _QUARTER
    limit = UNIT_LIMITS.get(code.value)
    return units if limit is None else min(units, limit)


def staff_units(minutes: int) -> list[tuple[str, int]]:
    """The clinical-staff codes and units for ``minutes`` beyond the E/M's typical staff time.

    >>> staff_units(29), staff_units(30), staff_units(75), staff_units(105)
    ([], [('99415', 1)], [('99415', 1), ('99416', 1)], [('99415', 1), ('99416', 2)])
    """
    if minutes < STAFF_FIRST_MINUTES:
        return []
    beyond = minutes - STAFF_FIRST_HOUR
    extra = 0 if beyond < STAFF_EACH // 2 else (beyond + STAFF_EACH // 2) // STAFF_EACH
    lines = [("99415", 1)]
    if extra:
        lines.append(("99416", extra))
    return lines
