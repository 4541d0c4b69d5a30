"""ketacover benchmarks: assessment throughput and CLI start-up.

Run with ``make bench`` (or ``.venv/bin/python bench/run.py``). Results are printed as a Markdown
table and written into bench/README.md between the result markers, with the machine's details.
``run.py --web-only`` measures the web pages alone and replaces only their rows; ``run.py
--cli-only`` does the same for the command-line rows (``cli.py``).
Bounded: a fixed number of cases and runs; nothing leaves the machine.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sys
import time
from datetime import date
from pathlib import Path

import claims
import cli
import fhir_import
import packet
import web
import x12_271
import x12_835
from generate import TODAY, make_cases
from ketacover.core.coverage import assess
from ketacover.core.deadlines import case_deadlines
from ketacover.interop.casefile import parse_case

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CASES = 10_000


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


WEB_ROWS = re.compile(r"^\| (Case page|Dashboard|Web pages)\b")
"""The rows of the results table that ``web.py`` writes."""
CLI_ROWS = cli.OWN_ROWS
"""The rows of the results table that ``cli.py`` writes."""


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


def _replace_rows(rows: list[tuple[str, str, str]], owned: re.Pattern[str], note: str) -> None:
    """Replace the rows ``owned`` matches with ``rows``, keep the others as last measured, and
    put ``note`` (a sentence such as "Web rows measured ...") in the heading instead of the
    previous sentence about the same rows."""
    text = (HERE / "README.md").read_text()
    block = re.search(r"<!-- results:start -->\n(.*?)<!-- results:end -->", text, flags=re.S)
    lines = block.group(1).splitlines() if block else []
    kept = [line for line in lines if line.startswith("| ") and not owned.match(line)]
    kept = [line for line in kept if not line.startswith("| Benchmark |")]
    first = lines[0] if lines and lines[0].startswith("Measured") else "Measured"
    label = re.escape(note.split(" measured")[0])
    earlier = re.sub(rf" ?{label} measured .*?\.(?= [A-Z]|$)", "", first)
    heading = f"{earlier} {note}"
    _record([*kept, *(f"| {name} | {result} | {goal} |" for name, result, goal in rows)], heading)


def web_only() -> None:
    """Measure the web pages again and replace only their rows of the results table, keeping
    the other rows as they were last measured (``run.py --web-only``)."""
    rows = web.measure()
    load = os.getloadavg()[0]
    note = (
        f"Web rows measured {time.strftime('%Y-%m-%d')} with `run.py --web-only`"
        f" (load average {load:.1f} when they finished)."
    )
    _replace_rows(rows, WEB_ROWS, note)


def cli_only() -> None:
    """Measure the commands again and replace only their rows (``run.py --cli-only``)."""
    rows = cli.measure()
    _replace_rows(rows, CLI_ROWS, f"Command rows measured {time.strftime('%Y-%m-%d %H:%M')}.")


def main() -> None:
    """Run every benchmark and record the results."""
    if "--web-only" in sys.argv[1:]:
        web_only()
        return
    if "--cli-only" in sys.argv[1:]:
        cli_only()
        return
    texts = [json.dumps(data) for data in make_cases(CASES)]
    # One warm-up pass loads rule files and code tables, as a long-running server would have.
    for text in texts[:50]:
        assess(parse_case(text, fmt="json"), TODAY)
    validate_rate, assess_rate, both_rate = _throughput(texts, TODAY)

    rows = [
        ("Validation only (JSON text to Case)", f"{validate_rate:,.0f} cases/s", "-"),
        ("Assessment only (6 pathways, checklist)", f"{assess_rate:,.0f} cases/s", "-"),
        ("Validation + assessment + deadlines", f"{both_rate:,.0f} cases/s", ">= 5,000 cases/s"),
    ]
    rows += cli.measure()
    rows += packet.measure()
    rows += claims.measure()
    rows += x12_835.measure()
    rows += fhir_import.measure()
    rows += x12_271.measure()
    rows += web.measure()
    heading = f"Measured {time.strftime('%Y-%m-%d')} on {_machine()}; {CASES:,} generated cases."
    _record([f"| {name} | {result} | {goal} |" for name, result, goal in rows], heading)


if __name__ == "__main__":
    main()
