"""Load test: simulated staff reading and writing cases at the same time, against the production
server (``ketacover serve``: gunicorn with its defaults) on SQLite and on PostgreSQL.

Each simulated user is a real login of a generated workspace (10,000 cases by default) with a
browser of its own (:class:`server.Browser`: kept-alive connection, cookies, the real forms with
their CSRF token). Users do not wait between actions (a closed loop), so the server is as busy as
the users can keep it. One action is one of:

- reads: the dashboard, a case page, the case list searched by name, a generated PDF
  downloaded, a page of the API's case list;
- writes, each opening the case page first and submitting its form: a call logged with a unique
  reference number, a session logged, a denial recorded, a letter generated as a PDF. Half are
  posted the way htmx posts them (the section comes back re-rendered in place), half as plain
  posts whose redirect is followed to see the saved message.

Each user writes to cases of its own; one write in ten goes to a few cases every user shares, where
the app must answer a concurrent save with a conflict (409, or the conflict notice on the htmx
section) instead of overwriting it: counted as conflicts, not errors. Anything else that is not
the expected answer (a 5xx, a form error, a timeout, a dropped connection) is an error.

Afterwards every acknowledged call is looked up in the database, and the database's integrity is
checked (``server.check_database``). Results go to bench/README.md between the ``load`` markers.

Run: ``.venv/bin/python bench/load.py --minutes 5 --users 50 --db both`` (``make bench-load``),
or ``--short`` to try it (30 s, 10 users, 2,000 cases, README untouched).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import random
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import server

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
HOT_CASES: Final = 3
"""Cases every user may write to, where concurrent saves meet."""
HOT_SHARE: Final = 0.1
SEARCH_NAMES: Final = ("Avery", "Blake", "Casey", "Devon", "Harper", "Testcase", "Sample")
BURST: Final = "letter, same case, all users at once"
CONFLICT_NOTICE: Final = "Someone else saved this case while you were working"

READS: Final = {
    "dashboard": 12,
    "case page": 30,
    "case list (search)": 8,
    "document download": 8,
    "API case list": 8,
}
WRITES: Final = {"call": 12, "session": 6, "denial": 4, "letter": 4}
ORDER: Final = (
    "login",
    "dashboard",
    "case page",
    "case list (search)",
    "document download",
    "API case list",
    "call (form post)",
    "call (htmx section)",
    "session (form post)",
    "session (htmx section)",
    "denial (form post)",
    "denial (htmx section)",
    "letter (PDF, form post)",
)


@dataclass(slots=True)
class Sample:
    """One request: its kind, when it started, how long it took and how it ended."""

    kind: str
    started: float
    seconds: float
    outcome: str
    """``ok``, ``conflict`` or ``error``."""
    note: str = ""


@dataclass
class Plan:
    """What every simulated user shares: the workspace, the port and the measured window."""

    workspace: server.Workspace
    port: int
    run: str
    start: float = 0.0
    end: float = 0.0
    ready: threading.Barrier | None = None
    burst: threading.Barrier | None = None


@dataclass
class User:
    """One simulated member of staff."""

    index: int
    name: str
    own: list[int]
    plan: Plan
    rng: random.Random
    samples: list[Sample] = field(default_factory=list)
    calls: list[tuple[int, str]] = field(default_factory=list)
    """(case pk, reference) of every call the server acknowledged."""
    sequence: int = 0

    def record(self, kind: str, reply: server.Reply | None, outcome: str, note: str = "") -> None:
        if reply is None:
            self.samples.append(Sample(kind, time.perf_counter(), 0.0, outcome, note))
        else:
            self.samples.append(Sample(kind, reply.started, reply.seconds, outcome, note))


def _request(user: User, kind: str, call: Callable[[], server.Reply]) -> server.Reply | None:
    """Send one request; a raised connection error or timeout is recorded as an error."""
    started = time.perf_counter()
    try:
        return call()
    except (OSError, http.client.HTTPException) as error:
        user.samples.append(
            Sample(kind, started, time.perf_counter() - started, "error", type(error).__name__)
        )
        return None


def _expect(user: User, kind: str, reply: server.Reply | None, check: Callable[[], bool]) -> bool:
    if reply is None:
        return False
    try:
        good = reply.status == 200 and check()
    except ValueError:  # a body that is not what the request asks for (e.g. not JSON)
        good = False
    user.record(kind, reply, "ok" if good else "error", "" if good else f"HTTP {reply.status}")
    return good


def _read(user: User, browser: server.Browser, action: str) -> None:
    rng, plan = user.rng, user.plan
    if action == "dashboard":
        reply = _request(user, action, lambda: browser.get("/"))
        _expect(user, action, reply, lambda: b"<main" in reply.body if reply else False)
    elif action == "case page":
        pk = rng.choice(plan.workspace.cases)
        reply = _request(user, action, lambda: browser.get(f"/cases/{pk}/"))
        _expect(user, action, reply, lambda: b"section-calls" in reply.body if reply else False)
    elif action == "case list (search)":
        name = rng.choice(SEARCH_NAMES)
        page = rng.randint(1, 5)
        reply = _request(user, action, lambda: browser.get(f"/cases/?q={name}&page={page}"))
        _expect(user, action, reply, lambda: b"<table" in reply.body if reply else False)
    elif action == "document download":
        case_pk, document_pk = rng.choice(plan.workspace.documents)
        path = f"/cases/{case_pk}/documents/{document_pk}/"
        reply = _request(user, action, lambda: browser.get(path))
        _expect(user, action, reply, lambda: reply.body[:5] == b"%PDF-" if reply else False)
    else:
        page = rng.randint(1, max(1, len(plan.workspace.cases) // 25))
        reply = _request(
            user,
            action,
            lambda: browser.get(f"/api/cases?page={page}", {"Accept": "application/json"}),
        )
        _expect(
            user,
            action,
            reply,
            lambda: len(json.loads(reply.body)["results"]) > 0 if reply else False,
        )


def _changes(user: User, action: str, form: server.Form, today: str) -> tuple[str, dict[str, str]]:
    """What the person types into the form of ``action``, and the saved message to expect."""
    rng = user.rng
    if action == "call":
        user.sequence += 1
        reference = f"LOAD-{user.plan.run}-{user.index:02d}-{user.sequence:05d}"
        return "Call recorded.", {
            "call-party": "Provider services",
            "call-representative": f"Rep {rng.randint(100, 999)}",
            "call-reference": reference,
            "call-notes": "Benefits checked for the planned treatment.",
            "call-prior_authorization_required": rng.choice(["", "yes", "no"]),
        }
    if action == "session":
        treatment = form.fields.get("session-treatment", "iv_ketamine")
        changes = {"session-on": today, "session-charge": f"{rng.choice([450, 600, 800])}.00"}
        if treatment != "esketamine":
            changes["session-minutes"] = str(rng.choice([40, 45, 60]))
        return "Session recorded.", changes
    if action == "denial":
        return "Denial recorded", {
            "denial-notice_date": today,
            "denial-pre_service": rng.choice(["pre_service", "claim"]),
            "denial-reason_text": "The requested service is not medically necessary.",
            "denial-carc_codes": rng.choice(["50", "CO-50, 197", ""]),
        }
    return "is ready", {"kind": "clinical-summary", "fmt": "pdf"}


_ACTIONS: Final = {
    "call": "/calls/",
    "session": "/sessions/",
    "denial": "/denials/",
    "letter": "/documents/",
}


def _write(user: User, browser: server.Browser, action: str) -> None:
    rng = user.rng
    shared = rng.random() < HOT_SHARE
    pk = rng.choice(user.plan.workspace.cases[-HOT_CASES:] if shared else user.own)
    page = _request(user, "case page", lambda: browser.get(f"/cases/{pk}/"))
    if not _expect(user, "case page", page, lambda: True) or page is None:
        return
    try:
        form = server.form_posting_to(page.text, f"/cases/{pk}{_ACTIONS[action]}")
    except LookupError:
        user.record(action, page, "error", "form not on the page")
        return
    # The day the server's forms default to (the clinic's today), as the page shows it.
    match = re.search(r'name="call-on"[^>]*value="([\d-]+)"', page.text)
    if match is None:
        user.record(action, page, "error", "no date on the call form")
        return
    today = match.group(1)
    saved, changes = _changes(user, action, form, today)
    htmx = action != "letter" and rng.random() < 0.5
    kind = (
        "letter (PDF, form post)"
        if action == "letter"
        else f"{action} ({'htmx section' if htmx else 'form post'})"
    )
    reply = _request(user, kind, lambda: browser.submit(form, changes, htmx=htmx))
    if reply is None:
        return
    if htmx:
        text = reply.text
        if reply.status == 200 and saved in text:
            user.record(kind, reply, "ok")
            done = True
        elif reply.status == 200 and CONFLICT_NOTICE in text:
            user.record(kind, reply, "conflict")
            done = False
        else:
            user.record(kind, reply, "error", f"HTTP {reply.status}")
            done = False
    elif reply.status == 409:
        user.record(kind, reply, "conflict")
        done = False
    elif reply.status == 302 and reply.location == f"/cases/{pk}/":
        follow = _request(user, "case page", lambda: browser.get(f"/cases/{pk}/"))
        done = _expect(user, "case page", follow, lambda: saved in follow.text if follow else False)
        user.record(kind, reply, "ok" if done else "error", "" if done else "no saved message")
    else:
        user.record(kind, reply, "error", f"HTTP {reply.status}")
        done = False
    if done and action == "call":
        user.calls.append((pk, changes["call-reference"]))


def _simulate(user: User) -> None:
    plan = user.plan
    browser = server.Browser(plan.port)
    reply = _request(user, "login", lambda: browser.login(user.name, plan.workspace.password))
    if reply is not None:
        good = reply.status == 302
        user.record(
            "login", reply, "ok" if good else "error", "" if good else f"HTTP {reply.status}"
        )
    # Warm up (not measured): every kind of action once, so each worker has loaded the code
    # behind each page before the window opens, as a server that has been up a while has.
    for action in [*READS, *WRITES]:
        _act(user, browser, action)
    _same_moment(user, browser)
    assert plan.ready is not None
    plan.ready.wait()
    actions = [*READS, *WRITES]
    weights = [*READS.values(), *WRITES.values()]
    while time.perf_counter() < plan.end:
        _act(user, browser, user.rng.choices(actions, weights)[0])
    browser.close()


def _same_moment(user: User, browser: server.Browser) -> None:
    """Every user asks for the same letter of the same case in the same instant (released
    together by a barrier): each must get a version of its own, not an error."""
    plan = user.plan
    pk = plan.workspace.cases[-1]
    page = _request(user, BURST, lambda: browser.get(f"/cases/{pk}/"))
    form = None
    if page is not None and page.status == 200:
        with contextlib.suppress(LookupError):
            form = server.form_posting_to(page.text, f"/cases/{pk}/documents/")
    assert plan.burst is not None
    plan.burst.wait()
    if form is None:
        user.record(BURST, page, "error", "no letter form")
        return
    changes = {"kind": "clinical-summary", "fmt": "pdf"}
    reply = _request(user, BURST, lambda: browser.submit(form, changes))
    if reply is not None:
        good = reply.status == 302 and reply.location == f"/cases/{pk}/"
        user.record(BURST, reply, "ok" if good else "error", "" if good else f"HTTP {reply.status}")


def _act(user: User, browser: server.Browser, action: str) -> None:
    try:
        if action in READS:
            _read(user, browser, action)
        else:
            _write(user, browser, action)
    except Exception as error:  # noqa: BLE001  # a driver fault must show as an error, not hang
        user.record(action, None, "error", f"driver: {type(error).__name__}")


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0-1) of ``values``, linearly interpolated."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True, slots=True)
class Row:
    """Figures of one kind of request (or all of them) in the measured window."""

    kind: str
    count: int
    errors: int
    conflicts: int
    rate: float
    p50: float
    p95: float
    p99: float


def summarize(samples: list[Sample], start: float, end: float) -> list[Row]:
    """One row per kind of request started in the window, then the total."""
    window = [s for s in samples if start <= s.started < end]
    seconds = end - start
    rows = []
    kinds = sorted({s.kind for s in window}, key=lambda k: ORDER.index(k) if k in ORDER else 99)
    for kind in [*kinds, "All requests"]:
        chosen = window if kind == "All requests" else [s for s in window if s.kind == kind]
        answered = [s.seconds * 1000 for s in chosen if s.outcome != "error" or s.seconds > 0]
        rows.append(
            Row(
                kind=kind,
                count=len(chosen),
                errors=sum(s.outcome == "error" for s in chosen),
                conflicts=sum(s.outcome == "conflict" for s in chosen),
                rate=len(chosen) / seconds,
                p50=percentile(answered, 0.50),
                p95=percentile(answered, 0.95),
                p99=percentile(answered, 0.99),
            )
        )
    return rows


def _before_window(kind: str, samples: list[Sample]) -> Row:
    """A row for requests made before the measured window (logins, the same-moment letters)."""
    ms = [s.seconds * 1000 for s in samples]
    return Row(
        f"{kind} (before the window)",
        len(samples),
        sum(s.outcome == "error" for s in samples),
        0,
        float("nan"),
        percentile(ms, 0.50),
        percentile(ms, 0.95),
        percentile(ms, 0.99),
    )


@dataclass
class Result:
    """One database's run."""

    label: str
    users: int
    seconds: float
    cases: int
    rows: list[Row]
    acknowledged: int
    found: int
    integrity: str
    log: dict[str, int]
    errors: list[str]
    setup_seconds: float
    load: tuple[float, float]
    """The machine's one-minute load average when the window opened and when it closed."""


