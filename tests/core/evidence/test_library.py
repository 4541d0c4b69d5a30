"""The evidence library: fields exactly as facts.md section 9 verifies them, tags, selection."""

from __future__ import annotations

from datetime import date

import pytest

from ketacover.core import evidence
from ketacover.core.evidence import (
    CLAIMS,
    Citation,
    Condition,
    EvidenceFileError,
    Tags,
    UnknownEvidenceError,
    all_citations,
    citation,
    condition_of,
    parse_citations,
    select,
)
from ketacover.core.evidence import library as library_module
from ketacover.core.model import Case, Diagnosis, Patient, Treatment
from ketacover.core.sources import Confidence

PATIENT = Patient(given_name="Test", family_name="Person", date_of_birth=date(1980, 1, 1))


def case_with(*codes: str, primary: str | None = None) -> Case:
    return Case(
        id="case-evidence",
        patient=PATIENT,
        diagnoses=tuple(Diagnosis(code=code, primary=code == primary) for code in codes),
    )


def test_it_formats_a_citation_in_ama_style():
    assert citation("zarate-2006").formatted() == (
        "Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an "
        "N-methyl-D-aspartate antagonist in treatment-resistant major depression. "
        "Arch Gen Psychiatry. 2006;63(8):856-864. doi:10.1001/archpsyc.63.8.856. PMID 16894061."
    )


@pytest.mark.parametrize(
    "citation_id",
    [
        "feder-2014",
        "feder-2021",
        "anand-2023",
        "fu-2020",
        "schwartzman-2009",
        "cohen-2018",
        "sanacora-2017",
    ],
)
def test_it_leaves_out_the_pmids_facts_marks_unverified(citation_id):
    item = citation(citation_id)
    assert item.pmid is None
    assert "PMID" not in item.formatted()


def test_it_leaves_out_the_unverified_fu_doi_and_sanacora_issue():
    assert citation("fu-2020").doi is None
    assert "doi:" not in citation("fu-2020").formatted()
    sanacora = citation("sanacora-2017")
    assert sanacora.issue is None
    assert "JAMA Psychiatry. 2017;74:399-405." in sanacora.formatted()


def test_no_unverified_identifier_appears_anywhere_in_the_library():
    text = " ".join(item.formatted() for item in all_citations())
    for unverified in (
        "24740528",
        "33397139",
        "37224232",
        "32412700",
        "10.4088/JCP.19m13191",
        "19783371",
        "29870458",
        "28249076",
    ):
        assert unverified not in text


@pytest.mark.parametrize(
    ("citation_id", "confidence"),
    [
        ("zarate-2006", Confidence.VERIFIED),
        ("berman-2000", Confidence.PARTLY_VERIFIED),
        ("feder-2021", Confidence.PARTLY_VERIFIED),
        ("popova-2019", Confidence.PARTLY_VERIFIED),
        ("daly-2019", Confidence.PARTLY_VERIFIED),
        ("reif-2023", Confidence.PARTLY_VERIFIED),
        ("schwartzman-2009", Confidence.PARTLY_VERIFIED),
        ("sanacora-2017", Confidence.PARTLY_VERIFIED),
        ("anand-2023", Confidence.VERIFIED),
        ("cohen-2018", Confidence.VERIFIED),
    ],
)
def test_a_citation_with_a_partly_verified_field_says_so(citation_id, confidence):
    assert citation(citation_id).confidence is confidence


def test_only_elekt_d_supports_non_inferiority_to_ect():
    supporters = [item.id for item in all_citations() if item.supports("non_inferior_to_ect")]
    assert supporters == ["anand-2023"]


def test_ketect_is_cited_for_severe_depression_and_its_finding_says_ect_was_superior():
    ketect = citation("ekstrand-2022")
    assert ketect.tags.claims == ("severe_depression",)
    assert ketect.finding is not None
    assert "ECT was superior on remission (63%)" in ketect.finding
    assert "46%" in ketect.finding


@pytest.mark.parametrize(
    ("citation_id", "figures"),
    [("anand-2023", ("55.4%", "41.2%")), ("reif-2023", ("27.1%", "17.6%", "week 8"))],
)
def test_key_findings_carry_the_figures_facts_gives(citation_id, figures):
    finding = citation(citation_id).finding
    assert finding is not None
    for figure in figures:
        assert figure in finding


