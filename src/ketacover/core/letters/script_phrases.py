"""The frame of the benefits call script (headings, whom to call, what to have ready, the call
record), in English and Spanish, and the lines a Spanish-speaking caller reads aloud in English.

Used by :mod:`ketacover.core.letters.call_script`. The phrases under "Spoken lines" appear only in
a Spanish script: the Spanish tells the caller what a line means, the English is what they say
to the representative. The sources list says nothing about language assistance on a plan's phone
lines, so the script lets the caller ask whether an interpreter is available and claims no right to
one.
"""

from __future__ import annotations

from typing import Final

from ketacover.core.letters.language import Phrase

TITLE: Final = Phrase("Benefits call script", "Guion para llamar a su plan de salud")
SUBJECT: Final = Phrase(
    "Questions for {payer} about {treatment}", "Preguntas para {payer} sobre la {treatment}"
)
NOTICE: Final = Phrase(
    "Information to help you ask the plan, not legal or medical advice. What the plan's written "
    "documents say governs over what is said on the phone.",
    "Esta información le ayuda a hacer sus preguntas al plan; no es consejo legal ni médico. Lo "
    "que dicen los documentos escritos del plan vale más que lo que le digan por teléfono.",
)

PURPOSE: Final = Phrase("What this call is for", "Para qué es esta llamada")
PLANNED: Final = Phrase("The planned treatment: {summary}.", "El tratamiento planeado: {summary}.")
PATHWAY: Final = Phrase(
    "{pathway}: {verdict} by ketacover's assessment.",
    "{pathway}: {verdict}, según la evaluación de ketacover.",
)

WHOM: Final = Phrase("Whom to call", "A quién llamar")
BEHAVIORAL_LINE: Final = Phrase(
    "behavioral-health line", "la línea de salud mental («behavioral health»)"
)
MEDICAL_LINE: Final = Phrase("medical benefits line", "la línea de beneficios médicos")
NO_PHONE: Final = Phrase(
    "The plan's phone numbers are not in the case: call the member services number on the back "
    "of the insurance card and ask for the benefits that cover this treatment.",
    "Los teléfonos del plan no están en el caso: llame al número de servicios para miembros que "
    "aparece detrás de su tarjeta del seguro y pregunte por los beneficios que cubren este "
    "tratamiento.",
)
ONLY_LINE: Final = Phrase(
    "Call the {line} at {number} (no {missing} number is on file) and ask for the benefits that "
    "cover this treatment.",
    "Llame a {line} al {number} (el caso no tiene el número de {missing}) y pregunte por los "
    "beneficios que cubren este tratamiento.",
)
MENTAL_DIAGNOSIS: Final = Phrase("a mental-health diagnosis", "es de salud mental")
OTHER_DIAGNOSIS: Final = Phrase("not a mental-health diagnosis", "no es de salud mental")
START_WITH: Final = Phrase(
    "Start with the {line} at {number}: the primary diagnosis is {why}.",
    "Empiece por {line}, al {number}: el diagnóstico principal {why}.",
)
THEN_OTHER: Final = Phrase(
    " If the representative says the treatment falls under the other benefit, call the {line} at "
    "{number}.",
    " Si el representante le dice que el tratamiento va por el otro beneficio, llame a {line} al "
    "{number}.",
)

HAVE_READY: Final = Phrase("Have ready", "Tenga a mano")
READY_MEMBER: Final = Phrase("Member ID {member_id}", "Número de miembro: {member_id}")
READY_GROUP: Final = Phrase("Group number {group}", "Número de grupo: {group}")
READY_PATIENT: Final = Phrase(
    "Patient's name and date of birth: {name}, {born}",
    "Nombre y fecha de nacimiento del paciente: {name}, {born}",
)
READY_PRESCRIBER: Final = Phrase(
    "Prescriber {name}: NPI {npi}", "Profesional que receta, {name}: NPI {npi}"
)
READY_CODES: Final = Phrase(
    "The diagnosis and procedure codes below",
    "Los códigos de diagnóstico y de procedimiento que aparecen abajo",
)

CODES: Final = Phrase("Codes to quote", "Códigos para dar al representante")

KNOWN: Final = Phrase("Confirm what is already known", "Confirme lo que ya se sabe")
ALREADY_KNOWN: Final = Phrase("Already known: {answer}", "Ya se sabe: {answer}")

QUESTIONS: Final = Phrase("Questions", "Preguntas")
NUMBERED: Final = Phrase("{number}. {text}", "{number}. {text}")
ANSWER: Final = Phrase("Answer", "Respuesta")

RECORD: Final = Phrase("Call record", "Lo que debe anotar de la llamada")
CALLED_WHEN: Final = Phrase("Date and time of the call", "Fecha y hora de la llamada")
CALLED_NUMBER: Final = Phrase("Number called", "Número al que llamó")
REPRESENTATIVE: Final = Phrase(
    "Representative's name or ID", "Nombre o número de identificación del representante"
)
REFERENCE: Final = Phrase("Call reference number", "Número de referencia de la llamada")
AFTER_THE_CALL: Final = Phrase(
    "After the call, record it in the case's call log (calls): the date and time, the line "
    "called, the representative, the reference number and each question with its answer. Answers "
    "that settle a plan fact, such as whether prior authorization is required, belong in the "
    "plan's details too.",
    "Después de la llamada, anótela en el registro de llamadas de su caso: la fecha y la hora, el "
    "número al que llamó, el representante, el número de referencia y cada pregunta con su "
    "respuesta. Si una respuesta aclara algo del plan, por ejemplo si se necesita autorización "
    "previa, anótela también en los datos del plan.",
)

# Spoken lines: in a Spanish script, the Spanish explains and the English is read aloud.

OPENING: Final = Phrase("Opening the call", "Al empezar la llamada")
HOW_TO_READ: Final = Phrase(
    "Read the English lines in quotation marks to the representative.",
    "Las frases en inglés van entre comillas «». Léalas en voz alta al representante. Debajo de "
    "cada pregunta en español está la misma pregunta en inglés.",
)
GREETING: Final = Phrase(
    "Hello. I am calling about coverage for a treatment for the member {name}, date of birth "
    "{born}, member ID {member_id}.",
    "Hola. Llamo por la cobertura de un tratamiento para el miembro {name}, con fecha de "
    "nacimiento {born} y número de miembro {member_id}.",
)
INTERPRETER: Final = Phrase(
    "I prefer to speak Spanish. Is a Spanish interpreter available for this call?",
    "Prefiero hablar en español. ¿Hay un intérprete de español para esta llamada?",
)
CONFIRM: Final = Phrase("Please confirm: {answer}", "Por favor, confirme: {answer}")
ASK_NAME_AND_REFERENCE: Final = Phrase(
    "Before we finish, may I have your name and the reference number for this call?",
    "Antes de terminar, ¿me da su nombre y el número de referencia de esta llamada?",
)
SPELL_IT: Final = Phrase("Could you spell that, please?", "¿Me lo puede deletrear, por favor?")
