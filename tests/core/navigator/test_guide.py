"""The guide: the engine's answer in a patient's words, with every rule and fact covered."""

from __future__ import annotations

import pytest

from ketacover.core.coverage import PathwayId, Verdict, load_rules
from ketacover.core.coverage.facts import FACTS
from ketacover.core.deadlines import DeadlineKind
from ketacover.core.letters.language import Language, Phrase
from ketacover.core.navigator import fact_words, rule_words, words
from ketacover.core.navigator.guide import guide, reading_words
from ketacover.core.navigator.outlook import outlook

from .scenarios import SCENARIOS, TODAY


def _phrases() -> list[Phrase]:
    found: list[Phrase] = []
    for said in rule_words.RULES.values():
        found += [said.why] + ([said.step] if said.step else [])
    for met, not_met in rule_words.CRITERIA.values():
        found += [met, not_met]
    found += [ask.what for ask in fact_words.FACTS.values()]
    found += [ask.what for _, ask in fact_words.COSTS] + list(fact_words.WHO.values())
    for name in dir(words):
        value = getattr(words, name)
        if isinstance(value, Phrase):
            found.append(value)
        elif isinstance(value, dict):
            found += [v for v in value.values() if isinstance(v, Phrase)]
    return found


def test_every_rule_the_navigator_can_meet_has_patient_words():
    book = load_rules()
    pack, _ = book.pack(None)
    rule_ids = {rule.id for rules in book.rules_with(pack).values() for rule in rules}
    assert rule_ids <= set(rule_words.RULES)
    assert set(rule_words.RULES) <= rule_ids, "words for a rule that is gone"
    assert {f"criteria.{key}" for key in rule_words.CRITERIA} <= set(fact_words.FACTS)


def test_every_fact_the_engine_can_ask_for_has_a_question_and_someone_to_ask():
    assert set(FACTS) <= set(fact_words.FACTS)


def test_every_pathway_verdict_and_deadline_kind_has_words():
    assert set(words.PATHWAYS) == set(PathwayId) == set(words.SHORT_PATHWAYS)
    assert set(words.VERDICTS) == set(Verdict) == set(words.VERDICT_MEANING)
    assert set(words.DEADLINES) == set(DeadlineKind)


def test_every_phrase_has_both_languages_with_the_same_placeholders():
    for phrase in _phrases():
        assert phrase.en.strip()
        assert phrase.es.strip()
        assert phrase.en != phrase.es or phrase.en.isupper()
        assert phrase.placeholders(Language.EN) == phrase.placeholders(Language.ES)


def test_a_cost_gap_without_words_is_an_error_not_a_silence():
    assert fact_words.cost_ask("marginal_tax_rate: give it") is None
    assert (
        fact_words.cost_ask("plan.in_network.deductible: ask")
        == dict(fact_words.COSTS)["plan.in_network"]
    )
    assert (
        fact_words.cost_ask("plan.out_of_network_benefits: ask")
        is fact_words.FACTS["plan.out_of_network_benefits"]
    )
    with pytest.raises(KeyError):
        fact_words.cost_ask("shoe_size: ask")


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize("language", list(Language))
def test_each_situation_gets_a_full_answer_in_each_language(name, language):
    answers = SCENARIOS[name]
    told = guide(outlook(answers, TODAY), answers, language)
    assert sorted(way.pathway for way in told.ways) == sorted(PathwayId)
    assert told.headline is not None
    assert told.headline.pathway is told.ways[0].pathway
    assert told.not_advice == words.NOT_ADVICE.format(language)
    assert all(way.verdict_word and way.meaning for way in told.ways)
    assert all(line.source for way in told.ways for line in way.reasons)
    assert [item.key for item in told.help][-1] == "clinical_trial"


def test_what_to_find_out_is_grouped_by_whom_to_ask():
    answers = SCENARIOS["job plan, Spravato, two failed medicines"]
    told = guide(outlook(answers, TODAY), answers, Language.EN)
    groups = {group.who: group for group in told.find_out}
    assert fact_words.Who.PLAN in groups
    assert any("Spravato covered" in line.text for line in groups[fact_words.Who.PLAN].items)
    assert told.questions, "the core call script's questions for the insurer"
    assert any("covered" in question for question in told.questions)


