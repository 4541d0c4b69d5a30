"""X12 835 benchmark: a generated 10 MB remittance (about 23,000 claims) read, classified and
summed up, beside the measured anchors for other readers on these machines.

The file is generated in a temporary folder at run time (the seeded generator the test fixtures
use) and never committed. Run through ``run.py`` (``make bench``); ``python bench/x12_835.py``
prints just these rows.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from ketacover.interop.x12 import load_835, summarize

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "tests" / "fixtures" / "x12" / "make_835.py"
CLAIMS = 23_000
RUNS = 5

Row = tuple[str, str, str]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_835", GENERATOR)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the 835 generator at {GENERATOR}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _import_and_classify(path: Path) -> int:
    """Read the file and sum it up; summing up reads every claim (denied or not, and why) with
    :func:`ketacover.interop.x12.outcome`. Returns the claims denied whole or in part."""
    return sum(summarize(remittance).denied for remittance in load_835(path))


def measure() -> list[Row]:
    """The 835 rows of the results table."""
    make = _generator()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.835"
        text = make.render(make.generated(CLAIMS), newlines=False, control=900)
        path.write_text(text, encoding="ascii", newline="")
        size_mb = path.stat().st_size / 1_000_000
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            _import_and_classify(path)
            times.append(time.perf_counter() - start)
    ours = statistics.median(times)
    name = f"{size_mb:.1f} MB 835 ({CLAIMS:,} claims)"
    return [
        (f"{name}: read, classified and summed up, median of {RUNS}", f"{ours:.2f} s", "<= 1 s"),
        (f"{name}: x12sdk, parsing only (measured anchor)", "~15 s", "-"),
        (f"{name}: pyx12 4.0, parsing only (measured anchor)", "~45 s", "-"),
        (f"{name}: a Rust-based reader, parsing only (measured anchor)", "~0.33 s", "-"),
    ]


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
