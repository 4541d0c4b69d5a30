"""The questions of the benefits call script and the answers on file, in English and Spanish.

Used by :mod:`ketacover.core.letters.call_questions`. The English is what the representative
hears (a Spanish script prints it under each question for the caller to read aloud), so it is the
reference wording; the Spanish says the same thing in plain words, addressed with *usted*. Codes,
drug brand names, law names (ERISA, the Affordable Care Act) and the amounts stay as they are;
an English term a representative may use is given in «guillemets».
"""

from __future__ import annotations

from typing import Final

from ketacover.core.letters.language import Phrase

COVERED: Final = Phrase(
    "Is {treatment} covered for diagnosis {diagnoses}, billed as {codes}?",
    "¿El plan cubre la {treatment} para el diagnóstico {diagnoses}, facturada con {codes}?",
)
KNOWN_COVERED: Final = Phrase(
    "the plan said {treatment} is covered for this diagnosis.",
    "el plan dijo que cubre la {treatment} para este diagnóstico.",
)
KNOWN_NOT_COVERED: Final = Phrase(
    "the plan said {treatment} is not covered for this diagnosis.",
    "el plan dijo que no cubre la {treatment} para este diagnóstico.",
)
CRITERIA: Final = Phrase(
    "Which medical-necessity criteria apply to {treatment}? What are the number and title of the "
    "policy that sets them?",
    "¿Qué requisitos de necesidad médica pide el plan para la {treatment}? ¿Qué número y qué "
    "título tiene la política médica que los establece?",
)

MEDICARE_CODES: Final = Phrase(
    "Which codes does Medicare want for esketamine sessions?",
    "¿Qué códigos pide Medicare para las sesiones de esketamina?",
)
KNOWN_MEDICARE_CODES: Final = Phrase(
    "Original Medicare bills esketamine sessions as G2082 (up to 56 mg) or G2083 (more than 56 "
    "mg), which include the drug.",
    "Medicare Original factura las sesiones de esketamina con G2082 (hasta 56 mg) o G2083 (más "
    "de 56 mg), que incluyen el medicamento.",
)
ESKETAMINE_CODES: Final = Phrase(
    "Which codes does the plan want for esketamine: {code} per 1 mg, or G2082/G2083 (some "
    "commercial plans take these)?",
    "¿Qué códigos pide el plan para la esketamina: {code} por cada 1 mg, o G2082/G2083 (algunos "
    "planes comerciales los aceptan)?",
)
AUTHORIZATION_SUBMITTED: Final = Phrase("submitted {date}", "enviada el {date}")
"""How the code question names an authorization that has no number or reference yet."""
AUTHORIZATION_CODE: Final = Phrase(
    "Which code does the authorization {which} reference: S0013 or J0013? J0013 replaced S0013 "
    "on January 1, 2026, and the switch left some authorizations and claims on different codes.",
    "¿Qué código aparece en la autorización {which}: S0013 o J0013? J0013 reemplazó a S0013 el 1 "
    "de enero de 2026, y con el cambio algunas autorizaciones y reclamos quedaron con códigos "
    "distintos.",
)

PA_REQUIRED: Final = Phrase(
    "Is prior authorization required for {treatment}?",
    "¿Se necesita autorización previa para la {treatment}?",
)
KNOWN_PA_REQUIRED: Final = Phrase(
    "prior authorization is required.", "se necesita autorización previa."
)
KNOWN_PA_NOT_REQUIRED: Final = Phrase(
    "prior authorization is not required.", "no se necesita autorización previa."
)
HOW_SUBMITTED: Final = Phrase(
    "How is the request submitted: portal, fax (which number) or phone? Is there a form?",
    "¿Cómo se envía la solicitud: por el portal, por fax (a qué número) o por teléfono? ¿Hay un "
    "formulario?",
)
HOW_EXPEDITED: Final = Phrase(
    " This request is urgent: how is expedited review asked for?",
    " Esta solicitud es urgente: ¿cómo se pide una revisión acelerada?",
)
KNOWN_PA_FAX: Final = Phrase(
    "prior-authorization requests go by fax to {fax}.",
    "las solicitudes de autorización previa se envían por fax al {fax}.",
)
TIMING: Final = Phrase(
    "How long does a standard decision take, and how long an urgent (expedited) one?",
    "¿Cuánto tarda una decisión normal y cuánto una urgente?",
)
TIMING_RULES: Final = Phrase(
    " For comparison, the rules for this kind of plan give {standard} for a standard request and "
    "{expedited} for an urgent one.",
    " Para comparar: las reglas para este tipo de plan dan {standard} para una solicitud normal y "
    "{expedited} para una urgente.",
)

PLAN_TYPE: Final = Phrase(
    "What is the plan type: PPO, HMO, EPO or POS?", "¿Qué tipo de plan es: PPO, HMO, EPO o POS?"
)

