import subprocess
import sys
import warnings
from datetime import date
from types import SimpleNamespace

import pytest

from ketacover.core.codes import icd10cm
from ketacover.core.errors import InvalidCodeError, KetacoverError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("F332", "F33.2"),
        ("f33.2", "F33.2"),
        (" F33.2 ", "F33.2"),
        ("F33", "F33"),
        ("t400x1a", "T40.0X1A"),
        ("", ""),
    ],
)
def test_it_normalizes_case_dots_and_spaces(text, expected):
    assert icd10cm.normalize(text) == expected


@pytest.mark.parametrize(
    "code",
    [
        "F33.2",
        "F33.4",
        "F32.A",
        "G90.50",
        "G90.511",
        "G89.4",
        "F43.10",
        "F43.12",
        "R45.851",
        "F41.1",
        "M79.7",
        "F32.1",
        "F33",
        "T40.0X1A",
    ],
)
def test_it_accepts_codes_of_the_fy2026_table(code):
    assert icd10cm.validate(code) == code
    assert icd10cm.is_valid(code)


@pytest.mark.parametrize(
    ("code", "billable"),
    [
        ("F33.2", True),
        ("F33.4", False),
        ("F33.40", True),
        ("F33", False),
        ("F32.A", True),
        ("G90.511", True),
        ("G90.5", False),
        ("R45.851", True),
        ("T40.0X1", False),
        ("T40.0X1A", True),
        ("F42.0", False),
        ("Z99.89", True),
        ("F99", True),
        ("B20", True),
        ("B10", False),
    ],
)
def test_it_knows_which_codes_are_billable(code, billable):
    assert icd10cm.is_billable(code) is billable


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("", "ICD-10-CM code is empty"),
        ("   ", "ICD-10-CM code is empty"),
        ("33.2", "must start with a letter"),
        ("F3", "3 to 7 characters"),
        ("F33.21234", "3 to 7 characters"),
        ("FF3", "second character must be a digit"),
        ("F3$", "only letters and digits"),
        ("X99.999", "not in the ICD-10-CM April 2026 release (FY2026) code set"),
        ("F42.0", "not in the ICD-10-CM April 2026 release (FY2026) code set"),
        ("F42.1", "not in the ICD-10-CM April 2026 release (FY2026) code set"),
    ],
)
def test_it_rejects_invalid_codes_with_a_message_naming_the_problem(code, problem):
    with pytest.raises(InvalidCodeError, match="ICD-10-CM code") as raised:
        icd10cm.validate(code)
    assert problem in str(raised.value)
    assert not icd10cm.is_valid(code)


def test_it_lists_the_valid_codes_of_the_category_when_a_who_code_is_used():
    with pytest.raises(InvalidCodeError) as raised:
        icd10cm.validate("F42.0")
    assert str(raised.value).endswith(
        "the billable codes of category F42 are F42.2, F42.3, F42.4, F42.8, F42.9"
    )


def test_it_counts_the_billable_codes_of_a_large_category_instead_of_listing_them():
    with pytest.raises(InvalidCodeError, match="category X99 has 15 billable codes"):
        icd10cm.validate("X99.999")


@pytest.mark.parametrize(("code", "category"), [("J99.99", "J99"), ("F99.1", "F99")])
def test_it_says_when_the_category_itself_is_the_billable_code(code, category):
    with pytest.raises(
        InvalidCodeError, match=f"the category {category} is itself the billable code"
    ):
        icd10cm.validate(code)


def test_it_gives_no_hint_when_the_category_does_not_exist():
    with pytest.raises(InvalidCodeError) as raised:
        icd10cm.validate("U99.9")
    assert str(raised.value).endswith("code set")


@pytest.mark.parametrize(
    ("code", "expected"), [("F33.2", "F33"), ("g90511", "G90"), ("F33", "F33")]
)
def test_it_gives_the_three_character_category(code, expected):
    assert icd10cm.category(code) == expected


