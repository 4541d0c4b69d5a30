"""Which documents a patient can use on their own, without a clinic, for one case, and why.

- **call-script**: anyone can call their plan; the script is written in the patient's language.
- **appeal** (``variant="patient"``): for each denial the patient can appeal internally (the next
  step the rules give is an internal appeal, :func:`ketacover.core.letters.appeal.check_step`).
  Not for a coding-error denial: that is fixed by the clinic with a corrected claim, not appealed
  (sourcebook codes.toml, CARC 16).
- **external-review** (``variant="patient"``): for each final internal denial eligible for
  external review (45 CFR 147.136, sourcebook appeals.toml).
- **parity-request** (the patient's variant is the default): when the plan declines a treatment
  for a mental-health diagnosis as experimental or investigational, not medically necessary or
  excluded, or says it is not covered.

Left out, with the reason: the expedited appeal (the prescriber attests to the urgency), the
peer-to-peer sheet (only the clinician can ask for one, sourcebook appeals.toml), the letter of
medical necessity and the HSA/FSA letter (the prescriber signs them), and the superbill and the
prior-authorization papers (the clinic issues them).

Each document is composed to find out whether the case can produce it: a document whose
composer refuses the case (a denial that is not at the right level, a plan without external
review) is not listed; one that needs facts the case lacks is listed with the missing fields, so
a form can ask for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.deadlines import external_review_filing
from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import catalog
from ketacover.core.letters.appeal import denied_treatment
from ketacover.core.letters.cover_note import KINDS as WITH_COVER_NOTE
from ketacover.core.letters.denials import PATIENT, appeal_rights, classify, select_denial
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.language import Language, Phrase
from ketacover.core.letters.parity import plan_declines
from ketacover.core.letters.terms import treatment_name
from ketacover.core.letters.text import long_date
from ketacover.core.model import Case, Denial, DenialLevel, DenialReason, Treatment

TITLES: Final[dict[str, Phrase]] = {
    "call-script": Phrase("Benefits call script", "Guion para llamar a su plan de salud"),
    "appeal": Phrase("Internal appeal letter", "Carta de apelación interna"),
    "external-review": Phrase("External review request", "Solicitud de revisión externa"),
    "parity-request": Phrase(
        "Parity disclosure request", "Solicitud de documentos sobre la paridad de salud mental"
    ),
}
"""The documents a patient can use on their own, by kind; the English is the catalog's title."""

CALL_REASON: Final = Phrase(
    "Call {payer} with these questions to learn whether it covers the treatment, what it needs "
    "and how to appeal. You do not need the clinic to call.",
    "Llame a {payer} con estas preguntas para saber si cubre el tratamiento, qué necesita y cómo "
    "apelar. No necesita a la clínica para llamar.",
)
YOUR_PLAN: Final = Phrase("your plan", "su plan")
APPEAL_REASON: Final = Phrase(
    "{payer} denied {what} in the notice dated {date}. You can appeal with this letter, which you "
    "sign and send yourself.",
    "{payer} negó {what} en el aviso con fecha {date}. Puede apelar con esta carta, que usted "
    "firma y envía.",
)
REVIEW_REASON: Final = Phrase(
    "{payer}'s final internal decision, in the notice dated {date}, upheld the denial. You can ask "
    "for an independent external review yourself; the reviewer's decision binds the plan.",
    "La decisión interna final de {payer}, en el aviso con fecha {date}, mantuvo la negación. "
    "Puede pedir por su cuenta una revisión externa independiente; la decisión de quien la "
    "revise es obligatoria para el plan.",
)
PARITY_REASON: Final = Phrase(
    "{payer} does not cover {treatment} for a mental-health diagnosis. You can ask it for the "
    "criteria behind that decision and how it applies the same kind of limit to medical "
    "benefits.",
    "{payer} no cubre {treatment} para un diagnóstico de salud mental. Puede pedirle los criterios "
    "de esa decisión y cómo aplica ese mismo tipo de límite a los beneficios médicos.",
)
DUE: Final = Phrase(" Last day to send it: {date}.", " Último día para enviarla: {date}.")
WAS_DUE: Final = Phrase(
    " The last day to send it was {date}: call the plan first.",
    " El último día para enviarla era el {date}: llame primero a su plan.",
)
THE_TREATMENT: Final = Phrase("{treatment}", "la {treatment}")
THE_REQUESTED: Final = Phrase("the requested treatment", "el tratamiento pedido")
PRIOR_AUTHORIZATION_FOR: Final = Phrase(
    "prior authorization for {treatment}", "la autorización previa para {treatment}"
)
CLAIM_FOR: Final = Phrase("the claim for {treatment}", "el reclamo por {treatment}")

_PARITY_REASONS: Final = frozenset(
    {
        DenialReason.EXPERIMENTAL_INVESTIGATIONAL,
        DenialReason.NOT_MEDICALLY_NECESSARY,
        DenialReason.BENEFIT_EXCLUSION,
    }
)


