"""Rule files and packs: shipped files load, and every malformed file is a loud, precise error."""

from __future__ import annotations

from datetime import date

import pytest

from ketacover.core.coverage import PathwayId, Verdict, assess, list_packs, load_rules
from ketacover.core.coverage.rulebook import parse_pack
from ketacover.core.coverage.rules import parse_rules, parse_toml
from ketacover.core.errors import RuleFileError
from ketacover.core.history import Criteria

TODAY = date(2026, 11, 23)

PACK = """
[pack]
id = "example_clinic_payer"
name = "Example payer esketamine criteria"
payer = "Example Health"
explain = "Three adequate failed trials of 6 weeks each."
source = "Example Health policy 12.3"
confidence = "verified"
as_of = 2026-11-01

[pack.criteria]
min_agents = 3
min_weeks = 6

[[rule]]
id = "example_clinic_payer.psychiatrist"
pathway = "esketamine_pa"
needs = ["prescriber.psychiatry"]
when = { is_false = "prescriber.psychiatry" }
effect = { ceiling = "unlikely" }
explain = "Example Health asks for a psychiatrist."
source = "Example Health policy 12.3"
confidence = "verified"
as_of = 2026-11-01
"""

RULE = """
[[rule]]
id = "x.rule"
pathway = "self_pay"
needs = ["patient.age"]
when = {when}
effect = {{ ceiling = "possible" }}
explain = "Words."
source = "cfr-45-147-136"
confidence = "verified"
as_of = 2026-11-23
"""


def load(text: str):
    return parse_rules(parse_toml(text, "x.toml")["rule"], "x.toml", text)


def test_a_shipped_rule_cites_the_public_document_its_source_id_names():
    (rule,) = load(RULE.format(when='{ fact = "patient.age", gte = 18 }'))
    assert rule.reason.source == "45 CFR 147.136"


def test_a_rule_citing_several_documents_joins_their_citations():
    text = RULE.format(when='{ fact = "patient.age", gte = 18 }').replace(
        'source = "cfr-45-147-136"', 'source = ["cfr-45-147-136", "cfr-42-422-572"]'
    )
    (rule,) = load(text)
    assert rule.reason.source == "45 CFR 147.136; 42 CFR 422.572"


def test_a_clinics_own_pack_may_cite_its_payers_policy_in_words():
    pack = parse_pack(PACK, "clinic pack", shipped=False)
    assert pack.source == "Example Health policy 12.3"
    assert pack.rules[0].reason.source == "Example Health policy 12.3"


def test_a_shipped_pack_must_cite_by_id():
    with pytest.raises(RuleFileError, match="not an id in the sources list"):
        parse_pack(PACK, "packs/example.toml")


def test_it_ships_the_payer_packs_of_the_sources_list():
    packs = {pack.id: pack for pack in list_packs()}
    assert set(packs) == {
        "generic_commercial",
        "bcbs_nc",
        "carefirst_caremark",
        "bcbs_ma_087",
        "bcbs_nd",
        "premera",
        "highmark",
        "cigna",
        "bcbs_ok",
        "bcbs_ms",
        "triple_s",
        "qualchoice",
        "texas_medicaid",
        "medical_mutual",
        "mercy_care_az",
    }
    assert packs["bcbs_nc"].criteria == Criteria(
        min_agents=2, min_classes=2, min_weeks=6, max_improvement_percent=25
    )
    assert packs["carefirst_caremark"].criteria.within_years == 5
    assert packs["bcbs_ma_087"].criteria.min_agents == 4
    assert all(pack.source for pack in packs.values())


def test_every_shipped_rule_names_a_source_and_a_date():
    book = load_rules()
    for rules in book.rules.values():
        for rule in rules:
            assert rule.reason.source
            assert rule.reason.as_of <= TODAY
            assert rule.origin.startswith("rules/")


def test_it_loads_an_extra_pack_given_as_text(make_case, make_plan):
    case = make_case(plan=make_plan(criteria_pack="example_clinic_payer"))
    esk = assess(case, TODAY, extra_packs=[("clinic/example.toml", PACK)]).pathway(
        PathwayId.ESKETAMINE_PA
    )
    assert esk.verdict is Verdict.UNLIKELY
    assert any("the criteria ask for 3, so 1 more is needed" in r.explain for r in esk.reasons)


def test_it_rejects_an_extra_pack_that_reuses_a_shipped_id():
    text = PACK.replace('"example_clinic_payer"', '"bcbs_nc"', 1)
    with pytest.raises(RuleFileError, match=r"clinic\.toml: pack id 'bcbs_nc' is already"):
        load_rules([("clinic.toml", text)])


def test_it_names_the_file_and_line_of_malformed_toml():
    text = PACK.replace("min_weeks = 6", "min_weeks = = 6")
    with pytest.raises(RuleFileError, match=r"^bad\.toml, line 13: "):
        parse_pack(text, "bad.toml")


