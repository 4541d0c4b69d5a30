"""The production server for the load and fault benchmarks (``load.py``, ``faults.py``).

What is here:

- a scratch database: a temporary data directory for SQLite, or a PostgreSQL database created
  for the run and dropped afterwards (never the ``test`` database);
- a generated workspace in it: synthetic cases (``generate.py``), real users with a password,
  and a few generated documents, built by this file run as a script in a child process (so the
  benchmark process itself never configures Django);
- ``ketacover serve`` (gunicorn) on a free loopback port, stopped with SIGTERM or killed with
  SIGKILL (the master and its workers at once);
- :class:`Browser`: one person's browser, a keep-alive HTTP/1.1 connection with cookies that fills
  in the app's real forms (CSRF token included) the way a browser submits them;
- the database check after a crash, also run as a child process: every acknowledged write
  present, each case's version matching its audited changes, and the database's own integrity
  checks (SQLite ``PRAGMA integrity_check`` and ``foreign_key_check``; PostgreSQL ``amcheck``
  on every B-tree index) plus a foreign-key check through Django's models on both.

Bounded and local: only 127.0.0.1, only scratch data.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
POSTGRES_SERVER = os.environ.get("KETACOVER_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
WORKSPACE = "Load Clinic"
KEEPALIVE_IDLE = 1.5
"""Seconds after which a kept-alive connection is opened afresh: gunicorn closes idle ones
after 2 s, and a request must never be sent on a connection the server is closing."""


# --- databases -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Database:
    """Where a run keeps its data: SQLite in the data directory, or a PostgreSQL URL."""

    label: str
    url: str | None


@contextlib.contextmanager
def scratch_database(kind: str, name: str) -> Iterator[Database]:
    """A fresh, empty database for one run, removed afterwards.

    ``kind`` is ``sqlite`` (the file lives in the run's temporary data directory) or
    ``postgres`` (database ``name`` is created on the local server and dropped at the end).
    """
    if kind == "sqlite":
        yield Database("SQLite", None)
        return
    import psycopg

    if name in {"test", "postgres", "template0", "template1"}:
        raise ValueError(f"{name}: not a scratch database name")
    admin = f"{POSTGRES_SERVER}/postgres"
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database("PostgreSQL", f"{POSTGRES_SERVER}/{name}")
    finally:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_reachable() -> bool:
    """Whether the local PostgreSQL server answers."""
    import psycopg

    try:
        psycopg.connect(f"{POSTGRES_SERVER}/postgres", connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def server_env(data_dir: Path, database: Database) -> dict[str, str]:
    """The environment of the server and of the child processes that prepare and check data."""
    env = {
        **os.environ,
        "KETACOVER_DATA_DIR": str(data_dir),
        "KETACOVER_HTTPS": "0",
        "KETACOVER_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if database.url:
        env["DATABASE_URL"] = database.url
    return env


# --- the generated workspace -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Workspace:
    """What the child process built: who can log in, and the cases and documents to visit."""

    password: str
    users: list[str]
    cases: list[int]
    """Case primary keys, in the order they were generated."""
    documents: list[tuple[int, int]]
    """(case pk, document pk) of the documents generated beforehand, to download."""
    seconds: float


def build_workspace(env: Mapping[str, str], *, cases: int, users: int, documents: int) -> Workspace:
    """Migrate and fill the database: ``cases`` generated cases, ``users`` staff logins (the
    first one the owner), and ``documents`` PDF documents."""
    out = subprocess.run(
        [
            sys.executable,
            str(Path(__file__)),
            "workspace",
            f"--cases={cases}",
            f"--users={users}",
            f"--documents={documents}",
        ],
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise RuntimeError(f"building the workspace failed:\n{out.stderr[-4000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return Workspace(
        password=data["password"],
        users=list(data["users"]),
        cases=[int(pk) for pk in data["cases"]],
        documents=[(int(a), int(b)) for a, b in data["documents"]],
        seconds=float(data["seconds"]),
    )


def _build(cases: int, users: int, documents: int) -> dict[str, Any]:
    """Runs in the child process, with Django configured from the environment."""
    started = time.perf_counter()
    sys.path.insert(0, str(HERE))
    from ketacover.cli.server import setup_django

    setup_django()
    from datetime import date

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import transaction

    from generate import TODAY, make_cases
    from ketacover.interop.casefile import case_from_data
    from ketacover.web.accounts.models import Membership, Role
    from ketacover.web.accounts.models import Workspace as WorkspaceModel
    from ketacover.web.cases.models import CaseRecord
    from ketacover.web.cases.services import case_create, document_generate

    call_command("migrate", interactive=False, verbosity=0)
    password = secrets.token_urlsafe(18)
    names = [f"load-{i:02d}" for i in range(users)]
    with transaction.atomic():
        space = WorkspaceModel.objects.create(name=WORKSPACE)
        owner = User(username=names[0], email=f"{names[0]}@example.org")
        owner.set_password(password)
        owner.save()
        # One Argon2 hash for everyone: hashing fifty times would only slow the set-up down.
        people = [owner]
        for name in names[1:]:
            person = User(username=name, email=f"{name}@example.org", password=owner.password)
            person.save()
            people.append(person)
        for person in people:
            role = Role.OWNER if person is owner else Role.STAFF
            Membership.objects.create(workspace=space, user=person, role=role)
        today = date.fromisoformat(TODAY.isoformat())
        for data in make_cases(cases):
            case_create(user=owner, workspace=space, case=case_from_data(data), today=today)
    pks = list(
        CaseRecord.objects.filter(workspace=space).order_by("pk").values_list("pk", flat=True)
    )
    made: list[tuple[int, int]] = []
    for pk in pks[: documents * 3]:
        if len(made) == documents:
            break
        record = CaseRecord.objects.get(pk=pk)
        with contextlib.suppress(Exception):
            document = document_generate(
                user=owner, record=record, kind="clinical-summary", fmt="pdf", today=today
            )
            made.append((pk, document.pk))
    return {
        "password": password,
        "users": names,
        "cases": pks,
        "documents": made,
        "seconds": time.perf_counter() - started,
    }


# --- the server --------------------------------------------------------------------------------


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _group_members(group: int) -> list[int]:
    """Live (not zombie) processes of process group ``group``, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[2]) == group:
            found.append(int(entry.name))
    return found


