import subprocess
import sys

import pytest

from ketacover.core.codes.icd10cm_search import CodeMatch, billable_codes_under, search


def codes(query, **kwargs):
    return [match.code for match in search(query, **kwargs)]


@pytest.mark.parametrize("query", ["F33", "f33", "F33.", "recurrent severe", "recur sev"])
def test_it_finds_f33_2_by_code_prefix_and_by_words(query):
    assert "F33.2" in codes(query)


def test_a_code_search_lists_the_codes_under_the_prefix_in_order():
    assert codes("F33.4") == ["F33.4", "F33.40", "F33.41", "F33.42"]
    assert codes("F33")[:4] == ["F33", "F33.0", "F33.1", "F33.2"]


def test_each_match_carries_the_official_description_and_billable_status():
    category, *rest = search("F33")
    assert category == CodeMatch(
        code="F33", description="Major depressive disorder, recurrent", billable=False
    )
    assert (
        CodeMatch(
            code="F33.2",
            description="Major depressive disorder, recurrent severe without psychotic features",
            billable=True,
        )
        in rest
    )


def test_a_word_search_puts_billable_and_specific_codes_first():
    found = search("complex regional pain")
    assert found[0].billable
    assert {"G90.50", "G90.511"} <= {m.code for m in found}
    assert all(
        "complex" in m.description.lower() and "regional" in m.description.lower() for m in found
    )


def test_a_code_like_query_that_begins_no_code_is_tried_as_words():
    assert any(m.code.startswith("D51") for m in search("b12"))


@pytest.mark.parametrize("query", ["", "   ", "--", "zzzzqq", "qqqq depressive"])
def test_nothing_is_found_for_empty_or_unknown_queries(query):
    assert search(query) == ()


def test_the_limit_caps_the_matches():
    assert len(search("depress", limit=3)) == 3
    assert len(search("F3", limit=5)) == 5


def test_it_lists_the_billable_codes_under_a_category():
    assert billable_codes_under("F33.4") == ("F33.40", "F33.41", "F33.42")
    assert billable_codes_under("f33", limit=2) == ("F33.0", "F33.1")
    assert billable_codes_under("F33.2") == ("F33.2",)


def test_importing_the_module_does_not_load_the_classification():
    code = (
        "import sys, ketacover.core.codes.icd10cm_search; print('simple_icd_10_cm' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_searching_depress_lists_the_f32_and_f33_codes_before_any_other():
    found = codes("depress", limit=40)
    assert "F33.2" in found[:3]
    first_other = next(i for i, code in enumerate(found) if not code.startswith(("F32", "F33")))
    assert first_other >= 20
    assert not any(code.startswith(("P91", "T50")) for code in found[:first_other])


def test_the_clinics_conditions_come_before_other_chapters_for_each_treatment():
    assert codes("post-traumatic stress")[0].startswith("F43.1")
    assert codes("anxiety")[0].startswith("F41")
    assert codes("bipolar")[0].startswith("F31")
    assert codes("complex regional pain")[0].startswith("G90.5")
    assert codes("chronic pain")[0].startswith("G89")


def test_other_mental_health_codes_come_before_other_chapters():
    found = codes("dependence")
    tiers = [0 if code.startswith("F") else 1 for code in found]
    assert tiers == sorted(tiers)


def test_a_whole_word_match_ranks_before_a_word_it_only_begins():
    found = search("pain")
    whole = ["pain" in m.description.lower().replace(",", " ").split() for m in found]
    assert whole[0]
