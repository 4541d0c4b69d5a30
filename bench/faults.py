"""Fault test: the production server is killed in the middle of a write load, restarted, and the
database is checked for every write the server had acknowledged.

Writers (real logins of a generated workspace, each with its own browser, see
:class:`server.Browser`) keep writing through the app's real forms:

- a call logged on one of the writer's cases, with a reference number used nowhere else;
- a new case added through the case-file import form, with a case id used nowhere else.

A write is *acknowledged* when the server answered it with its redirect to the case (302): the
app answers only after its transaction committed, so that write must survive anything that
happens next. A write sent but never answered (the server died first) is *in doubt*: it may or may
not be stored, and either is correct, as long as it is stored whole.

Each cycle lets the writers run until writes flow again (two acknowledged per writer), then
for a random 1-5 s more, then sends SIGKILL to the gunicorn master and
all its workers at once (no chance to finish or clean up), restarts ``ketacover serve``, and
checks from a separate process, through the database (``server.check_database``): every
acknowledged call and case present; every case's version equal to one plus its audited changes,
and every case with its audited creation (the audit row is written in the same transaction, so a
half-written change would show); no foreign key pointing nowhere (checked through Django's
models); SQLite's ``PRAGMA integrity_check`` and ``foreign_key_check``, or PostgreSQL's
``amcheck`` on every B-tree index. Results go to bench/README.md between the ``faults`` markers.

Run: ``.venv/bin/python bench/faults.py --db both`` (``make bench-faults``), or ``--short`` to try
it (2 cycles, README untouched).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import load
import server
from generate import make_case


@dataclass
class Ledger:
    """What the writers sent and what the server said, shared by all writers."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    calls: list[tuple[int, str]] = field(default_factory=list)
    cases: list[tuple[int, str]] = field(default_factory=list)
    doubt_calls: list[tuple[int, str]] = field(default_factory=list)
    doubt_cases: list[tuple[int, str]] = field(default_factory=list)
    rejected: dict[str, int] = field(default_factory=dict)
    """Answers other than the acknowledgement while the server was up (errors)."""

    def reject(self, what: str) -> None:
        with self.lock:
            self.rejected[what] = self.rejected.get(what, 0) + 1

    def acknowledged(self) -> int:
        with self.lock:
            return len(self.calls) + len(self.cases)

    def expected(self) -> dict[str, Any]:
        with self.lock:
            return {
                "calls": list(self.calls),
                "cases": list(self.cases),
                "in_doubt_calls": list(self.doubt_calls),
                "in_doubt_cases": list(self.doubt_cases),
            }


@dataclass
class Writer:
    """One writer: a login, the cases it logs calls on, and its browser."""

    index: int
    name: str
    password: str
    own: list[int]
    port: int
    run: str
    ledger: Ledger
    writing: threading.Event
    stop: threading.Event
    rng: random.Random
    parked: threading.Event = field(default_factory=threading.Event)
    sequence: int = 0
    forms: dict[int, server.Form] = field(default_factory=dict)
    """The call form of each case, opened once and reused with the version it now has."""
    import_form: server.Form | None = None
    logged_in: bool = False

    def loop(self) -> None:
        browser = server.Browser(self.port, timeout=60)
        while not self.stop.is_set():
            if not self.writing.is_set():
                self.parked.set()
                self.writing.wait(timeout=0.1)
                continue
            self.parked.clear()
            try:
                if not self.logged_in:
                    reply = browser.login(self.name, self.password)
                    self.logged_in = reply.status == 302
                    if not self.logged_in:
                        self.ledger.reject(f"login: HTTP {reply.status}")
                    continue
                if self.rng.random() < 0.7:
                    self._call(browser)
                else:
                    self._import(browser)
            except (OSError, http.client.HTTPException):
                # The server is down: wait for the next cycle.
                time.sleep(0.05)
            except Exception as error:  # noqa: BLE001  # a driver fault must show, not stop it
                message = re.sub(r"\d+", "N", str(error))[:120]
                self.ledger.reject(f"driver: {type(error).__name__}: {message}")
                time.sleep(0.05)
        browser.close()

    def _sent(
        self, browser: server.Browser, form: server.Form, changes: dict[str, str]
    ) -> server.Reply | None:
        """Post; ``None`` when it was sent but never answered (in doubt)."""
        try:
            return browser.submit(form, changes)
        except ConnectionRefusedError:
            raise
        except (OSError, http.client.HTTPException):
            return None

    def _call(self, browser: server.Browser) -> None:
        pk = self.rng.choice(self.own)
        form = self.forms.get(pk)
        if form is None:
            page = browser.get(f"/cases/{pk}/")
            if page.status != 200:
                self.ledger.reject(f"case page: HTTP {page.status}")
                return
            form = server.form_posting_to(page.text, f"/cases/{pk}/calls/")
            self.forms[pk] = form
        self.sequence += 1
        reference = f"FAULT-{self.run}-{self.index:02d}-{self.sequence:06d}"
        changes = {"call-reference": reference, "call-party": "Provider services"}
        reply = self._sent(browser, form, changes)
        if reply is None:
            self.forms.pop(pk, None)
            with self.ledger.lock:
                self.ledger.doubt_calls.append((pk, reference))
            return
        if reply.status == 302 and reply.location == f"/cases/{pk}/":
            form.fields["call-version"] = str(int(form.fields["call-version"]) + 1)
            with self.ledger.lock:
                self.ledger.calls.append((pk, reference))
        else:
            self.forms.pop(pk, None)
            self.ledger.reject(f"call: HTTP {reply.status}")

    def _import(self, browser: server.Browser) -> None:
        if self.import_form is None:
            page = browser.get("/cases/import/")
            if page.status != 200:
                self.ledger.reject(f"import page: HTTP {page.status}")
                return
            self.import_form = server.form_posting_to(page.text, "")
            self.import_form.action = "/cases/import/"
        self.sequence += 1
        case_id = f"fault-{self.run}-{self.index:02d}-{self.sequence:06d}"
        data = make_case(self.sequence, self.rng)
        data["id"] = case_id
        reply = self._sent(browser, self.import_form, {"text": json.dumps(data)})
        if reply is None:
            with self.ledger.lock:
                self.ledger.doubt_cases.append((-1, case_id))
            return
        path = reply.location
        if reply.status == 302 and path.startswith("/cases/") and path[7:-1].isdigit():
            with self.ledger.lock:
                self.ledger.cases.append((int(path[7:-1]), case_id))
        else:
            self.ledger.reject(f"import: HTTP {reply.status}")


