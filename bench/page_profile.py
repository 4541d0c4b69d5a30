"""In-process profile of the case page and the dashboard: the demo examples (and optionally
generated cases) in a temporary SQLite database, a logged-in test client, the median time of
each page over a number of requests, the queries each page runs, and the top Python costs.

Run ``python bench/page_profile.py [--cases N] [--top K]`` from the repository root.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REQUESTS = 30


def _setup(extra_cases: int) -> tuple[object, int]:
    os.environ["KETACOVER_DATA_DIR"] = tempfile.mkdtemp(prefix="ketacover-profile-")
    os.environ.setdefault("KETACOVER_SECRET_KEY", "ketacover-profile-only-key-0123456789abcdef")
    os.environ["KETACOVER_HTTPS"] = "0"
    os.environ.pop("DATABASE_URL", None)
    from ketacover.cli.server import DEMO_PASSWORD, DEMO_USER, _load_demo, setup_django

    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", interactive=False, verbosity=0)
    examples = sorted((ROOT.parent / "examples").glob("*.y*ml"))
    _load_demo(examples)

    from django.contrib.auth.models import User
    from django.db import transaction
    from django.test import Client

    from ketacover.web.accounts.models import Workspace
    from ketacover.web.cases.models import CaseRecord

    space = Workspace.objects.get(name="Demo Clinic")
    if extra_cases:
        sys.path.insert(0, str(ROOT))
        from generate import TODAY, make_cases
        from ketacover.interop.casefile import case_from_data
        from ketacover.web.cases.services import case_create

        staff = User.objects.get(username=DEMO_USER)
        with transaction.atomic():
            for data in make_cases(extra_cases):
                case_create(user=staff, workspace=space, case=case_from_data(data), today=TODAY)
    client = Client()
    assert client.login(username=DEMO_USER, password=DEMO_PASSWORD)
    # The richest demo case: the one with the most events in its document.
    records = CaseRecord.objects.filter(workspace=space).order_by("pk")[: len(examples)]
    pk = max(records, key=lambda r: len(str(r.data))).pk
    return client, pk


def _median_ms(client: object, url: str, count: int) -> float:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def _queries(client: object, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def _profile(client: object, url: str, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=0, help="generated cases to add")
    parser.add_argument("--top", type=int, default=25, help="profile rows to print")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    client, pk = _setup(args.cases)
    from django.urls import reverse

    pages = {"case page": reverse("cases:detail", args=[pk]), "dashboard": reverse("dashboard")}
    for name, url in pages.items():
        client.get(url)  # warm up (templates, rules)
        ms = _median_ms(client, url, REQUESTS)
        size = len(client.get(url).content)
        print(
            f"{name}: median {ms:.1f} ms over {REQUESTS}, {_queries(client, url)} queries, "
            f"{size} bytes"
        )
    if not args.no_profile:
        for name, url in pages.items():
            print(f"\n===== {name} =====")
            print(_profile(client, url, args.top))


if __name__ == "__main__":
    main()
