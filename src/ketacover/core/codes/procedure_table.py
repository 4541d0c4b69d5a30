"""The procedure and drug codes of ketamine and esketamine care, as data.

Two systems share the 5-character space:

- **CPT** (HCPCS Level I, five digits) belongs to the American Medical Association. ketacover
  stores only the code numbers with its own plain-language labels, never AMA descriptors.
- **HCPCS Level II** (a letter and four digits: J, G, S codes) is maintained by CMS.

Each entry carries the source its facts come from and how sure we are of it; the one code not
confirmed in a source (96372) is marked unverified. Codes that change on a date carry the dates
they are in effect (S0013 ended 2025-12-31 and J0013 replaced it on 2026-01-01).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from ketacover.core.sourcebook import cite
from ketacover.core.sources import Source


class CodeSystem(StrEnum):
    """Which procedure code system a code belongs to."""

    CPT = "CPT"
    """HCPCS Level I, maintained and copyrighted by the AMA."""
    HCPCS = "HCPCS"
    """HCPCS Level II, maintained by CMS."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcedureCode:
    """One procedure or drug code with our label, the dates it is in effect, and its source."""

    code: str
    """The code as billed, e.g. ``96365`` or ``J0013``."""
    system: CodeSystem
    """CPT or HCPCS (Level II)."""
    label: str
    """ketacover's own plain-language label (never the AMA descriptor)."""
    effective_from: date | None = None
    """First date of service the code applies to, when it matters and is known."""
    effective_to: date | None = None
    """Last date of service the code applies to, for retired codes."""
    notes: str = ""
    """How the code is used in this domain: units, pairing rules, payer habits."""
    source: Source
    """Where the facts about this code come from."""


CPT_NOTICE: Final = (
    "CPT (Current Procedural Terminology) codes and descriptors are copyrighted by the American "
    "Medical Association (AMA). Software that uses or distributes CPT content needs a license "
    "from the AMA. ketacover shows CPT code numbers only, with its own plain-language labels, "
    "and does not reproduce AMA descriptors."
)
"""The notice shown wherever CPT code numbers appear."""
CPT_NOTICE_SOURCE: Final = cite("code-cpt-license")

_INFUSION = cite("code-cpt-infusion")
_INFUSION_ADDON = cite("code-cpt-infusion-addon")
_PUSH = cite("code-cpt-push")
_PUSH_ADDON = cite("code-cpt-push-addon")
_INJECTION = cite("code-cpt-injection")
_PSYCH_EVAL = cite("code-cpt-psychiatry")
_EM = cite("code-cpt-em-2024")
_THERAPY_ADDON = cite("code-cpt-psychiatry")
_COMPLEXITY = cite("code-cpt-complexity")
_STAFF_TIME = cite("code-cpt-staff-time")
_PROLONGED = cite("code-cpt-prolonged")
_KETAMINE_DRUG = cite("code-hcpcs-j3490-ketamine")
_ESKETAMINE_DRUG = cite("code-hcpcs-j0013")
_G_CODES = cite("code-hcpcs-g2082")

ESKETAMINE_SWITCH: Final = date(2026, 1, 1)
"""First date of service billed with J0013 instead of S0013."""

_OFFICE = "office visit"
_BY_TIME = "since CPT 2024, choosing the level by total time needs at least"
_THERAPY = (
    "Add-on to an E/M by the same clinician on the same day; the E/M must be separately "
    "identifiable. Not with 90832/90834/90837, 90839/90840 or 90846/90847."
)
_STAFF = (
    "Add-on to office E/M codes (99202-99205, 99212-99215); counts time beyond the top of the "
    "E/M's typical clinical-staff time. Not reported with 99417. A usual non-Medicare way to "
    "bill Spravato observation."
)


def _em(code: str, label: str, minutes: int) -> ProcedureCode:
    return ProcedureCode(
        code=code,
        system=CodeSystem.CPT,
        label=f"{label} (by time: at least {minutes} minutes)",
        notes=f"Office E/M; {_BY_TIME} {minutes} minutes of total time.",
        source=_EM,
    )


