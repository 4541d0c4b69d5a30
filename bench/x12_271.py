"""X12 271 benchmark: eligibility responses read into the case's terms, in process (a generated
file of 5,000 subscribers, the seeded generator the test fixtures use) and as the whole
``ketacover import 271 FILE --case CASE`` command for one patient (``/usr/bin/time``).

Run through ``run.py`` (``make bench``); ``python bench/x12_271.py`` prints just these rows.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

from ketacover.interop.x12.eligibility import parse_271
from x12_835 import RUNS, timing, whole_process

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "x12"
SUBSCRIBERS = 5_000

Row = tuple[str, str, str]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_271", FIXTURES / "make_271.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the 271 generator in {FIXTURES}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def measure() -> list[Row]:
    """The 271 rows of the results table."""
    text = _generator().large(SUBSCRIBERS)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        parse_271(text)
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    one = whole_process(
        [
            "import",
            "271",
            str(FIXTURES / "ppo-active-mh.271"),
            "--case",
            str(ROOT / "examples" / "esketamine-ready-ppo.yaml"),
        ]
    )
    size_kb = len(text) / 1000
    return [
        (
            f"271 with {SUBSCRIBERS:,} subscribers ({size_kb:,.0f} KB) read into the case's terms, "
            f"in process, median of {RUNS}",
            f"{SUBSCRIBERS / seconds:,.0f} subscribers/s ({seconds:.2f} s)",
            "-",
        ),
        (
            f"`ketacover import 271 --case` of one response, whole process, median of {RUNS}",
            timing(one),
            "-",
        ),
    ]


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