@dataclass(frozen=True, slots=True)
class PatientDocument:
    """A document a patient can use without a clinic, for one case.

    Compose it with ``catalog.compose(kind, case, today, options, language=...)``; when
    ``cover_note`` is true the document is an English letter to the plan, and
    ``catalog.cover_note(kind, case, today, options, language=...)`` explains it to the patient.
    """

    kind: str
    """The catalog kind, e.g. ``appeal``."""
    title: str
    """What the document is, in the language asked for."""
    reason: str
    """Why it fits this case, in the language asked for (with the last day, when one applies)."""
    options: Options
    """The options to compose it with (the patient's variant, the denial it answers)."""
    due: date | None = None
    """The last day to send it, when the notice or a rule gives one."""
    missing: tuple[str, ...] = ()
    """Case fields to fill before it can be written, e.g. ``patient.address``."""
    cover_note: bool = False
    """Whether :func:`ketacover.core.letters.catalog.cover_note` explains it to the patient."""
    languages: tuple[Language, ...] = (Language.EN,)
    """The languages the document itself is written in."""


def patient_documents(
    case: Case, today: date, *, language: Language = Language.EN
) -> tuple[PatientDocument, ...]:
    """The documents a patient can use on their own for ``case`` on ``today``, each with the
    reason it fits, in ``language``: the call script, then for each denial (latest first) the
    appeal or the external review request, then the parity disclosure request."""
    found = [_call_script(case, today, language)]
    denials = sorted(case.denials, key=lambda d: d.notice_date, reverse=True)
    for denial in denials:
        if denial.level is DenialLevel.FINAL_INTERNAL:
            found += _external_review(case, denial, today, language)
        elif classify(denial).reason is not DenialReason.CODING_ERROR:
            found += _appeal(case, denial, today, language)
    found += _parity(case, today, language)
    return tuple(found)


def _attempt(name: str, case: Case, today: date, options: Options) -> tuple[str, ...] | None:
    """The fields the case lacks for the document (empty when it composes), or ``None`` when the
    composer refuses the case or the document answers no denial the case has."""
    try:
        catalog.compose(name, case, today, options)
    except MissingFactsError as error:
        fields = tuple(item.split(":", 1)[0] for item in error.missing)
        return None if "denials" in fields else fields
    except KetacoverError:
        return None
    return ()


def _document(
    name: str,
    lang: Language,
    reason: str,
    options: Options,
    *,
    due: date | None = None,
    missing: tuple[str, ...] = (),
) -> PatientDocument:
    return PatientDocument(
        kind=name,
        title=TITLES[name].format(lang),
        reason=reason,
        options=options,
        due=due,
        missing=missing,
        cover_note=name in WITH_COVER_NOTE,
        languages=catalog.kind(name).languages,
    )


def _call_script(case: Case, today: date, lang: Language) -> PatientDocument:
    options = Options()
    missing = _attempt("call-script", case, today, options) or ()
    payer = case.plan.payer if case.plan is not None else YOUR_PLAN.format(lang)
    reason = CALL_REASON.format(lang, payer=payer)
    return _document("call-script", lang, reason, options, missing=missing)


def _treatment(treatment: Treatment | None, lang: Language) -> str:
    if treatment is None:
        return THE_REQUESTED.format(lang)
    return THE_TREATMENT.format(lang, treatment=treatment_name(treatment, lang))


def _what(case: Case, denial: Denial, lang: Language) -> str:
    treatment = _treatment(denied_treatment(case, denial), lang)
    what = PRIOR_AUTHORIZATION_FOR if denial.pre_service else CLAIM_FOR
    return what.format(lang, treatment=treatment)


def _due_words(due: date | None, today: date, lang: Language) -> str:
    if due is None:
        return ""
    return (DUE if due >= today else WAS_DUE).format(lang, date=long_date(due, lang))


def _appeal(case: Case, denial: Denial, today: date, lang: Language) -> list[PatientDocument]:
    options = Options(denial_id=denial.id, variant=PATIENT)
    missing = _attempt("appeal", case, today, options)
    if missing is None or case.plan is None:
        return []
    window = appeal_rights(denial, case.plan).window
    due = window.deadline.due if window is not None else None
    reason = APPEAL_REASON.format(
        lang,
        payer=case.plan.payer,
        what=_what(case, denial, lang),
        date=long_date(denial.notice_date, lang),
    ) + _due_words(due, today, lang)
    return [_document("appeal", lang, reason, options, due=due, missing=missing)]


def _external_review(
    case: Case, denial: Denial, today: date, lang: Language
) -> list[PatientDocument]:
    options = Options(denial_id=denial.id, variant=PATIENT)
    missing = _attempt("external-review", case, today, options)
    if missing is None or case.plan is None:
        return []
    window = external_review_filing(denial, case.plan)
    due = window.deadline.due if window is not None else None
    reason = REVIEW_REASON.format(
        lang, payer=case.plan.payer, date=long_date(denial.notice_date, lang)
    ) + _due_words(due, today, lang)
    return [_document("external-review", lang, reason, options, due=due, missing=missing)]


def _parity(case: Case, today: date, lang: Language) -> list[PatientDocument]:
    plan = case.plan
    if plan is None:
        return []
    if not any(icd10cm.normalize(d.code).startswith("F") for d in case.diagnoses):
        return []
    latest = select_denial(case, Options(), "parity-request") if case.denials else None
    if latest is not None and classify(latest).reason not in _PARITY_REASONS:
        return []
    planned = case.treatment_plan.treatment if case.treatment_plan is not None else None
    if latest is None and not plan_declines(case, planned):
        return []
    options = Options(denial_id=latest.id if latest else None, variant=PATIENT)
    missing = _attempt("parity-request", case, today, options)
    if missing is None:
        return []
    reason = PARITY_REASON.format(lang, payer=plan.payer, treatment=_treatment(planned, lang))
    return [_document("parity-request", lang, reason, options, missing=missing)]
