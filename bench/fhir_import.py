"""FHIR import benchmark: ``ketacover import fhir`` of a 60,000-resource bundle, whole process.

Two bundles are generated in a temporary folder at run time (never committed), from the
Epic-shaped export the tests use (``tests/fixtures/fhir/exports/make_exports.py``):

- a large export: the Epic-shaped patient record plus vital signs up to 60,000 resources, as a
  long patient history exports (every vital sign is read far enough to be set aside);
- 60,000 invalid Observations (a value that is not a number) beside the patient: they are not
  scale totals, so the import sets them aside and completes.

Each is imported by a fresh ``ketacover import fhir`` process (the case file written, the report
printed to a pipe), median of 5 runs after one warm-up run. Run through ``run.py``
(``make bench``); ``python bench/fhir_import.py`` prints just these rows.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "tests" / "fixtures" / "fhir" / "exports" / "make_exports.py"
RESOURCES = 60_000
RUNS = 5
VITALS = ("8867-4", "29463-7", "85354-6", "8310-5", "9279-1")

Row = tuple[str, str, str]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_exports", GENERATOR)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the FHIR export generator at {GENERATOR}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def large_export(make: ModuleType) -> dict[str, Any]:
    """The Epic-shaped export grown with vital signs to :data:`RESOURCES` resources."""
    bundle: dict[str, Any] = make.epic()
    entries = list(bundle["entry"])
    for number in range(RESOURCES - len(entries)):
        ident = f"eVit.{number}"
        resource = {
            "resourceType": "Observation",
            "id": ident,
            "status": "final",
            "category": [{"coding": [{"code": "vital-signs"}]}],
            "code": {"coding": [{"system": make.LOINC, "code": VITALS[number % len(VITALS)]}]},
            "subject": {"reference": f"Patient/{make.EPIC_PATIENT}"},
            "effectiveDateTime": f"20{10 + number % 16:02d}-0{1 + number % 9}-1{number % 10}",
            "valueQuantity": {"value": 60 + number % 40, "unit": "1", "system": make.UCUM},
        }
        entries.append(
            {
                "fullUrl": f"{make.EPIC}Observation/{ident}",
                "resource": resource,
                "search": {"mode": "match"},
            }
        )
    return {**bundle, "total": len(entries), "entry": entries}


def invalid_observations(make: ModuleType) -> dict[str, Any]:
    """The Epic patient and :data:`RESOURCES` - 1 Observations whose value is not a number."""
    patient = make.epic()["entry"][0]
    bad = [
        {
            "resource": {
                "resourceType": "Observation",
                "id": f"bad-{number}",
                "status": "final",
                "code": {"coding": [{"system": make.LOINC, "code": "29463-7"}], "text": "x"},
                "valueQuantity": {"value": "not a number"},
            }
        }
        for number in range(RESOURCES - 1)
    ]
    return {"resourceType": "Bundle", "type": "collection", "entry": [patient, *bad]}


def _median_seconds(path: Path, output: Path) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of the import, in seconds. The CPU
    time says what the import costs when other work shares the machine's cores."""
    exe = str(Path(sys.executable).with_name("ketacover"))
    command = [exe, "import", "fhir", str(path), "-o", str(output)]
    subprocess.run(command, capture_output=True, check=False)  # warm the disk cache
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            raise RuntimeError(f"ketacover import fhir failed on {path.name}: {done.returncode}")
    return statistics.median(walls), statistics.median(cpus)


def measure() -> list[Row]:
    """The FHIR import rows of the results table."""
    make = _generator()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, bundle in (
            ("Epic-shaped export, mostly vital signs", large_export(make)),
            ("all but the patient invalid Observations", invalid_observations(make)),
        ):
            path = Path(tmp) / "bundle.json"
            path.write_text(json.dumps(bundle), encoding="utf-8")
            size = path.stat().st_size / 1_000_000
            wall, cpu = _median_seconds(path, Path(tmp) / "case.yaml")
            name = (
                f"`ketacover import fhir`, {RESOURCES:,} resources ({size:.0f} MB, {label}), "
                f"whole process, median of {RUNS}"
            )
            load = os.getloadavg()[0]
            result = f"{wall:.2f} s ({cpu:.2f} s CPU; load average {load:.1f})"
            rows.append((name, result, "< 3 s"))
    return rows


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
