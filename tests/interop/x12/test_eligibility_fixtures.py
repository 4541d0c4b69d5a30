"""The committed 271 fixtures and the 270s ketacover writes: reproduced by their script, and
valid for pyx12 (an independent X12 validator) with the 005010X279A1 maps derived by
``tests/fixtures/x12/pyx12_maps.py``. pyx12's verdict is read from its output line
``FILE: OK``, not only from its exit status."""

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "x12"
NAMES = (
    "ppo-active-mh.271",
    "inactive.271",
    "hdhp-deductible.271",
    "prior-auth.271",
    "medicare-hets.271",
    "rejected.271",
)
X12VALID = Path(sys.executable).parent / "x12valid"


def _maps_module():
    spec = importlib.util.spec_from_file_location("pyx12_maps", FIXTURES / "pyx12_maps.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def map_path(tmp_path_factory) -> Path:
    return _maps_module().build(tmp_path_factory.mktemp("pyx12"))


def _validate(path: Path, map_path: Path) -> tuple[bool, str]:
    """pyx12's verdict on a copy of ``path`` (x12valid writes a 997 acknowledgment beside the
    file it checks, so it checks a copy in a temporary folder, never the fixture itself)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        done = subprocess.run(
            [str(X12VALID), "--map-path", str(map_path), str(copy)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    output = done.stdout + done.stderr
    ok_line = f"{copy}: OK" in output.splitlines()
    return ok_line and "Line:" not in output, output


def test_the_script_reproduces_the_committed_files_exactly(make_271):
    made = make_271.files()
    assert sorted(made) == sorted(NAMES)
    for name, text in made.items():
        assert (FIXTURES / name).read_bytes() == text.encode("ascii"), name


@pytest.mark.parametrize("name", NAMES)
def test_pyx12_validates_each_271_fixture(name, map_path):
    ok, output = _validate(FIXTURES / name, map_path)
    assert ok, output


def test_pyx12_catches_a_broken_271(tmp_path, map_path):
    broken = (
        (FIXTURES / "ppo-active-mh.271")
        .read_text()
        .replace("EB*C*IND*30***23*1500", "EB*C*IND*30***23*1500*0.2*X")
    )
    path = tmp_path / "broken.271"
    path.write_text(broken)
    ok, output = _validate(path, map_path)
    assert not ok
    assert "Line:" in output


EXAMPLES = sorted(
    path
    for path in (ROOT / "examples").glob("*.yaml")
    if "member_id:" in path.read_text() and "npi:" in path.read_text()
)


@pytest.mark.parametrize("case", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_pyx12_validates_the_270_written_for_each_example_case(case, tmp_path, map_path, run):
    out = tmp_path / f"{case.stem}.270"
    result = run(
        "export",
        "270",
        str(case),
        "-o",
        str(out),
        "--payer-id",
        "EXH01",
        "--control-number",
        "7",
        "--today",
        "2026-12-01",
    )
    assert result.exit_code == 0, result.output
    ok, output = _validate(out, map_path)
    assert ok, output
