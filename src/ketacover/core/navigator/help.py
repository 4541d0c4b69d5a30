"""Financing and help for a patient: HSA/FSA money, payment plans, the manufacturer's support
program for esketamine, and clinical trials, in plain English and Spanish.

Everything here comes from the sources list (:mod:`ketacover.core.sourcebook`), through the
constants the cost math already uses, so a change in one place shows everywhere:

- HSA/FSA: likely eligible (IRS Pub 502 does not name ketamine) (partly verified); the 2026 limits
  (:mod:`ketacover.core.costs.tax`), the FSA figure partly verified
- SPRAVATO withMe (:mod:`ketacover.core.costs.withme`, spravatohcp.com/patient-support): what the
  program does, the drug savings for the commercially insured, the observation rebate and the
  states it is not valid in, government-insured patients excluded (partly verified), yearly caps not
  found (unverified)
- clinical trials: only a pointer to ClinicalTrials.gov search, never a named study
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from urllib.parse import urlencode

from ketacover.core.costs import tax, withme
from ketacover.core.costs.withme import Insurance
from ketacover.core.letters.language import Language, Phrase
from ketacover.core.letters.text import money
from ketacover.core.model import PayerCategory, Treatment
from ketacover.core.navigator.answers import Condition
from ketacover.core.sourcebook import cite
from ketacover.core.sources import Source

CLINICAL_TRIALS_SEARCH: Final = "https://clinicaltrials.gov/search"
"""ClinicalTrials.gov's search page (U.S. National Library of Medicine)."""
CLINICAL_TRIALS_SOURCE: Final = cite("clinicaltrials-gov")

_SEARCH_TERMS: Final = {
    Condition.DEPRESSION: "depression",
    Condition.PTSD: "PTSD",
    Condition.ANXIETY: "anxiety",
    Condition.CRPS: "complex regional pain syndrome",
    Condition.CHRONIC_PAIN: "chronic pain",
    Condition.FIBROMYALGIA: "fibromyalgia",
}


@dataclass(frozen=True, slots=True)
class HelpItem:
    """One kind of help: a title, what to know, and where it comes from."""

    key: str
    title: str
    lines: tuple[str, ...]
    sources: tuple[Source, ...] = ()
    link: str | None = None


def _p(en: str, es: str) -> Phrase:
    return Phrase(en, es)


def help_items(
    *,
    language: Language,
    treatment: Treatment | None,
    category: PayerCategory | None,
    state: str | None,
    conditions: frozenset[Condition],
) -> tuple[HelpItem, ...]:
    """The help that fits: HSA/FSA, payment plans, SPRAVATO withMe (when esketamine is chosen
    or not yet chosen), and the clinical-trial search."""
    items = [_accounts(language), _payment_plans(language)]
    if treatment is not Treatment.IV_KETAMINE:
        items.append(_withme(language, category, state))
    items.append(_trials(language, treatment, conditions))
    return tuple(items)


def _accounts(language: Language) -> HelpItem:
    lines = (
        _p(
            "HSA and FSA money can likely pay for ketamine care. The IRS list of medical costs "
            "does not name ketamine, so the account may ask for a letter from your prescriber.",
            "Es probable que el dinero de una HSA o FSA pueda pagar la atención con ketamina. "
            "La lista del IRS de gastos médicos no nombra la ketamina, así que la cuenta puede "
            "pedir una carta de quien le receta.",
        ).format(language),
        _p(
            "In 2026 you can put up to {self_only} in an HSA for yourself, or {family} for a "
            "family. At 55 or older you can add {catch_up}.",
            "En 2026 puede poner hasta {self_only} en una HSA para usted, o {family} para una "
            "familia. Con 55 años o más puede agregar {catch_up}.",
        ).format(
            language,
            self_only=money(tax.HSA_SELF_ONLY_LIMIT_2026),
            family=money(tax.HSA_FAMILY_LIMIT_2026),
            catch_up=money(tax.HSA_CATCH_UP_2026),
        ),
        _p(
            "The 2026 limit for a health FSA is {fsa}. One source still shows the older limit.",
            "El límite de 2026 para una FSA de salud es {fsa}. Una fuente todavía muestra el "
            "límite anterior.",
        ).format(language, fsa=money(tax.HEALTH_FSA_LIMIT_2026)),
    )
    return HelpItem(
        "hsa_fsa",
        _p("HSA or FSA money", "Dinero de una HSA o FSA").format(language),
        lines,
        (tax.ELIGIBILITY_SOURCE, tax.HSA_LIMITS_SOURCE, tax.HEALTH_FSA_LIMIT_SOURCE),
    )


def _payment_plans(language: Language) -> HelpItem:
    return HelpItem(
        "payment_plan",
        _p("Payment plans and discounts", "Planes de pago y descuentos").format(language),
        (
            _p(
                "Ask the clinic if you can pay over time, and if it gives a discount when you "
                "pay up front.",
                "Pregunte a la clínica si puede pagar a plazos, y si da un descuento cuando "
                "paga por adelantado.",
            ).format(language),
            _p(
                "Before you sign a payment plan, ask for the interest rate (APR) and the total "
                "you will pay.",
                "Antes de firmar un plan de pagos, pida la tasa de interés (APR) y el total que "
                "va a pagar.",
            ).format(language),
        ),
    )


