"""The navigator's fixed words, in plain English and Spanish: the ways to pay, the verdicts, the
deadlines, what to gather, and the notice that this is information, not advice.

Numbers, dates and sources are filled in by the callers; every sentence here is a
:class:`~ketacover.core.letters.language.Phrase` with the same placeholders in both languages.
"""

from __future__ import annotations

from typing import Final

from ketacover.core.coverage import PathwayId, Verdict
from ketacover.core.deadlines import DeadlineKind
from ketacover.core.letters.language import Phrase
from ketacover.core.navigator.answers import AgeGroup, PlanKind

NOT_ADVICE: Final = Phrase(
    "This gives information, not medical or legal advice. Your plan's papers and the dates on "
    "its letters come first. Your care team makes decisions about your care.",
    "Esto es información, no consejo médico ni legal. Los papeles de su plan y las fechas de sus "
    "cartas tienen prioridad. Su equipo de salud toma las decisiones sobre su cuidado.",
)
"""Said on every page of the navigator and in every document it writes."""

PATHWAYS: Final = {
    PathwayId.ESKETAMINE_PA: Phrase(
        "Spravato, after your plan says yes first (prior authorization)",
        "Spravato, después de que su plan diga que sí (autorización previa)",
    ),
    PathwayId.IV_KETAMINE_PA: Phrase(
        "IV ketamine, as an exception your plan approves first",
        "Ketamina intravenosa, como una excepción que su plan aprueba antes",
    ),
    PathwayId.OON_REIMBURSEMENT: Phrase(
        "Pay the clinic, then get money back from your plan (superbill)",
        "Pagar a la clínica y luego recibir dinero de su plan (superbill)",
    ),
    PathwayId.HYBRID_BILLING: Phrase(
        "Mixed: your plan pays the doctor visits, you pay the ketamine",
        "Mixto: su plan paga las consultas, usted paga la ketamina",
    ),
    PathwayId.SELF_PAY: Phrase(
        "Pay yourself (HSA or FSA money, payment plan, discounts)",
        "Pagar por su cuenta (dinero de HSA o FSA, plan de pagos, descuentos)",
    ),
    PathwayId.CLINICAL_TRIAL: Phrase(
        "A research study (clinical trial)",
        "Un estudio de investigación (ensayo clínico)",
    ),
}

SHORT_PATHWAYS: Final = {
    PathwayId.ESKETAMINE_PA: Phrase("Spravato with plan approval", "Spravato con aprobación"),
    PathwayId.IV_KETAMINE_PA: Phrase(
        "IV ketamine with plan approval", "Ketamina IV con aprobación"
    ),
    PathwayId.OON_REIMBURSEMENT: Phrase("Superbill (money back)", "Superbill (reembolso)"),
    PathwayId.HYBRID_BILLING: Phrase("Mixed", "Mixto"),
    PathwayId.SELF_PAY: Phrase("Pay yourself", "Pagar por su cuenta"),
    PathwayId.CLINICAL_TRIAL: Phrase("Research study", "Estudio de investigación"),
}
"""Short names for the costs chart."""

VERDICTS: Final = {
    Verdict.LIKELY: Phrase("Likely", "Probable"),
    Verdict.POSSIBLE: Phrase("Possible", "Posible"),
    Verdict.UNLIKELY: Phrase("Unlikely", "Poco probable"),
    Verdict.UNKNOWN: Phrase("Not known yet", "Todavía no se sabe"),
}

VERDICT_MEANING: Final = {
    Verdict.LIKELY: Phrase(
        "This way has a good chance if you follow the steps.",
        "Esta forma tiene buenas posibilidades si sigue los pasos.",
    ),
    Verdict.POSSIBLE: Phrase(
        "This way could work. It depends on things below.",
        "Esta forma podría funcionar. Depende de lo que se explica abajo.",
    ),
    Verdict.UNLIKELY: Phrase(
        "This way will probably not work for you, for the reasons below.",
        "Esta forma probablemente no le funcione, por las razones de abajo.",
    ),
    Verdict.UNKNOWN: Phrase(
        "We cannot tell yet. Find out the facts listed below.",
        "Todavía no podemos saberlo. Averigüe los datos de la lista de abajo.",
    ),
}

