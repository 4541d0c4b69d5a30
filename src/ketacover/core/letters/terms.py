"""The names a patient's documents give to treatments, pathways, verdicts, procedure codes and
decision clocks, in each :class:`~ketacover.core.letters.language.Language`.

English names are the core's own (``Treatment.label``, ``PathwayId.label``, the procedure table's
plain-language labels, a deadline's ``clock``), so English documents read exactly as before. The
Spanish names translate those same labels; the codes stay as they are. Procedure labels are
ketacover's own plain-language wording (sourcebook codes.toml: never the AMA descriptors), and so
are their translations.
"""

from __future__ import annotations

import re
from typing import Final

from ketacover.core.codes import procedures
from ketacover.core.coverage import PathwayAssessment, PathwayId, Verdict
from ketacover.core.deadlines import Deadline
from ketacover.core.errors import KetacoverError
from ketacover.core.letters.language import Language, Phrase
from ketacover.core.model import Treatment

TREATMENTS_ES: Final[dict[Treatment, str]] = {
    Treatment.IV_KETAMINE: "infusión intravenosa (IV) de ketamina",
    Treatment.ESKETAMINE: "esketamina en aerosol nasal (Spravato)",
    Treatment.IM_KETAMINE: "inyección intramuscular (IM) de ketamina",
}

CLAIM_PATHWAYS_ES: Final[dict[PathwayId, str]] = {
    PathwayId.ESKETAMINE_PA: (
        "Esketamina (Spravato), facturada a Medicare por la clínica (sin autorización previa)"
    ),
    PathwayId.IV_KETAMINE_PA: (
        "Ketamina intravenosa (IV), facturada a Medicare por la clínica (sin autorización previa)"
    ),
}
"""Names of the treatment pathways where Original Medicare decides on the claim."""

PATHWAYS_ES: Final[dict[PathwayId, str]] = {
    PathwayId.ESKETAMINE_PA: "Esketamina (Spravato) con autorización previa",
    PathwayId.IV_KETAMINE_PA: (
        "Ketamina intravenosa (IV) con autorización previa (excepción por necesidad médica)"
    ),
    PathwayId.OON_REIMBURSEMENT: (
        "Reembolso fuera de la red con el recibo detallado de la clínica (superbill)"
    ),
    PathwayId.HYBRID_BILLING: (
        "Mixto: la evaluación y la psicoterapia dentro de la red, y usted paga la infusión"
    ),
    PathwayId.SELF_PAY: (
        "Pago por su cuenta (HSA/FSA, plan de pagos, programas de ayuda, descuento por pago en "
        "efectivo)"
    ),
    PathwayId.CLINICAL_TRIAL: "Estudio clínico",
}

VERDICTS: Final[dict[Verdict, Phrase]] = {
    Verdict.LIKELY: Phrase("likely", "probable"),
    Verdict.POSSIBLE: Phrase("possible", "posible"),
    Verdict.UNLIKELY: Phrase("unlikely", "poco probable"),
    Verdict.UNKNOWN: Phrase("unknown", "todavía no se sabe"),
}

PROCEDURES_ES: Final[dict[str, str]] = {
    "96365": "Infusión intravenosa (IV) de un medicamento, primera hora",
    "96366": "Infusión intravenosa (IV), cada hora adicional",
    "96374": "Inyección intravenosa rápida (push) de un solo medicamento o del primero",
    "96372": "Inyección debajo de la piel o en un músculo",
    "J3490": (
        "Medicamento sin código propio: así piden los planes que se facture la ketamina racémica"
    ),
    "J0013": "Esketamina en aerosol nasal, por cada 1 mg",
    "S0013": "Esketamina, por cada 1 mg (código retirado)",
    "G2082": (
        "Medicare: autoadministración supervisada de esketamina hasta 56 mg, con el medicamento y "
        "2 horas de observación (paciente establecido)"
    ),
    "G2083": (
        "Medicare: autoadministración supervisada de esketamina de más de 56 mg (en la práctica, "
        "84 mg), con el medicamento y 2 horas de observación (paciente establecido)"
    ),
}
"""Spanish for the procedure table's labels of the codes a call script quotes."""

_CLOCKS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (
        re.compile(r"(\d+) calendar days from receipt of the request \(counted from submission\)"),
        "{0} días calendario desde que el plan recibe la solicitud (contados desde el día en que "
        "se envía)",
    ),
    (
        re.compile(r"(\d+) hours from receipt of the request"),
        "{0} horas desde que el plan recibe la solicitud",
    ),
)
"""The prior-authorization decision clocks of :func:`ketacover.core.deadlines.pa_decision_due`."""


def treatment_name(treatment: Treatment, language: Language) -> str:
    """``IV ketamine infusion`` or ``infusión intravenosa (IV) de ketamina``."""
    return TREATMENTS_ES[treatment] if language is Language.ES else treatment.label


def pathway_name(pathway: PathwayId, language: Language, *, claim_path: bool = False) -> str:
    """A payment pathway's plain-language name; ``claim_path`` when the payer decides on the
    claim with no prior authorization (Original Medicare)."""
    if claim_path and pathway in CLAIM_PATHWAYS_ES:
        if language is Language.ES:
            return CLAIM_PATHWAYS_ES[pathway]
        return PathwayAssessment(pathway, Verdict.UNKNOWN, claim_path=True).label
    return PATHWAYS_ES[pathway] if language is Language.ES else pathway.label


def verdict_word(verdict: Verdict, language: Language) -> str:
    """``likely``, ``probable``, ..."""
    return VERDICTS[verdict].format(language)


def procedure_label(code: str, language: Language) -> str:
    """ketacover's plain-language label for a procedure code (never the AMA descriptor).

    Raises :class:`KetacoverError` for a code with no Spanish label, so a document never mixes
    an untranslated label into Spanish text.
    """
    if language is not Language.ES:
        return procedures.lookup(code).label
    try:
        return PROCEDURES_ES[code]
    except KeyError:
        raise KetacoverError(f"procedure code {code} has no Spanish label") from None


def decision_clock(deadline: Deadline, language: Language) -> str:
    """A prior-authorization decision clock as a sentence fragment (``15 calendar days ...``).

    Raises :class:`KetacoverError` for a clock with no Spanish wording.
    """
    if language is not Language.ES:
        return deadline.clock
    for pattern, spanish in _CLOCKS:
        match = pattern.fullmatch(deadline.clock)
        if match is not None:
            return spanish.format(*match.groups())
    raise KetacoverError(f"the clock of rule {deadline.rule_id} has no Spanish wording")
