"""Web benchmark: the case page and the dashboard with 10,000 cases in the database, 20
concurrent clients on loopback, against the production server (``ketacover serve``: gunicorn
with its defaults, one single-threaded worker per core; ``KETACOVER_BENCH_SERVER`` passes other
options), on SQLite and, when reachable, on PostgreSQL. Bounded: each run lasts a fixed number
of seconds; only 127.0.0.1.

Each page is measured "hot" (one URL again and again: what the page caches is reused) and
"rotating" (a wrk Lua script asks for a different URL on every request: the case page of each
of the 10,000 cases in turn; the dashboard with each of its filters in turn). The workers are
warmed up first (one case page and the dashboard), and each row says how busy each worker was.

The rotating case page is its first view on every request (nothing is drawn ahead or kept:
the case page draws its summary and one section on each view); a section of the case page at
its own URL (the calls) is measured rotating too.

Needs `wrk` (Debian package). Run through ``run.py`` (``run.py --web-only`` for these rows
alone) or ``python bench/web.py``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import psycopg

from generate import TODAY
from ketacover.core.stage import Stage

ROOT = Path(__file__).resolve().parent.parent
CASES = 10_000
CLIENTS = 20
SECONDS = 15
PORT = int(os.environ.get("KETACOVER_BENCH_PORT", "8799"))
"""The server's port on 127.0.0.1 (``KETACOVER_BENCH_PORT``: another, where several share a
machine)."""
POSTGRES_SERVER = os.environ.get("KETACOVER_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
BENCH_DATABASE = os.environ.get("KETACOVER_BENCH_DATABASE", "ketacover_bench")
"""The scratch database, created and dropped by each run (``KETACOVER_BENCH_DATABASE``: another
name, where several share a PostgreSQL server)."""
SERVER_OPTIONS = os.environ.get("KETACOVER_BENCH_SERVER", "").split()
"""Extra options for ``ketacover serve`` (e.g. ``--workers 2 --threads 4``); none: its defaults."""

Row = tuple[str, str, str]


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {**os.environ, "KETACOVER_DATA_DIR": str(data_dir), "KETACOVER_HTTPS": "0"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _load(env: dict[str, str]) -> tuple[str, list[int], str]:
    """Migrate, load the generated cases into one workspace; a session cookie, the cases' pks
    and a payer."""
    script = f"""
import sys, json
sys.path.insert(0, {str(ROOT / "bench")!r})
from ketacover.cli.server import setup_django
setup_django()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from datetime import date
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from ketacover.interop.casefile import case_from_data
from ketacover.web.accounts.models import Membership, Role, Workspace
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_create
from generate import make_cases
space, _ = Workspace.objects.get_or_create(name="Bench Clinic")
user, _ = User.objects.get_or_create(username="bench")
Membership.objects.get_or_create(workspace=space, user=user, defaults={{"role": Role.OWNER}})
if not CaseRecord.objects.filter(workspace=space).exists():
    today = date.fromisoformat({TODAY.isoformat()!r})
    with transaction.atomic():
        for data in make_cases({CASES}):
            case_create(user=user, workspace=space, case=case_from_data(data), today=today)
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "ketacover.web.accounts.backends.AccountBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
pks = list(CaseRecord.objects.filter(workspace=space).order_by("pk").values_list("pk", flat=True))
payer = CaseRecord.objects.filter(workspace=space).values_list("payer", flat=True).first()
print(json.dumps({{"session": session.session_key, "pks": pks, "payer": payer}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["session"], [int(pk) for pk in result["pks"]], str(result["payer"] or "")


def _latency_ms(out: str, percentile: str) -> float:
    match = re.search(rf"\s{percentile}%\s+([\d.]+)(us|ms|s)", out)
    if match is None:
        raise RuntimeError(f"wrk printed no {percentile}% latency")
    number, unit = float(match.group(1)), match.group(2)
    return number / 1000 if unit == "us" else number * 1000 if unit == "s" else number


ROTATE_SCRIPT = """
-- Each wrk thread walks the list of paths from its own starting point, one path per request.
local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end
function init(args)
  paths = {}
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  index = math.floor(offset * #paths / 2)
end
function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
"""
"""A wrk script that asks for a different path on every request (two threads, each from its
own half of the list, so no page is asked for twice in a row by the two threads)."""


def _wrk(
    base: str, session: str, paths: list[str], scratch: Path
) -> tuple[float, float, float, float, int]:
    """Requests/s, p50/p95/p99 latency in ms, and error responses, from one wrk run: the one
    path again and again, or (more than one path) each path in turn.

    wrk prints the 50/75/90/99th percentiles; p95 is interpolated between 90 and 99.
    """
    rotate: list[str] = []
    if len(paths) > 1:
        listing, script = scratch / "paths.txt", scratch / "rotate.lua"
        listing.write_text("\n".join(paths) + "\n")
        script.write_text(ROTATE_SCRIPT)
        rotate = ["-s", str(script)]
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CLIENTS}",
            f"-d{SECONDS}s",
            "--latency",
            "-H",
            f"Cookie: sessionid={session}",
            *rotate,
            base + paths[0],
            *([str(scratch / "paths.txt")] if rotate else []),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS + 60,
    ).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if rate is None:
        raise RuntimeError("wrk printed no rate")
    p90, p99 = _latency_ms(out, "90"), _latency_ms(out, "99")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*?(\d+) timeout", out)
    failed = (int(bad.group(1)) if bad else 0) + (int(errors.group(1)) if errors else 0)
    return float(rate.group(1)), _latency_ms(out, "50"), p90 + (p99 - p90) * 5 / 9, p99, failed


def _serve(env: dict[str, str]) -> subprocess.Popen[bytes]:
    exe = str(Path(sys.executable).with_name("ketacover"))
    server = subprocess.Popen(
        [exe, "serve", "--port", str(PORT), *SERVER_OPTIONS],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/accounts/login/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    os.killpg(server.pid, signal.SIGTERM)
    raise RuntimeError("the server did not start")


def _worker_seconds(server: int) -> dict[int, float]:
    """CPU seconds used so far by each worker process of the server (Linux ``/proc``). Shown
    per run: gunicorn's threaded workers keep a connection for good once one accepted it, so
    wrk's 20 connections, opened at once, can all land on one worker while the other idles."""
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(server)], capture_output=True, text=True, check=False
    ).stdout.split()
    found = {}
    for pid in (int(child) for child in children):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