@dataclass(frozen=True, slots=True)
class Cycle:
    """One kill and restart."""

    number: int
    wrote: float
    killed: int
    acknowledged: int
    found: int
    doubt: int
    doubt_stored: int
    restart: float
    integrity_ok: bool
    integrity: str


@dataclass
class Result:
    """One database's fault run."""

    label: str
    writers: int
    cycles: list[Cycle]
    calls: int
    cases: int
    rejected: dict[str, int]
    log: dict[str, int]


def run_one(kind: str, *, cycles: int, writers: int, cases: int, seed: int) -> Result:
    """Run the writers against the server on a scratch database and kill it ``cycles`` times."""
    rng = random.Random(seed)
    with (
        tempfile.TemporaryDirectory(prefix="ketacover-faults-") as tmp,
        server.scratch_database(kind, "ketacover_faults") as database,
    ):
        scratch = Path(tmp)
        env = server.server_env(scratch, database)
        print(f"[{database.label}] generating {cases} cases and {writers} writers ...", flush=True)
        workspace = server.build_workspace(env, cases=cases, users=writers, documents=0)
        log = scratch / "server.log"
        srv = server.Server(env, log, port=server.free_port())
        srv.start()
        ledger = Ledger()
        writing, stop = threading.Event(), threading.Event()
        run = secrets.token_hex(3)
        team = [
            Writer(
                index=i,
                name=name,
                password=workspace.password,
                own=workspace.cases[i :: len(workspace.users)],
                port=srv.port,
                run=run,
                ledger=ledger,
                writing=writing,
                stop=stop,
                rng=random.Random(seed * 1000 + i),
            )
            for i, name in enumerate(workspace.users)
        ]
        threads = [threading.Thread(target=w.loop, daemon=True) for w in team]
        for thread in threads:
            thread.start()
        results: list[Cycle] = []
        try:
            for number in range(1, cycles + 1):
                seen = len(ledger.doubt_calls) + len(ledger.doubt_cases)
                before = ledger.acknowledged()
                began = time.perf_counter()
                writing.set()
                # Once writes flow (the workers are warm again), a random moment to strike.
                while ledger.acknowledged() - before < 2 * writers:
                    if time.perf_counter() - began > 120:
                        raise RuntimeError("no writes were acknowledged within 120 s")
                    time.sleep(0.05)
                time.sleep(rng.uniform(1.0, 5.0))
                wrote = time.perf_counter() - began
                killed = srv.kill()
                writing.clear()
                for writer in team:
                    writer.parked.wait(timeout=120)
                restart = srv.start()
                check = server.check_database(env, ledger.expected(), scratch)
                expected = ledger.expected()
                acknowledged = len(expected["calls"]) + len(expected["cases"])
                doubt = len(expected["in_doubt_calls"]) + len(expected["in_doubt_cases"])
                results.append(
                    Cycle(
                        number=number,
                        wrote=wrote,
                        killed=killed,
                        acknowledged=acknowledged,
                        found=int(check["calls"]) + int(check["cases"]),
                        doubt=doubt - seen,
                        doubt_stored=int(check["in_doubt_calls"]) + int(check["in_doubt_cases"]),
                        restart=restart,
                        integrity_ok=bool(check["integrity_ok"]),
                        integrity="; ".join(check["integrity"]),
                    )
                )
                last = results[-1]
                print(
                    f"[{database.label}] cycle {number}: killed {killed} processes after "
                    f"{wrote:.1f} s; acknowledged {last.acknowledged}, found {last.found}, "
                    f"lost {last.acknowledged - last.found}; in doubt {last.doubt}; restart "
                    f"{restart:.2f} s; integrity {'ok' if last.integrity_ok else 'FAILED'}",
                    flush=True,
                )
        finally:
            stop.set()
            writing.set()
            for thread in threads:
                thread.join(timeout=60)
            srv.stop()
        return Result(
            label=database.label,
            writers=writers,
            cycles=results,
            calls=len(ledger.calls),
            cases=len(ledger.cases),
            rejected=dict(ledger.rejected),
            log=server.server_problems(log),
        )


