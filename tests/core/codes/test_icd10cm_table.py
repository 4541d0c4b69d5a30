import importlib.util
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

from ketacover.core.codes import icd10cm, icd10cm_search, icd10cm_table
from ketacover.core.errors import KetacoverError

ROOT = Path(__file__).resolve().parents[3]
GENERATOR = ROOT / "tools" / "make_icd10cm_table.py"


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("make_icd10cm_table", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def library():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm

    return simple_icd_10_cm


@pytest.fixture
def fresh_table():
    icd10cm_table._member.cache_clear()
    icd10cm_table._letters.cache_clear()
    yield
    icd10cm_table._member.cache_clear()
    icd10cm_table._letters.cache_clear()


def read_table(path):
    with zipfile.ZipFile(path) as archive:
        return b"".join(archive.read(name) for name in sorted(archive.namelist()))


def test_the_committed_table_is_what_the_installed_package_gives(generator, library):
    committed = read_table(generator.TABLE)
    expected = generator.build(library)
    assert committed.decode("utf-8").splitlines() == expected.decode("utf-8").splitlines()


def test_every_description_matches_the_package(library):
    table = dict(icd10cm_table.rows())
    assert len(table) > 98_000
    differing = [
        code
        for code in library.get_all_codes(with_dots=True)
        if code[:1].isalpha()
        and "-" not in code
        and table.get(icd10cm.compact(code)) != library.get_description(code)
    ]
    assert differing == []


def test_the_table_lists_exactly_the_codes_the_code_list_holds():
    codes = [code for code, _ in icd10cm_table.rows()]
    assert codes == sorted(set(codes))
    assert set(codes) == set(icd10cm._sorted_codes())


@pytest.mark.parametrize(
    ("bare", "text"),
    [
        ("A00", "Cholera"),
        ("F332", "Major depressive disorder, recurrent severe without psychotic features"),
        ("B20", "Human immunodeficiency virus [HIV] disease"),
        ("Z9989", "Dependence on other enabling machines and devices"),
        (
            "H353113",
            "Nonexudative age-related macular degeneration, right eye, advanced atrophic "
            "without subfoveal involvement/\tadvanced dry stage",
        ),
    ],
)
def test_a_code_is_described_from_the_table_including_the_first_and_last_lines(bare, text):
    assert icd10cm_table.description(bare) == text


@pytest.mark.parametrize("bare", ["F3", "F33.2", "F332 ", "", "F420", "é"])
def test_only_a_whole_entry_is_found(bare):
    assert icd10cm_table.description(bare) is None


def test_describing_and_searching_do_not_import_the_package():
    script = (
        "import sys; from ketacover.core.codes import icd10cm, icd10cm_search; "
        "assert icd10cm.describe('F33.2'); assert icd10cm_search.search('recurrent severe'); "
        "print('simple_icd_10_cm' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_single_category_block_is_now_found_by_search():
    assert icd10cm_search.search("B20")[0].code == "B20"


def test_the_generator_writes_the_same_file_twice(generator, tmp_path, library, monkeypatch):
    monkeypatch.setattr(generator, "load_classification", lambda: library)
    first, second = tmp_path / "one.zip", tmp_path / "two.zip"
    generator.main([str(first)])
    generator.main([str(second)])
    assert first.read_bytes() == second.read_bytes()
    assert read_table(first).startswith(b"A00\tCholera\n")
    with zipfile.ZipFile(first) as archive:
        assert archive.read("F.tsv").startswith(b"F01\t")


def test_the_generator_refuses_a_description_with_a_line_break(generator):
    class Broken:
        def get_all_codes(self, with_dots=True):
            return ["1", "A00-A09", "A00"]

        def get_description(self, code, prioritize_blocks=False):
            return "Cholera\ninjected"

    with pytest.raises(ValueError, match="A00 cannot be written on one line"):
        generator.build(Broken())


def test_a_missing_table_is_a_loud_error(monkeypatch, fresh_table):
    monkeypatch.setattr(icd10cm_table, "TABLE_FILE", "data/absent.zip")
    with pytest.raises(KetacoverError, match=r"table is missing: data/absent\.zip"):
        icd10cm_table.description("F332")


def test_a_damaged_table_is_a_loud_error(monkeypatch, fresh_table):
    monkeypatch.setattr(icd10cm_table, "TABLE_FILE", "icd10cm_table.py")
    with pytest.raises(KetacoverError, match=r"table icd10cm_table\.py is damaged"):
        icd10cm_table.description("F332")


def test_a_valid_code_missing_from_the_table_is_a_loud_error(monkeypatch):
    monkeypatch.setattr(icd10cm_table, "description", lambda bare: None)
    with pytest.raises(KetacoverError, match=r"no entry for F33\.2: regenerate"):
        icd10cm.describe("F33.2")