class Server:
    """``ketacover serve`` (gunicorn: a master and its workers) on a loopback port, in its own
    process group so one signal reaches them all. Its output goes to ``log``."""

    def __init__(
        self,
        env: Mapping[str, str],
        log: Path,
        *,
        port: int,
        workers: int | None = None,
        threads: int | None = None,
    ) -> None:
        """``workers`` and ``threads`` left out use ``ketacover serve``'s defaults (one
        single-threaded worker per core)."""
        self.env = dict(env)
        self.log = log
        self.port = port
        self.workers = workers
        self.threads = threads
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> float:
        """Start the server; the seconds until it answered its login page."""
        exe = str(Path(sys.executable).with_name("ketacover"))
        started = time.perf_counter()
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [
                    exe,
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    *(["--workers", str(self.workers)] if self.workers else []),
                    *(["--threads", str(self.threads)] if self.threads else []),
                ],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                cwd=ROOT,
            )
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the server exited with {self.process.returncode}; see {self.log}"
                )
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/accounts/login/")
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("the server did not answer in time")

    def processes(self) -> list[int]:
        """The master and the workers now running."""
        return [] if self.process is None else _group_members(self.process.pid)

    def kill(self) -> int:
        """SIGKILL the master and every worker at once; how many processes were killed."""
        if self.process is None:
            return 0
        victims = self.processes()
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while _group_members(self.process.pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        if _group_members(self.process.pid):
            raise RuntimeError("server processes survived SIGKILL")
        self.process = None
        return len(victims)

    def stop(self) -> None:
        """Stop gracefully (SIGTERM), killing whatever is left after 30 s."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None


_RECORD = re.compile(r"^(\d{1,3}(\.\d{1,3}){3} - |\[\d{4}-|[A-Z][a-z]+( [A-Za-z]+)*: /)")
"""The first line of a log record: an access-log line, a gunicorn line, or Django's
``Internal Server Error: /path``."""


def server_problems(log: Path) -> dict[str, int]:
    """What the server's log says went wrong: 5xx in the access log, errors logged with a
    traceback (a chain of exceptions counts once, under its last exception), SQLite's ``database
    is locked``, and worker timeouts."""
    counts = {"5xx": 0, "tracebacks": 0, "database is locked": 0, "worker timeouts": 0}
    if not log.exists():
        return counts
    in_traceback = False
    pending: str | None = None

    def settle() -> None:
        nonlocal pending
        if pending is not None:
            counts[pending] = counts.get(pending, 0) + 1
            counts["tracebacks"] += 1
            pending = None

    for line in log.read_text(errors="replace").splitlines():
        parts = line.split('"')
        if len(parts) >= 3 and parts[2].strip()[:1] == "5":
            counts["5xx"] += 1
        if line.startswith(("The above exception", "During handling")):
            pending = None
        elif line.startswith("Traceback"):
            settle()
            in_traceback = True
        elif in_traceback and line[:1] not in {" ", ""}:
            pending = "exception: " + line.split(":")[0].strip()[:80]
            in_traceback = False
        elif _RECORD.match(line):
            settle()
        if "database is locked" in line:
            counts["database is locked"] += 1
        if "WORKER TIMEOUT" in line:
            counts["worker timeouts"] += 1
    settle()
    return counts


# --- the browser -------------------------------------------------------------------------------


@dataclass(slots=True)
class Reply:
    """One response: status, headers (names in lower case), body, the seconds it took and when
    it was sent."""

    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float
    started: float = 0.0
    """When the request was sent (``time.perf_counter``)."""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return urllib.parse.urlsplit(self.headers.get("location", "")).path


@dataclass(slots=True)
class Form:
    """A form as the page draws it: where it posts, how it is encoded, and its fields with the
    values a browser would submit untouched (checked boxes, selected options, typed text)."""

    action: str
    multipart: bool
    fields: dict[str, str] = field(default_factory=dict)


class _Forms(HTMLParser):
    """Collects every ``<form>`` of a page with its fields."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(
                action=a.get("action", ""), multipart="multipart" in a.get("enctype", "")
            )
            self.forms.append(self._form)
        form = self._form
        if form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            form.fields[name] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
                form.fields.setdefault(self._select, value)
            if "selected" in a:
                form.fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            form.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea is not None:
            self._form.fields[self._textarea] += data.removeprefix("\n")


