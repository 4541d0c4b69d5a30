"""``ketacover migrate | createuser | demo | serve``: run the web app.

The web app keeps its data (the SQLite database, the secret key) in ``KETACOVER_DATA_DIR``
(default ``./var``), or in PostgreSQL when ``DATABASE_URL`` is set.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketacover.cli.edge import edge, fail, stdout

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.handlers.wsgi import WSGIHandler

DEMO_USER = "demo"
DEMO_PASSWORD = "ketacover-demo"
DEMO_PATIENT = "patient"
EXAMPLES_WRITTEN_FOR = date(2026, 11, 23)
"""The day the example cases are written for: their header comments and golden files describe
what ketacover concludes on it (tests/examples)."""


def _data_dir() -> Path:
    return Path(os.environ.get("KETACOVER_DATA_DIR") or Path.cwd() / "var").resolve()


def _ensure_data_dir() -> None:
    """Create the data directory and, on first run, a random secret key in it (mode 0600)."""
    directory = _data_dir()
    (directory / "static").mkdir(parents=True, exist_ok=True)
    if os.environ.get("KETACOVER_SECRET_KEY") or os.environ.get("KETACOVER_SECRET_KEY_FILE"):
        return
    key = directory / "secret_key"
    if not key.exists():
        descriptor = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as stream:
            import secrets

            stream.write(secrets.token_urlsafe(50))


def setup_django() -> None:
    """Configure Django for the command line (settings from the environment)."""
    _ensure_data_dir()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketacover.web.settings")
    import django

    from ketacover.web.env import SettingError

    try:
        django.setup()
    except SettingError as error:
        raise fail(str(error)) from None


@edge
def migrate() -> None:
    """Create or update the database tables."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


@edge
def createuser(
    username: Annotated[str, typer.Argument(help="Login name.")],
    workspace: Annotated[str, typer.Option(help="Workspace name (created if new).")],
    role: Annotated[str, typer.Option(help="owner, staff or prescriber.")] = "staff",
    email: Annotated[str, typer.Option(help="E-mail address.")] = "",
) -> None:
    """Create a user in a workspace; the password is asked for (or read from standard input)."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from ketacover.web.accounts.models import Membership, Role, Workspace

    if role not in {Role.OWNER, Role.STAFF, Role.PRESCRIBER}:
        raise fail("--role: use owner, staff or prescriber (patients join through an invitation)")
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        raise fail(f"{username}: a user with that name already exists")
    password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        validate_password(password, users(username=username, email=email))
    except ValidationError as error:
        raise fail("password: " + " ".join(error.messages)) from None
    with transaction.atomic():
        space, _ = Workspace.objects.get_or_create(name=workspace)
        user = users.objects.create_user(username=username, email=email, password=password)
        Membership.objects.create(workspace=space, user=user, role=role)
    stdout().print(f"created {username} as {role} in {workspace}")


@edge
def demo(
    examples: Annotated[
        Path, typer.Argument(help="A folder of case files to load (the repository's examples/).")
    ] = Path("examples"),
    as_written: Annotated[
        bool,
        typer.Option(
            "--as-written",
            help="Keep the cases' dates as written instead of moving them to around today.",
        ),
    ] = False,
) -> None:
    """Load a demo workspace: a clinic with the example cases, a staff login and a patient login.

    The example cases are written for 2026-11-23; their dates are moved forward by whole weeks
    so that, on the day the demo is loaded, each case shows what it shows on that day: past
    events, work due now and deadlines ahead (``--as-written`` keeps them). Running it again
    replaces the demo workspace's cases with fresh copies.
    """
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    files = sorted(p for p in examples.glob("*.y*ml") if p.is_file()) if examples.is_dir() else []
    if not files:
        raise fail(f"{examples}: no case files found (give the folder of example cases)")
    from django.utils import timezone

    from ketacover.core.model.timeshift import weeks_between

    today = timezone.localdate()
    weeks = 0 if as_written else weeks_between(EXAMPLES_WRITTEN_FOR, today)
    count = _load_demo(files, today=today, days=7 * weeks)
    console = stdout()
    console.print(f"Demo workspace ready: {count} cases.")
    if weeks:
        console.print(
            f"Dates moved {abs(weeks)} week{'s' if abs(weeks) != 1 else ''} "
            f"{'forward' if weeks > 0 else 'back'} so the cases sit around today "
            f"(written for {EXAMPLES_WRITTEN_FOR.isoformat()})."
        )
    console.print(f"Staff login:   {DEMO_USER} / {DEMO_PASSWORD}")
    console.print(f"Patient login: {DEMO_PATIENT} / {DEMO_PASSWORD} (sees one case only)")


def _load_demo(files: list[Path], *, today: date, days: int) -> int:
    from django.db import transaction

    from ketacover.core.model.timeshift import shifted
    from ketacover.interop.casefile import load_case
    from ketacover.web.accounts.models import Membership, Role, Workspace
    from ketacover.web.cases.services import case_create

    with transaction.atomic():
        space, _ = Workspace.objects.get_or_create(name="Demo Clinic")
        space.cases.all().delete()
        staff = _demo_user(DEMO_USER, "demo@example.org")
        patient = _demo_user(DEMO_PATIENT, "patient@example.org")
        Membership.objects.update_or_create(
            workspace=space, user=staff, defaults={"role": Role.OWNER, "case": None}
        )
        records = [
            case_create(
                user=staff, workspace=space, case=shifted(load_case(path), days), today=today
            )
            for path in files
        ]
        Membership.objects.update_or_create(
            workspace=space, user=patient, defaults={"role": Role.PATIENT, "case": records[0]}
        )
    return len(records)


def _demo_user(username: str, email: str) -> User:
    from django.contrib.auth.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


@edge
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: one per CPU core).")
    ] = None,
    threads: Annotated[int, typer.Option(min=1, help="Threads per worker.")] = 1,
) -> None:
    """Serve the web app with gunicorn (a production WSGI server).

    One single-threaded worker per core by default: the pages are CPU-bound, and a threaded
    worker keeps every keep-alive connection it accepts, leaving other workers idle (measured in
    bench/README.md). Serve it behind a buffering reverse proxy (which also terminates TLS), or
    raise ``--threads`` when slow clients reach it directly.
    """
    if workers is None:
        workers = os.cpu_count() or 2
    if workers < 1:
        raise fail("--workers: must be at least 1")
    setup_django()
    from django.db import Error as DatabaseError
    from gunicorn.app.base import BaseApplication

    try:
        from ketacover.web.wsgi import application
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise fail(f"database: {reason or type(error).__name__} (check DATABASE_URL)") from None

    class Server(BaseApplication):  # type: ignore[misc]  # gunicorn is untyped
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("accesslog", "-")
            # No query strings (search text), secret links or credentials in the log.
            self.cfg.set("logger_class", "ketacover.web.access_log.AccessLogger")

        def load(self) -> WSGIHandler:
            return application

    stdout().print(f"ketacover is serving on http://{host}:{port}/ (Ctrl-C to stop)")
    Server().run()
