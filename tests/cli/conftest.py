import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ketacover.cli import app

CASES = Path(__file__).parents[1] / "fixtures" / "cases"
TODAY = "2026-11-23"


class Run:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, list(args), input=input, env={"COLUMNS": "200"})


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture
def case_folder(tmp_path: Path) -> Path:
    for name in ("esketamine-ppo.yaml", "minimal.json", "invalid-dates.yaml"):
        shutil.copy(CASES / name, tmp_path / name)
    (tmp_path / "README.txt").write_text("not a case file")
    return tmp_path