def test_it_names_the_last_line_when_toml_ends_early():
    with pytest.raises(RuleFileError, match=r"^bad\.toml, line \d+: "):
        parse_toml("a = [", "bad.toml")


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ('{ fact = "patient.age", gt = 17 }', "unknown operator gt for fact 'patient.age'"),
        ("{ some = [] }", "unknown operator in condition"),
        ('{ fact = "patient.height", gte = 1 }', "unknown fact 'patient.height'"),
        ('{ is_true = "patient.age" }', "is_true needs a yes/no fact"),
        ('{ fact = "patient.age", gte = "old" }', "gte on patient.age needs a number value"),
        ('{ fact = "plan.plan_type", eq = "hmo " }', "is not one of"),
        ('{ fact = "plan.plan_type", gte = "hmo" }', "gte needs a number or date fact"),
        ('{ fact = "plan.plan_type", in = [] }', "in on plan.plan_type needs a non-empty list"),
        ("{ all = [] }", "all takes a non-empty list"),
        ('{ all = [{ is_true = "urgent" }], any = [] }', "exactly one key"),
        ('{ is_true = "urgent", is_false = "urgent" }', "stand alone"),
        ('"urgent"', "a condition must be a table"),
    ],
)
def test_it_names_the_file_and_rule_of_a_bad_condition(when, message):
    text = RULE.format(when=when).replace(
        'needs = ["patient.age"]', 'needs = ["patient.age", "plan.plan_type", "urgent"]'
    )
    with pytest.raises(RuleFileError, match=r"^x\.toml, rule x\.rule \(line 3\): ") as error:
        load(text)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('explain = "Words."', 'explain = "Words."\ncolour = "red"', "unknown key(s) colour"),
        ('explain = "Words."', "", "missing key(s) explain"),
        ('pathway = "self_pay"', 'pathway = "lottery"', "unknown pathway"),
        ('needs = ["patient.age"]', 'needs = ["patient.height"]', "unknown fact(s) in needs"),
        ('needs = ["patient.age"]', "needs = []", "not listed in needs: patient.age"),
        ('ceiling = "possible"', 'ceiling = "maybe"', "unknown verdict 'maybe'"),
        ('ceiling = "possible"', 'cap = "possible"', "unknown key(s) in effect: cap"),
        ("as_of = 2026-11-23", 'as_of = "soon"', "as_of must be a date"),
        ('confidence = "verified"', 'confidence = "sure"', "'sure' is not a valid Confidence"),
        ('source = "cfr-45-147-136"', 'source = ""', "source must be non-empty text"),
        (
            'source = "cfr-45-147-136"',
            'source = "Somewhere."',
            "source 'Somewhere.' is not an id in the sources list",
        ),
        ('ceiling = "possible"', 'missing = ["urgent"]', "missing must list facts named in needs"),
        ('ceiling = "possible"', 'actions = ["call"]', "actions entries are tables"),
        ('ceiling = "possible"', 'actions = [{ text = "x", due = "soon" }]', "unknown due 'soon'"),
        ("effect = {", "effect = 3\n#", "effect must be a table"),
        ('needs = ["patient.age"]', 'needs = "patient.age"', "needs must be a list"),
        ('pathway = "self_pay"', "pathway = []", "at least one pathway"),
    ],
)
def test_it_names_the_file_and_rule_of_a_structural_problem(old, new, message):
    text = RULE.format(when='{ fact = "patient.age", gte = 18 }').replace(old, new, 1)
    with pytest.raises(RuleFileError, match=r"^x\.toml, rule x\.rule") as error:
        load(text)
    assert message in str(error.value)


def test_it_rejects_a_duplicate_rule_id_and_a_rule_that_is_not_a_table():
    text = RULE.format(when='{ fact = "patient.age", gte = 18 }')
    with pytest.raises(RuleFileError, match="duplicate rule id"):
        load(text + text)
    with pytest.raises(RuleFileError, match="each rule must be a table"):
        parse_rules(["x"], "x.toml", "")
    with pytest.raises(RuleFileError, match=r"array of tables"):
        parse_rules({"id": "x"}, "x.toml", "")
    assert parse_rules(None, "x.toml", "") == ()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('payer = "Example Health"\n', "", "missing key(s) payer"),
        ('payer = "Example Health"', 'payer = "Example Health"\nurl = "x"', "unknown key(s) url"),
        ("min_agents = 3", "min_agnets = 3", "unknown criteria key(s) min_agnets"),
        ("min_agents = 3", "min_agents = -1", "criteria.min_agents must be a whole number"),
        ("min_agents = 3", "min_agents = true", "criteria.min_agents must be a whole number"),
        ("min_agents = 3", "current_episode = 1", "criteria.current_episode must be true or"),
        ("as_of = 2026-11-01\n\n[pack.criteria]", 'as_of = "x"\n\n[pack.criteria]', "as_of"),
        ('name = "Example payer esketamine criteria"', 'name = ""', "name must be non-empty"),
        ('pathway = "esketamine_pa"', 'pathway = "self_pay"', "pack rules may only apply"),
    ],
)
def test_it_names_the_pack_file_of_a_bad_pack(old, new, message):
    text = PACK.replace(old, new, 1)
    with pytest.raises(RuleFileError, match=r"^pack\.toml") as error:
        parse_pack(text, "pack.toml", shipped=False)
    assert message in str(error.value)


def test_it_rejects_pack_files_without_a_pack_table_or_with_stray_tables():
    with pytest.raises(RuleFileError, match="needs a \\[pack\\] table"):
        parse_pack("[[rule]]\nid = 'x'\n", "p.toml")
    with pytest.raises(RuleFileError, match="unknown top-level key"):
        parse_pack(PACK + "\n[extra]\na = 1\n", "p.toml")
    text = PACK.split("[pack.criteria]")[0].replace(
        "as_of = 2026-11-01\n", "as_of = 2026-11-01\ncriteria = 3\n", 1
    )
    with pytest.raises(RuleFileError, match="criteria must be a table"):
        parse_pack(text, "p.toml")
