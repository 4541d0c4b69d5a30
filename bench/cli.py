"""Command-line start-up: whole ``ketacover`` processes, timed from outside.

Each command runs as a fresh process (the console script, as a user types it), once to warm the
disk cache and then ``RUNS`` times; the row gives the median and the best wall time, the median
CPU time (user + system: what the process itself spent, which a busy machine inflates less than
wall time) and the largest peak resident memory of the runs, both as ``/usr/bin/time`` reports
them. Load averages are recorded, since the machine may be shared: wall times measured at a load
above the number of cores are noisy and should be measured again.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RUNS = 5
TODAY = "2026-11-23"
READY = str(ROOT / "examples" / "esketamine-ready-ppo.yaml")
REAUTH = str(ROOT / "examples" / "approved-pa-reauth.yaml")

TIME = "/usr/bin/time"
"""GNU time (Debian package ``time``), which reports the command's CPU time and peak memory."""

OWN_ROWS = re.compile(r"^\| `ketacover[^|]*(whole process \(wall median|commands: load average)")
"""The rows of the results table this module writes, so ``run.py --cli-only`` can replace them
(other benches have rows about ``ketacover`` commands too)."""


def commands(out: Path) -> list[tuple[str, list[str], int]]:
    """``(label, arguments, goal in ms)`` for every command measured, writing into ``out``."""
    return [
        ("`ketacover --help`", ["--help"], 200),
        ("`ketacover codes F33.2`", ["codes", "F33.2"], 300),
        ("`ketacover validate` one case", ["validate", READY], 300),
        ("`ketacover assess` one case", ["assess", READY, "--today", TODAY], 300),
        (
            "`ketacover letter medical-necessity` as PDF",
            ["letter", "medical-necessity", READY, "-o", str(out / "letter.pdf"), "--today", TODAY],
            500,
        ),
        (
            "`ketacover packet` as PDF",
            ["packet", READY, "-o", str(out / "packet.pdf"), "--today", TODAY],
            500,
        ),
        (
            "`ketacover superbill` as PDF",
            ["superbill", REAUTH, "-o", str(out / "superbill.pdf"), "--today", TODAY],
            500,
        ),
    ]


def run_once(arguments: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak resident memory (kB) of one ``ketacover`` process.

    The process runs under ``/usr/bin/time``, a small program, so the peak memory is the
    command's own: a child forked straight from this bench would count the bench's memory too.
    """
    exe = str(Path(sys.executable).with_name("ketacover"))
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        done = subprocess.run(
            [TIME, "-f", "%U %S %M", "-o", report.name, exe, *arguments],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            check=False,
        )
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"ketacover {' '.join(arguments)} exited {done.returncode}")
        user, system, peak = report.read().split()[-3:]
    return wall, float(user) + float(system), int(peak)


def measure(runs: int = RUNS) -> list[tuple[str, str, str]]:
    """One row per command: median and best wall time, peak memory, and the goal."""
    rows = []
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        for label, arguments, goal in commands(Path(tmp)):
            run_once(arguments)  # warm the disk cache
            samples = [run_once(arguments) for _ in range(runs)]
            walls = [wall * 1000 for wall, _, _ in samples]
            cpu = statistics.median(cpu * 1000 for _, cpu, _ in samples)
            peak = max(rss for _, _, rss in samples) / 1024
            rows.append(
                (
                    f"{label}, whole process (wall median / best of {runs}; CPU; peak memory)",
                    f"{statistics.median(walls):.0f} ms / {min(walls):.0f} ms;"
                    f" CPU {cpu:.0f} ms; {peak:.0f} MB",
                    f"< {goal} ms",
                )
            )
    loads.append(os.getloadavg()[0])
    rows.append(
        (
            "`ketacover` commands: load average at start / end (2 cores)",
            f"{loads[0]:.1f} / {loads[1]:.1f}",
            "-",
        )
    )
    return rows