DEPENDS: Final = Phrase(
    "The answer depends on something you did not know yet: {what}.",
    "La respuesta depende de algo que todavía no sabía: {what}.",
)

READING_KINDS: Final = {
    PlanKind.FULLY_INSURED: Phrase(
        "a job plan bought from an insurer (fully insured)",
        "un plan del trabajo comprado a una aseguradora (fully insured)",
    ),
    PlanKind.SELF_FUNDED: Phrase(
        "a job plan the employer pays for itself (self-funded)",
        "un plan del trabajo que paga el propio empleador (self-funded)",
    ),
    PlanKind.MARKETPLACE: Phrase("a Marketplace plan", "un plan del Marketplace"),
    PlanKind.DIRECT: Phrase(
        "a plan bought directly from an insurer", "un plan comprado directamente a una aseguradora"
    ),
    PlanKind.ORIGINAL_MEDICARE: Phrase("Original Medicare", "Medicare Original"),
    PlanKind.MEDICARE_ADVANTAGE: Phrase("a Medicare Advantage plan", "un plan Medicare Advantage"),
    PlanKind.MEDICAID_FEE_FOR_SERVICE: Phrase(
        "Medicaid paid directly by the state (fee-for-service)",
        "Medicaid pagado directamente por el estado (fee-for-service)",
    ),
    PlanKind.MEDICAID_MANAGED_CARE: Phrase(
        "a Medicaid managed care plan", "un plan de Medicaid de atención administrada"
    ),
}
"""How a reading's kind of plan is named in "if your plan is ..." lines."""

READING_AGES: Final = {
    AgeGroup.ADULT: Phrase("18 or older", "de 18 años o más"),
    AgeGroup.MINOR: Phrase("under 18", "menor de 18 años"),
}

IF_KIND: Final = Phrase("If your plan is {kind}", "Si su plan es {kind}")
IF_AGE: Final = Phrase("If the patient is {age}", "Si el paciente es {age}")
WHAT_KIND: Final = Phrase("the kind of plan you have", "el tipo de plan que tiene")
WHAT_AGE: Final = Phrase("the patient's age", "la edad del paciente")

DEADLINES: Final = {
    DeadlineKind.PA_DECISION: Phrase(
        "The plan must decide the request by", "El plan debe decidir la solicitud a más tardar el"
    ),
    DeadlineKind.PA_FOLLOW_UP: Phrase(
        "Call the plan to check on the request by", "Llame al plan para revisar la solicitud el"
    ),
    DeadlineKind.REAUTHORIZATION: Phrase(
        "Ask for a new approval by", "Pida una nueva aprobación a más tardar el"
    ),
    DeadlineKind.APPEAL_FILING: Phrase(
        "Last day to file your appeal", "Último día para presentar su apelación"
    ),
    DeadlineKind.APPEAL_DECISION: Phrase(
        "The plan must decide your appeal by", "El plan debe decidir su apelación a más tardar el"
    ),
    DeadlineKind.EXTERNAL_REVIEW_FILING: Phrase(
        "Last day to ask for an outside (external) review",
        "Último día para pedir una revisión externa",
    ),
    DeadlineKind.EXTERNAL_REVIEW_DECISION: Phrase(
        "The outside reviewer must decide by", "El revisor externo debe decidir a más tardar el"
    ),
    DeadlineKind.REMS_MONITORING_FORM: Phrase(
        "The clinic must send the Spravato monitoring form by",
        "La clínica debe enviar el formulario de observación de Spravato a más tardar el",
    ),
    DeadlineKind.PEER_TO_PEER_REQUEST: Phrase(
        "Last day for your doctor to ask for a call with the plan's doctor (peer-to-peer)",
        "Último día para que su médico pida una llamada con el médico del plan (entre pares)",
    ),
    DeadlineKind.CLAIM_FILING: Phrase(
        "Last day for the clinic to file the claim with your plan",
        "Último día para que la clínica presente el reclamo a su plan",
    ),
    DeadlineKind.GOOD_FAITH_ESTIMATE: Phrase(
        "The clinic must give you a written cost estimate (Good Faith Estimate) by",
        "La clínica debe darle un presupuesto por escrito (Estimación de Buena Fe) a más tardar el",
    ),
    DeadlineKind.GOOD_FAITH_DISPUTE: Phrase(
        "Last day to dispute a bill that is $400 or more above your estimate",
        "Último día para disputar una factura que supera su estimación en $400 o más",
    ),
}

