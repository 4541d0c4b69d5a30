import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

FIXTURES = Path(__file__).parents[2] / "fixtures" / "x12"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_835", FIXTURES / "make_835.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


MAKE = _load_generator()


@pytest.fixture
def make() -> ModuleType:
    return MAKE


@pytest.fixture
def denials_text() -> str:
    return (FIXTURES / "denials.835").read_text()


@pytest.fixture
def denials(denials_text):
    from ketacover.interop.x12 import parse_835

    [remittance] = parse_835(denials_text)
    return remittance


@pytest.fixture
def claims(denials):
    return {claim.patient_control_number: claim for claim in denials.claims}


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, FIXTURES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


MAKE_271 = _load("make_271")


@pytest.fixture
def make_271() -> ModuleType:
    return MAKE_271


@pytest.fixture
def run():
    from typer.testing import CliRunner

    from ketacover.cli import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), env={"COLUMNS": "200"})