def test_a_denial_without_its_date_asks_for_the_date_and_starts_no_deadline():
    from ketacover.core.navigator.answers import Answers

    answers = Answers(denial=True)
    told = guide(outlook(answers, TODAY), answers, Language.EN)
    texts = [line.text for group in told.find_out for line in group.items]
    assert fact_words.DENIAL_DATE.what.en in texts
    assert told.deadlines == ()
    assert told.gather[0] == words.DENIAL_HELD.en


def test_deadlines_are_dated_in_the_readers_language():
    answers = SCENARIOS["Medicare of unknown kind, CRPS, denial"]
    found = outlook(answers, TODAY)
    spanish = guide(found, answers, Language.ES)
    assert spanish.deadlines
    assert all(" de 202" in line.due_text for line in spanish.deadlines)
    assert all(
        line.only_if and line.only_if.startswith("Si su plan es") for line in spanish.deadlines
    )
    english = guide(found, answers, Language.EN)
    assert any("Medicare Advantage" in (line.only_if or "") for line in english.deadlines)
    assert any("were not sure" in line for line in english.assumptions)


def test_a_verdict_that_depends_on_the_age_says_so():
    answers = SCENARIOS["Medicaid, bipolar, age unknown"]
    told = guide(outlook(answers, TODAY), answers, Language.EN)
    esketamine = next(way for way in told.ways if way.pathway is PathwayId.ESKETAMINE_PA)
    assert esketamine.verdict is Verdict.UNLIKELY
    iv = next(way for way in told.ways if way.pathway is PathwayId.IV_KETAMINE_PA)
    assert iv.depends is None
    found = outlook(SCENARIOS["Medicaid, bipolar, age unknown"].updated({"bipolar": False}), TODAY)
    told = guide(found, answers, Language.ES)
    esketamine = next(way for way in told.ways if way.pathway is PathwayId.ESKETAMINE_PA)
    assert esketamine.depends is not None
    assert "edad" in esketamine.depends


def test_a_reading_is_named_by_what_it_assumes():
    answers = SCENARIOS["nothing known"].updated({"coverage": "medicare"})
    found = outlook(answers, TODAY)
    names = {reading_words(reading, Language.EN) for reading in found.readings}
    assert "If your plan is Original Medicare and if the patient is under 18" in names


def test_costs_say_what_is_missing_in_patient_words():
    answers = SCENARIOS["job plan, Spravato, two failed medicines"]
    told = guide(outlook(answers, TODAY), answers, Language.EN)
    by_way = {line.pathway: line for line in told.costs}
    assert by_way[PathwayId.SELF_PAY].net_text == "$7,200.00"
    assert by_way[PathwayId.SELF_PAY].needs == ()
    assert by_way[PathwayId.ESKETAMINE_PA].net_text is None
    assert any(
        need.startswith("Ask your health plan") for need in by_way[PathwayId.ESKETAMINE_PA].needs
    )
    assert by_way[PathwayId.SELF_PAY].up_front_text == "$7,200.00"
    assert by_way[PathwayId.CLINICAL_TRIAL].back_text is None


def test_a_payer_criterion_is_told_met_or_not_met():
    from datetime import date as day

    from ketacover.core.coverage import Reason
    from ketacover.core.navigator.guide import _criterion

    met = Reason("generic_commercial.min_agents", "Met (x): 2 of 2", "src", day(2026, 11, 23))
    not_met = Reason("generic_commercial.min_agents", "Not met (x): 0 of 2", "src", met.as_of)
    assert _criterion(met, Language.EN) == rule_words.CRITERIA["min_agents"][0].en
    assert _criterion(not_met, Language.ES) == rule_words.CRITERIA["min_agents"][1].es
    assert _criterion(Reason("esketamine.base", "", "", met.as_of), Language.EN) is None


def test_medicines_that_helped_do_not_meet_the_plans_rule_on_medicines_tried():
    from ketacover.core.model import Outcome
    from ketacover.core.navigator.answers import Medication

    answers = SCENARIOS["job plan, Spravato, two failed medicines"].updated(
        {"medications": [{"name": "sertraline", "outcome": Outcome.RESPONSE.value}]}
    )
    told = guide(outlook(answers, TODAY), answers, Language.EN)
    esketamine = next(way for way in told.ways if way.pathway is PathwayId.ESKETAMINE_PA)
    texts = [line.text for line in esketamine.reasons]
    assert rule_words.CRITERIA["min_agents"][1].en in texts
    assert Medication("x").weeks is None
