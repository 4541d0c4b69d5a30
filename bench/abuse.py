"""Abuse benchmark: the abuse suite's bombs (tests/web/bombs.py) sent to a real ``ketacover
serve`` worker, each request's time and the worker's peak memory measured.

One gunicorn worker (so its memory is the request's), a scratch SQLite database with a
generated workspace (``server.build_workspace``), logged in as its owner through the login
form. Before each request the worker's peak resident size is reset (``/proc/PID/clear_refs``,
value 5); after the answer ``VmHWM`` is that request's peak. Every bomb is sent ``--repeat``
times (median and peak reported), and every answer must be a refusal (4xx, or the case page's
redirect back with its message); a 5xx, a dead worker, more than 512 MB or more than 10 s
is a failure (exit 1). Results go to bench/README.md between the ``abuse`` markers, with the
load average of the machine.

Run: ``.venv/bin/python bench/abuse.py`` (``--short`` sends each bomb once and leaves the
README untouched).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import server

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
LIMIT_MB = 512
LIMIT_SECONDS = 10.0


def _bombs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bombs", HERE.parent / "tests/web/bombs.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("tests/web/bombs.py cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bombs = _bombs()


@dataclass(frozen=True, slots=True)
class Bomb:
    """One hostile request: what it is, where it goes, and the form it carries."""

    name: str
    path: str
    field: str
    filename: str
    data: Callable[[], bytes]
    expect: str
    """Words the refusal must show (in the answer, or on the page a redirect leads to)."""
    extra: dict[str, str] | None = None
    api: bool = False


@dataclass(frozen=True, slots=True)
class Sample:
    status: int
    seconds: float
    peak_mb: float
    explained: bool


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = "----ketacover-abuse-" + secrets.token_hex(12)
    parts: list[bytes] = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _status_field(pid: int, name: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(name)


def _worker(master: server.Server) -> int:
    assert master.process is not None
    children = [pid for pid in master.processes() if pid != master.process.pid]
    if len(children) != 1:
        raise RuntimeError(f"expected one worker, found {children}")
    return children[0]


def _token(browser: server.Browser, path: str) -> str:
    page = browser.get(path)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if match is None:
        raise RuntimeError(f"no CSRF token on {path}")
    return match.group(1)


def _api_token(browser: server.Browser) -> str:
    csrf = _token(browser, "/api/tokens/")
    reply = browser.send(
        "POST",
        "/api/tokens/",
        fields={
            "csrfmiddlewaretoken": csrf,
            "name": "abuse bench",
            "scope": "read_write",
            "days": "30",
        },
    )
    match = re.search(r"kc_[A-Za-z0-9_-]+", reply.text)
    if match is None:
        raise RuntimeError("no API token shown after creating one")
    return match.group(0)


def _send(
    browser: server.Browser, master: server.Server, bomb: Bomb, csrf: str, api_token: str
) -> Sample:
    worker = _worker(master)
    Path(f"/proc/{worker}/clear_refs").write_text("5")
    started = time.perf_counter()
    if bomb.api:
        reply = browser.send(
            "PUT",
            bomb.path,
            headers={
                "Authorization": f"Bearer {api_token}",
                "Content-Type": "application/json",
            },
            body=bomb.data(),
        )
    else:
        fields = {"csrfmiddlewaretoken": csrf, **(bomb.extra or {})}
        body, content_type = _multipart(fields, {bomb.field: (bomb.filename, bomb.data())})
        reply = browser.send(
            "POST",
            bomb.path,
            headers={"Content-Type": content_type, "Origin": browser.origin},
            body=body,
        )
    seconds = time.perf_counter() - started
    if _worker(master) != worker:
        raise RuntimeError(f"{bomb.name}: the worker died")
    peak = _status_field(worker, "VmHWM")
    shown = browser.get(reply.location.split("#")[0]).text if reply.status == 302 else reply.text
    explained = bomb.expect in shown.replace("&#x27;", "'")
    return Sample(reply.status, seconds, peak, explained)


def _bomb_list(case: int, second_case: int, membership: int) -> list[Bomb]:
    mb, nesting = bombs.MB, "is nested more than 64 levels deep"
    imports, fhir, uploads = (
        "/cases/import/",
        f"/imports/cases/{case}/fhir/",
        f"/cases/{case}/uploads/",
    )
    budget = "more than a packet can carry"
    return [
        Bomb(
            "case file: YAML, 30,000 nested [",
            imports,
            "file",
            "c.yaml",
            bombs.nested_yaml,
            nesting,
        ),
        Bomb(
            "case file: YAML, 30,000 nested -",
            imports,
            "file",
            "c.yaml",
            bombs.nested_block_yaml,
            nesting,
        ),
        Bomb(
            "case file: JSON, 30,000 nested [",
            imports,
            "file",
            "c.json",
            bombs.nested_case_json,
            nesting,
        ),
        Bomb(
            "case file: YAML alias bomb",
            imports,
            "file",
            "c.yaml",
            bombs.alias_bomb_yaml,
            "aliases are expanded",
        ),
        Bomb(
            "case file: 6 MB",
            imports,
            "file",
            "c.yaml",
            lambda: bombs.oversized(6 * mb, b"id: c\n"),
            "larger than",
        ),
        Bomb("FHIR upload: 30,000 nested {", fhir, "file", "b.json", bombs.nested_bundle, nesting),
        Bomb(
            "FHIR upload: 5,000-digit number",
            fhir,
            "file",
            "b.json",
            bombs.long_number_json,
            "too many digits",
        ),
        Bomb("FHIR upload: 2 MB flat list", fhir, "file", "b.json", bombs.wide_json, "Bundle"),
        Bomb(
            "835 upload: 20 MB of one segment",
            "/imports/remittances/",
            "file",
            "r.835",
            lambda: bombs.oversized(20 * mb - 1024, b"ISA*"),
            "835",
            {"workspace": str(membership)},
        ),
        Bomb(
            "denial letter: 15 pages x 70 MB Flate",
            f"/cases/{case}/denials/letter/",
            "letter-letter",
            "l.pdf",
            bombs.flate_bomb_pdf,
            "once decompressed",
        ),
        Bomb(
            "record upload: 15 pages x 70 MB Flate",
            uploads,
            "file",
            "n.pdf",
            bombs.flate_bomb_pdf,
            budget,
        ),
        Bomb(
            "record upload: PNG of 2.5 billion pixels",
            uploads,
            "file",
            "p.png",
            bombs.png_pixel_bomb,
            "million accepted",
        ),
        Bomb(
            "record upload: PNG of 64 million pixels",
            uploads,
            "file",
            "p.png",
            lambda: bombs.png_pixel_bomb(8000, 8000),
            "million accepted",
        ),
        Bomb(
            "packet: two attachments of 20 MB content",
            f"/cases/{second_case}/packet/",
            "unused",
            "x",
            lambda: b"",
            "past 32 MB",
        ),
        Bomb(
            "API: case replaced by 30,000 nested [",
            f"/api/cases/{case}",
            "",
            "",
            bombs.deep_api_body,
            nesting,
            api=True,
        ),
    ]


def _packet_case(browser: server.Browser) -> int:
    """A case whose packet can be made (its facts complete): an example imported through the
    case-file form."""
    text = (HERE.parent / "examples" / "esketamine-ready-ppo.yaml").read_text(encoding="utf-8")
    csrf = _token(browser, "/cases/import/")
    reply = browser.send(
        "POST", "/cases/import/", fields={"csrfmiddlewaretoken": csrf, "text": text}
    )
    found = re.search(r"/cases/(\d+)/", reply.location) if reply.status == 302 else None
    if found is None:
        raise RuntimeError(f"importing the example case answered {reply.status}")
    return int(found.group(1))


def _prepare_packet(browser: server.Browser, second_case: int) -> None:
    """Two PDFs of 20 MB page content each on the second case: each passes the upload check,
    together they pass the packet's budget."""
    for name in ("a-notes.pdf", "b-notes.pdf"):
        csrf = _token(browser, f"/cases/{second_case}/")
        body, content_type = _multipart(
            {"csrfmiddlewaretoken": csrf},
            {"file": (name, bombs.flate_bomb_pdf(1, 20 * bombs.MB))},
        )
        reply = browser.send(
            "POST",
            f"/cases/{second_case}/uploads/",
            headers={"Content-Type": content_type, "Origin": browser.origin},
            body=body,
        )
        if reply.status != 302:
            raise RuntimeError(f"preparing the packet: upload answered {reply.status}")