WARM_UP_SECONDS = 4


def _warm_up(base: str, session: str, pks: list[int]) -> None:
    """Load every worker before measuring: the first case page a worker draws imports the
    rules, code tables and templates (about 3 s on these machines), which is start-up, not
    serving. One case page (the hot one) and the dashboard, results thrown away."""
    for path in (f"/cases/{pks[500]}/", "/"):
        subprocess.run(
            [
                *("wrk", "-t2", "-c8", f"-d{WARM_UP_SECONDS}s"),
                *("-H", f"Cookie: sessionid={session}", base + path),
            ],
            capture_output=True,
            check=True,
            timeout=WARM_UP_SECONDS + 60,
        )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _require_page(base: str, session: str, path: str) -> None:
    """Stop unless ``path`` answers 200 with a page for the bench's session: a redirect to the
    login page is fast and would count as a served page in wrk's figures."""
    request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={session}"})
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=30) as response:
            status, size = response.status, len(response.read())
    except urllib.error.HTTPError as error:
        status, size = error.code, 0
    if status != 200 or size < 10_000:
        raise RuntimeError(f"{path} answered {status} with {size} bytes, not the page")


def _patterns(pks: list[int], payer: str) -> list[tuple[str, list[str]]]:
    """What is asked for: each page "hot" (the same URL again and again) and "rotating" (the
    case page of every case in turn, each a first view; the calls section of every case in
    turn; the dashboard with each stage, payer and assignee filter in turn)."""
    filters = [
        f"/?{urlencode({'stage': stage, **extra})}"
        for stage in ["", *(s.value for s in Stage)]
        for extra in (
            {},
            {"assignee": "none"},
            {"payer": payer},
            {"payer": payer, "assignee": "none"},
        )
    ]
    return [
        ("Case page, hot (one case)", [f"/cases/{pks[500]}/"]),
        (f"Case page, rotating ({len(pks):,} cases), first view", [f"/cases/{pk}/" for pk in pks]),
        (
            f"Case page's calls section, rotating ({len(pks):,} cases)",
            [f"/cases/{pk}/section/calls/" for pk in pks],
        ),
        ("Dashboard, hot", ["/"]),
        (f"Dashboard, rotating ({len(filters)} filters)", filters),
    ]


def _row(
    name: str, label: str, server: int, base: str, session: str, paths: list[str], scratch: Path
) -> Row:
    """One pattern measured with wrk, as a row of the results table."""
    before = _worker_seconds(server)
    rate, p50, p95, p99, bad = _wrk(base, session, paths, scratch)
    after = _worker_seconds(server)
    cores = " + ".join(
        f"{(after[pid] - before.get(pid, 0.0)) / SECONDS:.1f}" for pid in sorted(after)
    )
    row = (
        f"{name}, {label}, {CASES:,} cases, {CLIENTS} clients",
        f"{rate:,.0f} req/s; p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms"
        + (f"; {bad} errors" if bad else "")
        + f"; workers busy {cores} cores",
        ">= 400 req/s, p95 < 100 ms",
    )
    print(f"| {' | '.join(row)} |", file=sys.stderr, flush=True)
    return row


def _measure(label: str, database_url: str | None) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(Path(tmp), database_url)
        session, pks, payer = _load(env)
        server = _serve(env)
        base = f"http://127.0.0.1:{PORT}"
        try:
            _warm_up(base, session, pks)
            for _, paths in _patterns(pks, payer):
                _require_page(base, session, paths[0])
            return [
                _row(name, label, server.pid, base, session, paths, Path(tmp))
                for name, paths in _patterns(pks, payer)
            ]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def measure() -> list[Row]:
    """The web rows of the results table."""
    if shutil.which("wrk") is None:
        return [("Web pages", "wrk not installed (apt-get install wrk)", "-")]
    rows = _measure("SQLite", None)
    try:
        with psycopg.connect(
            f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3
        ) as db:
            db.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
            db.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    except psycopg.Error:
        return [*rows, ("Web pages, PostgreSQL", "not reachable", "-")]
    try:
        return rows + _measure("PostgreSQL", f"{POSTGRES_SERVER}/{BENCH_DATABASE}")
    finally:
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as db:
            db.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")


if __name__ == "__main__":
    for name, result, goal in measure():
        print(f"| {name} | {result} | {goal} |")