def forms_of(html: str) -> list[Form]:
    """Every form on a page."""
    parser = _Forms()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_posting_to(html: str, action: str) -> Form:
    """The form of the page that posts to ``action`` (a path)."""
    for form in forms_of(html):
        if form.action == action:
            return form
    raise LookupError(f"no form posts to {action}")


def _multipart(fields: Mapping[str, str]) -> tuple[bytes, str]:
    boundary = "----ketacover-bench-" + secrets.token_hex(12)
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode("utf-8"), f"multipart/form-data; boundary={boundary}"


class Browser:
    """One person's browser on loopback: a kept-alive connection, cookies, and forms filled in
    and submitted like a browser does (the CSRF token comes from the form itself; the ``Origin``
    header is sent on posts). Redirects are not followed by themselves."""

    def __init__(self, port: int, *, timeout: float = 120.0) -> None:
        self.port = port
        self.timeout = timeout
        self.origin = f"http://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}
        self._connection: http.client.HTTPConnection | None = None
        self._last_used = 0.0

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _open(self) -> http.client.HTTPConnection:
        if self._connection is not None and time.monotonic() - self._last_used > KEEPALIVE_IDLE:
            self.close()
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=self.timeout
            )
        return self._connection

    def _remember(self, headers: list[str]) -> None:
        for header in headers:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def send(
        self,
        method: str,
        path: str,
        *,
        fields: Mapping[str, str] | None = None,
        multipart: bool = False,
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
    ) -> Reply:
        """One request; connection errors are raised (and the connection dropped). ``body``
        is sent as it is (with the caller's ``Content-Type`` header) when no ``fields`` are."""
        sent: dict[str, str] = {"Accept": "text/html,application/json", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if fields is not None:
            if multipart:
                body, sent["Content-Type"] = _multipart(fields)
            else:
                body = urllib.parse.urlencode(fields).encode("ascii")
                sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = self.origin
        connection = self._open()
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
        except BaseException:
            self.close()
            raise
        seconds = time.perf_counter() - started
        self._last_used = time.monotonic()
        self._remember(response.headers.get_all("Set-Cookie") or [])
        if response.will_close:
            self.close()
        names = {k.lower(): v for k, v in response.headers.items()}
        return Reply(response.status, names, content, seconds, started)

    def get(self, path: str, headers: Mapping[str, str] | None = None) -> Reply:
        return self.send("GET", path, headers=headers)

    def submit(
        self,
        form: Form,
        changes: Mapping[str, str],
        *,
        htmx: bool = False,
    ) -> Reply:
        """Submit ``form`` with the fields a person changed; as htmx does, when ``htmx``."""
        fields = {**form.fields, **changes}
        headers = {"HX-Request": "true"} if htmx else None
        return self.send(
            "POST", form.action, fields=fields, multipart=form.multipart, headers=headers
        )

    def login(self, username: str, password: str) -> Reply:
        """Log in through the login page; the reply to the post (302 when it worked)."""
        page = self.get("/accounts/login/")
        form = forms_of(page.text)[-1]
        form.action = form.action or "/accounts/login/"
        return self.submit(form, {"username": username, "password": password})


# --- the check after a crash -------------------------------------------------------------------


def check_database(
    env: Mapping[str, str], expected: Mapping[str, Any], scratch: Path
) -> dict[str, Any]:
    """Check the database from a child process: the acknowledged writes in ``expected``
    (``calls``: [case pk, reference]; ``cases``: [pk, case id]; ``in_doubt_calls`` and
    ``in_doubt_cases`` likewise, for writes sent but never answered, cases looked up by case
    id), the audit trail against each case's version, and integrity."""
    request = scratch / f"expected-{secrets.token_hex(4)}.json"
    request.write_text(json.dumps(expected))
    out = subprocess.run(
        [sys.executable, str(Path(__file__)), "check", str(request)],
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    request.unlink()
    if out.returncode != 0:
        raise RuntimeError(f"the database check failed to run:\n{out.stderr[-4000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _check(path: Path) -> dict[str, Any]:
    """Runs in the child process, with Django configured from the environment."""
    from ketacover.cli.server import setup_django

    setup_django()
    from django.apps import apps
    from django.db import connection
    from django.db.models import Count, ForeignKey

    from ketacover.web.audit.models import Action, AuditEvent
    from ketacover.web.cases.models import CaseRecord

    expected = json.loads(path.read_text())
    space = CaseRecord.objects.filter(workspace__name=WORKSPACE)

    def calls_present(pairs: list[list[Any]]) -> int:
        wanted: dict[int, set[str]] = {}
        for pk, reference in pairs:
            wanted.setdefault(int(pk), set()).add(str(reference))
        found = 0
        for record in space.filter(pk__in=wanted).only("pk", "data"):
            stored = {str(c.get("reference")) for c in record.data.get("calls", [])}
            found += len(wanted[record.pk] & stored)
        return found

    def cases_present(pairs: list[list[Any]]) -> int:
        stored = set(space.filter(pk__in=[p for p, _ in pairs]).values_list("pk", "case_id"))
        return sum((int(pk), str(case_id)) in stored for pk, case_id in pairs)

    # All or nothing: each case's version is one more than its audited changes, and every case
    # has its audited creation (the audit row is written in the same transaction as the change).
    updates = dict(
        AuditEvent.objects.filter(object_type="case", action=Action.UPDATE, detail__has_key="added")
        .values_list("object_id")
        .annotate(n=Count("id"))
        .values_list("object_id", "n")
    )
    created = set(
        AuditEvent.objects.filter(object_type="case", action=Action.CREATE).values_list(
            "object_id", flat=True
        )
    )
    mismatched = 0
    unaudited = 0
    for pk, version in space.values_list("pk", "version"):
        if updates.get(str(pk), 0) != version - 1:
            mismatched += 1
        if str(pk) not in created:
            unaudited += 1

    # Every foreign key points at a row that exists, checked through the models.
    dangling = 0
    for model in apps.get_models():
        for fk in model._meta.concrete_fields:
            if not isinstance(fk, ForeignKey) or not getattr(fk, "db_constraint", True):
                continue
            target = fk.remote_field.model
            keys = target._default_manager.values(fk.target_field.attname)
            dangling += (
                model._default_manager.exclude(**{f"{fk.attname}__isnull": True})
                .exclude(**{f"{fk.attname}__in": keys})
                .count()
            )

    integrity: list[str] = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA integrity_check")
            integrity += [f"integrity_check: {row[0]}" for row in cursor.fetchall()]
            cursor.execute("PRAGMA foreign_key_check")
            problems = cursor.fetchall()
            integrity.append(f"foreign_key_check: {len(problems)} rows")
            ok = integrity[0] == "integrity_check: ok" and not problems
        else:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
            cursor.execute(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE a.amname = 'btree' AND n.nspname = 'public'"
            )
            indexes = [row[0] for row in cursor.fetchall()]
            for index in indexes:
                cursor.execute("SELECT bt_index_check(%s::regclass, true)", [index])
            integrity.append(f"amcheck bt_index_check (heapallindexed): {len(indexes)} indexes ok")
            ok = True
    return {
        "calls": calls_present(expected.get("calls", [])),
        "cases": cases_present(expected.get("cases", [])),
        "in_doubt_calls": calls_present(expected.get("in_doubt_calls", [])),
        "in_doubt_cases": space.filter(
            case_id__in=[case_id for _, case_id in expected.get("in_doubt_cases", [])]
        ).count(),
        "case_rows": space.count(),
        "version_audit_mismatches": mismatched,
        "cases_without_audit": unaudited,
        "dangling_foreign_keys": dangling,
        "integrity": integrity,
        "integrity_ok": ok and dangling == 0 and mismatched == 0 and unaudited == 0,
    }


def _main() -> None:
    parser = argparse.ArgumentParser(description="Child-process commands of the load benches.")
    commands = parser.add_subparsers(dest="command", required=True)
    workspace = commands.add_parser("workspace", help="migrate and generate the workspace")
    workspace.add_argument("--cases", type=int, required=True)
    workspace.add_argument("--users", type=int, required=True)
    workspace.add_argument("--documents", type=int, default=20)
    check = commands.add_parser("check", help="check acknowledged writes and integrity")
    check.add_argument("expected", type=Path)
    args = parser.parse_args()
    if args.command == "workspace":
        result = _build(args.cases, args.users, args.documents)
    else:
        result = _check(args.expected)
    print(json.dumps(result))


if __name__ == "__main__":
    _main()