def run(repeat: int) -> tuple[list[tuple[Bomb, list[Sample]]], dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="ketacover-abuse-") as scratch:
        data_dir = Path(scratch)
        env = server.server_env(data_dir, server.Database("SQLite", None))
        workspace = server.build_workspace(env, cases=3, users=1, documents=0)
        master = server.Server(env, data_dir / "server.log", port=server.free_port(), workers=1)
        master.start()
        try:
            browser = server.Browser(master.port)
            if browser.login(workspace.users[0], workspace.password).status != 302:
                raise RuntimeError("login failed")
            case = workspace.cases[0]
            second_case = _packet_case(browser)
            page = browser.get("/imports/remittances/").text
            found = re.search(r'name="workspace"[^>]*value="(\d+)"', page) or re.search(
                r'<option value="(\d+)"', page
            )
            membership = int(found.group(1)) if found else 1
            api_token = _api_token(browser)
            _prepare_packet(browser, second_case)
            idle = _status_field(_worker(master), "VmRSS")
            results = []
            for bomb in _bomb_list(case, second_case, membership):
                samples = []
                for _ in range(repeat):
                    csrf = _token(browser, f"/cases/{case}/")
                    samples.append(_send(browser, master, bomb, csrf, api_token))
                results.append((bomb, samples))
                print(
                    f"{bomb.name}: {[s.status for s in samples]} "
                    f"{max(s.seconds for s in samples):.2f} s, "
                    f"{max(s.peak_mb for s in samples):.0f} MB",
                    flush=True,
                )
            problems = server.server_problems(master.log)
        finally:
            master.stop()
    return results, {"idle_mb": idle, "problems": problems, "load": os.getloadavg()}


