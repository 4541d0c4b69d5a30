"""ketacover benchmarks: assessment throughput and CLI start-up.

Run with ``make bench`` (or ``.venv/bin/python bench/run.py``). Results are printed as a Markdown
table and written into bench/README.md between the result markers, with the machine's details.
``run.py --web-only`` measures the web pages alone and replaces only their rows.
Bounded: a fixed number of cases and runs; nothing leaves the machine.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import claims
import fhir_import
import packet
import web
import x12_835
from generate import TODAY, make_cases
from ketacover.core.coverage import assess
from ketacover.core.deadlines import case_deadlines
from ketacover.interop.casefile import parse_case

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CASES = 10_000
CLI_RUNS = 7


def _throughput(texts: list[str], today: date) -> tuple[float, float, float]:
    """Cases per second for validation only, assessment only, and both (plus deadlines)."""
    start = time.perf_counter()
    cases = [parse_case(text, fmt="json", name=f"case-{i}") for i, text in enumerate(texts)]
    validated = time.perf_counter() - start

    start = time.perf_counter()
    for case in cases:
        assess(case, today)
    assessed = time.perf_counter() - start

    start = time.perf_counter()
    for i, text in enumerate(texts):
        case = parse_case(text, fmt="json", name=f"case-{i}")
        assess(case, today)
        case_deadlines(case, today)
    both = time.perf_counter() - start
    n = len(texts)
    return n / validated, n / assessed, n / both


def _cli_ms(args: list[str]) -> tuple[float, float]:
    """Median and best wall time, in ms, of a fresh ``ketacover`` process (cold interpreter)."""
    exe = str(Path(sys.executable).with_name("ketacover"))
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    subprocess.run([exe, *args], capture_output=True, check=False, env=env)  # warm the disk cache
    times = []
    for _ in range(CLI_RUNS):
        start = time.perf_counter()
        subprocess.run([exe, *args], capture_output=True, check=False, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


WEB_ROWS = re.compile(r"^\| (Case page|Dashboard|Web pages)\b")
"""The rows of the results table that ``web.py`` writes."""


def _record(table_rows: list[str], heading: str) -> None:
    """Write ``table_rows`` (Markdown rows) under ``heading`` between the result markers."""
    table = "\n".join([heading, "", "| Benchmark | Result | Goal |", "|---|---|---|", *table_rows])
    print(table)
    readme = HERE / "README.md"
    text = readme.read_text()
    updated = re.sub(
        r"(<!-- results:start -->\n).*?(<!-- results:end -->)",
        lambda m: m.group(1) + table + "\n" + m.group(2),
        text,
        flags=re.S,
    )
    readme.write_text(updated)


def _machine() -> str:
    return (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.machine()}"
    )


def web_only() -> None:
    """Measure the web pages again and replace only their rows of the results table, keeping
    the other rows as they were last measured (``run.py --web-only``)."""
    text = (HERE / "README.md").read_text()
    block = re.search(r"<!-- results:start -->\n(.*?)<!-- results:end -->", text, flags=re.S)
    lines = block.group(1).splitlines() if block else []
    kept = [line for line in lines if line.startswith("| ") and not WEB_ROWS.match(line)]
    kept = [line for line in kept if not line.startswith("| Benchmark |")]
    rows = [f"| {name} | {result} | {goal} |" for name, result, goal in web.measure()]
    first = lines[0] if lines and lines[0].startswith("Measured") else "Measured"
    load = os.getloadavg()[0]
    heading = (
        first.split(" Web rows measured")[0]
        + f" Web rows measured {time.strftime('%Y-%m-%d')} with `run.py --web-only`"
        + f" (load average {load:.1f} when they finished)."
    )
    _record([*kept, *rows], heading)


def main() -> None:
    """Run every benchmark and record the results."""
    if "--web-only" in sys.argv[1:]:
        web_only()
        return
    texts = [json.dumps(data) for data in make_cases(CASES)]
    # One warm-up pass loads rule files and code tables, as a long-running server would have.
    for text in texts[:50]:
        assess(parse_case(text, fmt="json"), TODAY)
    validate_rate, assess_rate, both_rate = _throughput(texts, TODAY)

    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "case.json"
        one.write_text(texts[0])
        help_ms = _cli_ms(["--help"])
        assess_ms = _cli_ms(["assess", str(one), "--today", TODAY.isoformat()])

    rows = [
        ("Validation only (JSON text to Case)", f"{validate_rate:,.0f} cases/s", "-"),
        ("Assessment only (6 pathways, checklist)", f"{assess_rate:,.0f} cases/s", "-"),
        ("Validation + assessment + deadlines", f"{both_rate:,.0f} cases/s", ">= 5,000 cases/s"),
        (
            "`ketacover --help`, cold process (median / best)",
            f"{help_ms[0]:.0f} ms / {help_ms[1]:.0f} ms",
            "< 200 ms",
        ),
        (
            "`ketacover assess` one case, cold process (median / best)",
            f"{assess_ms[0]:.0f} ms / {assess_ms[1]:.0f} ms",
            "< 500 ms",
        ),
    ]
    rows += packet.measure()
    rows += claims.measure()
    rows += x12_835.measure()
    rows += fhir_import.measure()
    rows += web.measure()
    heading = f"Measured {time.strftime('%Y-%m-%d')} on {_machine()}; {CASES:,} generated cases."
    _record([f"| {name} | {result} | {goal} |" for name, result, goal in rows], heading)


if __name__ == "__main__":
    main()