def _withme(language: Language, category: PayerCategory | None, state: str | None) -> HelpItem:
    kind = withme.insurance(category)
    lines = [
        _p(
            "SPRAVATO withMe is the drug maker's support program. It can check your benefits, "
            "help with the prior authorization forms, and give updates. It does not fill in "
            "your prescriber's medical judgment.",
            "SPRAVATO withMe es el programa de apoyo del fabricante. Puede revisar sus "
            "beneficios, ayudar con los formularios de autorización previa y darle noticias. No "
            "llena el juicio médico de quien le receta.",
        ).format(language),
    ]
    sources = [withme.PROGRAM_SOURCE]
    if kind is Insurance.GOVERNMENT:
        lines.append(
            _p(
                "Its savings are not for people with Medicare, Medicaid or other government plans.",
                "Sus ahorros no son para personas con Medicare, Medicaid u otros planes del "
                "gobierno.",
            ).format(language)
        )
        sources.append(withme.GOVERNMENT_EXCLUSION_SOURCE)
    else:
        lines.append(
            _p(
                "With private insurance you may pay as little as {copay} per visit for the "
                "medicine. There are limits and a yearly maximum. It does not pay for the time "
                "you are watched.",
                "Con seguro privado puede pagar tan solo {copay} por visita por el medicamento. "
                "Hay límites y un máximo anual. No paga el tiempo de observación.",
            ).format(language, copay=money(withme.DRUG_COPAY_PER_TREATMENT))
        )
        lines.append(_observation(language, state))
        if kind is Insurance.UNKNOWN:
            lines.append(
                _p(
                    "Its savings are not for people with government plans such as Medicare or "
                    "Medicaid.",
                    "Sus ahorros no son para personas con planes del gobierno como Medicare o "
                    "Medicaid.",
                ).format(language)
            )
            sources.append(withme.GOVERNMENT_EXCLUSION_SOURCE)
    lines.append(
        _p(
            "Its yearly dollar limits were not found, and its terms can change at any time. "
            "Phone {phone}. Fax {fax}.",
            "No se encontraron sus límites anuales en dólares, y sus condiciones pueden cambiar "
            "en cualquier momento. Teléfono {phone}. Fax {fax}.",
        ).format(language, phone=withme.PHONE, fax=withme.FAX)
    )
    sources.append(withme.CAPS_SOURCE)
    return HelpItem(
        "withme",
        _p("SPRAVATO withMe (for Spravato)", "SPRAVATO withMe (para Spravato)").format(language),
        tuple(lines),
        tuple(sources),
        withme.PROGRAM_SOURCE.url,
    )


def _observation(language: Language, state: str | None) -> str:
    excluded = ", ".join(sorted(withme.OBSERVATION_REBATE_EXCLUDED_STATES))
    if state is not None and state in withme.OBSERVATION_REBATE_EXCLUDED_STATES:
        return _p(
            "A separate rebate for the watching time is not valid in {state}, where you live.",
            "Un reembolso aparte por el tiempo de observación no es válido en {state}, donde "
            "usted vive.",
        ).format(language, state=state)
    return _p(
        "A separate rebate may bring the watching time down to as little as $0, with a yearly "
        "limit. It is not valid in {states}.",
        "Un reembolso aparte puede bajar el tiempo de observación a tan solo $0, con un límite "
        "anual. No es válido en {states}.",
    ).format(language, states=excluded)


def trial_search_link(treatment: Treatment | None, conditions: frozenset[Condition]) -> str:
    """A ClinicalTrials.gov search for the treatment and the first condition named."""
    query = {"intr": "esketamine" if treatment is Treatment.ESKETAMINE else "ketamine"}
    for condition, term in _SEARCH_TERMS.items():
        if condition in conditions:
            query = {"cond": term, **query}
            break
    return f"{CLINICAL_TRIALS_SEARCH}?{urlencode(query)}"


def _trials(
    language: Language, treatment: Treatment | None, conditions: frozenset[Condition]
) -> HelpItem:
    return HelpItem(
        "clinical_trial",
        _p("Research studies", "Estudios de investigación").format(language),
        (
            _p(
                "Some research studies give treatment outside of insurance. ClinicalTrials.gov "
                "is a place to look for studies that are looking for people. We do not know of "
                "any study for you.",
                "Algunos estudios de investigación dan tratamiento fuera del seguro. "
                "ClinicalTrials.gov es un lugar donde buscar estudios que buscan personas. No "
                "conocemos ningún estudio para usted.",
            ).format(language),
            _p(
                "Ask your prescriber if a study fits you before you sign up.",
                "Pregunte a quien le receta si un estudio es para usted antes de inscribirse.",
            ).format(language),
        ),
        (CLINICAL_TRIALS_SOURCE,),
        trial_search_link(treatment, conditions),
    )
