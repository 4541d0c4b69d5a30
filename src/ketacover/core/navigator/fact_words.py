"""What to find out, and whom to ask, for every fact the engine may report missing, and for the
cost figures that cannot be computed yet, in plain English and Spanish.

The engine names a missing fact by key (``plan.out_of_network_benefits``) with a question for
clinic staff (:data:`ketacover.core.coverage.facts.FACTS`); the cost math names the case-file
field its figure needs (:func:`ketacover.core.costs.amounts.missing`). Here each one becomes a
question a patient can take to the right person.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from ketacover.core.letters.language import Phrase


class Who(StrEnum):
    """Whom to ask."""

    PLAN = "plan"
    PRESCRIBER = "prescriber"
    CLINIC = "clinic"
    YOU = "you"


WHO: Final = {
    Who.PLAN: Phrase("Ask your health plan", "Pregunte a su plan de salud"),
    Who.PRESCRIBER: Phrase("Ask your prescriber", "Pregunte a quien le receta"),
    Who.CLINIC: Phrase("Ask the clinic", "Pregunte a la clínica"),
    Who.YOU: Phrase("Find it yourself", "Búsquelo usted"),
}


@dataclass(frozen=True, slots=True)
class Ask:
    """One thing to find out: whom to ask, and what."""

    who: Who
    what: Phrase


def _a(who: Who, en: str, es: str) -> Ask:
    return Ask(who, Phrase(en, es))


_HISTORY = _a(
    Who.PRESCRIBER,
    "Ask them to write down each depression medicine you took: the dose, the dates, and how it "
    "went.",
    "Pídale que anote cada medicamento para la depresión que tomó: la dosis, las fechas y cómo "
    "le fue.",
)
_DIAGNOSIS = _a(
    Who.PRESCRIBER,
    "Ask for your diagnosis codes (ICD-10-CM). They are on your visit notes and bills.",
    "Pida sus códigos de diagnóstico (ICD-10-CM). Están en sus notas de visita y facturas.",
)
_EVENTS = _a(
    Who.YOU,
    "Keep every letter from your plan, with its date.",
    "Guarde cada carta de su plan, con su fecha.",
)

FACTS: Final[dict[str, Ask]] = {
    "patient.age": _a(
        Who.YOU,
        "Give the patient's age or date of birth: Spravato is approved for adults.",
        "Indique la edad o la fecha de nacimiento del paciente: Spravato está aprobado para "
        "adultos.",
    ),
    "plan.category": _a(
        Who.YOU,
        "Find out what kind of plan you have. Your card or your plan's papers say it: a job "
        "plan, Marketplace, Medicare or Medicare Advantage, Medicaid, TRICARE.",
        "Averigüe qué tipo de plan tiene. Su tarjeta o los papeles del plan lo dicen: plan del "
        "trabajo, Marketplace, Medicare o Medicare Advantage, Medicaid, TRICARE.",
    ),
    "plan.government": _a(
        Who.YOU,
        "Find out if your plan is Medicare, Medicaid, TRICARE or a private plan.",
        "Averigüe si su plan es Medicare, Medicaid, TRICARE o un plan privado.",
    ),
    "plan.plan_type": _a(
        Who.YOU,
        "Look on your card for the plan type: PPO, HMO, EPO or POS.",
        "Busque en su tarjeta el tipo de plan: PPO, HMO, EPO o POS.",
    ),
    "plan.out_of_network_benefits": _a(
        Who.PLAN,
        "Does the plan pay anything when the clinic is not in its network?",
        "¿Paga algo el plan cuando la clínica no está en su red?",
    ),
    "plan.prior_authorization_required": _a(
        Who.PLAN,
        "Does this treatment need prior authorization (the plan's yes before you start)?",
        "¿Este tratamiento necesita autorización previa (el sí del plan antes de empezar)?",
    ),
    "plan.ketamine_infusion_covered": _a(
        Who.PLAN,
        "Is IV ketamine covered for your condition? Which rules must you meet?",
        "¿Cubre la ketamina intravenosa para su condición? ¿Qué reglas debe cumplir?",
    ),
    "plan.esketamine_covered": _a(
        Who.PLAN,
        "Is Spravato covered? Which rules must you meet?",
        "¿Cubre Spravato? ¿Qué reglas debe cumplir?",
    ),
    "dx.recorded": _DIAGNOSIS,
    "dx.depression": _DIAGNOSIS,
    "dx.ptsd": _DIAGNOSIS,
    "dx.crps": _DIAGNOSIS,
    "dx.chronic_pain": _DIAGNOSIS,
    "dx.psychotic_features": _a(
        Who.PRESCRIBER,
        "Ask them to write down whether this depression has psychotic symptoms.",
        "Pídale que anote si esta depresión tiene síntomas psicóticos.",
    ),
    "dx.bipolar": _a(
        Who.PRESCRIBER,
        "Ask them to write down whether you have ever had bipolar disorder or mania.",
        "Pídale que anote si alguna vez ha tenido trastorno bipolar o manía.",
    ),
    "history.substance_use": _a(
        Who.PRESCRIBER,
        "Ask them to write down whether there is a problem with alcohol or drugs now, in the "
        "past, or never.",
        "Pídale que anote si hay un problema con el alcohol o las drogas ahora, en el pasado o "
        "nunca.",
    ),
    "history.substance_remission_months": _a(
        Who.PRESCRIBER,
        "Ask them to write down since when you have been sober.",
        "Pídale que anote desde cuándo no consume.",
    ),
    "history.recorded": _HISTORY,
    "history.adequate_trials": _HISTORY,
    "history.distinct_classes": _HISTORY,
    "history.max_improvement_percent": _a(
        Who.PRESCRIBER,
        "Ask them to write down how much each medicine helped, using a score such as the PHQ-9.",
        "Pídale que anote cuánto ayudó cada medicamento, con un puntaje como el PHQ-9.",
    ),
    "history.augmentation": _a(
        Who.PRESCRIBER,
        "Ask them to write down any medicine added to boost an antidepressant.",
        "Pídale que anote cualquier medicamento agregado para reforzar un antidepresivo.",
    ),
    "history.psychotherapy": _a(
        Who.PRESCRIBER,
        "Ask them to write down any talk therapy you had.",
        "Pídale que anote cualquier terapia psicológica que tuvo.",
    ),
    "history.tms_or_ect": _a(
        Who.PRESCRIBER,
        "Ask them to write down any TMS or ECT you had.",
        "Pídale que anote si tuvo TMS o terapia electroconvulsiva (ECT).",
    ),
    "history.current_antidepressant": _a(
        Who.PRESCRIBER,
        "Ask them to write down whether you take an antidepressant now.",
        "Pídale que anote si toma un antidepresivo ahora.",
    ),
    "criteria.met": _HISTORY,
    "criteria.min_agents": _HISTORY,
    "criteria.min_classes": _a(
        Who.PRESCRIBER,
        "Ask them to write down each medicine by name, so its type is clear.",
        "Pídale que anote cada medicamento por su nombre, para que quede claro su tipo.",
    ),
    "criteria.max_improvement_percent": _a(
        Who.PRESCRIBER,
        "Ask them to write down how much each medicine helped, using a score such as the PHQ-9.",
        "Pídale que anote cuánto ayudó cada medicamento, con un puntaje como el PHQ-9.",
    ),
    "criteria.augmentation": _a(
        Who.PRESCRIBER,
        "Ask them to write down any medicine added to boost an antidepressant.",
        "Pídale que anote cualquier medicamento agregado para reforzar un antidepresivo.",
    ),
    "criteria.augmentation_or_psychotherapy": _a(
        Who.PRESCRIBER,
        "Ask them to write down any added medicine or talk therapy you had.",
        "Pídale que anote cualquier medicamento agregado o terapia psicológica que tuvo.",
    ),
    "scores.madrs": _a(
        Who.PRESCRIBER,
        "Ask them for a recent MADRS depression score.",
        "Pídale un puntaje reciente de depresión MADRS.",
    ),
    "scores.hamd17": _a(
        Who.PRESCRIBER,
        "Ask them for a recent HAM-D depression score.",
        "Pídale un puntaje reciente de depresión HAM-D.",
    ),
    "scores.phq9": _a(
        Who.PRESCRIBER,
        "Ask them for a recent PHQ-9 depression score.",
        "Pídale un puntaje reciente de depresión PHQ-9.",
    ),
    "scores.baseline": _a(
        Who.PRESCRIBER,
        "Ask them to record a depression score before treatment, such as the PHQ-9.",
        "Pídale que anote un puntaje de depresión antes del tratamiento, como el PHQ-9.",
    ),
    "clinic.rems_certified": _a(
        Who.CLINIC,
        "Is the clinic certified to give Spravato (SPRAVATO REMS)?",
        "¿Está la clínica certificada para dar Spravato (SPRAVATO REMS)?",
    ),
    "clinic.network_status": _a(
        Who.PLAN,
        "Is the clinic in your plan's network?",
        "¿Está la clínica en la red de su plan?",
    ),
    "prescriber.network_status": _a(
        Who.PLAN,
        "Is your prescriber in your plan's network?",
        "¿Está quien le receta en la red de su plan?",
    ),
    "prescriber.in_network": _a(
        Who.PLAN,
        "Is your prescriber, or the clinic, in your plan's network?",
        "¿Está quien le receta, o la clínica, en la red de su plan?",
    ),
    "prescriber.psychiatry": _a(
        Who.PRESCRIBER,
        "Is your prescriber a psychiatrist, or did they talk with one about you?",
        "¿Es psiquiatra quien le receta, o consultó su caso con uno?",
    ),
    "treatment.requested": _a(
        Who.PRESCRIBER,
        "Choose the treatment with your prescriber: IV ketamine or Spravato.",
        "Elija el tratamiento con quien le receta: ketamina intravenosa o Spravato.",
    ),
    "service.date": _a(
        Who.CLINIC,
        "When would the first session be?",
        "¿Cuándo sería la primera sesión?",
    ),
    "urgent": _a(
        Who.PRESCRIBER,
        "Ask them to write down whether there are thoughts of suicide now.",
        "Pídale que anote si hay pensamientos de suicidio ahora.",
    ),
    "esketamine.denied": _EVENTS,
    "esketamine.pending": _EVENTS,
    "esketamine.approved": _EVENTS,
    "ketamine.denied": _EVENTS,
    "ketamine.pending": _EVENTS,
    "sessions.unauthorized": _a(
        Who.PLAN,
        "Does this treatment need the plan's approval before each session starts?",
        "¿Necesita este tratamiento la aprobación del plan antes de empezar las sesiones?",
    ),
}
"""Every fact the engine can report missing (``coverage.facts.FACTS``), and the criteria."""

DENIAL_DATE: Final = _a(
    Who.YOU,
    "Find the date printed on your denial letter. Appeal deadlines count from it.",
    "Busque la fecha impresa en su carta de negación. Los plazos para apelar se cuentan desde "
    "esa fecha.",
)
"""A denial letter without its date: no deadline can be computed until the date is known."""

COSTS: Final[tuple[tuple[str, Ask], ...]] = (
    (
        "treatment_plan.price_per_session",
        _a(Who.CLINIC, "What is your price per session?", "¿Cuál es su precio por sesión?"),
    ),
    (
        "treatment_plan.allowed_per_session",
        _a(
            Who.PLAN,
            "What does the plan allow (pay on) for one session in network?",
            "¿Cuánto permite (sobre cuánto paga) el plan por una sesión dentro de la red?",
        ),
    ),
    (
        "treatment_plan",
        _a(
            Who.PRESCRIBER,
            "Choose the treatment with your prescriber: IV ketamine or Spravato.",
            "Elija el tratamiento con quien le receta: ketamina intravenosa o Spravato.",
        ),
    ),
    (
        "allowed amount",
        _a(
            Who.PLAN,
            "What does the plan allow (pay on) for one session out of network?",
            "¿Cuánto permite (sobre cuánto paga) el plan por una sesión fuera de la red?",
        ),
    ),
    ("plan.out_of_network_benefits", FACTS["plan.out_of_network_benefits"]),
    (
        "plan.out_of_network",
        _a(
            Who.PLAN,
            "What does the plan pay out of network: the deductible, your share and the "
            "yearly maximum?",
            "¿Qué paga el plan fuera de la red: el deducible, su parte y el máximo anual?",
        ),
    ),
    (
        "plan.in_network",
        _a(
            Who.PLAN,
            "What are your deductible, your share after it, and your yearly maximum, in network?",
            "¿Cuáles son su deducible, su parte después del deducible y su máximo anual, dentro "
            "de la red?",
        ),
    ),
    (
        "plan",
        _a(
            Who.YOU,
            "Find out which health plan you have and what it makes you pay.",
            "Averigüe qué plan de salud tiene y cuánto le hace pagar.",
        ),
    ),
    (
        "clinical_trial.costs",
        _a(
            Who.YOU,
            "Ask the study team what, if anything, you would pay.",
            "Pregunte al equipo del estudio qué tendría que pagar, si algo.",
        ),
    ),
)
"""The cost fields (as :func:`ketacover.core.costs.amounts.missing` names them, matched by
prefix, first match wins) and what to ask to get the figure."""

UNPRICED: Final = frozenset({"marginal_tax_rate", "account_limit", "plan_apr", "plan_first_due"})
"""Cost inputs the navigator does not ask about (the tax saving and a financed schedule)."""


def cost_ask(gap: str) -> Ask | None:
    """What to ask for one cost gap (``field: text``); None for inputs the navigator leaves out.

    Raises KeyError for a field with no words, so a new cost input cannot go unexplained.
    """
    field = gap.split(":", 1)[0].strip()
    if field in UNPRICED:
        return None
    for prefix, ask in COSTS:
        if field == prefix or field.startswith((f"{prefix}.", f"{prefix} ")):
            return ask
    raise KeyError(field)
