"""The outlook: the real engine on every reading, merged into what holds whatever the unknowns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ketacover.core.coverage import PathwayId, Verdict, assess
from ketacover.core.deadlines import DeadlineKind
from ketacover.core.model import Outcome, Treatment
from ketacover.core.navigator.answers import (
    AgeGroup,
    Answers,
    Condition,
    Coverage,
    Medication,
    PlanKind,
    Severity,
)
from ketacover.core.navigator.outlook import outlook
from ketacover.core.navigator.readings import build_case

TODAY = date(2026, 11, 23)
DEPRESSED = {
    "conditions": frozenset({Condition.DEPRESSION}),
    "recurrent": True,
    "severity": Severity.SEVERE,
    "psychotic": False,
    "bipolar": False,
    "treatment": Treatment.ESKETAMINE,
}


def test_one_reading_gives_exactly_the_engines_assessment():
    answers = Answers(
        age=AgeGroup.ADULT,
        coverage=Coverage.EMPLOYER,
        plan_kind=PlanKind.SELF_FUNDED,
        medications=(Medication("sertraline", Outcome.NO_RESPONSE, 10),),
        **DEPRESSED,
    )
    found = outlook(answers, TODAY)
    engine = assess(build_case(answers, TODAY), TODAY)
    assert [(p.pathway, p.verdict) for p in found.pathways] == [
        (p.pathway, p.verdict) for p in engine.pathways
    ]
    for merged, own in zip(found.pathways, engine.pathways, strict=True):
        assert [r.item for r in merged.reasons] == list(own.reasons)
        assert [m.item for m in merged.missing] == list(own.missing)
        assert all(not r.only_if for r in merged.reasons)
        assert not merged.depends


def test_an_unknown_age_makes_esketamine_depend_on_it():
    found = outlook(Answers(coverage=Coverage.TRICARE, **DEPRESSED), TODAY)
    esketamine = found.pathway(PathwayId.ESKETAMINE_PA)
    by_age = {reading.age: verdict for reading, verdict in esketamine.by_reading}
    assert by_age[AgeGroup.MINOR] is Verdict.UNLIKELY
    assert by_age[AgeGroup.ADULT] is not Verdict.UNLIKELY
    assert esketamine.depends
    assert esketamine.verdict is Verdict.UNKNOWN
    adult_only = [r for r in esketamine.reasons if r.only_if]
    assert any(r.item.rule_id == "esketamine.adult" for r in adult_only)
    self_pay = found.pathway(PathwayId.SELF_PAY)
    assert not self_pay.depends


def test_medicare_of_unknown_kind_keeps_each_kinds_deadline_and_documents_follow_the_earliest():
    answers = Answers(
        age=AgeGroup.ADULT,
        coverage=Coverage.MEDICARE,
        denial=True,
        denial_date=date(2026, 11, 2),
        **DEPRESSED,
    )
    found = outlook(answers, TODAY)
    filings = [d for d in found.deadlines if d.item.kind is DeadlineKind.APPEAL_FILING]
    assert len(filings) == 2
    assert all(len(d.only_if) == 1 for d in filings)
    assert found.document.kind is PlanKind.MEDICARE_ADVANTAGE
    earliest = min(d.item.due for d in filings)
    assert any(
        d.item.due == earliest and d.only_if[0].kind is PlanKind.MEDICARE_ADVANTAGE for d in filings
    )
    assert found.document_assessment is found.assessments[found.readings.index(found.document)]


def test_an_employer_plan_of_unknown_funding_agrees_on_everything():
    answers = Answers(
        age=AgeGroup.ADULT,
        coverage=Coverage.EMPLOYER,
        denial=True,
        denial_date=date(2026, 11, 2),
        **DEPRESSED,
    )
    found = outlook(answers, TODAY)
    assert len(found.readings) == 2
    assert not any(p.depends for p in found.pathways)
    assert [d.only_if for d in found.deadlines] == [()]
    assert found.document is found.readings[0]


def test_costs_come_from_the_document_reading_and_need_a_treatment():
    priced = outlook(
        Answers(
            age=AgeGroup.ADULT, treatment=Treatment.IV_KETAMINE, price_per_session=Decimal("500")
        ),
        TODAY,
    )
    assert priced.costs is not None
    assert priced.costs.pathway(PathwayId.SELF_PAY).net == Decimal("3000.00")
    assert outlook(Answers(age=AgeGroup.ADULT), TODAY).costs is None


def test_suicidal_thoughts_make_every_reading_expedited():
    assert outlook(Answers(suicidal=True, coverage=Coverage.EMPLOYER), TODAY).expedited
    assert not outlook(Answers(coverage=Coverage.EMPLOYER), TODAY).expedited


def test_a_pathway_can_be_looked_up_and_an_unknown_one_is_a_key_error():
    found = outlook(Answers(), TODAY)
    assert found.pathway(PathwayId.CLINICAL_TRIAL).verdict is Verdict.POSSIBLE
    try:
        found.pathway("nothing")  # type: ignore[arg-type]
    except KeyError:
        pass
    else:
        raise AssertionError("expected a KeyError")
