"""X12 835 benchmark: a generated 10 MB remittance (about 23,000 claims) read, classified, summed
up and every claim read for its row, in process and as the whole ``ketacover import 835``
command (``/usr/bin/time``, table and JSON), beside the measured anchors for other readers on
these machines.

The file is generated in a temporary folder at run time (the seeded generator the test fixtures
use) and never committed. Run through ``run.py`` (``make bench``); ``python bench/x12_835.py``
prints just these rows.
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from ketacover.interop.x12 import load_835
from ketacover.interop.x12.report import read_remittance

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


KETACOVER = Path(sys.executable).parent / "ketacover"
TIME = Path("/usr/bin/time")


def _import_and_classify(path: Path) -> int:
    """Read the file, sum it up and read every claim for its row (denied or not, and why).
    Returns the claims denied whole or in part."""
    return sum(read_remittance(remittance)[0].denied for remittance in load_835(path))


def whole_process(args: list[str], runs: int = RUNS) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system) seconds of ``ketacover ARGS`` as ``/usr/bin/time``
    reports them, output to /dev/null, after one warm-up run (the file and the modules in the
    page cache). On a busy machine the wall clock waits for a core; the CPU time does not."""
    command = [str(TIME), "-f", "%e %U %S", str(KETACOVER), *args]
    wall, cpu = [], []
    for run in range(runs + 1):
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"ketacover {' '.join(args)} failed: {done.stderr.strip()[-300:]}")
        if run:
            elapsed, user, system = done.stderr.strip().splitlines()[-1].split()
            wall.append(float(elapsed))
            cpu.append(float(user) + float(system))
    return wall, cpu


def timing(measured: tuple[list[float], list[float]]) -> str:
    """``0.84 s (best 0.81 s; CPU 0.80 s)``: median and best wall clock, median CPU time."""
    wall, cpu = measured
    median, best = statistics.median(wall), min(wall)
    return f"{median:.2f} s (best {best:.2f} s; CPU {statistics.median(cpu):.2f} s)"


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
        table = whole_process(["import", "835", str(path)])
        as_json = whole_process(["import", "835", str(path), "--json"])
    ours = statistics.median(times)
    name = f"{size_mb:.1f} MB 835 ({CLAIMS:,} claims)"
    return [
        (
            f"`ketacover import 835` of the {name}, whole process (`/usr/bin/time`), table of "
            f"every claim, median of {RUNS}",
            timing(table),
            "< 1 s",
        ),
        (
            f"`ketacover import 835 --json` of the {name}, whole process, median of {RUNS}",
            timing(as_json),
            "< 1 s",
        ),
        (
            f"{name}: read, classified, summed up and every claim read, in process, median of "
            f"{RUNS}",
            f"{ours:.2f} s",
            "-",
        ),
        (f"{name}: x12sdk, parsing only (measured anchor)", "~15 s", "-"),
        (f"{name}: pyx12 4.0, parsing only (measured anchor)", "~45 s", "-"),
        (f"{name}: a Rust-based reader, parsing only (measured anchor)", "~0.33 s", "-"),
    ]


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
