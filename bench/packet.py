"""Document benchmark: a full prior-authorization packet composed and laid out as PDF, beside the
same content written as DOCX and converted to PDF by LibreOffice in headless mode.

Run through ``run.py`` (``make bench``); ``python bench/packet.py`` prints just these rows.
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from ketacover.core.letters.catalog import prior_authorization_packet
from ketacover.interop.casefile import load_case
from ketacover.render.docx import render_packet_docx
from ketacover.render.pdf import render_packet_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "esketamine-ready-ppo.yaml"
TODAY = date(2026, 11, 23)
RUNS = 21
OFFICE_RUNS = 5

Row = tuple[str, str, str]


def _median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure() -> list[Row]:
    """The packet rows of the results table."""
    case = load_case(EXAMPLE)
    # Warm-up: code tables, rule files, fonts and styles load once per process.
    bundle = prior_authorization_packet(case, TODAY)
    pdf = render_packet_pdf(bundle)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)

    ours = _median_ms(lambda: render_packet_pdf(prior_authorization_packet(case, TODAY)), RUNS)
    rows: list[Row] = [
        (
            f"Prior-authorization packet, composed and laid out as PDF ({pages} pages), median",
            f"{ours:.1f} ms",
            "<= 30 ms",
        )
    ]
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        rows.append(
            ("Same packet: DOCX converted by LibreOffice", "LibreOffice not installed", "-")
        )
        return rows
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "packet.docx"
        source.write_bytes(render_packet_docx(bundle))
        profile = Path(tmp) / "profile"
        command = [
            office,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(source),
        ]
        subprocess.run(command, capture_output=True, check=True, timeout=300)  # first-run setup
        converted = _median_ms(
            lambda: subprocess.run(command, capture_output=True, check=True, timeout=300),
            OFFICE_RUNS,
        )
        converted_pages = len(PdfReader(Path(tmp) / "packet.pdf").pages)
    rows.append(
        (
            f"Same packet as DOCX, converted by LibreOffice headless ({converted_pages} pages), "
            "median",
            f"{converted:.0f} ms ({converted / ours:.0f}x ours)",
            "-",
        )
    )
    return rows


if __name__ == "__main__":
    for name, result, goal in measure():
        print(f"| {name} | {result} | {goal} |")