def run_one(
    kind: str, *, users: int, seconds: float, cases: int, seed: int, keep_log: Path | None = None
) -> Result:
    """Build the workspace on a scratch database, start the server, run the users, check."""
    with (
        tempfile.TemporaryDirectory(prefix="ketacover-load-") as tmp,
        server.scratch_database(kind, "ketacover_load") as database,
    ):
        scratch = Path(tmp)
        env = server.server_env(scratch, database)
        print(f"[{database.label}] generating {cases:,} cases and {users} users ...", flush=True)
        workspace = server.build_workspace(env, cases=cases, users=users, documents=20)
        log = scratch / "server.log"
        srv = server.Server(env, log, port=server.free_port())
        srv.start()
        plan = Plan(workspace=workspace, port=srv.port, run=secrets.token_hex(3))
        writable = workspace.cases[:-HOT_CASES]
        people = [
            User(
                index=i,
                name=name,
                own=writable[i :: len(workspace.users)],
                plan=plan,
                rng=random.Random(seed * 1000 + i),
            )
            for i, name in enumerate(workspace.users)
        ]

        load: list[float] = []

        def begin() -> None:
            load.append(os.getloadavg()[0])
            plan.start = time.perf_counter()
            plan.end = plan.start + seconds

        plan.ready = threading.Barrier(len(people), action=begin)
        plan.burst = threading.Barrier(len(people), timeout=seconds + 600)
        threads = [threading.Thread(target=_simulate, args=(p,), daemon=True) for p in people]
        print(f"[{database.label}] {users} users for {seconds:.0f} s ...", flush=True)
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=seconds + 600)
        finally:
            load.append(os.getloadavg()[0])
            srv.stop()
        if keep_log is not None:
            shutil.copyfile(log, keep_log.with_suffix(f".{kind}.log"))
        samples = [s for p in people for s in p.samples]
        acked = [c for p in people for c in p.calls]
        check = server.check_database(env, {"calls": acked}, scratch)
        rows = summarize(samples, plan.start, plan.end)
        notes: dict[str, int] = {}
        for s in samples:
            if s.outcome == "error":
                key = f"{s.kind}: {s.note}"
                notes[key] = notes.get(key, 0) + 1
        for index, kind in enumerate(("login", BURST)):
            rows.insert(index, _before_window(kind, [s for s in samples if s.kind == kind]))
        return Result(
            label=database.label,
            users=users,
            seconds=seconds,
            cases=cases,
            rows=rows,
            acknowledged=len(acked),
            found=int(check["calls"]),
            integrity=("ok: " if check["integrity_ok"] else "FAILED: ")
            + "; ".join(check["integrity"])
            + f"; dangling foreign keys {check['dangling_foreign_keys']}"
            + f"; case versions not matching the audit trail {check['version_audit_mismatches']}",
            log=server.server_problems(log),
            errors=[f"{k} ({n})" for k, n in sorted(notes.items())],
            setup_seconds=workspace.seconds,
            load=(load[0], load[-1]),
        )


