"""What each coverage rule means for a patient, in plain English and Spanish.

The engine's own explanations (``coverage/rules/*.toml``) are written for clinic staff and cite
their sources. The navigator shows a patient the same reasons, from the same rules, in shorter
words: why the rule matters (``why``), and, for a rule that asks something of the patient, what
to do (``step``). The source shown beside each one is still the engine's. Rules about billing
codes are marked ``for_clinic``: the page puts them under "details for your clinic".

Facts come from the rules and their sources; nothing here adds a fact the rule does not state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ketacover.core.letters.language import Phrase


@dataclass(frozen=True, slots=True)
class RuleWords:
    """A rule in a patient's words."""

    why: Phrase
    step: Phrase | None = None
    for_clinic: bool = False


def _w(en: str, es: str, step: tuple[str, str] | None = None, *, clinic: bool = False) -> RuleWords:
    return RuleWords(Phrase(en, es), None if step is None else Phrase(*step), clinic)


RULES: Final[dict[str, RuleWords]] = {
    "esketamine.base": _w(
        "Spravato is approved by the FDA for depression that other medicines did not help. "
        "Most plans cover it, but only after they say yes first. This is called prior "
        "authorization. Each plan has its own rules, and a few plans do not cover it at all.",
        "Spravato está aprobado por la FDA para la depresión que otros medicamentos no "
        "aliviaron. La mayoría de los planes lo cubren, pero solo después de dar su permiso "
        "antes. Esto se llama autorización previa. Cada plan tiene sus propias reglas, y "
        "algunos planes no lo cubren.",
    ),
    "esketamine.plan_unknown": _w(
        "We do not know your plan yet, so we cannot tell which rules apply.",
        "Todavía no sabemos cuál es su plan, así que no podemos saber qué reglas aplican.",
    ),
    "esketamine.adult": _w(
        "Spravato is approved for adults. Almost every plan asks that the patient be 18 or older.",
        "Spravato está aprobado para adultos. Casi todos los planes piden que el paciente tenga "
        "18 años o más.",
    ),
    "esketamine.diagnosis": _w(
        "Spravato is approved for major depression. Plans want a depression diagnosis and a "
        "record of the medicines that did not help.",
        "Spravato está aprobado para la depresión mayor. Los planes piden un diagnóstico de "
        "depresión y un registro de los medicamentos que no ayudaron.",
    ),
    "esketamine.psychotic_features": _w(
        "Plans cover Spravato for depression without psychosis (seeing or hearing things that "
        "are not there). If there is psychosis, they usually say no.",
        "Los planes cubren Spravato para la depresión sin psicosis (ver u oír cosas que no "
        "están). Si hay psicosis, casi siempre dicen que no.",
    ),
    "esketamine.bipolar": _w(
        "Plans do not cover Spravato for people who have ever had bipolar disorder or mania.",
        "Los planes no cubren Spravato para personas que han tenido trastorno bipolar o manía.",
        (
            "Look at the other ways to pay below.",
            "Vea abajo las otras formas de pagar.",
        ),
    ),
    "esketamine.substance_use": _w(
        "Plans may say no while there is an active problem with alcohol or drugs. Some accept "
        "it once the person has been sober for a while.",
        "Los planes pueden decir que no si hay un problema activo con el alcohol o las drogas. "
        "Algunos lo aceptan cuando la persona lleva un tiempo sin consumir.",
    ),
    "esketamine.rems": _w(
        "Spravato can only be given at a clinic that is certified for it (the SPRAVATO REMS). "
        "You stay there and are watched for at least 2 hours after each dose.",
        "Spravato solo se puede dar en una clínica certificada para ello (el programa SPRAVATO "
        "REMS). Usted se queda allí y lo observan por lo menos 2 horas después de cada dosis.",
        (
            "Ask the clinic if it is certified for Spravato. If it is not, find one that is.",
            "Pregunte a la clínica si está certificada para Spravato. Si no lo está, busque una "
            "que lo esté.",
        ),
    ),
    "esketamine.plan_excludes": _w(
        "Your plan said it does not cover Spravato. You can still ask for its written policy, "
        "and you can appeal a denial.",
        "Su plan dijo que no cubre Spravato. Aun así puede pedir su política por escrito y "
        "apelar una negación.",
        (
            "Ask the plan for its written Spravato policy.",
            "Pida al plan su política escrita sobre Spravato.",
        ),
    ),
    "esketamine.criteria": _w(
        "Plans want proof that other depression medicines were tried and did not help. The "
        "record so far does not show enough of them.",
        "Los planes piden pruebas de que se probaron otros medicamentos para la depresión y no "
        "ayudaron. Lo que consta hasta ahora no muestra suficientes.",
        (
            "Ask your prescriber which medicines still need to be tried or written down.",
            "Pregunte a quien le receta qué medicamentos faltan por probar o por anotar.",
        ),
    ),
    "esketamine.baseline_scale": _w(
        "Plans ask for a depression score from a short questionnaire, such as the PHQ-9, taken "
        "before treatment starts.",
        "Los planes piden un puntaje de depresión de un cuestionario corto, como el PHQ-9, "
        "hecho antes de empezar el tratamiento.",
        (
            "Ask your prescriber to record a PHQ-9 or a similar score.",
            "Pida a quien le receta que anote un PHQ-9 u otro puntaje parecido.",
        ),
    ),
    "esketamine.monotherapy": _w(
        "Since 2025, Spravato can be used on its own for depression that other medicines did "
        "not help. Some plans still want you to take a daily antidepressant with it.",
        "Desde 2025, Spravato se puede usar solo para la depresión que otros medicamentos no "
        "aliviaron. Algunos planes todavía piden que tome también un antidepresivo diario.",
    ),
    "esketamine.suicidality_needs_antidepressant": _w(
        "When Spravato is used because of thoughts of suicide, it must be taken with a daily "
        "antidepressant.",
        "Cuando Spravato se usa por pensamientos de suicidio, debe tomarse junto con un "
        "antidepresivo diario.",
        (
            "Ask your prescriber whether you will take an antidepressant with Spravato.",
            "Pregunte a quien le receta si tomará un antidepresivo junto con Spravato.",
        ),
    ),
    "esketamine.prior_authorization": _w(
        "Spravato is usually covered only after the plan says yes first. Ask the plan if it "
        "needs this prior authorization.",
        "Spravato casi siempre se cubre solo después de que el plan da su permiso. Pregunte al "
        "plan si pide esta autorización previa.",
    ),
    "esketamine.submit": _w(
        "The record shows the medicines the plan asks about, so the request can be sent.",
        "Lo que consta muestra los medicamentos que pide el plan, así que se puede enviar la "
        "solicitud.",
        (
            "Ask the clinic to send the prior authorization request. SPRAVATO withMe can help "
            "with the forms.",
            "Pida a la clínica que envíe la solicitud de autorización previa. SPRAVATO withMe "
            "puede ayudar con los formularios.",
        ),
    ),
    "esketamine.medicare_claim": _w(
        "Original Medicare does not ask for approval before Spravato. Medicare decides when the "
        "clinic sends the bill, and the clinic must send it, not you.",
        "Medicare Original no pide aprobación antes de Spravato. Medicare decide cuando la "
        "clínica envía la factura, y la clínica debe enviarla, no usted.",
        (
            "Ask the clinic to send the bill to Medicare.",
            "Pida a la clínica que envíe la factura a Medicare.",
        ),
    ),
    "esketamine.medicare_g_codes": _w(
        "Original Medicare pays each Spravato visit with one code, G2082 or G2083. The code "
        "covers the visit, the medicine and 2 hours of watching.",
        "Medicare Original paga cada visita de Spravato con un solo código, G2082 o G2083. El "
        "código cubre la visita, el medicamento y 2 horas de observación.",
        clinic=True,
    ),
    "esketamine.medicare_kx": _w(
        "One Medicare contractor (CGS) asks the clinic to add the code KX to show it is "
        "certified. Others were not checked.",
        "Un contratista de Medicare (CGS) pide a la clínica agregar el código KX para mostrar "
        "que está certificada. No se revisaron los demás.",
        clinic=True,
    ),
    "esketamine.drug_code_j0013": _w(
        "From 2026 the clinic bills the Spravato medicine with code J0013, one unit per mg.",
        "Desde 2026 la clínica factura el medicamento Spravato con el código J0013, una unidad "
        "por mg.",
        clinic=True,
    ),
    "esketamine.drug_code_s0013": _w(
        "Before 2026 the Spravato medicine was billed with code S0013.",
        "Antes de 2026 el medicamento Spravato se facturaba con el código S0013.",
        clinic=True,
    ),
    "esketamine.pending": _w(
        "A request is waiting for the plan's answer.",
        "Hay una solicitud esperando la respuesta del plan.",
    ),
    "esketamine.approved": _w(
        "The plan said yes. Approvals end after a set time, and a new one needs proof that the "
        "treatment helps.",
        "El plan dijo que sí. Las aprobaciones terminan después de un tiempo, y una nueva pide "
        "pruebas de que el tratamiento ayuda.",
    ),
    "esketamine.denied": _w(
        "You have a denial, so the next step is an appeal. If the plan says no again, you can "
        "ask for an outside review. The plan must follow that review's decision.",
        "Usted tiene una negación, así que el siguiente paso es una apelación. Si el plan vuelve "
        "a decir que no, puede pedir una revisión externa. El plan debe seguir la decisión de "
        "esa revisión.",
        (
            "File the appeal before the deadline below. Your prescriber can also ask for a call "
            "with the plan's doctor, but that call does not stop the appeal clock.",
            "Presente la apelación antes de la fecha límite de abajo. Quien le receta también "
            "puede pedir una llamada con el médico del plan, pero esa llamada no detiene el "
            "plazo de la apelación.",
        ),
    ),
    "iv.medicare_claim": _w(
        "Original Medicare does not ask for approval before IV ketamine. Medicare decides when "
        "the clinic sends the bill, and the clinic must send it, not you.",
        "Medicare Original no pide aprobación antes de la ketamina intravenosa. Medicare decide "
        "cuando la clínica envía la factura, y la clínica debe enviarla, no usted.",
        (
            "Ask the clinic to send the bill to Medicare.",
            "Pida a la clínica que envíe la factura a Medicare.",
        ),
    ),
    "iv.medicare_abn": _w(
        "Medicare may say IV ketamine is not needed for your condition and not pay. Before the "
        "treatment, the clinic should give you a form called an Advance Beneficiary Notice. On "
        "it you choose whether to get the treatment and whether Medicare is billed.",
        "Medicare puede decir que la ketamina intravenosa no es necesaria para su condición y "
        "no pagar. Antes del tratamiento, la clínica debe darle un formulario llamado Aviso "
        "Anticipado al Beneficiario. En él usted elige si recibe el tratamiento y si se factura "
        "a Medicare.",
        (
            "Read the notice, ask the clinic your questions, then choose and sign.",
            "Lea el aviso, haga sus preguntas a la clínica y luego elija y firme.",
        ),
    ),
    "iv.base": _w(
        "You can ask the plan to pay for IV ketamine as an exception, because of medical need. "
        "Plans rarely say yes. It depends on the plan and on the condition.",
        "Puede pedir al plan que pague la ketamina intravenosa como una excepción, por "
        "necesidad médica. Los planes rara vez dicen que sí. Depende del plan y de la "
        "condición.",
    ),
    "iv.plan_unknown": _w(
        "We do not know your plan yet, so we cannot tell if it pays for IV ketamine.",
        "Todavía no sabemos cuál es su plan, así que no podemos saber si paga la ketamina "
        "intravenosa.",
    ),
    "iv.off_label_mood": _w(
        "IV ketamine is not FDA-approved for depression, PTSD or anxiety. Plans often call it "
        "experimental and say no. A few plans do cover it, such as Blue Cross Blue Shield of "
        "Massachusetts for depression.",
        "La ketamina intravenosa no está aprobada por la FDA para la depresión, el TEPT o la "
        "ansiedad. Los planes suelen llamarla experimental y decir que no. Algunos planes sí "
        "la cubren, como Blue Cross Blue Shield of Massachusetts para la depresión.",
    ),
    "iv.pain_diagnosis": _w(
        "Pain conditions such as CRPS have better odds. Pain doctors' guidelines support "
        "ketamine infusions for some kinds of long-lasting pain.",
        "Las condiciones de dolor como el CRPS tienen mejores posibilidades. Las guías de los "
        "médicos del dolor apoyan las infusiones de ketamina para algunos tipos de dolor "
        "crónico.",
    ),
    "iv.plan_covers": _w(
        "Your plan said it covers IV ketamine for your condition. Its rules and prior "
        "authorization still apply.",
        "Su plan dijo que cubre la ketamina intravenosa para su condición. Sus reglas y la "
        "autorización previa todavía aplican.",
        (
            "Ask the plan for its written rules, then ask the clinic to send the request.",
            "Pida al plan sus reglas por escrito y luego pida a la clínica que envíe la solicitud.",
        ),
    ),
    "iv.plan_declines": _w(
        "Your plan said it does not cover IV ketamine for your condition.",
        "Su plan dijo que no cubre la ketamina intravenosa para su condición.",
        (
            "If a request is denied as experimental, you can ask for an outside review after "
            "the appeal.",
            "Si niegan una solicitud por ser experimental, puede pedir una revisión externa "
            "después de la apelación.",
        ),
    ),
    "iv.ask_plan": _w(
        "The first thing to ask the plan is whether it covers IV ketamine for your condition, "
        "and under which rules.",
        "Lo primero que debe preguntar al plan es si cubre la ketamina intravenosa para su "
        "condición, y con qué reglas.",
    ),
    "iv.billing": _w(
        "There is no drug code just for ketamine. Clinics bill J3490 with the drug's details, "
        "plus 96365 for the first hour of the infusion.",
        "No hay un código solo para la ketamina. Las clínicas facturan J3490 con los datos del "
        "medicamento, más 96365 por la primera hora de la infusión.",
        clinic=True,
    ),
    "iv.pending": _w(
        "A request is waiting for the plan's answer.",
        "Hay una solicitud esperando la respuesta del plan.",
    ),
    "iv.denied": _w(
        "You have a denial, so the next step is an appeal. A denial that calls the care "
        "experimental or not needed can go to an outside review. The plan must follow that "
        "review's decision.",
        "Usted tiene una negación, así que el siguiente paso es una apelación. Una negación que "
        "llama al cuidado experimental o innecesario puede ir a una revisión externa. El plan "
        "debe seguir la decisión de esa revisión.",
        (
            "File the appeal before the deadline below. Your prescriber can also ask for a call "
            "with the plan's doctor, but that call does not stop the appeal clock.",
            "Presente la apelación antes de la fecha límite de abajo. Quien le receta también "
            "puede pedir una llamada con el médico del plan, pero esa llamada no detiene el "
            "plazo de la apelación.",
        ),
    ),
    "oon.base": _w(
        "You pay the clinic, then send your plan a bill called a superbill. Then the plan may "
        "pay you back from its out-of-network benefits. PPO and POS plans usually have them.",
        "Usted paga a la clínica y luego envía a su plan una factura llamada superbill. Luego "
        "el plan puede devolverle dinero con sus beneficios fuera de la red. Los planes PPO y "
        "POS casi siempre los tienen.",
    ),
    "oon.plan_unknown": _w(
        "We do not know your plan yet, so we cannot tell what it pays out of network.",
        "Todavía no sabemos cuál es su plan, así que no podemos saber qué paga fuera de la red.",
    ),
    "oon.original_medicare": _w(
        "With Original Medicare you do not send a superbill. The clinic must send the bill to "
        "Medicare itself, and may not charge you for sending it.",
        "Con Medicare Original usted no envía un superbill. La clínica debe enviar la factura a "
        "Medicare, y no puede cobrarle por enviarla.",
        (
            "Ask the clinic to send the bill to Medicare.",
            "Pida a la clínica que envíe la factura a Medicare.",
        ),
    ),
    "oon.no_benefits": _w(
        "Your plan pays nothing out of network, so a superbill would not be paid back.",
        "Su plan no paga nada fuera de la red, así que no le devolverían dinero por un superbill.",
        (
            "Look at the hybrid way and self-pay instead.",
            "Vea mejor la forma mixta y el pago por su cuenta.",
        ),
    ),
    "oon.closed_network": _w(
        "HMO and EPO plans usually pay nothing out of network, unless the plan says it does.",
        "Los planes HMO y EPO casi nunca pagan fuera de la red, a menos que el plan diga otra "
        "cosa.",
    ),
    "oon.plan_type_unknown": _w(
        "We do not know your plan type or what it pays out of network yet.",
        "Todavía no sabemos el tipo de su plan ni lo que paga fuera de la red.",
    ),
    "oon.ask_benefits": _w(
        "Ask the plan what it pays out of network: the deductible, your share, and how much it "
        "allows.",
        "Pregunte al plan qué paga fuera de la red: el deducible, su parte y cuánto permite.",
    ),
    "oon.clinic_in_network": _w(
        "Your clinic is in your plan's network, so it bills the plan itself. If it gave a "
        "session without the approval the plan requires, that cost is the clinic's, not yours.",
        "Su clínica está en la red de su plan, así que cobra al plan directamente. Si dio una "
        "sesión sin la aprobación que el plan exige, ese costo es de la clínica, no suyo.",
        (
            "Ask the clinic to request a late approval (retroactive authorization) from the plan.",
            "Pida a la clínica que solicite al plan una aprobación tardía (autorización "
            "retroactiva).",
        ),
    ),
    "oon.superbill": _w(
        "Your plan pays some out of network. What you get back depends on what the plan "
        "allows, your deductible and your share.",
        "Su plan paga algo fuera de la red. Lo que le devuelven depende de lo que el plan "
        "permite, su deducible y su parte.",
        (
            "Ask the clinic for a superbill after each visit.",
            "Pida a la clínica un superbill después de cada visita.",
        ),
    ),
    "oon.infusion_still_judged": _w(
        "Out-of-network benefits pay only for covered care. The plan may still refuse the "
        "ketamine itself as experimental, but pay for normal visits and therapy.",
        "Los beneficios fuera de la red solo pagan el cuidado cubierto. El plan puede negarse "
        "a pagar la ketamina por ser experimental, pero pagar las visitas y la terapia normales.",
    ),
    "hybrid.base": _w(
        "A doctor in your plan's network bills the plan for your checkup and therapy visits. "
        "You pay for the ketamine sessions yourself.",
        "Un médico de la red de su plan cobra al plan sus consultas y la terapia. Usted paga "
        "las sesiones de ketamina por su cuenta.",
    ),
    "hybrid.psychiatric_codes": _w(
        "For a mental health condition, the doctor bills a mental health checkup, visits and "
        "therapy.",
        "Para una condición de salud mental, el médico cobra una consulta de salud mental, "
        "visitas y terapia.",
        clinic=True,
    ),
    "hybrid.pain_codes": _w(
        "For a pain condition, the doctor bills regular office visits, not mental health codes.",
        "Para una condición de dolor, el médico cobra visitas de consultorio normales, no "
        "códigos de salud mental.",
        clinic=True,
    ),
    "hybrid.plan_unknown": _w(
        "We do not know your plan yet, so we cannot tell who is in its network.",
        "Todavía no sabemos cuál es su plan, así que no podemos saber quién está en su red.",
    ),
    "hybrid.in_network_clinician": _w(
        "This way needs a doctor who is in your plan's network.",
        "Esta forma necesita un médico que esté en la red de su plan.",
        (
            "Ask if a doctor in your network can do the checkup and follow-up visits.",
            "Pregunte si un médico de su red puede hacer la consulta y las visitas de seguimiento.",
        ),
    ),
    "hybrid.add_on_rules": _w(
        "Therapy on the same day is billed with codes 90833, 90836 or 90838, together with the "
        "doctor's visit.",
        "La terapia del mismo día se factura con los códigos 90833, 90836 o 90838, junto con la "
        "consulta médica.",
        clinic=True,
    ),
    "hybrid.evaluation_frequency": _w(
        "Some plans pay for the first mental health checkup (90791 or 90792) only once in a "
        "while. This is not a national rule.",
        "Algunos planes pagan la primera consulta de salud mental (90791 o 90792) solo de vez "
        "en cuando. No es una regla nacional.",
        clinic=True,
    ),
    "self_pay.base": _w(
        "Paying the clinic yourself is always possible. IV ketamine for depression often costs "
        "$400 to $800 per infusion. A first series of 6 to 8 costs $2,400 to $6,400. Pain "
        "infusions last longer and cost more.",
        "Pagar a la clínica por su cuenta siempre es posible. La ketamina intravenosa para la "
        "depresión suele costar de $400 a $800 por infusión. Una primera serie de 6 a 8 cuesta "
        "de $2,400 a $6,400. Las infusiones para el dolor duran más y cuestan más.",
        (
            "Ask the clinic for its price, a cash discount and a payment plan.",
            "Pida a la clínica su precio, un descuento por pago en efectivo y un plan de pagos.",
        ),
    ),
    "self_pay.hsa_fsa": _w(
        "You can likely pay with money from an HSA or FSA. The IRS counts prescribed care for "
        "an illness as medical care. It does not name ketamine, so the account may ask for a "
        "letter from your prescriber.",
        "Es probable que pueda pagar con dinero de una cuenta HSA o FSA. El IRS cuenta la "
        "atención recetada para una enfermedad como atención médica. No menciona la ketamina, "
        "así que la cuenta puede pedir una carta de quien le receta.",
        (
            "Ask your HSA or FSA if it needs a letter of medical necessity.",
            "Pregunte a su cuenta HSA o FSA si necesita una carta de necesidad médica.",
        ),
    ),
    "self_pay.withme": _w(
        "With private insurance, the drug maker's program SPRAVATO withMe may lower the cost of "
        "the medicine to as little as $10 per visit. It has limits, and it does not pay for the "
        "time you are watched.",
        "Con seguro privado, el programa del fabricante, SPRAVATO withMe, puede bajar el costo "
        "del medicamento a tan solo $10 por visita. Tiene límites y no paga el tiempo de "
        "observación.",
        (
            "Call SPRAVATO withMe at 1-844-479-4846.",
            "Llame a SPRAVATO withMe al 1-844-479-4846.",
        ),
    ),
    "self_pay.withme_government": _w(
        "People with Medicare, Medicaid or other government plans cannot use the SPRAVATO "
        "withMe savings.",
        "Las personas con Medicare, Medicaid u otros planes del gobierno no pueden usar los "
        "ahorros de SPRAVATO withMe.",
    ),
    "clinical_trial.base": _w(
        "A research study may offer treatment outside of insurance. We do not know if a study "
        "near you is looking for people, or who can join.",
        "Un estudio de investigación puede ofrecer tratamiento fuera del seguro. No sabemos si "
        "hay un estudio cerca de usted que busque personas, ni quién puede participar.",
        (
            "Search ClinicalTrials.gov and ask your prescriber if you could join a study.",
            "Busque en ClinicalTrials.gov y pregunte a quien le receta si podría participar en "
            "un estudio.",
        ),
    ),
    "urgency.expedited": _w(
        "Thoughts of suicide make the request urgent. Then the plan must decide faster, often "
        "within 72 hours. This is about paperwork, not medical advice. Your care team decides "
        "your care.",
        "Los pensamientos de suicidio hacen urgente la solicitud. Entonces el plan debe decidir "
        "más rápido, muchas veces en 72 horas. Esto trata del papeleo, no es consejo médico. "
        "Su equipo de salud decide su cuidado.",
        (
            "Ask for a fast (expedited) decision, and a fast appeal if the plan says no.",
            "Pida una decisión rápida (acelerada), y una apelación rápida si el plan dice que no.",
        ),
    ),
}
"""Every rule of the shipped rule files, in a patient's words."""

CRITERIA: Final[dict[str, tuple[Phrase, Phrase]]] = {
    "min_agents": (
        Phrase(
            "The plan's rule on medicines tried is met: the record shows enough depression "
            "medicines that did not help.",
            "Se cumple la regla del plan sobre medicamentos probados: lo que consta muestra "
            "suficientes medicamentos para la depresión que no ayudaron.",
        ),
        Phrase(
            "The plan's rule on medicines tried is not met yet: it wants more depression "
            "medicines that were tried long enough and did not help.",
            "Todavía no se cumple la regla del plan sobre medicamentos probados: pide más "
            "medicamentos para la depresión probados el tiempo suficiente y que no ayudaron.",
        ),
    ),
}
"""The criterion of the default criteria pack, met or not met, in a patient's words."""
