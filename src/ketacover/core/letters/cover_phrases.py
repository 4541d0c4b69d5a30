"""The wording of the patient's cover note (:mod:`ketacover.core.letters.cover_note`), in English
and Spanish.

The letter the note explains stays in English (its reader is the plan), so the note quotes the
letter's English title, department and enclosures in «guillemets» beside the Spanish, for the
reader to match them on the page. Nothing here states a deadline or a right of its own: dates
come from :mod:`ketacover.core.deadlines`, and what a letter asks is said as the letter says it.
"""

from __future__ import annotations

from typing import Final

from ketacover.core.letters.language import Phrase

TITLE: Final = Phrase('A note about the letter "{title}"', "Nota sobre la carta «{title}»")
SUBJECT: Final = Phrase(
    "What it is, who signs it, where to send it and by when",
    "Qué es, quién la firma, adónde enviarla y para cuándo",
)
NOTICE_DATE: Final = Phrase("Denial notice dated", "Fecha del aviso de negación")
NOTICE: Final = Phrase(
    "This note gives information, not legal or medical advice. The date on the denial notice "
    "governs if it differs.",
    "Esta nota le da información; no es consejo legal ni médico. Si el aviso de negación da otra "
    "fecha, vale la del aviso.",
)

WHAT: Final = Phrase("What this letter is", "Qué es esta carta")
IS_NAMED: Final = Phrase(
    'The letter is titled "{title}": {name}.', "La carta se titula «{title}»: es {name}."
)
FOR_YOU_ONLY: Final = Phrase(
    "This note is for you only: do not send it with the letter.",
    "La carta está en inglés porque la lee su plan de salud. Esta nota es solo para usted: no la "
    "envíe con la carta.",
)

LETTER_NAMES: Final[dict[str, Phrase]] = {
    "Internal appeal": Phrase("an internal appeal", "una apelación interna"),
    "Second-level internal appeal": Phrase(
        "a second-level internal appeal", "una apelación interna de segundo nivel"
    ),
    "Request for redetermination": Phrase(
        "a request for redetermination, the first level of appeal in Original Medicare",
        "una solicitud de redeterminación, el primer nivel de apelación en Medicare Original",
    ),
    "Request for reconsideration": Phrase(
        "a request for reconsideration", "una solicitud de reconsideración"
    ),
    "Plan appeal": Phrase("a plan appeal", "una apelación al plan"),
    "Corrected claim": Phrase("a corrected claim", "un reclamo corregido"),
    "External review request": Phrase(
        "a request for external review", "una solicitud de revisión externa"
    ),
    "Parity disclosure request": Phrase("a request for documents", "una solicitud de documentos"),
}
"""Each patient-signed letter's English title and what it is, in plain words."""

ASKS_TO_REVERSE: Final = Phrase(
    "It asks {payer} to reverse its denial of {what}, in the notice dated {date}.",
    "Pide a {payer} que cambie su decisión de negar {what}, según el aviso con fecha {date}.",
)
ASKS_TO_REPROCESS: Final = Phrase(
    "It asks {payer} to process a corrected claim in place of the claim denied in the notice "
    "dated {date}.",
    "Pide a {payer} que procese un reclamo corregido en lugar del reclamo negado en el aviso con "
    "fecha {date}.",
)
ASKS_FOR_REVIEW: Final = Phrase(
    "It asks for an independent review organization to review {payer}'s final decision to deny "
    "{what}, in the notice dated {date}. The reviewer's decision binds the plan.",
    "Pide que una organización de revisión independiente revise la decisión final de {payer} de "
    "negar {what}, según el aviso con fecha {date}. La decisión de esa organización es "
    "obligatoria para el plan.",
)
ASKS_FOR_DOCUMENTS: Final = Phrase(
    "It asks {payer} for the criteria and the comparative analysis behind its decision not to "
    "cover {treatment}. The request concerns the Mental Health Parity and Addiction Equity Act.",
    "Pide a {payer} los criterios y el análisis comparativo en que se basó para no cubrir "
    "{treatment}. La solicitud se refiere a la ley Mental Health Parity and Addiction Equity Act.",
)

