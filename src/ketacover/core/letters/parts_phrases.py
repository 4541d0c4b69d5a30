"""The wording of the pieces :mod:`ketacover.core.letters.parts` builds for a patient's documents,
in English and Spanish: identifier lines, the running header, the code tables, the treatment
requested.

The English is the wording every existing letter uses. ICD-10-CM descriptions are the official
English text of the code set (sourcebook codes.toml); a Spanish document shows them in «guillemets»
as they are, because no official Spanish ICD-10-CM is in ketacover's sources.
"""

from __future__ import annotations

from typing import Final

from ketacover.core.letters.language import Phrase

PATIENT: Final = Phrase("Patient", "Paciente")
DATE_OF_BIRTH: Final = Phrase("Date of birth", "Fecha de nacimiento")
MEMBER_ID: Final = Phrase("Member ID", "Número de miembro")
GROUP_NUMBER: Final = Phrase("Group number", "Número de grupo")
PLAN: Final = Phrase("Plan", "Plan")
RUNNING_HEADER: Final = Phrase("{name} · DOB {born}", "{name} · Fecha de nacimiento: {born}")

DIAGNOSIS_DESCRIPTION: Final = Phrase("Description", "Descripción oficial (en inglés)")
OFFICIAL_DESCRIPTION: Final = Phrase("{text}", "«{text}»")
NOT_IN_CODE_SET: Final = Phrase("not in the code set", "no está en la lista de códigos")
PRIMARY: Final = Phrase("primary", "principal")

CODE: Final = Phrase("Code", "Código")
DESCRIPTION: Final = Phrase("Description", "Descripción")
UNITS_PER_SESSION: Final = Phrase("Units per session", "Unidades por sesión")
UNITS_WITH_NDC: Final = Phrase("1 (with NDC and dose)", "1 (con el NDC y la dosis)")
UNITS_PER_MG: Final = Phrase("per mg given", "por cada mg administrado")

ONE_SESSION: Final = Phrase("1 session of {treatment}", "1 sesión de {treatment}")
SESSIONS: Final = Phrase("{count} sessions of {treatment}", "{count} sesiones de {treatment}")
PRICE_PER_SESSION: Final = Phrase(" at {price} per session", " a {price} por sesión")
