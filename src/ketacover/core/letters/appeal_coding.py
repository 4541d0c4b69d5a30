"""The answer to a coding-error denial: a corrected-claim cover, with the codes it follows.

A claim returned for missing information or a billing error (claim adjustment reason code 16) is
corrected and resubmitted, not appealed. The codes follow sourcebook codes.toml: esketamine per 1 mg
(J0013 from 2026-01-01, S0013 before), ketamine as J3490 with the NDC, drug name, strength and
dose, infusion units from the infusion minutes, modifier 25 on a same-day office visit.
"""

from __future__ import annotations

from datetime import date

from ketacover.core.letters import parts
from ketacover.core.letters.denial_subject import service_dates
from ketacover.core.letters.letter import Block, Bullets, Heading, Paragraph, Table
from ketacover.core.letters.text import short_date
from ketacover.core.model import Case, Denial, Treatment


def corrected_claim_blocks(case: Case, denial: Denial) -> list[Block]:
    """The corrected-claim section: what it is, the services as billed, the diagnoses and the
    billing rules the corrected claim follows."""
    on = service_dates(case, denial) or sorted(
        {s.on for s in case.sessions if s.on <= denial.notice_date}
    )
    day = on[0] if on else denial.notice_date
    lines = parts.service_lines(case, day)
    blocks: list[Block] = [
        Heading("Corrected claim"),
        Paragraph(
            "This is a corrected claim, not a medical appeal: a claim returned for missing "
            "information or a billing error (claim adjustment reason code 16) is corrected and "
            "resubmitted. The remark code on the remittance names what was missing."
        ),
    ]
    if lines:
        blocks.append(
            Table(
                columns=("Code", "Service", "Units"),
                rows=tuple(lines),
                caption="Services as billed on the corrected claim "
                f"(date of service {short_date(day)})",
                widths=(2, 7, 3),
            )
        )
    if case.diagnoses:
        blocks.append(parts.diagnosis_table(case))
    blocks.append(Bullets(tuple(_coding_rules(case, day))))
    return blocks


def _coding_rules(case: Case, day: date) -> list[str]:
    """The billing rules the corrected claim follows (sourcebook codes.toml)."""
    plan = case.treatment_plan
    rules = []
    if plan is not None and plan.treatment is Treatment.ESKETAMINE:
        rules.append(
            "Esketamine is billed per 1 mg: J0013 for dates of service from January 1, 2026, "
            "S0013 before then."
        )
    elif plan is not None:
        rules.append(
            "Ketamine has no drug-specific code: it is billed as J3490 (unclassified drug) with "
            "the NDC, drug name, strength and dose given."
        )
        if plan.treatment is Treatment.IV_KETAMINE:
            rules.append(
                "Infusion units follow the infusion minutes: 96365 for the first hour (more than "
                "15 minutes, up to 90 minutes), and 96366 for each additional hour once more than "
                "30 minutes run past the last full hour."
            )
    rules.append(
        "An office E/M visit billed on the same day as the treatment carries modifier 25, and "
        "its documentation stands on its own."
    )
    return rules