def render(result: Result) -> str:
    """The Markdown of one database's fault run."""
    cycles = result.cycles
    last = cycles[-1]
    restarts = [c.restart for c in cycles]
    doubt = sum(c.doubt for c in cycles)
    intact = all(c.integrity_ok for c in cycles)
    lines = [
        f"**{result.label}**: {len(cycles)} kill cycles, {result.writers} writers; measured "
        f"{time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores shared with other work.",
        "",
        "| Cycle | Writing before the kill | Processes killed | Acknowledged so far | Found after "
        "restart | Lost | Unanswered at the kill | Restart (until it answers) | Integrity |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for c in cycles:
        lines.append(
            f"| {c.number} | {c.wrote:.1f} s | {c.killed} | {c.acknowledged:,} | {c.found:,} | "
            f"{c.acknowledged - c.found} | {c.doubt} | {c.restart:.2f} s | "
            f"{'ok' if c.integrity_ok else 'FAILED'} |"
        )
    rejected = ", ".join(f"{k} ({n})" for k, n in sorted(result.rejected.items())) or "none"
    lines += [
        "",
        f"- Writes acknowledged: {last.acknowledged:,} ({result.calls:,} calls, "
        f"{result.cases:,} new cases); found after the restarts: {last.found:,}; lost: "
        f"{last.acknowledged - last.found}.",
        f"- Sent but unanswered when the server died: {doubt} (stored whole afterwards: "
        f"{last.doubt_stored}, not stored: {doubt - last.doubt_stored}; either is correct).",
        f"- Restart until the login page answers: median {statistics.median(restarts):.2f} s, "
        f"longest {max(restarts):.2f} s.",
        f"- Integrity after every restart: {'ok' if intact else 'FAILED'} ({last.integrity}; "
        "case versions match their audit trail; no dangling foreign key).",
        f"- Answers other than the acknowledgement while the server was up: {rejected}. "
        f"Server log: {result.log['5xx']} responses 5xx, {result.log['tracebacks']} tracebacks"
        + load._exceptions(result.log)
        + ".",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Kill the server during writes, then check.")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--short", action="store_true", help="try it: 2 cycles")
    parser.add_argument(
        "--readme",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write the results into bench/README.md (default: yes, except with --short)",
    )
    args = parser.parse_args()
    cycles = 2 if args.short else args.cycles
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    parts: dict[str, str] = {}
    failed = False
    for kind in kinds:
        if kind == "postgres" and not server.postgres_reachable():
            print("PostgreSQL is not reachable: skipped")
            continue
        result = run_one(
            kind, cycles=cycles, writers=args.writers, cases=args.cases, seed=args.seed
        )
        parts[result.label] = render(result)
        print(parts[result.label], flush=True)
        print()
        last = result.cycles[-1]
        failed |= last.found != last.acknowledged or not all(c.integrity_ok for c in result.cycles)
    if args.readme if args.readme is not None else not args.short:
        load.write_section("faults", parts)
        print(f"written to {load.README}")
    if failed:
        raise SystemExit("acknowledged writes were lost or an integrity check failed")


if __name__ == "__main__":
    main()