def _ms(value: float) -> str:
    return "-" if value != value else f"{value:,.0f}"


def _exceptions(log: dict[str, int]) -> str:
    found = [f"{k[11:]} ({n})" for k, n in sorted(log.items()) if k.startswith("exception: ")]
    return "; exceptions: " + ", ".join(found) if found else ""


def render(result: Result) -> str:
    """The Markdown of one database's results."""
    today = time.strftime("%Y-%m-%d")
    lines = [
        f"**{result.label}**: {result.users} users for {result.seconds / 60:g} min, "
        f"{result.cases:,} cases; measured {today} on CPython {platform.python_version()}, "
        f"{os.cpu_count()} cores shared with other work (load average {result.load[0]:.1f} "
        f"when the window opened, {result.load[1]:.1f} when it closed), the load driver on the "
        "same machine as the server.",
        "",
        "| Request | Count | Errors | Conflicts | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result.rows:
        name = f"**{row.kind}**" if row.kind == "All requests" else row.kind
        rate = "-" if row.rate != row.rate else f"{row.rate:,.1f}"
        lines.append(
            f"| {name} | {row.count:,} | {row.errors} | {row.conflicts} | {rate} | "
            f"{_ms(row.p50)} | {_ms(row.p95)} | {_ms(row.p99)} |"
        )
    log = result.log
    lines += [
        "",
        f"- Calls acknowledged: {result.acknowledged:,}; found in the database afterwards: "
        f"{result.found:,}; lost: {result.acknowledged - result.found}.",
        f"- Server log: {log['5xx']} responses 5xx, {log['tracebacks']} tracebacks, "
        f"{log['database is locked']} `database is locked`, {log['worker timeouts']} worker "
        "timeouts" + _exceptions(log) + ".",
        f"- Database check: {result.integrity}.",
    ]
    if result.errors:
        lines.append("- Errors: " + "; ".join(result.errors) + ".")
    return "\n".join(lines)


def write_section(marker: str, parts: dict[str, str], path: Path = README) -> None:
    """Rewrite the block between ``<!-- {marker}:start -->`` and ``<!-- {marker}:end -->``,
    keeping the parts of the databases not run this time."""
    text = path.read_text()
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    if start not in text or end not in text:
        raise RuntimeError(f"{path}: the {marker} markers are missing")
    head, rest = text.split(start, 1)
    body, tail = rest.split(end, 1)
    kept: dict[str, str] = {}
    for match in re.finditer(
        rf"<!-- {marker}:(\w+) -->\n(.*?)(?=<!-- {marker}:\w+ -->|\Z)", body, re.DOTALL
    ):
        kept[match.group(1)] = match.group(2).strip()
    kept.update(parts)
    blocks = [
        f"<!-- {marker}:{label} -->\n{kept[label]}\n"
        for label in ("SQLite", "PostgreSQL")
        if label in kept
    ]
    path.write_text(head + start + "\n" + "\n".join(blocks) + end + tail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--short", action="store_true", help="try it: 30 s, 10 users, 2,000 cases")
    parser.add_argument(
        "--readme",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write the results into bench/README.md (default: yes, except with --short)",
    )
    parser.add_argument("--log", type=Path, help="keep the server's log as LOG.sqlite.log ...")
    args = parser.parse_args()
    seconds, users, cases = args.minutes * 60, args.users, args.cases
    if args.short:
        seconds, users, cases = 30.0, 10, 2_000
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    parts: dict[str, str] = {}
    for kind in kinds:
        if kind == "postgres" and not server.postgres_reachable():
            print("PostgreSQL is not reachable: skipped")
            continue
        result = run_one(
            kind, users=users, seconds=seconds, cases=cases, seed=args.seed, keep_log=args.log
        )
        parts[result.label] = render(result)
        print(parts[result.label], flush=True)
        print()
    if args.readme if args.readme is not None else not args.short:
        write_section("load", parts)
        print(f"written to {README}")


if __name__ == "__main__":
    main()