PRIOR_AUTHORIZATION_FOR: Final = Phrase(
    "prior authorization for {treatment}", "la autorización previa para {treatment}"
)
CLAIM_FOR: Final = Phrase("the claim for {treatment}", "el reclamo por {treatment}")
THE_TREATMENT: Final = Phrase("{treatment}", "la {treatment}")
REQUESTED_SERVICES: Final = Phrase("the requested services", "los servicios pedidos")
REQUESTED_TREATMENT: Final = Phrase("the requested treatment", "el tratamiento pedido")

WHO_SIGNS: Final = Phrase("Who signs it", "Quién la firma")
YOU_SIGN: Final = Phrase(
    'You do. Sign on the "Signature" line at the end of the letter and write the date on the '
    '"Date signed" line. These are the only blanks: everything else comes from your case.',
    "Usted. Firme en la línea «Signature», al final de la carta, y escriba la fecha en la línea "
    "«Date signed». Son los únicos espacios en blanco: todo lo demás sale de los datos de su caso.",
)
PRESCRIBER_SIGNS: Final = Phrase(
    "{prescriber} signs it, and the clinic sends it. Ask the clinic to tell you when it is sent.",
    "La firma {prescriber}, y la envía la clínica. Pida a la clínica que le avise cuando la envíe.",
)

WHERE: Final = Phrase("Where to send it", "Adónde enviarla")
SEND_TO: Final = Phrase("Send it to {payer}, {department}:", "Envíela a {payer}, {department}:")
CLINIC_SENDS_TO: Final = Phrase(
    "The clinic sends it to {payer}, {department}:", "La clínica la envía a {payer}, {department}:"
)
DEPARTMENTS: Final[dict[str, Phrase]] = {
    "Appeals department": Phrase(
        "appeals department", "departamento de apelaciones («Appeals department»)"
    ),
    "Appeals department (external review)": Phrase(
        "appeals department (external review)",
        "departamento de apelaciones, revisión externa («Appeals department (external review)»)",
    ),
    "Redeterminations": Phrase("redeterminations", "redeterminaciones («Redeterminations»)"),
    "Claims department": Phrase(
        "claims department", "departamento de reclamos («Claims department»)"
    ),
    "Member services": Phrase("member services", "servicios para miembros («Member services»)"),
}
"""The departments patient-signed letters are addressed to (``parts.plan_recipient``)."""
BY_MAIL: Final = Phrase("By mail: {address}", "Por correo: {address}")
BY_FAX: Final = Phrase("By fax: {fax}", "Por fax: {fax}")
NO_ADDRESS: Final = Phrase(
    "Your case does not have the plan's address or fax for this. Look on the denial notice, or "
    "call the plan and ask where to send it.",
    "Su caso no tiene la dirección ni el fax del plan para esto. Búsquelos en el aviso de "
    "negación, o llame a su plan y pregunte adónde enviarla.",
)
OTHER_ADDRESS: Final = Phrase(
    "If the final notice gives another address for external review, use that one.",
    "Si el aviso final da otra dirección para la revisión externa, use esa.",
)