NEW_PATIENT_TIME: Final[tuple[tuple[str, int], ...]] = (
    ("99202", 15),
    ("99203", 30),
    ("99204", 45),
    ("99205", 60),
)
"""New-patient office E/M codes and the minimum total minutes of each (CPT 2024)."""
ESTABLISHED_PATIENT_TIME: Final[tuple[tuple[str, int], ...]] = (
    ("99212", 10),
    ("99213", 20),
    ("99214", 30),
    ("99215", 40),
)
"""Established-patient office E/M codes and the minimum total minutes of each (CPT 2024)."""

_EM_LABELS: Final = {
    "99202": f"New-patient {_OFFICE}",
    "99203": f"New-patient {_OFFICE}",
    "99204": f"New-patient {_OFFICE}, moderate medical decision-making",
    "99205": f"New-patient {_OFFICE}, high medical decision-making",
    "99212": f"Established-patient {_OFFICE}",
    "99213": f"Established-patient {_OFFICE}, low medical decision-making",
    "99214": f"Established-patient {_OFFICE}, moderate medical decision-making",
    "99215": f"Established-patient {_OFFICE}, high medical decision-making",
}

PROCEDURES: Final[tuple[ProcedureCode, ...]] = (
    ProcedureCode(
        code="96365",
        system=CodeSystem.CPT,
        label="IV infusion of a drug, first hour",
        notes=(
            "Needs more than 15 minutes of infusion time; one unit covers up to 90 minutes. A "
            "typical 40-minute psychiatric ketamine infusion is 96365 x 1. One initial code per "
            "encounter (a second IV site may allow a second one with modifier 59)."
        ),
        source=_INFUSION,
    ),
    ProcedureCode(
        code="96366",
        system=CodeSystem.CPT,
        label="IV infusion, each additional hour",
        notes=(
            "Add-on to 96365, never billed alone. A unit counts once more than 30 minutes run "
            "past the last full hour: 91-150 minutes in all = 1 unit, 151-210 = 2 units."
        ),
        source=_INFUSION_ADDON,
    ),
    ProcedureCode(
        code="96374",
        system=CodeSystem.CPT,
        label="IV push of a single or first drug",
        notes="A drug given IV in 15 minutes or less is a push, not an infusion.",
        source=_PUSH,
    ),
    ProcedureCode(
        code="96375",
        system=CodeSystem.CPT,
        label="IV push of each additional new drug, in sequence",
        notes="Add-on to an initial administration code.",
        source=_PUSH_ADDON,
    ),
    ProcedureCode(
        code="96372",
        system=CodeSystem.CPT,
        label="Injection under the skin or into a muscle",
        notes="Used for IM ketamine.",
        source=_INJECTION,
    ),
    ProcedureCode(
        code="90791",
        system=CodeSystem.CPT,
        label="Psychiatric diagnostic evaluation without medical services",
        notes="Example payer rule (BCBS Illinois): once at the start of care, then after 6 months.",
        source=_PSYCH_EVAL,
    ),
    ProcedureCode(
        code="90792",
        system=CodeSystem.CPT,
        label="Psychiatric diagnostic evaluation with medical services (by a prescriber)",
        notes="Example payer rule (BCBS Illinois): once at the start of care, then after 6 months.",
        source=_PSYCH_EVAL,
    ),
    *(_em(code, _EM_LABELS[code], minutes) for code, minutes in NEW_PATIENT_TIME),
    *(_em(code, _EM_LABELS[code], minutes) for code, minutes in ESTABLISHED_PATIENT_TIME),
    ProcedureCode(
        code="90833",
        system=CodeSystem.CPT,
        label="Psychotherapy with an E/M visit, about 30 minutes (16-37)",
        notes=_THERAPY,
        source=_THERAPY_ADDON,
    ),
    ProcedureCode(
        code="90836",
        system=CodeSystem.CPT,
        label="Psychotherapy with an E/M visit, about 45 minutes (38-52)",
        notes=_THERAPY,
        source=_THERAPY_ADDON,
    ),
    ProcedureCode(
        code="90838",
        system=CodeSystem.CPT,
        label="Psychotherapy with an E/M visit, about 60 minutes (53 or more)",
        notes=_THERAPY,
        source=_THERAPY_ADDON,
    ),
    ProcedureCode(
        code="90785",
        system=CodeSystem.CPT,
        label="Interactive complexity: communication factors that complicate the visit",
        notes=(
            "Add-on with 90791/90792, the psychotherapy codes (add-ons included) and 90853; not "
            "with 90839/90840 or 90846/90847. Not for extra time or interpreter use."
        ),
        source=_COMPLEXITY,
    ),
    ProcedureCode(
        code="99415",
        system=CodeSystem.CPT,
        label="Prolonged clinical-staff time with the patient during an office visit, first hour",
        notes=f"{_STAFF} Needs at least 30 extra minutes.",
        source=_STAFF_TIME,
    ),
    ProcedureCode(
        code="99416",
        system=CodeSystem.CPT,
        label="Prolonged clinical-staff time, each additional 30 minutes",
        notes=f"{_STAFF} Follows 99415.",
        source=_STAFF_TIME,
    ),
    ProcedureCode(
        code="99417",
        system=CodeSystem.CPT,
        label="Prolonged clinician time beyond an office visit",
        notes=(
            "Medicare uses G2212 instead. Limited to 4 units (medically unlikely edit), so it "
            "cannot cover a full 2-hour observation."
        ),
        source=_PROLONGED,
    ),
    ProcedureCode(
        code="G2212",
        system=CodeSystem.HCPCS,
        label="Prolonged clinician time, Medicare's code in place of 99417",
        source=_PROLONGED,
    ),
    ProcedureCode(
        code="J3490",
        system=CodeSystem.HCPCS,
        label="Unclassified drug: how payers ask racemic ketamine to be billed",
        notes=(
            "No ketamine-specific HCPCS code exists. The claim must carry the NDC, drug name, "
            "strength and dose given; used with the IV infusion codes."
        ),
        source=_KETAMINE_DRUG,
    ),
    ProcedureCode(
        code="J0013",
        system=CodeSystem.HCPCS,
        label="Esketamine nasal spray, per 1 mg",
        effective_from=ESKETAMINE_SWITCH,
        notes=(
            "56 mg = 56 units, 84 mg = 84 units. Replaced S0013 on 2026-01-01; confirm which code "
            "each payer's existing authorization references. Not billed to Medicare with "
            "G2082/G2083, which include the drug."
        ),
        source=_ESKETAMINE_DRUG,
    ),
    ProcedureCode(
        code="S0013",
        system=CodeSystem.HCPCS,
        label="Esketamine, per 1 mg (retired)",
        effective_to=date(2025, 12, 31),
        notes=(
            "Commercial and Medicaid only; Medicare did not pay it. Only for dates of service "
            "before 2026-01-01 and old claims."
        ),
        source=_ESKETAMINE_DRUG,
    ),
    ProcedureCode(
        code="G2082",
        system=CodeSystem.HCPCS,
        label=(
            "Medicare: supervised esketamine self-administration up to 56 mg, with the drug and "
            "2 hours of observation (established patient)"
        ),
        effective_from=date(2020, 1, 1),
        notes=(
            "Includes the drug: do not also bill J0013 or J3490 to Medicare. CGS asks for "
            "modifier KX (REMS enrollment) and the facility and ZIP. Effective 2020-01-01 per "
            "codingahead.com (partly verified)."
        ),
        source=_G_CODES,
    ),
    ProcedureCode(
        code="G2083",
        system=CodeSystem.HCPCS,
        label=(
            "Medicare: supervised esketamine self-administration over 56 mg (in practice 84 mg), "
            "with the drug and 2 hours of observation (established patient)"
        ),
        effective_from=date(2020, 1, 1),
        notes=(
            "Includes the drug: do not also bill J0013 or J3490 to Medicare. CGS asks for "
            "modifier KX (REMS enrollment) and the facility and ZIP. Effective 2020-01-01 per "
            "codingahead.com (partly verified)."
        ),
        source=_G_CODES,
    ),
)
"""Every procedure and drug code ketacover knows."""

SUCCESSORS: Final = {"S0013": "J0013"}
"""Retired code -> the code that replaced it."""

COMMON_MISTAKES: Final[dict[str, tuple[str, Source]]] = {
    "J3000": (
        "J3000 is streptomycin injection, not ketamine; payers ask for J3490 (unclassified "
        "drug) with the NDC for racemic ketamine.",
        cite("code-hcpcs-j3000"),
    ),
    "J0222": (
        "J0222 is not an esketamine code: payer and CMS documents bill esketamine as S0013 "
        "(before 2026) or J0013 (from 2026-01-01).",
        _ESKETAMINE_DRUG,
    ),
}
"""Codes wrongly said to be ketamine or esketamine, with the correction."""