def table(results: list[tuple[Bomb, list[Sample]]], facts: dict[str, object]) -> str:
    load = facts["load"]
    assert isinstance(load, tuple)
    lines = [
        f"One worker, SQLite; idle worker {facts['idle_mb']:.0f} MB; load average "
        f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1, 5, 15 min) on 2 cores; "
        f"{len(results[0][1])} requests per bomb.",
        "",
        "| Bomb | Answers | Time, median / peak (s) | Worker peak, median / peak (MB) |",
        "|---|---|---|---|",
    ]
    for bomb, samples in results:
        statuses = ", ".join(sorted({str(s.status) for s in samples}))
        seconds = [s.seconds for s in samples]
        peaks = [s.peak_mb for s in samples]
        lines.append(
            f"| {bomb.name} | {statuses} | {statistics.median(seconds):.2f} / {max(seconds):.2f} "
            f"| {statistics.median(peaks):.0f} / {max(peaks):.0f} |"
        )
    return "\n".join(lines)


def failures(results: list[tuple[Bomb, list[Sample]]]) -> list[str]:
    found = []
    for bomb, samples in results:
        for sample in samples:
            if not (400 <= sample.status < 500 or sample.status == 302):
                found.append(f"{bomb.name}: answered {sample.status}")
            if not sample.explained:
                found.append(f"{bomb.name}: the answer does not say {bomb.expect!r}")
            if sample.peak_mb > LIMIT_MB:
                found.append(f"{bomb.name}: {sample.peak_mb:.0f} MB")
            if sample.seconds > LIMIT_SECONDS:
                found.append(f"{bomb.name}: {sample.seconds:.1f} s")
    return found


def _write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    start, end = "<!-- abuse:start -->", "<!-- abuse:end -->"
    before, _, rest = readme.partition(start)
    _, _, after = rest.partition(end)
    README.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--short", action="store_true", help="one request per bomb, no README")
    args = parser.parse_args()
    results, facts = run(1 if args.short else args.repeat)
    text = table(results, facts)
    print(text)
    if not args.short:
        _write_readme(text)
    wrong = failures(results)
    problems = facts["problems"]
    if isinstance(problems, dict) and any(problems.values()):
        wrong.append(f"server log: {problems}")
    if wrong:
        print("\n".join(wrong), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
