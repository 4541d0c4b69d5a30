"""Financing and help: only what the domain facts say, with their sources."""

from __future__ import annotations

from ketacover.core.costs import tax, withme
from ketacover.core.letters.language import Language
from ketacover.core.model import PayerCategory, Treatment
from ketacover.core.navigator.answers import Condition
from ketacover.core.navigator.help import CLINICAL_TRIALS_SEARCH, help_items, trial_search_link


def _items(**kwargs):
    base = {
        "language": Language.EN,
        "treatment": Treatment.ESKETAMINE,
        "category": PayerCategory.COMMERCIAL_SELF_FUNDED,
        "state": "OH",
        "conditions": frozenset({Condition.DEPRESSION}),
    }
    return {item.key: item for item in help_items(**{**base, **kwargs})}


def test_spravato_withme_is_described_from_the_programs_own_page():
    item = _items()["withme"]
    text = " ".join(item.lines)
    assert withme.PHONE in text
    assert withme.FAX in text
    assert "$10.00 per visit" in text
    assert "does not pay for the time you are watched" in text
    assert withme.PROGRAM_SOURCE in item.sources
    assert withme.CAPS_SOURCE in item.sources
    assert item.link == withme.PROGRAM_SOURCE.url
    assert "MA, MI, MN, RI" in text


def test_government_plans_are_told_the_savings_are_not_for_them():
    item = _items(category=PayerCategory.MEDICARE)["withme"]
    text = " ".join(item.lines)
    assert "not for people with Medicare" in text
    assert "$10" not in text
    assert withme.GOVERNMENT_EXCLUSION_SOURCE in item.sources


def test_an_unknown_plan_hears_both_the_savings_and_who_is_left_out():
    item = _items(category=None)["withme"]
    text = " ".join(item.lines)
    assert "$10.00" in text
    assert "government plans" in text


def test_the_observation_rebate_is_not_offered_where_it_is_not_valid():
    text = " ".join(_items(state="MN")["withme"].lines)
    assert "not valid in MN, where you live" in text


def test_withme_is_left_out_for_iv_ketamine():
    assert "withme" not in _items(treatment=Treatment.IV_KETAMINE)


def test_hsa_limits_come_from_the_cost_tables_with_the_fsa_limit_partly_verified():
    item = _items()["hsa_fsa"]
    text = " ".join(item.lines)
    assert "$4,400.00" in text
    assert "$8,750.00" in text
    assert "$3,400.00" in text
    assert tax.HEALTH_FSA_LIMIT_SOURCE in item.sources


def test_trials_point_to_a_clinicaltrials_gov_search_and_name_no_study():
    item = _items(language=Language.ES)["clinical_trial"]
    assert item.link == f"{CLINICAL_TRIALS_SEARCH}?cond=depression&intr=esketamine"
    assert "No conocemos ningún estudio" in " ".join(item.lines)
    assert trial_search_link(None, frozenset()) == f"{CLINICAL_TRIALS_SEARCH}?intr=ketamine"