OON_PAYS: Final = Phrase(
    "Does the plan pay anything for out-of-network providers for this treatment?",
    "¿El plan paga algo por este tratamiento si el proveedor está fuera de la red?",
)
OON_PAYS_ANYTHING: Final = Phrase(
    "Does the plan pay anything out of network?", "¿El plan paga algo fuera de la red?"
)
KNOWN_OON_PAYS: Final = Phrase("the plan pays out of network.", "el plan paga fuera de la red.")
KNOWN_NO_OON: Final = Phrase(
    "the plan has no out-of-network benefits.", "el plan no tiene beneficios fuera de la red."
)
OON_DEDUCTIBLE: Final = Phrase(
    "What is the out-of-network deductible, and how much of it is met this plan year?",
    "¿Cuál es el deducible fuera de la red, y cuánto se ha pagado de él en este año del plan?",
)
KNOWN_OON_DEDUCTIBLE: Final = Phrase(
    "out-of-network deductible {deductible}, {met} met.",
    "deducible fuera de la red de {deductible}, con {met} ya pagados.",
)
OON_COINSURANCE: Final = Phrase(
    "What is the out-of-network coinsurance after the deductible?",
    "¿Cuál es el coseguro fuera de la red después del deducible?",
)
KNOWN_OON_COINSURANCE: Final = Phrase(
    "out-of-network coinsurance {percent}%.", "coseguro fuera de la red del {percent}%."
)
OON_OUT_OF_POCKET: Final = Phrase(
    "What is the out-of-network out-of-pocket maximum, and how much of it is met?",
    "¿Cuál es el máximo que usted paga de su bolsillo fuera de la red, y cuánto se ha pagado de "
    "él?",
)
KNOWN_OON_OUT_OF_POCKET: Final = Phrase(
    "out-of-network out-of-pocket maximum {maximum}, {met} met.",
    "máximo de su bolsillo fuera de la red de {maximum}, con {met} ya pagados.",
)
ALLOWED_AMOUNT: Final = Phrase(
    "How does the plan set the allowed amount for out-of-network claims, and what is it for these "
    "codes?",
    "¿Cómo fija el plan el monto permitido para los reclamos fuera de la red, y cuánto es para "
    "estos códigos?",
)
CLAIM_WHERE: Final = Phrase(
    "Where does the member send an out-of-network claim with a superbill, and is there a claim "
    "form to use?",
    "¿Adónde envía el miembro un reclamo fuera de la red con el recibo detallado de la clínica "
    "(superbill), y hay un formulario de reclamo que deba usar?",
)

TREATING_CLINIC: Final = Phrase("the treating clinic", "la clínica que da el tratamiento")
SINGLE_CASE_AGREEMENT: Final = Phrase(
    "If no in-network provider offers this treatment, would the plan consider a single-case "
    "agreement with {who}? Whom should the clinic contact about it?",
    "Si ningún proveedor de la red ofrece este tratamiento, ¿consideraría el plan un acuerdo para "
    "un solo caso («single-case agreement») con {who}? ¿Con quién debe comunicarse la clínica "
    "para eso?",
)

APPEAL_WINDOW: Final = Phrase(
    "How long does the member have to file an internal appeal after a denial?",
    "¿Cuánto tiempo tiene el miembro para presentar una apelación interna después de una negación?",
)
KNOWN_APPEAL_WINDOW: Final = Phrase(
    "the plan documents give {days} days to file an appeal.",
    "los documentos del plan dan {days} días para presentar una apelación.",
)
APPEAL_WHERE: Final = Phrase(
    "Where are appeals sent (mailing address and fax number)?",
    "¿Adónde se envían las apelaciones (dirección postal y número de fax)?",
)
FAX_NUMBER: Final = Phrase("fax {fax}", "fax {fax}")
KNOWN_APPEAL_WHERE: Final = Phrase("appeals go to {where}.", "las apelaciones se envían a {where}.")

FUNDING: Final = Phrase(
    "Is the plan fully insured or self-funded?",
    "¿El plan es totalmente asegurado («fully insured») o autofinanciado («self-funded»)?",
)
KNOWN_FULLY_INSURED: Final = Phrase(
    "the plan is fully insured (ERISA plus state insurance law).",
    "el plan es totalmente asegurado (ERISA más la ley de seguros del estado).",
)
KNOWN_SELF_FUNDED: Final = Phrase(
    "the plan is self-funded (governed by ERISA).",
    "el plan es autofinanciado (se rige por ERISA).",
)
FUNDING_DECIDES: Final = Phrase(
    "Is the plan fully insured or self-funded? This decides whether state insurance rules or ERISA "
    "govern its appeals.",
    "¿El plan es totalmente asegurado («fully insured») o autofinanciado («self-funded»)? Esto "
    "decide si sus apelaciones siguen las reglas de seguros del estado o las de ERISA.",
)
GRANDFATHERED: Final = Phrase(
    "Is the plan grandfathered under the Affordable Care Act? Non-grandfathered plans must offer "
    "external review.",
    "¿El plan tiene derechos adquiridos («grandfathered») bajo la Affordable Care Act? Los planes "
    "sin esos derechos deben ofrecer una revisión externa.",
)
KNOWN_GRANDFATHERED: Final = Phrase(
    "the plan is grandfathered under the Affordable Care Act.",
    "el plan tiene derechos adquiridos («grandfathered») bajo la Affordable Care Act.",
)
KNOWN_NOT_GRANDFATHERED: Final = Phrase(
    "the plan is not grandfathered, so the ACA external review rules apply.",
    "el plan no tiene derechos adquiridos («grandfathered»), así que se aplican las reglas de "
    "revisión externa de la ACA.",
)