FROM_NOTICE: Final = Phrase("as printed on your letter", "según la fecha impresa en su carta")
NOTICE_WINS: Final = Phrase(
    "If your letter gives a different date, the date on the letter counts.",
    "Si su carta da otra fecha, vale la fecha de la carta.",
)

GATHER: Final = {
    "member_id": Phrase(
        "Your insurance card, front and back (member ID).",
        "Su tarjeta del seguro, por delante y por detrás (número de miembro).",
    ),
    "group_number": Phrase(
        "The group number from your card (job plans).",
        "El número de grupo de su tarjeta (planes del trabajo).",
    ),
    "plan_phones": Phrase(
        "Your plan's phone numbers for mental health and for medical benefits (on the card).",
        "Los teléfonos de su plan para salud mental y para beneficios médicos (en la tarjeta).",
    ),
    "diagnosis_codes": Phrase(
        "Your diagnosis codes (ICD-10-CM) from your prescriber.",
        "Sus códigos de diagnóstico (ICD-10-CM), de quien le receta.",
    ),
    "procedure_codes": Phrase(
        "The billing codes for the treatment, from the clinic.",
        "Los códigos de facturación del tratamiento, de la clínica.",
    ),
    "clinic_npi": Phrase(
        "The clinic's NPI number (a 10-digit provider number).",
        "El número NPI de la clínica (un número de proveedor de 10 dígitos).",
    ),
    "prescriber_npi": Phrase(
        "Your prescriber's NPI number (10 digits).",
        "El número NPI de quien le receta (10 dígitos).",
    ),
    "failed_treatments": Phrase(
        "A list of the medicines and treatments you tried, with doses, dates and results, "
        "from your prescriber.",
        "Una lista de los medicamentos y tratamientos que probó, con dosis, fechas y "
        "resultados, de quien le receta.",
    ),
    "baseline_scale": Phrase(
        "A depression score taken before treatment, such as the PHQ-9.",
        "Un puntaje de depresión tomado antes del tratamiento, como el PHQ-9.",
    ),
    "letter_of_medical_necessity": Phrase(
        "A letter of medical necessity signed by your prescriber.",
        "Una carta de necesidad médica firmada por quien le receta.",
    ),
    "clinical_notes": Phrase(
        "Recent visit notes that show your diagnosis and the treatments tried.",
        "Notas de visitas recientes que muestren su diagnóstico y los tratamientos probados.",
    ),
    "prior_authorization_required": Phrase(
        "The plan's answer on whether prior authorization is needed (from your call).",
        "La respuesta del plan sobre si se necesita autorización previa (de su llamada).",
    ),
    "rems_certification": Phrase(
        "Proof that the clinic is certified for Spravato (SPRAVATO REMS).",
        "Prueba de que la clínica está certificada para Spravato (SPRAVATO REMS).",
    ),
}
"""What to gather, by the engine's checklist item id (``coverage/checklist.py``)."""

DENIAL_HELD: Final = Phrase(
    "Keep the denial letter and its envelope. Write down the date you got it.",
    "Guarde la carta de negación y su sobre. Anote la fecha en que la recibió.",
)

SESSIONS_ASSUMED: Final = Phrase(
    "We used {sessions} sessions, the usual first course (source: {source}). Ask the clinic "
    "for its plan.",
    "Usamos {sessions} sesiones, el primer ciclo habitual (fuente: {source}). Pregunte a la "
    "clínica por su plan.",
)

DOCUMENTS_FOLLOW: Final = Phrase(
    "You were not sure of your kind of plan. Your documents are written as if it were {kind}. "
    "When kinds of plan have different deadlines, we pick the earliest. Check it with your plan.",
    "Usted no estaba seguro del tipo de plan. Sus documentos están escritos como si fuera "
    "{kind}. Cuando los tipos de plan tienen plazos distintos, elegimos el más corto. "
    "Confírmelo con su plan.",
)