WHEN: Final = Phrase("By when", "Para cuándo")
NOTICE_DEADLINE: Final = Phrase(
    "The denial notice gives {date} as the last day.",
    "El aviso de negación da el {date} como último día.",
)
RULE_DEADLINE: Final = Phrase(
    "By the rule for your plan, the last day is {date}. If the denial notice gives another date, "
    "the notice's date is the one that counts.",
    "Según la regla para su plan, el último día es el {date}. Si el aviso de negación da otra "
    "fecha, vale la del aviso.",
)
SEND_SOON: Final = Phrase(" Send it as soon as you can.", " Envíela lo antes que pueda.")
NO_DEADLINE: Final = Phrase(
    "The denial notice and the plan documents give the deadline: look for it there.",
    "El aviso de negación y los documentos del plan dan la fecha límite: búsquela allí.",
)
NO_DEADLINE_FOR_REQUEST: Final = Phrase(
    "ketacover's sources give no deadline for this request. Check the plan documents.",
    "Las fuentes de ketacover no dan una fecha límite para esta solicitud. Revise los documentos "
    "de su plan.",
)
PASSED: Final = Phrase(
    "That date has passed. Call the plan and ask whether it can still accept the letter.",
    "Esa fecha ya pasó. Llame a su plan y pregunte si todavía puede aceptar la carta.",
)
URGENT: Final = Phrase(
    "If waiting could seriously harm your health, call the plan and ask for an urgent "
    "(expedited) review.",
    "Si esperar puede dañar gravemente su salud, llame a su plan y pida una revisión urgente.",
)

ENCLOSED: Final = Phrase("What goes with it", "Qué enviar con la carta")
ENCLOSED_BY_CLINIC: Final = Phrase(
    "The letter lists these enclosures; the clinic sends them with it:",
    "La carta dice que lleva estos documentos; la clínica los envía con ella:",
)
ENCLOSED_INTRO: Final = Phrase(
    "The letter lists these enclosures. Send a copy of each with it, and ask the clinic for the "
    "ones you do not have:",
    "La carta dice que lleva estos documentos. Envíe una copia de cada uno con ella, y pida a su "
    "clínica los que no tenga:",
)
GLOSSED: Final = Phrase("{text} ({english})", "{text} («{english}»)")
"""A translated name with the English it stands for, as the letter has it."""

BEFORE: Final = Phrase("Before you send it", "Antes de enviarla")
CHECK_LETTER: Final = Phrase(
    "Read the whole letter and check your name, address, member ID and the dates.",
    "Lea toda la carta y revise su nombre, su dirección, su número de miembro y las fechas.",
)
KEEP_COPY: Final = Phrase(
    "Keep a copy of everything you send.", "Guarde una copia de todo lo que envíe."
)
NOTE_SENDING: Final = Phrase(
    "Write down the day you send it and how. If you fax it, keep the fax confirmation page.",
    "Anote el día en que la envía y cómo. Si la envía por fax, guarde la hoja de confirmación "
    "del fax.",
)
RECORD_IT: Final = Phrase(
    "Then record in your case that it was sent, so ketacover can show the dates that follow.",
    "Después, anote en su caso que la envió, para que ketacover le muestre las fechas que siguen.",
)
ASK_FOR_COPY: Final = Phrase(
    "Ask the clinic for a copy of what it sends.", "Pida a la clínica una copia de lo que envíe."
)

ENCLOSURES: Final[dict[str, Phrase]] = {
    "Treating physician's certification": Phrase(
        "Treating physician's certification", "La certificación de su médico tratante"
    ),
    "Letter of medical necessity": Phrase(
        "Letter of medical necessity", "La carta de necesidad médica"
    ),
    "Treatment-history summary": Phrase(
        "Treatment-history summary", "El resumen de los tratamientos que ha probado"
    ),
    "Clinical summary": Phrase("Clinical summary", "El resumen clínico"),
    "Evidence list": Phrase("Evidence list", "La lista de estudios científicos"),
    "Recent clinical notes": Phrase("Recent clinical notes", "Las notas clínicas recientes"),
    "Internal appeal": Phrase("Internal appeal", "La apelación interna que presentó"),
    "Corrected claim": Phrase("Corrected claim", "El reclamo corregido"),
}
"""The enclosures patient-signed letters list, by their English name."""
DENIAL_NOTICE_DATED: Final = Phrase("Denial notice dated {date}", "El aviso de negación del {date}")
APPEAL_FILED: Final = Phrase(
    "Internal appeal filed {date}", "La apelación interna que presentó el {date}"
)
RATING_SCALES: Final = Phrase("Rating scales ({scales})", "Los cuestionarios de síntomas {scales}")
