"""The committed 835 fixtures: reproduced by their script, and valid for pyx12 (an independent
X12 validator)."""

import logging
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[2] / "fixtures" / "x12"
NAMES = ("denials.835", "compact.835", "medium.835")


def test_the_script_reproduces_the_committed_files_exactly(make):
    made = make.files()
    assert sorted(made) == sorted(NAMES)
    for name, text in made.items():
        assert (FIXTURES / name).read_bytes() == text.encode("ascii"), name


def test_one_fixture_has_line_breaks_between_segments_and_one_has_none():
    assert "~\n" in (FIXTURES / "denials.835").read_text()
    compact = (FIXTURES / "compact.835").read_text()
    assert "\n" not in compact
    assert compact.count("~CLP*") == 40


def test_the_committed_files_stay_small():
    assert all((FIXTURES / name).stat().st_size < 100_000 for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_pyx12_validates_each_fixture(name, caplog):
    import pyx12.params
    import pyx12.x12n_document

    with caplog.at_level(logging.ERROR, logger="pyx12"):
        ok = pyx12.x12n_document.x12n_document(
            param=pyx12.params.params(),
            src_file=str(FIXTURES / name),
            fd_997=None,
            fd_html=None,
        )
    assert ok, [record.getMessage() for record in caplog.records]
    assert not [r for r in caplog.records if r.getMessage().startswith("Line:")]


def test_pyx12_catches_a_broken_fixture(tmp_path, caplog):
    import pyx12.params
    import pyx12.x12n_document

    broken = (FIXTURES / "denials.835").read_text().replace("CAS*PR*1*50**2*90", "CAS*PR*1*50*2*90")
    path = tmp_path / "broken.835"
    path.write_text(broken)
    with caplog.at_level(logging.ERROR, logger="pyx12"):
        ok = pyx12.x12n_document.x12n_document(
            param=pyx12.params.params(), src_file=str(path), fd_997=None, fd_html=None
        )
    assert not ok
