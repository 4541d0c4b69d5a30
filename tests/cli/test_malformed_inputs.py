"""The corpus of malformed inputs (tests/fixtures/malformed) at the command line: ``ketacover
validate`` for case files, ``ketacover import fhir`` for bundles, ``ketacover import 835`` for
remittances. Each is refused with exit status 2 and a message naming the field or segment and
the problem, quotes nothing the file says about the person, and writes nothing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "malformed_corpus", Path(__file__).parents[1] / "fixtures" / "malformed" / "corpus.py"
)
assert _SPEC is not None
assert _SPEC.loader is not None
corpus = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = corpus
_SPEC.loader.exec_module(corpus)


def _copy(entry, folder: Path) -> Path:
    path = folder / entry.path.name
    path.write_bytes(entry.content())
    return path


def _assert_refused(result, entry, lines: list[str]) -> None:
    field, problem = entry.expected("cli")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    named = [line for line in lines if problem in line and (not field or field in line)]
    assert named, f"no line names {field!r} and {problem!r}: {lines}"
    for word in corpus.PHI:
        assert word not in result.output, word


def _ids(entries):
    return [entry.name for entry in entries]


CASE_FILES = corpus.entries("casefile", "cli")
BUNDLES = corpus.entries("fhir", "cli")
REMITTANCES = corpus.entries("x12", "cli")


@pytest.mark.parametrize("entry", CASE_FILES, ids=_ids(CASE_FILES))
def test_validate_refuses_each_malformed_case_file_by_field_and_problem(run, tmp_path, entry):
    path = _copy(entry, tmp_path)
    result = run("validate", str(path))
    lines = result.stdout.splitlines()
    assert all(line.startswith(f"{path}") for line in lines), lines
    _assert_refused(result, entry, lines)


@pytest.mark.parametrize("entry", BUNDLES, ids=_ids(BUNDLES))
def test_import_fhir_refuses_each_malformed_bundle_and_writes_nothing(run, tmp_path, entry):
    source = tmp_path / "in"
    source.mkdir()
    path = _copy(entry, source)
    output = tmp_path / "out" / "case.yaml"
    output.parent.mkdir()
    result = run("import", "fhir", str(path), "-o", str(output))
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    [line] = lines
    assert line.startswith("ketacover: "), line
    _assert_refused(result, entry, lines)
    assert list(output.parent.iterdir()) == []


@pytest.mark.parametrize("entry", REMITTANCES, ids=_ids(REMITTANCES))
def test_import_835_refuses_each_malformed_remittance_by_segment(run, tmp_path, entry):
    path = _copy(entry, tmp_path)
    result = run("import", "835", str(path), "--today", "2026-11-23")
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    [line] = lines
    assert line.startswith("ketacover: 835 "), line
    _assert_refused(result, entry, lines)


def test_the_corpus_holds_at_least_thirty_inputs_each_tried_somewhere():
    everything = corpus.entries()
    assert len(everything) >= 30
    for entry in everything:
        assert entry.expect["about"], entry.name
        assert entry.expect["problem"], entry.name
        points = [point for point in corpus.ENTRY_POINTS[entry.kind] if entry.applies(point)]
        assert points, entry.name


def test_every_input_of_the_corpus_has_its_expectation_and_nothing_else_lies_there():
    for kind in corpus.KINDS:
        folder = corpus.HERE / kind
        inputs = {path.name for path in folder.iterdir() if path.suffix != ".expect"}
        sidecars = {path.name.removesuffix(".expect") for path in folder.glob("*.expect")}
        assert inputs == sidecars, kind
