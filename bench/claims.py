"""Claim benchmark: one claim composed from a case and written as an X12 837P and as a CMS-1500
PDF (whole form and data only), and 1,000 claims composed and written as one 837P batch; plus
the whole ``ketacover claim`` process.

Run through ``run.py`` (``make bench``); ``python bench/claims.py`` prints just these rows.
"""

from __future__ import annotations

import dataclasses
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from ketacover.core.billing import claims as case_claims
from ketacover.core.billing import compose
from ketacover.core.billing.good_faith import estimate
from ketacover.interop.casefile import load_case
from ketacover.interop.x12.professional import Interchange, write_837
from ketacover.render.cms1500 import cms1500_pdf
from ketacover.render.good_faith import good_faith_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "approved-pa-reauth.yaml"
SELF_PAY = ROOT / "examples" / "self-pay-iv-ketamine-gfe.yaml"
ON = date(2026, 11, 10)
AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
RUNS = 21
BATCH = 1_000
PROCESS_RUNS = 5

Row = tuple[str, str, str]


def _median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure() -> list[Row]:
    """The claim rows of the results table."""
    case = load_case(EXAMPLE)
    interchange = Interchange(
        sender_id="1414141410", receiver_id="OEI01", receiver_name="Ocean Example Insurance",
        control_number=1, created=AT,
    )  # fmt: skip
    one = _median_ms(lambda: write_837([compose(case, on=ON)], interchange=interchange), RUNS)
    form = _median_ms(lambda: cms1500_pdf([compose(case, on=ON)]), RUNS)
    form_data = _median_ms(lambda: cms1500_pdf([compose(case, on=ON)], data_only=True), RUNS)
    self_pay = load_case(SELF_PAY)
    gfe = _median_ms(lambda: good_faith_pdf(estimate(self_pay), issued=AT.date()), RUNS)
    per_case = len(case.sessions)
    cases = [dataclasses.replace(case, id=f"case-{n:05d}") for n in range(-(-BATCH // per_case))]

    def batch() -> str:
        made = [claim for each in cases for claim in case_claims(each)][:BATCH]
        return write_837(made, interchange=interchange)

    size = len(batch().encode())
    many = _median_ms(batch, 5)
    process = _process_ms()
    return [
        ("Claim composed and written as 837P (1 claim, 4 lines), median", f"{one:.2f} ms", ""),
        ("Claim composed and written as CMS-1500 PDF, whole form, median", f"{form:.1f} ms",
         "<= 30 ms"),
        ("Claim composed and written as CMS-1500 PDF, data only, median", f"{form_data:.1f} ms",
         "<= 30 ms"),
        ("Good Faith Estimate composed and written as PDF (6 sessions), median",
         f"{gfe:.1f} ms", ""),
        (
            f"1,000 claims composed and written as one 837P ({size // 1024} KB), median of 5",
            f"{many / 1000:.2f} s",
            "< 1 s",
        ),
        ("`ketacover claim` of one date of service to .837, whole process, median of 5",
         f"{process:.0f} ms", ""),
    ]  # fmt: skip


def _process_ms() -> float:
    command = [str(Path(sys.executable).with_name("ketacover")), "claim", str(EXAMPLE), "--session"]
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "claim.837")
        run = [*command, ON.isoformat(), "-o", out]
        subprocess.run(run, check=True, capture_output=True)
        times = []
        for _ in range(PROCESS_RUNS):
            start = time.perf_counter()
            subprocess.run(run, check=True, capture_output=True)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    for name, result, goal in measure():
        print(f"{name}: {result} {goal}")