def test_findings_appear_only_where_facts_states_one():
    with_finding = {item.id for item in all_citations() if item.finding}
    assert with_finding == {
        "anand-2023",
        "ekstrand-2022",
        "reif-2023",
        "schwartzman-2009",
        "cohen-2018",
        "esketamine-monotherapy-2025",
        "abdallah-2022",
    }


def test_every_claim_tag_is_a_known_claim():
    for item in all_citations():
        assert set(item.tags.claims) <= set(CLAIMS)


def test_it_selects_ketamine_evidence_for_depression_newest_first_without_counterpoints():
    chosen = select(condition="depression", treatment=Treatment.IV_KETAMINE)
    assert [c.id for c in chosen] == [
        "anand-2023",
        "ekstrand-2022",
        "mcintyre-2021",
        "sanacora-2017",
        "murrough-2013",
        "zarate-2006",
        "berman-2000",
    ]


def test_it_ranks_by_the_first_claim_asked_for_and_drops_citations_supporting_none():
    chosen = select(
        condition="depression",
        treatment=Treatment.IV_KETAMINE,
        claims=["non_inferior_to_ect", "consensus", "severe_depression"],
    )
    assert [c.id for c in chosen] == [
        "anand-2023",
        "mcintyre-2021",
        "sanacora-2017",
        "ekstrand-2022",
    ]


def test_it_limits_the_selection():
    chosen = select(condition="depression", treatment=Treatment.ESKETAMINE, limit=2)
    assert [c.id for c in chosen] == ["esketamine-monotherapy-2025", "reif-2023"]


def test_suicidal_ideation_puts_the_aspire_trials_before_depression_evidence():
    chosen = select(condition="suicidal_ideation", treatment=Treatment.ESKETAMINE)
    assert [c.id for c in chosen][:2] == ["ionescu-2021", "fu-2020"]
    assert "reif-2023" in [c.id for c in chosen]


def test_the_counterpoint_is_returned_only_when_asked_for():
    plain = select(condition="ptsd", treatment=Treatment.IV_KETAMINE)
    assert [c.id for c in plain] == ["feder-2021", "feder-2014"]
    asked = select(condition="ptsd", treatment=Treatment.IV_KETAMINE, claims=["counterpoint"])
    assert [c.id for c in asked] == ["abdallah-2022"]


def test_pain_evidence_is_the_consensus_guideline_and_the_crps_trial():
    chosen = select(
        condition="pain", treatment=Treatment.IV_KETAMINE, claims=["consensus", "efficacy"]
    )
    assert [c.id for c in chosen] == ["cohen-2018", "schwartzman-2009"]


@pytest.mark.parametrize(
    ("condition", "treatment"),
    [
        ("pain", Treatment.ESKETAMINE),
        ("other", Treatment.IV_KETAMINE),
        ("depression", Treatment.IM_KETAMINE),
    ],
)
def test_it_selects_nothing_where_the_library_has_no_evidence(condition, treatment):
    assert select(condition=condition, treatment=treatment) == ()


def test_it_rejects_an_unknown_condition_naming_the_known_ones():
    with pytest.raises(UnknownEvidenceError, match=r"crps.*depression, suicidal_ideation"):
        select(condition="crps", treatment=Treatment.IV_KETAMINE)


def test_it_rejects_an_unknown_claim_naming_the_known_ones():
    with pytest.raises(UnknownEvidenceError, match=r"'equivalent_to_ect'.*efficacy"):
        select(
            condition="depression", treatment=Treatment.IV_KETAMINE, claims=["equivalent_to_ect"]
        )


def test_it_rejects_an_unknown_citation_id():
    with pytest.raises(UnknownEvidenceError, match="'nobody-1999'"):
        citation("nobody-1999")


@pytest.mark.parametrize(
    ("codes", "primary", "expected"),
    [
        (("F33.2",), "F33.2", "depression"),
        (("F32.A",), None, "depression"),
        (("F332", "R45.851"), "F332", "suicidal_ideation"),
        (("R45.851",), None, "suicidal_ideation"),
        (("R45.851", "F43.12"), "F43.12", "ptsd"),
        (("F43.10",), None, "ptsd"),
        (("G90.522",), "G90.522", "pain"),
        (("G56.41",), None, "pain"),
        (("G57.73",), None, "pain"),
        (("G89.4",), None, "pain"),
        (("M79.7",), None, "pain"),
        (("F41.1", "F43.12"), "F41.1", "ptsd"),
        (("F31.4",), "F31.4", "other"),
        ((), None, "other"),
    ],
)
def test_it_finds_the_condition_from_the_icd10cm_codes(codes, primary, expected):
    assert condition_of(case_with(*codes, primary=primary)) == expected


