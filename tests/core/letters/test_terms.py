"""The names of treatments, pathways, verdicts, codes and clocks in each language."""

from dataclasses import replace
from datetime import date

import pytest

from ketacover.core.codes import procedures
from ketacover.core.coverage import PathwayId, Verdict
from ketacover.core.deadlines import pa_decision_due
from ketacover.core.errors import KetacoverError
from ketacover.core.letters.language import Language
from ketacover.core.letters.terms import (
    PROCEDURES_ES,
    decision_clock,
    pathway_name,
    procedure_label,
    treatment_name,
    verdict_word,
)
from ketacover.core.model import PayerCategory, Treatment, Urgency

ON = date(2026, 11, 23)


def test_english_names_are_the_cores_own_labels():
    for treatment in Treatment:
        assert treatment_name(treatment, Language.EN) == treatment.label
    for pathway in PathwayId:
        assert pathway_name(pathway, Language.EN) == pathway.label
    for verdict in Verdict:
        assert verdict_word(verdict, Language.EN) == verdict.value
    assert procedure_label("96365", Language.EN) == procedures.lookup("96365").label


def test_every_treatment_pathway_and_verdict_has_a_spanish_name():
    names = [treatment_name(t, Language.ES) for t in Treatment]
    names += [pathway_name(p, Language.ES) for p in PathwayId]
    names += [verdict_word(v, Language.ES) for v in Verdict]
    assert all(names)
    assert len(set(names)) == len(names)
    assert treatment_name(Treatment.ESKETAMINE, Language.ES).endswith("(Spravato)")


@pytest.mark.parametrize("minutes", [10, 15, 16, 40, 90, 91, 150, 151, 240])
def test_every_code_a_script_quotes_has_a_spanish_label(minutes):
    codes = {code for code, _ in procedures.infusion_units(minutes)}
    codes |= {"J3490", "96372", "G2082", "G2083", procedures.esketamine_drug_code(ON)}
    codes.add(procedures.esketamine_drug_code(date(2025, 6, 1)))
    assert codes <= set(PROCEDURES_ES)
    for code in codes:
        assert procedure_label(code, Language.ES) == PROCEDURES_ES[code]


def test_a_code_without_a_spanish_label_is_refused_by_name():
    with pytest.raises(KetacoverError, match="90791 has no Spanish label"):
        procedure_label("90791", Language.ES)


@pytest.mark.parametrize("category", list(PayerCategory))
@pytest.mark.parametrize("urgency", list(Urgency))
@pytest.mark.parametrize("submitted", [date(2025, 6, 2), ON])
def test_every_decision_clock_has_spanish_wording(category, urgency, submitted):
    for treatment in Treatment:
        deadline = pa_decision_due(category, urgency, treatment, submitted)
        if deadline is None:
            continue
        spanish = decision_clock(deadline, Language.ES)
        assert decision_clock(deadline, Language.EN) == deadline.clock
        number = deadline.clock.split()[0]
        assert spanish.startswith(f"{number} ")
        assert "días" in spanish or "horas" in spanish


def test_a_clock_without_spanish_wording_is_refused_with_its_rule():
    deadline = pa_decision_due(
        PayerCategory.MEDICARE_ADVANTAGE, Urgency.STANDARD, Treatment.ESKETAMINE, ON
    )
    assert deadline is not None
    odd = replace(deadline, clock="as printed on the notice")
    with pytest.raises(KetacoverError, match=deadline.rule_id):
        decision_clock(odd, Language.ES)