def test_category_rejects_an_invalid_code():
    with pytest.raises(InvalidCodeError):
        icd10cm.category("F42.0")


@pytest.mark.parametrize(
    ("code", "description"),
    [
        ("F33.2", "Major depressive disorder, recurrent severe without psychotic features"),
        ("f32a", "Depression, unspecified"),
        ("G90.511", "Complex regional pain syndrome I of right upper limb"),
    ],
)
def test_it_describes_a_code_with_the_official_text(code, description):
    assert icd10cm.describe(code) == description


def test_describe_rejects_an_invalid_code_before_loading_the_classification():
    with pytest.raises(InvalidCodeError):
        icd10cm.describe("F42.1")


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2025, 9, 30), 2025),
        (date(2025, 10, 1), 2026),
        (date(2026, 4, 1), 2026),
        (date(2026, 9, 30), 2026),
        (date(2026, 10, 1), 2027),
        (date(2026, 11, 23), 2027),
        (date(2026, 12, 31), 2027),
    ],
)
def test_the_fiscal_year_starts_on_october_first(day, year):
    assert icd10cm.fiscal_year(day) == year


def test_it_warns_that_a_later_fiscal_year_needs_a_recheck():
    warning = icd10cm.table_warning(date(2026, 11, 23))
    assert warning is not None
    assert "FY2027" in warning
    assert "2026-10-01" in warning
    assert "recheck" in warning


@pytest.mark.parametrize(
    "day", [date(2025, 6, 1), date(2025, 10, 1), date(2026, 4, 1), date(2026, 9, 30)]
)
def test_it_gives_no_warning_up_to_the_end_of_the_tables_fiscal_year(day):
    assert icd10cm.table_warning(day) is None


def test_the_table_constants_name_the_release():
    assert icd10cm.TABLE_RELEASE == "ICD-10-CM April 2026 release (FY2026)"
    assert icd10cm.TABLE_FISCAL_YEAR == 2026


def test_the_docstring_example_holds():
    assert icd10cm.validate("f332") == "F33.2"
    assert (icd10cm.is_billable("F33.2"), icd10cm.is_billable("F33.4")) == (True, False)
    assert icd10cm.is_valid("F42.0") is False


@pytest.fixture(scope="module")
def library():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm

    return simple_icd_10_cm


def test_the_leaf_check_agrees_with_the_library_for_every_f_g_m_and_r_code(library):
    codes = [
        code
        for code in library.get_all_codes(with_dots=True)
        if code[:1] in {"F", "G", "M", "R"} and "-" not in code and len(code) >= 3
    ]
    assert len(codes) > 5000
    disagreements = [code for code in codes if icd10cm.is_billable(code) != library.is_leaf(code)]
    assert disagreements == []


def test_every_code_of_the_library_is_valid_and_nothing_else_is(library):
    expected = {
        code
        for code in library.get_all_codes(with_dots=False)
        if code[0].isalpha() and "-" not in code
    }
    codes = icd10cm._sorted_codes()
    assert list(codes) == sorted(codes)
    assert set(codes) == expected


def test_checking_a_code_does_not_import_the_classification():
    script = (
        "import sys; from ketacover.core.codes import icd10cm; "
        "assert icd10cm.is_valid('F33.2') and icd10cm.is_billable('F33.2'); "
        "print('simple_icd_10_cm' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_missing_package_is_a_loud_error(monkeypatch):
    monkeypatch.setattr(icd10cm.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(KetacoverError, match="simple_icd_10_cm is not installed"):
        icd10cm._code_list_path()


def test_a_missing_code_list_file_is_a_loud_error(monkeypatch, tmp_path):
    spec = SimpleNamespace(submodule_search_locations=[str(tmp_path)])
    monkeypatch.setattr(icd10cm.importlib.util, "find_spec", lambda name: spec)
    with pytest.raises(KetacoverError, match=r"code-list-April-2026\.txt does not exist"):
        icd10cm._code_list_path()