def test_the_primary_diagnosis_decides_the_condition():
    assert condition_of(case_with("G89.4", "F33.2", primary="F33.2")) == "depression"
    assert condition_of(case_with("G89.4", "F33.2", primary="G89.4")) == "pain"


def test_short_names_the_first_author_and_trial():
    assert citation("anand-2023").short == "Anand et al. (ELEKT-D), 2023"
    assert (
        citation("esketamine-monotherapy-2025").short
        == "JAMA Psychiatry (esketamine monotherapy RCT), 2025"
    )


def test_formatted_leaves_out_a_missing_volume_and_title():
    assert citation("esketamine-monotherapy-2025").formatted() == (
        "JAMA Psychiatry. 2025. doi:10.1001/jamapsychiatry.2025.1317. PMID 40601310."
    )


def test_formatted_keeps_pages_without_an_issue_and_ends_each_part_with_a_period():
    item = Citation(
        id="x-2000",
        authors="Doe J",
        title="Is it a question?",
        journal="J Test",
        year=2000,
        volume="1",
        pages="1-2",
        tags=Tags(
            conditions=(Condition.DEPRESSION,), treatments=(Treatment.IV_KETAMINE,), claims=()
        ),
        confidence=Confidence.VERIFIED,
    )
    assert item.formatted() == "Doe J. Is it a question? J Test. 2000;1:1-2."
    assert item.short == "Doe, 2000"


GOOD = """
[[citation]]
id = "a-2000"
authors = "Doe J"
journal = "J Test"
year = 2000
confidence = "verified"
conditions = ["depression"]
treatments = ["iv_ketamine"]
claims = ["efficacy"]
"""


def test_it_parses_a_well_formed_file():
    (item,) = parse_citations(GOOD, "test.toml")
    assert item.tags == Tags((Condition.DEPRESSION,), (Treatment.IV_KETAMINE,), ("efficacy",))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not toml [", r"bad\.toml: "),
        ("[other]\nx = 1", r"bad\.toml: expected one or more \[\[citation\]\] tables"),
        (
            GOOD.replace('authors = "Doe J"', 'author = "Doe J"'),
            r"'a-2000': unknown key\(s\) author",
        ),
        (GOOD.replace('journal = "J Test"\n', ""), r"'a-2000': missing key\(s\) journal"),
        (GOOD.replace("year = 2000", 'year = "2000"'), "year must be a whole number"),
        (GOOD.replace("year = 2000", "year = true"), "year must be a whole number"),
        (GOOD.replace('"efficacy"', '"equivalence"'), r"unknown claim\(s\) equivalence"),
        (GOOD.replace('["depression"]', '["gout"]'), "'gout' is not a valid Condition"),
        (GOOD.replace('["iv_ketamine"]', "[]"), "must each name at least one"),
        (GOOD.replace('["iv_ketamine"]', "[1]"), "treatments must be a list of text"),
        (GOOD.replace('authors = "Doe J"', 'authors = ""'), "authors must be non-empty text"),
        (GOOD.replace('authors = "Doe J"\n', ""), "needs authors, a title or a DOI"),
        (GOOD.replace('"verified"', '"sure"'), "'sure' is not a valid Confidence"),
        (GOOD + GOOD, "'a-2000': the id is used twice"),
        (GOOD.replace('id = "a-2000"\n', ""), r"citation '#1': missing key\(s\) id"),
    ],
)
def test_it_rejects_a_malformed_file_naming_the_file_and_the_citation(text, message):
    with pytest.raises(EvidenceFileError, match=message) as caught:
        parse_citations(text, "bad.toml")
    assert str(caught.value).startswith("bad.toml")


def test_a_missing_data_file_is_a_loud_error_naming_it(monkeypatch):
    class Missing:
        def joinpath(self, name):
            return self

        def read_text(self, encoding):
            raise FileNotFoundError("citations.toml")

    monkeypatch.setattr(library_module.resources, "files", lambda package: Missing())
    library_module._library.cache_clear()
    try:
        with pytest.raises(EvidenceFileError, match=r"core/evidence/citations.toml: .*missing"):
            evidence.all_citations()
    finally:
        monkeypatch.undo()
        library_module._library.cache_clear()
    assert all_citations()
